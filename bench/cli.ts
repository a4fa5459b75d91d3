// `npm run bench` (cli): the whole CLI end to end against textlint, the usual prose linter, as the peer for the cost of
// linting prose per file. Both run as processes over the same generated corpus (bench/corpus.ts: 10,000 articles of
// 3–8 KB) in one run, so the ratio holds on a noisy machine. Prints a table and writes bench/results/cli.json.
//
//   node out/bench/cli.js [--articles N] [--runs R] [--budget SECONDS] [--jobs N] [--with-jobs1] [--keep]
//
// - ours: `node out/bench/seed-annotator.js analyze --format json DIR` (every rule, claims, repeats across all the files; JSON to
//   /dev/null), at its default job count unless --jobs is given;
// - textlint (pinned devDependency) with one trivial rule (reports "foobarbaz" in text nodes, loaded with --rulesdir)
//   and its built-in plain-text plugin, `--format json --no-textlintrc` (its cache is off unless --cache is given);
// - `node -e ''`, the cost of starting a Node process, subtracted for the per-file figures;
// - with --with-jobs1, ours once more with --jobs 1 (in-process, no worker processes), outside the budget.
//
// Our CLI is the bundle bench/run.mjs builds from the current sources (out/bench/seed-annotator.js); run alone, this
// benchmark builds it first.
//
// The files are read once before timing (warm page cache). Runs alternate between the two tools (textlint twice in the
// first round); each tool runs up to `--runs` times (default 3, medians reported) as long as its next run is expected
// to end within `--budget` seconds from the start (default 120), and at least once. CPU time is the children's user +
// system time from /proc/self/stat (Linux), so a tool using several cores shows it.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { machine, median } from './common';
import { join, resolve } from 'node:path';
import { generateCorpus, writeCorpus } from './corpus';

const argv = process.argv.slice(2);
const arg = (name: string, dflt: number) => {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : dflt;
};
const ARTICLES = arg('--articles', 10000);
const RUNS = arg('--runs', 3);
const BUDGET_MS = arg('--budget', 120) * 1000;
const JOBS = argv.includes('--jobs') ? arg('--jobs', 0) : undefined;
const KEEP = argv.includes('--keep');
const WITH_JOBS1 = argv.includes('--with-jobs1');

const ROOT = process.cwd();
const OUR_CLI = resolve('out/bench/seed-annotator.js');
const TEXTLINT = resolve('node_modules/textlint/bin/textlint.js');


/** User + system CPU time of this process's waited-for children, in ms (Linux), else undefined. */
function childrenCpuMs(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 16 and 17 of proc(5) (cutime, cstime), counted from field 3 after the command name; clock ticks of 10 ms.
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return undefined;
  }
}

interface Run {
  wallMs: number;
  cpuMs?: number;
  status: number | null;
  stderrTail: string;
}

