// `npm run bench` (sources): the Sources data and the sourcing report for a folder of 10,000 articles against the CLI's
// own analyze of the same folder, the peer for what the report adds: `report` and `sources` analyse every file as
// `analyze` does (repeats across files included), then build the Sources data and the page. Runs alternate between
// the commands over the same generated corpus (bench/corpus.ts, 3–8 KB articles) in one run, so the ratio holds on a
// noisy machine. Prints a table and writes bench/results/sources.json.
//
//   node out/bench/sources.js [--articles N] [--runs R] [--budget SECONDS] [--keep]
//
// - analyze: `seed-annotator analyze --format json DIR` (JSON to /dev/null), default job count;
// - report: `seed-annotator report --output FILE DIR`; sources: `seed-annotator sources --format json DIR` (/dev/null);
// - the RSS each command's process leaves when done (workers closed, output written; the target) and its peak,
//   from process.memoryUsage() and resourceUsage() at exit, by a preloaded probe. The CLI's workers are processes of
//   their own (src/cli/parallel.ts), not counted here: each has its own memory and gives it back when it ends.
// Each command runs up to `--runs` times (default 3, medians reported) while its next run is expected to end within
// `--budget` seconds (default 240), and at least once.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { machine, median } from './common';
import { generateCorpus, writeCorpus } from './corpus';

const argv = process.argv.slice(2);
const arg = (name: string, dflt: number) => {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : dflt;
};
const ARTICLES = arg('--articles', 10000);
const RUNS = arg('--runs', 3);
const BUDGET_MS = arg('--budget', 240) * 1000;
const KEEP = argv.includes('--keep');

const ROOT = process.cwd();
const OUR_CLI = resolve('out/bench/seed-annotator.js');
/** Peak RSS and the RSS a command leaves (see the file). */
const PROBE = resolve('bench/rssProbe.js');
/** Targets of issue 15. */
const MAX_RATIO = 2;
const MAX_RSS_MB = 300;

interface Run {
  wallMs: number;
  /** Peak RSS of the command's process (its worker processes have their own). */
  peakRssMB: number;
  /** RSS the command leaves when it is done (its workers closed, the page written): the target. */
  rssMB: number;
  status: number | null;
  stderrTail: string;
}

function timeProcess(args: string[], cwd: string, stdoutFile: string): Run {
  const fd = openSync(stdoutFile, 'w');
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--expose-gc', '--require', PROBE, ...args], { cwd, stdio: ['ignore', fd, 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const wallMs = performance.now() - t;
  closeSync(fd);
  const stderr = r.stderr?.toString() ?? '';
  const rss = /seed-bench-maxrss (\d+) (\d+)/.exec(stderr);
  if (!rss) throw new Error(`no RSS reported by ${args.join(' ')}: ${stderr.slice(-400)}`);
  return { wallMs, peakRssMB: Math.round(Number(rss[1]) / 1024), rssMB: Math.round(Number(rss[2]) / 1024 / 1024), status: r.status, stderrTail: stderr.replace(/seed-bench-maxrss \d+ \d+\n?/, '').trim().split('\n').slice(-2).join('\n') };
}

/** Bundles src/cli/main.ts to out/bench/seed-annotator.js as bench/run.mjs does (when run alone). */
function buildCli(): void {
  const options = { entryPoints: ['src/cli/main.ts'], outfile: OUR_CLI, bundle: true, platform: 'node', format: 'cjs', target: 'node20', mainFields: ['module', 'main'], logLevel: 'warning' };
  const r = spawnSync(process.execPath, ['-e', `require('esbuild').buildSync(${JSON.stringify(options)})`], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0 || !existsSync(OUR_CLI)) throw new Error('could not build the CLI (src/cli/main.ts) with esbuild');
}

