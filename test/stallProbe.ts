// The one stall probe: the longest gaps between turns of this thread's event loop, measured by a 5 ms timer. The
// benchmarks, the unit tests and the real-VS Code suites (in the extension host) all measure stalls with it, and
// make their big test articles with article().
//
// SEED_PROFILE_STALLS=DIR also records a CPU profile of the thread while the probe runs and writes it to DIR (open it
// in Chrome DevTools, or summarise it with scripts/stall-profile.mjs): what ran during the longest gap.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

/** One gap between timer ticks: its length and when it ended, in ms from the probe's start. */
export interface Stall {
  ms: number;
  at: number;
  /**
   * With `{ busy: true }`, where the system tells (Linux): of `ms`, the time the thread was running on a core
   * (script, collector, native code), from the kernel's count of the thread's CPU time. The rest it waited: idle in
   * its event loop, or runnable but waiting for the operating system to give it a core. On a machine with more
   * runnable threads than cores (a browser, a server and the analysis pool beside the host), a timer due in 5 ms can
   * wait 100 ms for a core while the extension holds nothing.
   */
  busyMs?: number;
}

export interface StallProbe {
  /** Stops the probe; the longest gaps first (at least one entry: the gap up to now). */
  stop(): Stall[];
}

export interface StallProbeOptions {
  /** Give each gap its busy time (see Stall.busyMs). */
  busy?: boolean;
}

const TICK_MS = 5;
/** Gaps kept: the longest few say where a stall came from; the rest are ticks. */
const KEEP = 5;
/** With busy times, every gap at least this long is kept too: a shorter gap can hold more work than a longer, idle one. */
const BUSY_KEPT_MS = 20;
const MAX_KEPT = 1000;

/** Starts measuring; `name` names the CPU profile when SEED_PROFILE_STALLS is set. */
export function startStallProbe(name = 'stalls', options: StallProbeOptions = {}): StallProbe {
  // The profiler first: starting it holds the thread for a while, which is not a stall of what is measured.
  const profiler = startProfiler(name);
  const cpuMs = options.busy ? threadCpuClock() : undefined;
  const t0 = performance.now();
  let last = t0;
  let lastCpu = cpuMs?.() ?? 0;
  let gaps: Stall[] = [];
  // The longest KEEP gaps, and with busy times every gap at least BUSY_KEPT_MS long.
  const trim = () => gaps.sort((a, b) => b.ms - a.ms).filter((g, i) => i < KEEP || (options.busy && g.ms >= BUSY_KEPT_MS)).slice(0, MAX_KEPT);
  const record = (now: number) => {
    const gap: Stall = { ms: now - last, at: now - t0 };
    if (cpuMs) {
      const cpu = cpuMs();
      gap.busyMs = Math.min(gap.ms, cpu - lastCpu);
      lastCpu = cpu;
    }
    gaps.push(gap);
    last = now;
    if (gaps.length > 4 * KEEP + 200) gaps = trim();
  };
  const timer = setInterval(() => record(performance.now()), TICK_MS);
  return {
    stop() {
      clearInterval(timer);
      record(performance.now());
      const kept = trim();
      profiler?.stop(kept);
      return kept;
    },
  };
}

/** The longest gaps, for a log line: "133 ms at 1.4 s (running 12 ms)". */
export function describeStalls(stalls: readonly Stall[], count = KEEP): string {
  return stalls
    .slice(0, count)
    .map((g) => `${g.ms.toFixed(0)} ms at ${(g.at / 1000).toFixed(1)} s${g.busyMs === undefined ? '' : ` (running ${g.busyMs.toFixed(0)} ms)`}`)
    .join(', ');
}

/** How long the thread ran in a gap: its busy time where the system tells, else the whole gap. */
export function heldMs(stall: Stall): number {
  return stall.busyMs ?? stall.ms;
}

/** The gap in which the thread ran longest (see heldMs). */
export function busiest(stalls: readonly Stall[]): Stall {
  return stalls.reduce((a, b) => (heldMs(b) > heldMs(a) ? b : a));
}

/** The longest gap between event-loop turns while `work` runs, and how long it ran. */
export async function longestStall<T>(work: () => Promise<T>, name?: string, options: StallProbeOptions = {}): Promise<{ value: T; stallMs: number; totalMs: number; stalls: Stall[] }> {
  const started = performance.now();
  const probe = startStallProbe(name, options);
  let worst: Stall[] = [];
  try {
    const value = await work();
    worst = probe.stop();
    return { value, stallMs: worst[0].ms, totalMs: performance.now() - started, stalls: worst };
  } finally {
    if (!worst.length) probe.stop();
  }
}

/** An article of about `bytes`: a headline, then one quoted, attributed sentence over and over. */
export function article(bytes: number): string {
  const sentence = 'The council met on Friday and approved the budget for the harbour. “We are ready,” Ana Ortiz said.\n';
  // Joined, not `repeat`ed: repeat builds a rope of a few hundred thousand pieces, which the first slice or post
  // must flatten (over 300 ms for 20 MB). The extension's texts are flat: TextDocument.getText() joins its lines, and
  // files are decoded in one piece.
  return ['Head\n', ...new Array<string>(Math.ceil(bytes / sentence.length)).fill(sentence)].join('');
}

/**
 * This thread's CPU time in ms, read from the kernel (/proc/thread-self/schedstat: nanoseconds on a core), or
 * undefined where there is no such file (not Linux).
 */
export function threadCpuClock(): (() => number) | undefined {
  const file = '/proc/thread-self/schedstat';
  const read = () => Number(readFileSync(file, 'latin1').split(' ', 1)[0]) / 1e6;
  try {
    return Number.isFinite(read()) ? read : undefined;
  } catch {
    return undefined;
  }
}

function startProfiler(name: string): { stop(worst: Stall[]): void } | undefined {
  const dir = typeof process !== 'undefined' ? process.env.SEED_PROFILE_STALLS : undefined;
  if (!dir) return undefined;
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 500 });
  session.post('Profiler.start');
  return {
    stop(worst) {
      session.post('Profiler.stop', (error, result) => {
        session.disconnect();
        if (error) return;
        mkdirSync(dir, { recursive: true });
        const file = join(dir, `${name.replace(/[^\w.-]+/g, '-')}-${Date.now()}.cpuprofile`);
        writeFileSync(file, JSON.stringify(result.profile));
        // The profile starts within a millisecond of the probe: a gap's `at` is its end from the profile's start.
        writeFileSync(`${file}.stalls.json`, JSON.stringify(worst));
      });
    },
  };
}
