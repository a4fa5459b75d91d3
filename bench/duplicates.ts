// `npm run bench` (duplicates): the workspace-scale duplicate detector against jscpd 5, on one generated corpus with
// injected duplicates (bench/corpus.ts; by default 10,000 articles of 3–8 KB), in one run:
//   - the workspace index the extension builds (FingerprintIndex.setText per article): build time from texts
//     in memory, and, in a fresh Node process that reads the files and holds nothing but the index, its build time
//     from disk, its RSS, and its heap and array-buffer growth (after global.gc());
//   - repeat finding end to end from texts in memory (findCorpusRepeats over all articles plus findRepeatsWithin per
//     article, as the CLI does), scored: recall per variant of the injected copies (exact, edited, re-punctuated,
//     re-wrapped, and short edited: 45–110 words, one word in ten changed, a semicolon for a comma, straight
//     quotes), precision;
//   - jscpd (its native binary, as a process over the files, writing its JSON report), tuned for prose and with its
//     defaults, scored the same way (and its peak RSS, where GNU time is installed); the ratio of our wall time to
//     jscpd's (prose).
// Prints tables and writes bench/results/duplicates.json.
//
//   node out/bench/duplicates.js [--articles N] [--seed S] [--stock RATE] [--runs R] [--sweep] [--cli] [--keep]
//
// Our detector and jscpd (prose) run in interleaved rounds (--runs, default 3; medians), so that load from other
// processes falls on both alike; jscpd with its defaults runs in the first round only (its recall is the point).
// --sweep also measures other settings of our detector (DuplicateOptions passed to findCorpusRepeats, and two knobs
// findCorpusRepeats cannot be told, emulated from the core's exported parts: candidates(minShared) and a boilerplate
// filter that also covers the k-grams between boilerplate fingerprints, see emulatedRepeats) and two more jscpd
// settings. --cli also times the whole CLI (`analyze --format json DIR`, every rule; bench/cli.ts is the CLI's own
// benchmark).
//
// Matching. An injected duplicate is found if one reported pair overlaps both of its ranges, each by ≥ 50% of the
// injected range's length (either direction). A reported pair is correct if it overlaps both ranges of some
// injected pair (either direction); anything else (the footer, unrelated text) is a false positive.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { machine, median } from './common';
import { basename, dirname, join, resolve } from 'node:path';
import { alignPair, DEFAULT_DUPLICATE_OPTIONS, FingerprintIndex, findCorpusRepeats, findRepeatsWithin, wordTokens, type DuplicateOptions, type WordTokens } from '../src/core';
import { kgramHashes, winnow } from '../src/core/duplicates';
import { generateCorpus, SIZES_3_TO_8_KB, VARIANTS, writeCorpus, type Corpus, type Range, type TruthPair, type Variant } from './corpus';

// ---------------------------------------------------------------------------------------------------------------
// Arguments.

const argv = process.argv.slice(2);
const arg = (name: string, dflt: number) => {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : dflt;
};
const DEFAULT_ARTICLES = 10000;
const ARTICLES = arg('--articles', DEFAULT_ARTICLES);
const SEED = arg('--seed', 1);
const STOCK = arg('--stock', 0.1);
const RUNS = arg('--runs', 3);
const SWEEP = argv.includes('--sweep');
const CLI = argv.includes('--cli');
const KEEP = argv.includes('--keep');


const MB = (bytes: number) => +(bytes / 1048576).toFixed(1);

// ---------------------------------------------------------------------------------------------------------------
// Reported pairs and scoring.

interface Pair {
  a: string;
  as: number;
  ae: number;
  b: string;
  bs: number;
  be: number;
}

const overlap = (s: number, e: number, r: Range) => Math.max(0, Math.min(e, r.end) - Math.max(s, r.start));

interface Score {
  reported: number;
  correct: number;
  precision: number;
  falseBoilerplate: number;
  falseOther: number;
  recall: Record<Variant | 'all', number>;
  recallCross: Record<Variant, number>;
  recallWithin: Record<Variant, number>;
  missed: TruthPair[];
  falseExamples: Pair[];
}