function timeProcess(args: string[], cwd: string, stdoutFile: string): Run {
  const fd = openSync(stdoutFile, 'w');
  const cpu0 = childrenCpuMs();
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { cwd, stdio: ['ignore', fd, 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const wallMs = performance.now() - t;
  const cpu1 = childrenCpuMs();
  closeSync(fd);
  const stderr = r.stderr?.toString() ?? '';
  return { wallMs, cpuMs: cpu0 !== undefined && cpu1 !== undefined ? cpu1 - cpu0 : undefined, status: r.status, stderrTail: stderr.trim().split('\n').slice(-2).join('\n') };
}

const TRIVIAL_RULE = `// A trivial textlint rule: reports the word "foobarbaz" in text nodes.
module.exports = function (context) {
  const { Syntax, RuleError, report, getSource } = context;
  return {
    [Syntax.Str](node) {
      const text = getSource(node);
      const index = text.indexOf('foobarbaz');
      if (index >= 0) report(node, new RuleError('foobarbaz', { index }));
    },
  };
};
`;

/** Bundles src/cli/main.ts to out/bench/seed-annotator.js as bench/run.mjs does. */
function buildCli(): void {
  const options = { entryPoints: ['src/cli/main.ts'], outfile: OUR_CLI, bundle: true, platform: 'node', format: 'cjs', target: 'node20', mainFields: ['module', 'main'], logLevel: 'warning' };
  const r = spawnSync(process.execPath, ['-e', `require('esbuild').buildSync(${JSON.stringify(options)})`], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0 || !existsSync(OUR_CLI)) throw new Error('could not build the CLI (src/cli/main.ts) with esbuild');
}

function main(work: string): void {
  const benchStarted = performance.now();
  buildCli();
  const textlintVersion = (JSON.parse(readFileSync('node_modules/textlint/package.json', 'utf8')) as { version: string }).version;

  const corpus = generateCorpus({ articles: ARTICLES, minBytes: 3000, maxBytes: 8000 });
  const dir = writeCorpus(corpus, join(work, 'corpus'));
  const rulesDir = join(work, 'rules');
  mkdirSync(rulesDir);
  writeFileSync(join(rulesDir, 'no-foobarbaz.js'), TRIVIAL_RULE);
  const files = readdirSync(dir).length;
  const sizes = corpus.docs.map((d) => Buffer.byteLength(d.text)).sort((a, b) => a - b);
  const totalBytes = sizes.reduce((a, b) => a + b, 0);
  // Warm the page cache: both tools then read the same cached files.
  for (const f of readdirSync(dir)) readFileSync(join(dir, f));
  const setupMs = performance.now() - benchStarted;
  console.log(`corpus: ${files} files, ${(totalBytes / 1e6).toFixed(1)} MB (${sizes[0]}–${sizes[sizes.length - 1]} bytes) in ${dir}, set up in ${(setupMs / 1000).toFixed(1)} s`);

  // A sanity check first: the trivial rule really runs (it must report its word).
  const probe = join(work, 'probe.txt');
  writeFileSync(probe, 'A headline\n\nThis paragraph says foobarbaz once.\n');
  const check = spawnSync(process.execPath, [TEXTLINT, '--no-textlintrc', '--rulesdir', rulesDir, '--format', 'json', probe], { cwd: work, encoding: 'utf8' });
  if (!/"ruleId":"no-foobarbaz"/.test(check.stdout)) throw new Error(`textlint did not run the trivial rule: ${check.stdout}${check.stderr}`);
  rmSync(probe);

  const devNull = '/dev/null';
  const textlintOut = join(work, 'textlint.json');
  const baselineRuns = Array.from({ length: 5 }, () => timeProcess(['-e', ''], work, devNull).wallMs);
  const baselineMs = median(baselineRuns);
  const oursArgs = [OUR_CLI, 'analyze', '--format', 'json', ...(JOBS ? ['--jobs', String(JOBS)] : []), 'corpus'];
  const textlintArgs = [TEXTLINT, '--no-textlintrc', '--rulesdir', rulesDir, '--format', 'json', '--output-file', textlintOut, 'corpus'];

  const ours: Run[] = [];
  const textlint: Run[] = [];
  const estimate = (runs: Run[]) => median(runs.map((r) => r.wallMs));
  /** Another run of a tool fits when its median so far still ends within the budget (the first run always does). */
  const fits = (runs: Run[]) => runs.length === 0 || (runs.length < RUNS && performance.now() - benchStarted + estimate(runs) <= BUDGET_MS);
  for (let round = 1; fits(textlint) || fits(ours); round++) {
    const line: string[] = [];
    // textlint is cheap: twice in the first round, so it has a median even when the budget allows ours only once.
    for (let k = 0; k < (round === 1 ? 2 : 1) && fits(textlint); k++) {
      const t = timeProcess(textlintArgs, work, devNull);
      if (t.status !== 0 && t.status !== 1) throw new Error(`textlint exited ${t.status}: ${t.stderrTail}`);
      if (textlint.length === 0) {
        const results = JSON.parse(readFileSync(textlintOut, 'utf8')) as unknown[];
        if (results.length !== files) throw new Error(`textlint linted ${results.length} files, not ${files}`);
      }
      textlint.push(t);
      line.push(`textlint ${(t.wallMs / 1000).toFixed(2)} s`);
    }
    if (fits(ours)) {
      const o = timeProcess(oursArgs, work, devNull);
      if (o.status !== 0 && o.status !== 1) throw new Error(`the CLI exited ${o.status}: ${o.stderrTail}`);
      if (files > 200 && files % 500 === 0 && !o.stderrTail.includes(`${files}/${files} files`)) throw new Error(`the CLI did not report analysing all ${files} files: ${o.stderrTail}`);
      ours.push(o);
      line.push(`ours ${(o.wallMs / 1000).toFixed(2)} s`);
    }
    console.log(`round ${round}: ${line.join(', ')}`);
  }

  const summary = (runs: Run[]) => {
    const wallMs = median(runs.map((r) => r.wallMs));
    const cpu = runs.every((r) => r.cpuMs !== undefined) ? median(runs.map((r) => r.cpuMs!)) : undefined;
    const netMs = Math.max(0, wallMs - baselineMs);
    return {
      runs: runs.length,
      wallMs: +wallMs.toFixed(1),
      wallRunsMs: runs.map((r) => +r.wallMs.toFixed(1)),
      cpuMs: cpu,
      filesPerSecond: +(files / (wallMs / 1000)).toFixed(1),
      msPerFile: +(wallMs / files).toFixed(3),
      /** Net of starting one Node process. */
      netMsPerFile: +(netMs / files).toFixed(3),
      cpuMsPerFile: cpu !== undefined ? +(cpu / files).toFixed(3) : undefined,
      status: runs[0].status,
    };
  };
  const o = { jobs: JOBS ?? availableParallelism(), ...summary(ours) };
  const t = summary(textlint);
  const ratio = +(o.netMsPerFile / t.netMsPerFile).toFixed(2);
  const cpuRatio = o.cpuMsPerFile !== undefined && t.cpuMsPerFile !== undefined ? +(o.cpuMsPerFile / t.cpuMsPerFile).toFixed(2) : undefined;
  const benchMs = performance.now() - benchStarted;

  let inProcess: ReturnType<typeof summary> | undefined;
  if (WITH_JOBS1) {
    const r = timeProcess([OUR_CLI, 'analyze', '--format', 'json', '--jobs', '1', 'corpus'], work, devNull);
    if (r.status !== 0 && r.status !== 1) throw new Error(`the CLI (--jobs 1) exited ${r.status}: ${r.stderrTail}`);
    inProcess = summary([r]);
  }
  const rows = [
    { tool: `Seed Annotator CLI (analyze --format json${JOBS ? ` --jobs ${JOBS}` : `, ${availableParallelism()} jobs by default`})`, ...o },
    { tool: `textlint ${textlintVersion}, one trivial rule`, ...t },
    ...(inProcess ? [{ tool: 'Seed Annotator CLI, --jobs 1 (in-process)', ...inProcess }] : []),
    { tool: "node -e '' (process start)", runs: baselineRuns.length, wallMs: +baselineMs.toFixed(1) },
  ];
  console.table(rows.map((r) => ({ tool: r.tool, runs: r.runs, 'wall s': +(r.wallMs / 1000).toFixed(2), 'files/s': 'filesPerSecond' in r ? r.filesPerSecond : '', 'ms/file': 'msPerFile' in r ? r.msPerFile : '', 'net ms/file': 'netMsPerFile' in r ? r.netMsPerFile : '', 'CPU ms/file': 'cpuMsPerFile' in r ? (r.cpuMsPerFile ?? '') : '' })));
  const ahead = o.netMsPerFile < t.netMsPerFile;
  console.log(`ours ÷ textlint, net ms per file: ${ratio} (CPU: ${cpuRatio ?? '?'}); target "CLI throughput ahead of textlint's per-file cost": ${ahead ? 'met' : 'NOT met'}`);
  if (inProcess) console.log(`${o.jobs} jobs vs --jobs 1: ${(inProcess.wallMs / o.wallMs).toFixed(2)}× faster (wall), ${((o.cpuMs ?? NaN) / (inProcess.cpuMs ?? NaN)).toFixed(2)}× the CPU time`);
  console.log(`bench took ${(benchMs / 1000).toFixed(1)} s (corpus set-up ${(setupMs / 1000).toFixed(1)} s)${inProcess ? ', plus the --jobs 1 run' : ''}`);

  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  const out = {
    ...machine(),
    corpus: { articles: files, bytes: totalBytes, minBytes: sizes[0], maxBytes: sizes[sizes.length - 1], options: corpus.options },
    commands: { ours: `node out/bench/seed-annotator.js ${oursArgs.slice(1).join(' ')} > /dev/null`, textlint: `node node_modules/textlint/bin/textlint.js ${textlintArgs.slice(1).join(' ')}`, baseline: "node -e ''" },
    textlint: { version: textlintVersion, rule: 'no-foobarbaz (reports "foobarbaz" in Str nodes), --rulesdir, plain-text plugin, no cache' },
    baselineMs: +baselineMs.toFixed(1),
    results: { ours: o, textlint: t, ...(inProcess ? { oursJobs1: inProcess } : {}) },
    /** Ours ÷ textlint, wall ms per file net of process start (> 1: ours is slower). */
    ratio,
    cpuRatio,
    targetMet: ahead,
    setupMs: Math.round(setupMs),
    benchMs: Math.round(benchMs),
  };
  writeFileSync(join(ROOT, 'bench/results/cli.json'), JSON.stringify(out, null, 2) + '\n');
  console.log('wrote bench/results/cli.json');
}

const started = performance.now();
const work = mkdtempSync(join(tmpdir(), 'seed-bench-cli-'));
try {
  main(work);
} finally {
  if (KEEP) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
  console.log(`cli bench done in ${((performance.now() - started) / 1000).toFixed(1)} s, temp files ${KEEP ? 'kept' : 'removed'}`);
}
