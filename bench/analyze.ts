// `npm run bench`: analyze() against remark-parse alone and a plain character scan on the same text, in one run.
// Ratios matter, not absolute times (these machines are noisy). Prints a table and writes bench/results/*.json.
import { readFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { analyze } from '../src/core';
import { extractClaims } from '../src/core/claims';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn: () => unknown, minRuns = 15, minMs = 400): number {
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

const rows = [];
for (const [name, text] of texts) {
  const scan = time(() => {
    let n = 0;
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
    return n;
  });
  const remarkMs = time(() => remark.parse(text));
  const analyzeMs = time(() => analyze(text));
  // The claims stage alone, on the structure and quotes the rest of the analysis produced.
  const analysed = analyze(text);
  const claimsMs = time(() => extractClaims(text, analysed.paragraphs, analysed.quotes));
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
console.table(rows);
mkdirSync('bench/results', { recursive: true });
const out = { machine: hostname(), cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version, date: new Date().toISOString(), rows };
writeFileSync(join('bench/results', 'analyze.json'), JSON.stringify(out, null, 2));
console.log('wrote bench/results/analyze.json');
