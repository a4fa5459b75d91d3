// The one stall probe: the longest gaps between turns of this thread's event loop, measured by a 5 ms timer. The
// benchmarks, the unit tests and the real-VS Code suites (in the extension host) all measure stalls with it, and
// make their big test articles with article().
//
// SEED_PROFILE_STALLS=DIR also records a CPU profile of the thread while the probe runs and writes it to DIR (open it
// in Chrome DevTools, or summarise it with scripts/stall-profile.mjs): what ran during the longest gap.
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

/** One gap between timer ticks: its length and when it ended, in ms from the probe's start. */
export interface Stall {
  ms: number;
  at: number;
}

export interface StallProbe {
  /** Stops the probe; the longest gaps first (at least one entry: the gap up to now). */
  stop(): Stall[];
}

const TICK_MS = 5;
/** Gaps kept: the longest few say where a stall came from; the rest are ticks. */
const KEEP = 5;

/** Starts measuring; `name` names the CPU profile when SEED_PROFILE_STALLS is set. */
export function startStallProbe(name = 'stalls'): StallProbe {
  // The profiler first: starting it holds the thread for a while, which is not a stall of what is measured.
  const profiler = startProfiler(name);
  const t0 = performance.now();
  let last = t0;
  let gaps: Stall[] = [];
  const record = (now: number) => {
    gaps.push({ ms: now - last, at: now - t0 });
    last = now;
    if (gaps.length > 4 * KEEP) gaps = gaps.sort((a, b) => b.ms - a.ms).slice(0, KEEP);
  };
  const timer = setInterval(() => record(performance.now()), TICK_MS);
  return {
    stop() {
      clearInterval(timer);
      record(performance.now());
      const worst = gaps.sort((a, b) => b.ms - a.ms).slice(0, KEEP);
      profiler?.stop(worst);
      return worst;
    },
  };
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
