// Shared by the worker test and the stall benchmark.

export function article(bytes: number): string {
  const sentence = 'The council met on Friday and approved the budget for the harbour. “We are ready,” Ana Ortiz said.\n';
  return 'Head\n' + sentence.repeat(Math.ceil(bytes / sentence.length));
}

/** Longest gap between event-loop turns while `work` runs. */
export async function longestStall<T>(work: () => Promise<T>): Promise<{ value: T; stallMs: number }> {
  let last = performance.now();
  let worst = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
  }, 5);
  try {
    const value = await work();
    return { value, stallMs: worst };
  } finally {
    clearInterval(timer);
  }
}
