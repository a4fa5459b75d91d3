// The sidecar writes still under way, so that deactivate() can wait for them: with Node's fs they finish while the
// extension host shuts down, and a window closed or reloaded right after an edit loses nothing. One per activation:
// extension.ts makes it and hands it to the annotation store, which counts every change it writes here.

export class PendingWrites {
  private readonly pending = new Set<Promise<unknown>>();

  /** Counts a write as under way until it settles. */
  track<T>(write: Promise<T>): Promise<T> {
    this.pending.add(write);
    const done = () => this.pending.delete(write);
    write.then(done, done);
    return write;
  }

  /** Resolves when every write counted here has settled, including writes counted meanwhile. */
  async settled(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  /** How many writes are under way. */
  get size(): number {
    return this.pending.size;
  }
}