function score(corpus: Corpus, pairs: Pair[]): Score {
  const byDocs = new Map<string, TruthPair[]>();
  const key = (x: string, y: string) => `${x}\u0000${y}`;
  for (const t of corpus.truth) {
    for (const k of new Set([key(t.docA, t.docB), key(t.docB, t.docA)])) byDocs.set(k, [...(byDocs.get(k) ?? []), t]);
  }
  // Each orientation of a truth pair as seen from a reported pair (a-side, b-side).
  const orient = (p: Pair, t: TruthPair): Array<[Range, Range]> => {
    const out: Array<[Range, Range]> = [];
    if (p.a === t.docA && p.b === t.docB) out.push([t.rangeA, t.rangeB]);
    if (p.a === t.docB && p.b === t.docA) out.push([t.rangeB, t.rangeA]);
    return out;
  };
  const found = new Set<number>();
  let correct = 0;
  let falseBoilerplate = 0;
  let falseOther = 0;
  const falseExamples: Pair[] = [];
  for (const p of pairs) {
    let ok = false;
    for (const t of byDocs.get(key(p.a, p.b)) ?? []) {
      for (const [ra, rb] of orient(p, t)) {
        const oa = overlap(p.as, p.ae, ra);
        const ob = overlap(p.bs, p.be, rb);
        if (oa > 0 && ob > 0) ok = true;
        if (oa >= 0.5 * (ra.end - ra.start) && ob >= 0.5 * (rb.end - rb.start)) found.add(t.id);
      }
    }
    if (ok) correct++;
    else {
      const inBoilerplate = (doc: string, s: number, e: number) => (corpus.boilerplate.get(doc) ?? []).some((r) => overlap(s, e, r) > 0);
      if (inBoilerplate(p.a, p.as, p.ae) || inBoilerplate(p.b, p.bs, p.be)) falseBoilerplate++;
      else {
        falseOther++;
        if (falseExamples.length < 5) falseExamples.push(p);
      }
    }
  }
  const rate = (ts: TruthPair[]) => (ts.length ? +(ts.filter((t) => found.has(t.id)).length / ts.length).toFixed(4) : NaN);
  const recall = { all: rate(corpus.truth) } as Score['recall'];
  const recallCross = {} as Score['recallCross'];
  const recallWithin = {} as Score['recallWithin'];
  for (const v of VARIANTS) {
    recall[v] = rate(corpus.truth.filter((t) => t.variant === v));
    recallCross[v] = rate(corpus.truth.filter((t) => t.variant === v && t.kind === 'cross'));
    recallWithin[v] = rate(corpus.truth.filter((t) => t.variant === v && t.kind === 'within'));
  }
  return {
    reported: pairs.length,
    correct,
    precision: pairs.length ? +(correct / pairs.length).toFixed(4) : NaN,
    falseBoilerplate,
    falseOther,
    recall,
    recallCross,
    recallWithin,
    missed: corpus.truth.filter((t) => !found.has(t.id)),
    falseExamples,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Our detector.

function runOurs(corpus: Corpus, options: Partial<DuplicateOptions> = {}): Pair[] {
  const full = { ...DEFAULT_DUPLICATE_OPTIONS, ...options };
  const cross = findCorpusRepeats(corpus.docs, options);
  const within = corpus.docs.map((d) => findRepeatsWithin(d.text, full));
  const pairs: Pair[] = [];
  for (const [id, records] of cross) for (const r of records) pairs.push({ a: id, as: r.start, ae: r.end, b: r.of.path!, bs: r.of.start, be: r.of.end });
  corpus.docs.forEach((d, i) => {
    for (const m of within[i]) pairs.push({ a: d.id, as: m.start, ae: m.end, b: d.id, bs: m.otherStart, be: m.otherEnd });
  });
  return pairs;
}

/**
 * findCorpusRepeats (cross-document part) rebuilt from the core's exported parts, with two knobs it does not expose:
 * `minShared` for FingerprintIndex.candidates, and `commonRegions`: in each document, besides the boilerplate
 * fingerprints themselves, every k-gram between two boilerplate fingerprints at most `window` apart, and k − 1
 * k-grams either side, counts as boilerplate (winnowing picks a fingerprint in every window of a shared run, so this
 * covers the run). alignPair already masks the words around boilerplate fingerprints by position (boilerplateMask);
 * this marks the k-grams of those regions common by hash as well, wherever else they occur. (Emulated per document
 * through the isCommon hook.)
 */
function emulatedRepeats(corpus: Corpus, options: Partial<DuplicateOptions>, minShared: number, commonRegions: boolean): Pair[] {
  const o = { ...DEFAULT_DUPLICATE_OPTIONS, ...options };
  const index = new FingerprintIndex(o);
  const tokens = new Map<string, WordTokens>();
  for (const d of corpus.docs) {
    const t = wordTokens(d.text);
    tokens.set(d.id, t);
    index.set(d.id, t);
  }
  const regions = (t: WordTokens): Set<number> => {
    const region = new Set<number>();
    const grams = kgramHashes(t, o.k);
    const { hashes, positions } = winnow(grams, o.window);
    let prev = -Infinity;
    for (let i = 0; i < hashes.length; i++) {
      if (!index.isCommon(hashes[i])) continue;
      const p = positions[i];
      const from = p - prev <= o.window ? prev : p - (o.k - 1);
      for (let g = Math.max(0, from); g <= Math.min(grams.length - 1, p + o.k - 1); g++) region.add(grams[g]);
      prev = p;
    }
    return region;
  };
  const full = { ...DEFAULT_DUPLICATE_OPTIONS, ...options };
  const pairs: Pair[] = [];
  for (const d of corpus.docs) {
    let isCommon = index.isCommon;
    if (commonRegions) {
      const region = regions(tokens.get(d.id)!);
      isCommon = (h: number) => index.isCommon(h) || region.has(h);
    }
    for (const c of index.candidates(d.id, minShared)) {
      for (const m of alignPair(tokens.get(d.id)!, tokens.get(c.id)!, o, isCommon)) pairs.push({ a: d.id, as: m.start, ae: m.end, b: c.id, bs: m.otherStart, be: m.otherEnd });
    }
  }
  for (const d of corpus.docs) for (const m of findRepeatsWithin(d.text, full)) pairs.push({ a: d.id, as: m.start, ae: m.end, b: d.id, bs: m.otherStart, be: m.otherEnd });
  return pairs;
}

// ---------------------------------------------------------------------------------------------------------------
// jscpd.

const req = createRequire(join(process.cwd(), 'package.json'));

/** The native jscpd binary (what `npx jscpd` runs after its Node launcher), and its version. */
function findJscpd(): { bin: string; version: string } | undefined {
  try {
    const { getPlatformKey, PLATFORM_MAP } = req('jscpd/platform-map.js') as { getPlatformKey: () => string; PLATFORM_MAP: Record<string, { packageName: string }> };
    const pkg = req.resolve(`${PLATFORM_MAP[getPlatformKey()].packageName}/package.json`);
    const bin = join(dirname(pkg), 'bin', process.platform === 'win32' ? 'jscpd.exe' : 'jscpd');
    const v = spawnSync(bin, ['--version'], { encoding: 'utf8' });
    if (v.status !== 0) return undefined;
    return { bin, version: v.stdout.trim().replace(/^jscpd\s*/, '') };
  } catch {
    return undefined;
  }
}

interface JscpdClone {
  firstFile: { name: string; startLoc: { position: number }; endLoc: { position: number } };
  secondFile: { name: string; startLoc: { position: number }; endLoc: { position: number } };
}

/** jscpd reports UTF-8 byte offsets; our ranges are UTF-16 offsets. */
function byteToChar(text: string): (byte: number) => number {
  if (Buffer.byteLength(text) === text.length) return (b) => b;
  const map: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    const n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    for (let k = 0; k < n; k++) map.push(i);
    if (cp > 0xffff) i++;
  }
  map.push(text.length);
  return (b) => map[Math.min(b, map.length - 1)];
}

/** One jscpd run over `dir` (timed: the process, reading the files and writing its JSON report), its clones as pairs. */
/** GNU time, when installed: it reports a child's peak RSS. */
const GNU_TIME = existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-f', '%M', 'true'], { encoding: 'utf8' }).status === 0 ? '/usr/bin/time' : undefined;

function runJscpd(bin: string, dir: string, flags: string[], corpus: Corpus): { ms: number; pairs: Pair[]; peakRss?: number } {
  const out = mkdtempSync(join(tmpdir(), 'jscpd-out-'));
  const args = [dir, ...flags, '--reporters', 'json', '--output', out, '--silent', '--no-tips'];
  const t = performance.now();
  const r = GNU_TIME
    ? spawnSync(GNU_TIME, ['-f', 'peak-rss-kb %M', bin, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(bin, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`jscpd exited with ${r.status}: ${r.stderr}`);
  const kb = /peak-rss-kb (\d+)/.exec(r.stderr ?? '')?.[1];
  const report = readFileSync(join(out, 'jscpd-report.json'), 'utf8');
  rmSync(out, { recursive: true, force: true });
  const clones = (JSON.parse(report) as { duplicates?: JscpdClone[] }).duplicates ?? [];
  const texts = new Map(corpus.docs.map((d) => [d.id, d.text]));
  const maps = new Map<string, (b: number) => number>();
  const conv = (name: string, b: number) => {
    let m = maps.get(name);
    if (!m) maps.set(name, (m = byteToChar(texts.get(name) ?? '')));
    return m(b);
  };
  const pairs = clones.map((c) => {
    const a = basename(c.firstFile.name);
    const b = basename(c.secondFile.name);
    return { a, as: conv(a, c.firstFile.startLoc.position), ae: conv(a, c.firstFile.endLoc.position), b, bs: conv(b, c.secondFile.startLoc.position), be: conv(b, c.secondFile.endLoc.position) };
  });
  return { ms, pairs, peakRss: kb ? Number(kb) * 1024 : undefined };
}

// ---------------------------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------------------------
// The workspace index, alone in a fresh process.

interface IndexChildResult {
  files: number;
  /** Reading each file and FingerprintIndex.setText: what WorkspaceIndex.build does per file. */
  ms: number;
  /** Before the build (a bare Node process with this bundle loaded) and after it, both after global.gc(). */
  before: NodeJS.MemoryUsage;
  after: NodeJS.MemoryUsage;
  /** Peak RSS of the process, bytes. */
  maxRss: number;
  fingerprints: number;
  /** The index's own estimate of its typed arrays and lists. */
  bytes: number;
}

/** Child mode (`--index-child DIR`): build the index from the files in DIR, keep only it, report memory on stdout. */
function indexChild(dir: string): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  const names = readdirSync(dir).sort();
  gc();
  gc();
  const before = process.memoryUsage();
  const t = performance.now();
  const index = new FingerprintIndex();
  for (const name of names) {
    const path = join(dir, name);
    index.setText(`file://${path}`, readFileSync(path, 'utf8'));
  }
  const ms = performance.now() - t;
  gc();
  gc();
  const after = process.memoryUsage();
  const stats = index.stats();
  const result: IndexChildResult = { files: index.size, ms, before, after, maxRss: process.resourceUsage().maxRSS * 1024, fingerprints: stats.fingerprints, bytes: stats.bytes };
  process.stdout.write(JSON.stringify(result));
}

function runIndexChild(dir: string): IndexChildResult {
  const r = spawnSync(process.execPath, ['--expose-gc', process.argv[1], '--index-child', dir], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`index child failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as IndexChildResult;
}

/** The index build from texts in memory (the same work without the file reads). */
function buildIndex(corpus: Corpus): void {
  const index = new FingerprintIndex();
  for (const d of corpus.docs) index.setText(d.id, d.text);
}

function main(): void {
  const started = performance.now();
  const t0 = performance.now();
  const corpus = generateCorpus({ articles: ARTICLES, seed: SEED, stockRate: STOCK, ...SIZES_3_TO_8_KB });
  const dir = writeCorpus(corpus);
  const genMs = performance.now() - t0;
  const bytes = corpus.docs.map((d) => Buffer.byteLength(d.text)).sort((a, b) => a - b);
  const totalBytes = bytes.reduce((a, b) => a + b, 0);
  console.log(
    `corpus: ${corpus.docs.length} articles, ${(totalBytes / 1024 / 1024).toFixed(1)} MB (${bytes[0]}–${bytes[bytes.length - 1]} bytes, median ${bytes[bytes.length >> 1]}), ` +
      `${corpus.truth.length} injected duplicates, footer in ${corpus.boilerplate.size} articles; seed ${SEED}, stock phrases ${STOCK}; ${dir} (${genMs.toFixed(0)} ms)`,
  );

  // The index alone, in a fresh process (first, while this process is still small: the machine has 2 cores).
  const child = runIndexChild(dir);
  const index = {
    articles: child.files,
    buildFromDiskMs: Math.round(child.ms),
    rssMB: MB(child.after.rss),
    bareNodeRssMB: MB(child.before.rss),
    peakRssMB: MB(child.maxRss),
    heapDeltaMB: MB(child.after.heapUsed - child.before.heapUsed),
    arrayBuffersDeltaMB: MB(child.after.arrayBuffers - child.before.arrayBuffers),
    indexMB: MB(child.after.heapUsed - child.before.heapUsed + child.after.arrayBuffers - child.before.arrayBuffers),
    fingerprints: child.fingerprints,
    typedArraysMB: MB(child.bytes),
  };

  const rows: Array<Record<string, unknown>> = [];
  const results: Record<string, unknown> = {};
  const summary = (s: Score) => ({ ...s, missed: s.missed.length, falseExamples: s.falseExamples });

  // Everything timed in interleaved rounds, so that load from other processes on the machine falls on all of them
  // alike; each time is the median over the rounds.
  interface Task {
    name: string;
    /** One timed run; `pairs` when the run's output is scored. */
    run: () => { ms: number; pairs?: Pair[] };
    samples: number[];
    pairs?: Pair[];
    flags?: string[];
    /** Run in the first round only. */
    once?: boolean;
    /** Peak RSS of the process, per run (jscpd, where GNU time is installed). */
    peakRss?: number[];
  }
  const timed = (fn: () => Pair[] | void) => () => {
    const t = performance.now();
    const pairs = fn();
    return { ms: performance.now() - t, pairs: pairs || undefined };
  };
  const tasks: Task[] = [];
  const ours: Task = { name: 'Seed Annotator (defaults)', run: timed(() => runOurs(corpus, {})), samples: [] };
  const build: Task = { name: 'index build (setText per article), from memory', run: timed(() => buildIndex(corpus)), samples: [] };
  tasks.push(ours, build);
  const jscpd = findJscpd();
  const jscpdConfigs: Array<{ name: string; flags: string[]; once?: boolean }> = [
    { name: 'jscpd prose', flags: ['--format', 'txt', '--min-tokens', '50', '--min-lines', '1'] },
    { name: 'jscpd defaults', flags: ['--format', 'txt'], once: true },
  ];
  if (SWEEP) {
    jscpdConfigs.push(
      { name: 'jscpd prose+gap', flags: ['--format', 'txt', '--min-tokens', '50', '--min-lines', '1', '--max-gap-lines', '2'], once: true },
      { name: 'jscpd prose, --workers 1', flags: ['--format', 'txt', '--min-tokens', '50', '--min-lines', '1', '--workers', '1'], once: true },
    );
  }
  if (!jscpd) console.log('jscpd not found (npm install): skipping it');
  else for (const c of jscpdConfigs) tasks.push({ name: `${c.name} (${jscpd.version})`, flags: c.flags, once: c.once, run: () => runJscpd(jscpd.bin, dir, c.flags, corpus), samples: [] });
  const cli = CLI ? ['out/bench/seed-annotator.js', 'dist/cli.js'].map((p) => resolve(p)).find((p) => existsSync(p)) : undefined;
  if (CLI && !cli) console.log('no CLI build (out/bench/seed-annotator.js or dist/cli.js): skipping the CLI timing');
  const cliTask: Task | undefined = cli
    ? {
        name: 'CLI analyze --format json (all rules)',
        run: () => {
          const devnull = openSync('/dev/null', 'w');
          const t = performance.now();
          const r = spawnSync(process.execPath, [cli, 'analyze', '--format', 'json', dir], { stdio: ['ignore', devnull, 'pipe'], cwd: tmpdir(), encoding: 'utf8' });
          const ms = performance.now() - t;
          closeSync(devnull);
          if (r.status === 2) throw new Error(`CLI failed: ${r.stderr}`);
          return { ms };
        },
        samples: [],
      }
    : undefined;
  if (cliTask) tasks.push(cliTask);
  for (let round = 0; round < RUNS; round++) {
    for (const task of tasks) {
      if (task.once && round > 0) continue;
      const r: { ms: number; pairs?: Pair[]; peakRss?: number } = task.run();
      task.samples.push(r.ms);
      if (r.pairs) task.pairs = r.pairs;
      if (r.peakRss !== undefined) (task.peakRss ??= []).push(r.peakRss);
    }
  }
  const ref = tasks.find((t) => t.name.startsWith('jscpd prose ('));
  const ratio = (t: Task) => (ref ? { 'ms/jscpd': +(median(t.samples) / median(ref.samples)).toFixed(2) } : {});
  const scores = new Map<Task, Score>();
  for (const task of tasks) {
    if (task === build) {
      rows.push({ tool: task.name, ms: Math.round(median(task.samples)), ...ratio(task) });
      continue;
    }
    if (task.pairs) {
      const s = score(corpus, task.pairs);
      scores.set(task, s);
      rows.push({
        tool: task.name,
        exact: s.recall.exact,
        edited: s.recall.edited,
        repunct: s.recall.repunct,
        rewrapped: s.recall.rewrapped,
        'short edited': s.recall.short,
        recall: s.recall.all,
        precision: s.precision,
        pairs: s.reported,
        'FP footer': s.falseBoilerplate,
        'FP other': s.falseOther,
        ms: Math.round(median(task.samples)),
        ...ratio(task),
      });
    } else rows.push({ tool: task.name, ms: Math.round(median(task.samples)), ...ratio(task) });
  }
  const oursScore = scores.get(ours)!;
  const perRound = ref ? ours.samples.map((x, i) => x / ref.samples[i]) : [];
  const indexRow = { ...index, buildFromMemoryMs: Math.round(median(build.samples)), buildSamples: build.samples.map(Math.round) };
  results.index = indexRow;
  results.ours = { options: DEFAULT_DUPLICATE_OPTIONS, ms: median(ours.samples), samples: ours.samples, score: summary(oursScore) };
  if (jscpd) {
    results.jscpd = {
      version: jscpd.version,
      binary: jscpd.bin.replace(process.cwd() + '/', ''),
      runs: tasks.filter((t) => t.flags).map((t) => ({ name: t.name, flags: t.flags, ms: median(t.samples), samples: t.samples, ...(t.peakRss ? { peakRssMB: MB(Math.max(...t.peakRss)) } : {}), ...(scores.has(t) ? { score: summary(scores.get(t)!) } : {}) })),
    };
  }
  if (cliTask) results.cli = { command: `node ${cli!.replace(process.cwd() + '/', '')} analyze --format json DIR > /dev/null`, ms: median(cliTask.samples), samples: cliTask.samples };
  if (ref) results.oursOverJscpd = { ofMedians: +(median(ours.samples) / median(ref.samples)).toFixed(3), perRound: perRound.map((x) => +x.toFixed(3)), medianPerRound: +median(perRound).toFixed(3) };
  console.table(rows);
  if (ref) console.log(`ours / jscpd prose wall time: ${(median(ours.samples) / median(ref.samples)).toFixed(2)} (medians), per round ${perRound.map((x) => x.toFixed(2)).join(', ')}`);
  console.log(
    `workspace index (${index.articles} articles, ${index.fingerprints} distinct fingerprints): build ${indexRow.buildFromMemoryMs} ms from memory (median), ` +
      `${index.buildFromDiskMs} ms reading the files in a fresh process; that process holding only the index: RSS ${index.rssMB} MB ` +
      `(${index.bareNodeRssMB} MB before the build, peak ${index.peakRssMB} MB), heap +${index.heapDeltaMB} MB, array buffers +${index.arrayBuffersDeltaMB} MB`,
  );
  const jscpdPeaks = tasks.filter((t) => t.peakRss).map((t) => `${t.name} ${MB(Math.max(...t.peakRss!))} MB`);
  if (jscpdPeaks.length) console.log(`peak RSS: ${jscpdPeaks.join(', ')}`);
  console.log(`ours by kind: cross ${JSON.stringify(oursScore.recallCross)}, within ${JSON.stringify(oursScore.recallWithin)}`);
  if (oursScore.missed.length) {
    console.log(`ours missed ${oursScore.missed.length}:`);
    for (const t of oursScore.missed.slice(0, 12)) console.log(`  #${t.id} ${t.kind} ${t.variant} ${t.words} words: ${t.docA} ${t.rangeA.start}-${t.rangeA.end} → ${t.docB} ${t.rangeB.start}-${t.rangeB.end}`);
  }
  for (const p of oursScore.falseExamples) console.log(`  ours false positive: ${p.a} ${p.as}-${p.ae} ~ ${p.b} ${p.bs}-${p.be}`);

  // Other parameter settings of our detector (passed as options; src/ untouched).
  if (SWEEP) {
    const settings: Array<{ options: Partial<DuplicateOptions>; minShared?: number; commonRegions?: boolean }> = [
      { options: {} },
      { options: { k: 4 } },
      { options: { k: 6 } },
      { options: { window: 4 } },
      { options: { window: 8 } },
      { options: { window: 1 } },
      { options: { minSimilarity: 0.7 } },
      { options: { minSimilarity: 0.85 } },
      { options: { minWords: 50 } },
      { options: { maxDocumentFrequency: 5 } },
      { options: {}, minShared: 2 },
      { options: {}, minShared: 4 },
      { options: {}, commonRegions: true },
      { options: {}, minShared: 4, commonRegions: true },
    ];
    const sweep = [];
    for (const x of settings) {
      const emulated = x.minShared !== undefined || x.commonRegions;
      const t = performance.now();
      const pairs = emulated ? emulatedRepeats(corpus, x.options, x.minShared ?? 3, !!x.commonRegions) : runOurs(corpus, x.options);
      const ms = performance.now() - t;
      const s = score(corpus, pairs);
      const label = JSON.stringify(x.options) + (x.minShared !== undefined ? ` minShared ${x.minShared}` : '') + (x.commonRegions ? ' +commonRegions' : '');
      sweep.push({ setting: label, exact: s.recall.exact, edited: s.recall.edited, repunct: s.recall.repunct, rewrapped: s.recall.rewrapped, 'short edited': s.recall.short, precision: s.precision, pairs: s.reported, 'FP footer': s.falseBoilerplate, 'FP other': s.falseOther, ms: Math.round(ms) });
    }
    console.table(sweep);
    results.sweep = sweep;
  }

  mkdirSync('bench/results', { recursive: true });
  const totalMs = performance.now() - started;
  const out = {
    ...machine(),
    /** This benchmark's own wall time, corpus generation included. */
    totalMs: Math.round(totalMs),
    corpus: { articles: corpus.docs.length, seed: SEED, bytes: totalBytes, minBytes: bytes[0], maxBytes: bytes[bytes.length - 1], injected: corpus.truth.length, footerArticles: corpus.boilerplate.size, options: corpus.options },
    matching: 'found: one reported pair overlaps each injected range by >= 50% of it (either direction); correct: overlaps both ranges of some injected pair',
    runs: RUNS,
    rows,
    ...results,
  };
  // The default run writes duplicates.json; other settings get their own file.
  const name = ['duplicates', SWEEP && 'sweep', ARTICLES !== DEFAULT_ARTICLES && `${ARTICLES}`, SEED !== 1 && `seed${SEED}`, STOCK !== 0.1 && `stock${STOCK}`].filter(Boolean).join('-');
  writeFileSync(join('bench/results', `${name}.json`), JSON.stringify(out, null, 2));
  console.log(`wrote bench/results/${name}.json (duplicates bench: ${(totalMs / 1000).toFixed(0)} s)`);
  if (!KEEP) rmSync(dir, { recursive: true, force: true });
  else console.log(`kept ${dir}`);
}

const childAt = argv.indexOf('--index-child');
if (childAt >= 0) indexChild(argv[childAt + 1]);
else main();