function main(work: string): void {
  const started = performance.now();
  if (!existsSync(OUR_CLI)) buildCli();
  const corpus = generateCorpus({ articles: ARTICLES, minBytes: 3000, maxBytes: 8000 });
  writeCorpus(corpus, join(work, 'corpus'));
  const files = readdirSync(join(work, 'corpus')).length;
  const bytes = corpus.docs.reduce((a, d) => a + Buffer.byteLength(d.text), 0);
  for (const f of readdirSync(join(work, 'corpus'))) readFileSync(join(work, 'corpus', f));
  console.log(`corpus: ${files} files, ${(bytes / 1e6).toFixed(1)} MB in ${join(work, 'corpus')}`);

  const reportFile = join(work, 'report.html');
  const commands = {
    analyze: [OUR_CLI, 'analyze', '--format', 'json', 'corpus'],
    report: [OUR_CLI, 'report', '--output', reportFile, 'corpus'],
    sources: [OUR_CLI, 'sources', '--format', 'json', 'corpus'],
  } as const;
  const runs: Record<keyof typeof commands, Run[]> = { analyze: [], report: [], sources: [] };
  const fits = (list: Run[]) => list.length === 0 || (list.length < RUNS && performance.now() - started + median(list.map((r) => r.wallMs)) <= BUDGET_MS);
  for (let round = 1; (Object.keys(commands) as Array<keyof typeof commands>).some((k) => fits(runs[k])); round++) {
    const line: string[] = [];
    for (const name of Object.keys(commands) as Array<keyof typeof commands>) {
      if (!fits(runs[name])) continue;
      const r = timeProcess([...commands[name]], work, '/dev/null');
      if (r.status !== 0 && r.status !== 1) throw new Error(`${name} exited ${r.status}: ${r.stderrTail}`);
      runs[name].push(r);
      line.push(`${name} ${(r.wallMs / 1000).toFixed(2)} s, RSS ${r.rssMB} MB at the end, peak ${r.peakRssMB} MB`);
    }
    console.log(`round ${round}: ${line.join('; ')}`);
  }
  const summary = (list: Run[]) => ({ runs: list.length, wallMs: +median(list.map((r) => r.wallMs)).toFixed(1), wallRunsMs: list.map((r) => +r.wallMs.toFixed(1)), rssMB: Math.max(...list.map((r) => r.rssMB)), peakRssMB: Math.max(...list.map((r) => r.peakRssMB)) });
  const analyze = summary(runs.analyze);
  const report = summary(runs.report);
  const sources = summary(runs.sources);
  const reportBytes = statSync(reportFile).size;
  const reportRatio = +(report.wallMs / analyze.wallMs).toFixed(2);
  const sourcesRatio = +(sources.wallMs / analyze.wallMs).toFixed(2);
  console.table([
    { command: 'analyze --format json', ...analyze },
    { command: 'report --output FILE', ...report },
    { command: 'sources --format json', ...sources },
  ]);
  console.log(`report ÷ analyze: ${reportRatio}× (target ≤ ${MAX_RATIO}×), sources ÷ analyze: ${sourcesRatio}×; RSS left by report ${report.rssMB} MB, by sources ${sources.rssMB} MB (target < ${MAX_RSS_MB} MB; peaks ${report.peakRssMB} / ${sources.peakRssMB} MB, analyze's ${analyze.peakRssMB} MB); report ${(reportBytes / 1e6).toFixed(2)} MB`);
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  const out = { ...machine(), jobs: availableParallelism(), corpus: { articles: files, bytes }, analyze, report, sources, reportRatio, sourcesRatio, reportBytes, targets: { maxRatio: MAX_RATIO, maxRssMB: MAX_RSS_MB } };
  writeFileSync(join(ROOT, 'bench/results/sources.json'), `${JSON.stringify(out, null, 2)}\n`);
  console.log('wrote bench/results/sources.json');
}

const work = mkdtempSync(join(tmpdir(), 'seed-bench-sources-'));
try {
  main(work);
} finally {
  if (KEEP) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
