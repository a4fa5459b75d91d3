// What every benchmark shares: the median, and the machine facts written with each result file.
import { cpus, hostname, loadavg } from 'node:os';

/** The middle value (the mean of the two middle values for an even count). */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Machine name, CPU, node version, date and load averages (other processes share these machines). */
export function machine() {
  return {
    machine: hostname(),
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    node: process.version,
    date: new Date().toISOString(),
    /** 1/5/15-minute load averages when the run ended. */
    loadavg: loadavg().map((x) => +x.toFixed(2)),
  };
}
