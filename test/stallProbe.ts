// The one stall probe: the longest gaps between turns of this thread's event loop, measured by a 5 ms timer. The
// benchmarks, the unit tests and the real-VS Code suites (in the extension host) all measure stalls with it, and
// make their big test articles with article().
//
// SEED_PROFILE_STALLS=DIR also records a CPU profile of the thread while the probe runs and writes it to DIR (open it
// in Chrome DevTools, or summarise it with scripts/stall-profile.mjs): what ran during the longest gap.
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session, type Profiler } from 'node:inspector';
import { join } from 'node:path';

/** One gap between timer ticks: its length and when it ended, in ms from the probe's start. */
export interface Stall {
  ms: number;
  at: number;
  /**
   * With `{ busy: true }`: of `ms`, the time the thread was running (script, collector, native code), from a CPU
   * profile. The rest it sat idle in its event loop, waiting for the operating system to run it: on a machine with
   * more runnable threads than cores (a browser, a server and the analysis pool beside the host), a timer due in
   * 5 ms can wait 100 ms for a core while the extension holds nothing.
   */
  busyMs?: number;
}

export interface StallProbe {
  /** Stops the probe; the longest gaps first (at least one entry: the gap up to now). */
  stop(): Stall[];
}

export interface StallProbeOptions {
  /** Profile the thread while the probe runs and give each gap its busy time (see Stall.busyMs). */
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
  const profiler = startProfiler(name, options.busy === true);
  const t0 = performance.now();
  let last = t0;
  let gaps: Stall[] = [];
  const trim = () => {
    const sorted = gaps.sort((a, b) => b.ms - a.ms);
    const long = options.busy ? sorted.findIndex((g) => g.ms < BUSY_KEPT_MS) : -1;
    return sorted.slice(0, Math.min(MAX_KEPT, Math.max(KEEP, long < 0 && options.busy ? sorted.length : long)));
  };
  const record = (now: number) => {
    gaps.push({ ms: now - last, at: now - t0 });
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
      return kept.slice(0, options.busy ? kept.length : KEEP);
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

/** The gap whose busy time is longest (the probe must have been started with `{ busy: true }`). */
export function busiest(stalls: readonly Stall[]): Stall {
  return stalls.reduce((a, b) => ((b.busyMs ?? b.ms) > (a.busyMs ?? a.ms) ? b : a));
}

/** The longest gap between event-loop turns while `work` runs, and how long it ran. */
export async function longestStall<T>(work: () => Promise<T>, name?: string): Promise<{ value: T; stallMs: number; totalMs: number }> {
  const started = performance.now();
  const probe = startStallProbe(name);
  let worst: Stall[] = [];
  try {
    const value = await work();
    worst = probe.stop();
    return { value, stallMs: worst[0].ms, totalMs: performance.now() - started };
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

function startProfiler(name: string, busy: boolean): { stop(worst: Stall[]): void } | undefined {
  const dir = typeof process !== 'undefined' ? process.env.SEED_PROFILE_STALLS : undefined;
  if (!dir && !busy) return undefined;
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 500 });
  session.post('Profiler.start');
  return {
    stop(worst) {
      // The in-thread session answers synchronously: busy times are set before stop() returns.
      session.post('Profiler.stop', (error, result) => {
        session.disconnect();
        if (error) return;
        if (busy) setBusyTimes(result.profile, worst);
        if (!dir) return;
        mkdirSync(dir, { recursive: true });
        const file = join(dir, `${name.replace(/[^\w.-]+/g, '-')}-${Date.now()}.cpuprofile`);
        writeFileSync(file, JSON.stringify(result.profile));
        // The profile starts within a millisecond of the probe: a gap's `at` is its end from the profile's start.
        writeFileSync(`${file}.stalls.json`, JSON.stringify(worst));
      });
    },
  };
}

/** Each gap's time in samples of anything but "(idle)": a sample stands for the time up to the next one, counted where it overlaps the gap. */
function setBusyTimes(profile: Profiler.Profile, gaps: Stall[]): void {
  const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
  const deltas = profile.timeDeltas ?? [];
  const times: number[] = [];
  let t = profile.startTime;
  for (const d of deltas) times.push(((t += d) - profile.startTime) / 1000);
  for (const gap of gaps) {
    const from = gap.at - gap.ms;
    let busy = 0;
    profile.samples?.forEach((id, i) => {
      if (idle.has(id)) return;
      busy += Math.max(0, Math.min(times[i + 1] ?? times[i], gap.at) - Math.max(times[i], from));
    });
    gap.busyMs = busy;
  }
}
