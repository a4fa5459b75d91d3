// The background passes' loop (claims, sources): a request to scan waits a short pause (a burst of file events is one
// scan), a scan asked for while one runs is run once more when it ends (never two at a time, never lost), and a
// scan's failure goes to the log without stopping later ones. No `vscode` import, so unit tests drive it.

export class ScanScheduler {
  private running: Promise<void> | undefined;
  private again = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private ranOnce = false;
  private disposed = false;

  constructor(
    /** One pass over the workspace. */
    private readonly scanOnce: () => Promise<void>,
    private readonly onError: (error: unknown) => void,
    /** After the last of a run of scans (also after a failed one). */
    private readonly onSettled: () => void = () => undefined,
  ) {}

  /** True once a scan has finished. */
  get isReady(): boolean {
    return this.ranOnce;
  }

  get isScanning(): boolean {
    return this.running !== undefined;
  }

  /** A scan after `delayMs` (a later request restarts the pause). */
  schedule(delayMs = 200): void {
    if (this.disposed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.run();
    }, delayMs);
  }

  /** A scan now, or once more after the one running. */
  run(): void {
    if (this.disposed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => (this.running = undefined));
  }

  /** Resolves when no scan runs (the first one started if none ever ran). */
  async settled(): Promise<void> {
    if (!this.ranOnce && !this.running && !this.disposed) this.run();
    while (this.running) await this.running;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.scanOnce();
      } catch (error) {
        this.onError(error);
      }
    } while (this.again && !this.disposed);
    this.ranOnce = true;
    if (!this.disposed) this.onSettled();
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
