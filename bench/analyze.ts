// `npm run bench`: analyze() against remark-parse alone and a plain character scan on the same text, in one run.
// Ratios matter, not absolute times (these machines are noisy). Prints a table and writes bench/results/*.json.
import { readFileSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { machine, median } from './common';
import { join, resolve } from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { analyze, DocumentAnalyzer } from '../src/core';
import { extractClaims } from '../src/core/claims';
import { buildStructure } from '../src/core/structure';
import { findQuotes } from '../src/core/quotes';
import { attributeArticle } from '../src/core/attribution';
import { ATTRIBUTION_MODEL } from '../src/core/models';
import { scoreCheckworthiness, type CheckworthinessInput } from '../src/core/checkworthiness';


function time(fn: () => unknown, minRuns = 15, minMs = 400): number {
  // Garbage from earlier measurements must not land in this one.
  (globalThis as { gc?: () => void }).gc?.();
  fn(); // warm up
  const samples: number[] = [];
  const started = performance.now();
  while (samples.length < minRuns || performance.now() - started < minMs) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  return median(samples);
}

/**
 * Medians of two functions timed alternately, so that load from other processes falls on both alike (the ratio
 * is what we report).
 */
function timePair(a: () => unknown, b: () => unknown, minRuns = 21, minMs = 600): [number, number] {
  (globalThis as { gc?: () => void }).gc?.();
  a();
  b();
  const as: number[] = [];
  const bs: number[] = [];
  const started = performance.now();
  while (as.length < minRuns || performance.now() - started < minMs) {
    let t = performance.now();
    a();
    as.push(performance.now() - t);
    t = performance.now();
    b();
    bs.push(performance.now() - t);
  }
  return [median(as), median(bs)];
}

/** Deterministic article text of about `bytes` characters, from our own word model (no copied news). */
export function generatedArticle(bytes: number, seed = 1): string {
  let state = seed;
  const rand = () => ((state = (state * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const words = 'council harbour budget minister river plan vote official report week city wall crews ferry price bakery flour court appeal engineer storm pier season region school water energy grid'.split(' ');
  const names = ['Mara Olsen', 'Tom Reyes', 'Lena Fisk', 'Oskar Brandt', 'Amal Serra'];
  const lines = ['Council weighs a new harbour plan', ''];
  let size = 0;
  while (size < bytes) {
    const sentence = () => {
      const n = 8 + Math.floor(rand() * 14);
      const w = Array.from({ length: n }, () => words[Math.floor(rand() * words.length)]);
      return w[0][0].toUpperCase() + w.slice(1).join(' ').padStart(1) + '.';
    };
    const r = rand();
    let para: string;
    if (r < 0.3) para = `${sentence()} “${sentence().slice(0, -1)},” ${names[Math.floor(rand() * names.length)]} said. ${sentence()}`;
    else if (r < 0.4) para = `${sentence()} “${sentence()}”`;
    else if (r < 0.5) para = `${sentence()} a senior official said that the ${words[0]} was “${words[Math.floor(rand() * words.length)]}”.`;
    else para = `${sentence()} ${sentence()} ${sentence()}`;
    lines.push(para);
    size += para.length + 1;
  }
  return lines.join('\n');
}

const remark = unified().use(remarkParse);
const sample = resolve('../shared/seeds/004_d9575557776c3bf1.txt');
const texts: Array<[string, string]> = [];
if (existsSync(sample)) texts.push(['sample 004 (19 KB)', readFileSync(sample, 'utf8')]);
else console.log('(../shared/seeds not found: using generated articles only)');
texts.push(['generated 20 KB', generatedArticle(20_000)]);
texts.push(['generated 1 MB', generatedArticle(1_000_000, 7)]);

const scanFloor = (text: string) => () => {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
};

// 1. Full analysis against the parsing floor (remark-parse) and the memory floor (a character scan).
const rows = [];
for (const [name, text] of texts) {
  const big = text.length > 200_000;
  const scan = time(scanFloor(text));
  const [remarkMs, analyzeMs] = timePair(() => remark.parse(text), () => analyze(text), big ? 5 : 31, big ? 0 : 800);
  // The claims stage alone, on the structure and quotes the rest of the analysis produced.
  const analysed = analyze(text);
  const claimsMs = time(() => extractClaims(text, analysed.paragraphs, analysed.quotes), big ? 5 : 15, big ? 0 : 400);
  rows.push({
    text: name,
    kb: +(text.length / 1024).toFixed(1),
    scanMs: +scan.toFixed(3),
    remarkMs: +remarkMs.toFixed(3),
    analyzeMs: +analyzeMs.toFixed(3),
    claimsMs: +claimsMs.toFixed(3),
    analyzeOverRemark: +(analyzeMs / remarkMs).toFixed(2),
    claimsShare: +(claimsMs / analyzeMs).toFixed(2),
  });
}
console.log('\nFull analysis (medians; ratio = analyze / remark-parse in the same run)');
console.table(rows);

// 2. Scaling: 1×, 2×, 4× of the 1 MB article. Linear means ms per MB stays flat.
const scaling = [];
for (const mb of [1, 2, 4]) {
  const text = generatedArticle(mb * 1_000_000, 7);
  const [remarkMs, analyzeMs] = timePair(() => remark.parse(text), () => analyze(text), 3, 0);
  scaling.push({ size: `${mb} MB`, chars: text.length, analyzeMs: Math.round(analyzeMs), msPerMB: Math.round(analyzeMs / (text.length / 1e6)), remarkMs: Math.round(remarkMs), analyzeOverRemark: +(analyzeMs / remarkMs).toFixed(2) });
}
for (const row of scaling) Object.assign(row, { perMBvs1x: +(row.msPerMB / scaling[0].msPerMB).toFixed(2) });
console.log('\nScaling (linear: ms per MB flat across 1×, 2×, 4×)');
console.table(scaling);

// 3. Re-analysis after a one-paragraph edit (DocumentAnalyzer, as the extension runs it per open document):
// a word changes in one body paragraph. Each timed run is a real edit (the text alternates between two versions).
function oneParagraphEdit(text: string): string {
  const lines = text.split('\n');
  const i = lines.findIndex((l, k) => k > lines.length / 2 && l.length > 120);
  lines[i] = lines[i].replace(/(\p{L}+)(\P{L}*)$/u, 'amended$2');
  return lines.join('\n');
}
const edits = [];
for (const [name, text] of texts.filter(([, t]) => t.length < 200_000)) {
  const edited = oneParagraphEdit(text);
  const analyzer = new DocumentAnalyzer();
  analyzer.analyze(text);
  let flip = false;
  const [remarkMs, reanalyzeMs] = timePair(() => remark.parse(text), () => {
    flip = !flip;
    return analyzer.analyze(flip ? edited : text);
  }, 61, 1000);
  const analyzeMs = time(() => analyze(edited), 15, 400);
  // The incremental result is the full result (the unit tests check this over random edits); spot-check here too.
  const same = JSON.stringify(new DocumentAnalyzer().analyze(edited)) === JSON.stringify(analyze(edited));
  edits.push({ text: name, remarkMs: +remarkMs.toFixed(3), fullAnalyzeMs: +analyzeMs.toFixed(3), reanalyzeMs: +reanalyzeMs.toFixed(3), reanalyzeOverRemark: +(reanalyzeMs / remarkMs).toFixed(2), sameResult: same });
}
console.log('\nRe-analysis after a one-paragraph edit (target: at most remark-parse on the whole article)');
console.table(edits);

// 4. What the learned attribution model costs: analyze() with it against the hand-written rules alone, alternately.
const model = [];
const weightsBytes = statSync('src/core/models/attribution.json').size;
for (const [name, text] of texts.filter(([, t]) => t.length < 200_000)) {
  const [rulesMs, modelMs] = timePair(() => analyze(text, { attributionModel: null }), () => analyze(text), 31, 800);
  model.push({ text: name, rulesOnlyMs: +rulesMs.toFixed(3), withModelMs: +modelMs.toFixed(3), modelAdds: +(modelMs / rulesMs - 1).toFixed(2), weightsKB: Math.round(weightsBytes / 1024) });
}
console.log('\nThe attribution model (target: adds at most 25% to analyze; weights at most 1 MB)');
console.table(model);

// 5. What the check-worthiness model costs: scoring every claim of the article (its features, the logistic and the
// reasons), timed alternately with the whole analyze() that includes it. The claims' inputs are collected once
// through the analysis's own steps (as src/train/checkworthiness.ts does).
const checkworthiness = [];
const cwWeightsBytes = statSync('src/core/models/checkworthiness.json').size;
for (const [name, text] of texts) {
  const big = text.length > 200_000;
  const { paragraphs } = buildStructure(text);
  const { quotes: spans } = findQuotes(text, paragraphs);
  const { quotes, reported } = attributeArticle({ text, paragraphs, spans, model: ATTRIBUTION_MODEL });
  const inputs: CheckworthinessInput[] = [];
  extractClaims(text, paragraphs, quotes, undefined, (input) => (inputs.push(input), { score: 0, reasons: [] }), reported);
  const [analyzeMs, scoringMs] = timePair(() => analyze(text), () => inputs.map((input) => scoreCheckworthiness(input)), big ? 5 : 31, big ? 0 : 800);
  checkworthiness.push({ text: name, claims: inputs.length, analyzeMs: +analyzeMs.toFixed(3), scoringMs: +scoringMs.toFixed(3), scoringShare: +(scoringMs / analyzeMs).toFixed(3), weightsBytes: cwWeightsBytes });
}
console.log('\nThe check-worthiness model: scoring every claim, as a share of analyze() (target: at most 10%; weights at most 1 MB)');
console.table(checkworthiness);

mkdirSync('bench/results', { recursive: true });
const out = { ...machine(), rows, scaling, edits, model, checkworthiness };
writeFileSync(join('bench/results', 'analyze.json'), JSON.stringify(out, null, 2));
console.log('wrote bench/results/analyze.json');
