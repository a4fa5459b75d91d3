// The headline figures of one `npm run bench`, against the performance targets, from bench/results/*.json.
// Prints a table and writes bench/results/summary.json (machine, node, date). Ratios, not absolute times:
// every ratio compares two things measured in the same run.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, hostname, loadavg } from 'node:os';

const read = (name) => (existsSync(`bench/results/${name}.json`) ? JSON.parse(readFileSync(`bench/results/${name}.json`, 'utf8')) : undefined);
const analyze = read('analyze');
const duplicates = read('duplicates');
const cli = read('cli');
const stall = read('stall');
const sources = read('sources');
const workspace = read('workspace');
const rows = [];
const add = (measure, value, target, met) => rows.push({ measure, value, target, met: met === undefined ? '' : met ? 'yes' : 'no' });
const x = (n) => `${n}×`;

if (analyze) {
  for (const r of analyze.rows) if (r.kb < 200) add(`analyze ${r.text}: ${r.analyzeMs} ms vs remark-parse ${r.remarkMs} ms`, x(r.analyzeOverRemark), '≤ 4× remark', r.analyzeOverRemark <= 4);
  const big = analyze.rows.find((r) => r.kb >= 200);
  if (big) add(`analyze ${big.text}: ${Math.round(big.analyzeMs)} ms vs remark-parse ${Math.round(big.remarkMs)} ms`, x(big.analyzeOverRemark), '(for scale)');
  const last = analyze.scaling.at(-1);
  add(`scaling 1/2/4 MB: ms per MB ${analyze.scaling.map((s) => s.msPerMB).join(' / ')}`, x(last.perMBvs1x), 'linear (≈ 1× per MB)', last.perMBvs1x < 1.5);
  for (const m of analyze.model ?? []) {
    add(`attribution model's cost, ${m.text}: analyze ${m.withModelMs} ms vs the rules alone ${m.rulesOnlyMs} ms`, `+${Math.round(m.modelAdds * 100)}%`, '≤ +25% of analyze', m.modelAdds <= 0.25);
  }
  const weights = analyze.model?.[0];
  if (weights) add('attribution weights (src/core/models/attribution.json)', `${weights.weightsKB} KB`, '≤ 1 MB', weights.weightsKB <= 1000);
  for (const e of analyze.edits) add(`re-analysis after a one-paragraph edit, ${e.text}: ${e.reanalyzeMs} ms vs remark ${e.remarkMs} ms (full ${e.fullAnalyzeMs} ms)`, x(e.reanalyzeOverRemark), '≤ 1× remark', e.reanalyzeOverRemark <= 1);
  for (const c of analyze.checkworthiness ?? []) {
    add(`check-worthiness scoring, ${c.text}: ${c.claims} claims in ${c.scoringMs} ms of analyze's ${c.analyzeMs} ms`, `${(c.scoringShare * 100).toFixed(1)}%`, '≤ 10% of analyze', c.scoringShare <= 0.1);
  }
  const cw = analyze.checkworthiness?.[0];
  if (cw) add('check-worthiness weights (src/core/models/checkworthiness.json)', `${(cw.weightsBytes / 1e6).toFixed(3)} MB`, '≤ 1 MB (1,000,000 bytes)', cw.weightsBytes <= 1_000_000);
}
if (duplicates) {
  const i = duplicates.index;
  const prose = duplicates.jscpd.runs[0];
  add(`workspace repeats, ${duplicates.corpus.articles} articles: ours ${(duplicates.ours.ms / 1000).toFixed(1)} s vs ${prose.name} ${(prose.ms / 1000).toFixed(1)} s`, x(duplicates.oursOverJscpd.medianPerRound), '≤ 1× jscpd', duplicates.oursOverJscpd.medianPerRound <= 1);
  add(`index build (${i.articles} articles, from disk)`, `${(i.buildFromDiskMs / 1000).toFixed(1)} s`, '');
  add('index process RSS after build', `${i.rssMB} MB`, '≤ 150 MB', i.rssMB <= 150);
  add(`recall on edited copies: ours vs jscpd`, `${duplicates.ours.score.recall.edited} vs ${prose.score.recall.edited}`, 'beat jscpd', duplicates.ours.score.recall.edited > prose.score.recall.edited);
  const r = duplicates.ours.score.recall;
  if (r.short !== undefined) add('recall on short edited copies (45–110 words, a word in ten changed)', `${r.short}`, '≥ 0.95', r.short >= 0.95);
  add('recall on exact / re-wrapped copies, precision', `${r.exact} / ${r.rewrapped}, ${duplicates.ours.score.precision}`, '1.00 / 1.00, 1.00', r.exact >= 0.997 && r.rewrapped >= 0.997 && duplicates.ours.score.precision === 1);
}
if (cli) {
  const o = cli.results.ours;
  const t = cli.results.textlint;
  add(`CLI over ${cli.corpus.articles} files: ${o.msPerFile} ms/file vs textlint (trivial rule) ${t.msPerFile} ms/file`, x(cli.ratio), 'ahead of textlint (< 1×)', cli.ratio < 1);
}
if (sources) {
  const s = sources;
  add(`sourcing report, ${s.corpus.articles} articles: report ${(s.report.wallMs / 1000).toFixed(1)} s vs analyze ${(s.analyze.wallMs / 1000).toFixed(1)} s`, x(s.reportRatio), '≤ 2× analyze', s.reportRatio <= s.targets.maxRatio);
  add(`Sources data (sources --format json), ${s.corpus.articles} articles, vs analyze`, x(s.sourcesRatio), '≤ 2× analyze', s.sourcesRatio <= s.targets.maxRatio);
  add(`RSS the report leaves (peak ${s.report.peakRssMB} MB, analyze's ${s.analyze.peakRssMB} MB; worker processes apart)`, `${s.report.rssMB} MB`, '< 300 MB', s.report.rssMB < s.targets.maxRssMB);
  add('report size', `${(s.reportBytes / 1e6).toFixed(2)} MB`, '< 5 MB', s.reportBytes < 5 * 1024 * 1024);
}
if (stall) {
  for (const r of stall.rows) {
    const pool = r.where.startsWith('analysis pool');
    add(`longest event-loop stall, 20 MB article, ${r.where}${r.load1 !== undefined ? ` (load ${r.load1} on ${stall.cpus} cores)` : ''}`, `${r.longestStallMs} ms`, pool ? '≤ 50 ms' : '(for scale)', pool ? r.longestStallMs <= 50 : undefined);
  }
}
if (workspace) {
  for (const r of workspace.rows) {
    const many = r.articles >= 10_000;
    add(`folder opened (index + claims pass), ${r.folder}: longest host stall (${(r.totalMs / 1000).toFixed(1)} s in all, ${r.claims} claims, pool of ${workspace.poolSize}${r.load1 !== undefined ? `, load ${r.load1} on ${workspace.cpus} cores` : ''}${r.runningInItMs !== undefined ? `; the host ran ${r.runningInItMs} ms of it, and its longest gap spent running is ${r.longestRunningStallMs} ms` : ''})`, `${r.longestStallMs} ms`, '≤ 100 ms', r.longestStallMs <= 100);
    if (many) add(`process RSS after opening ${r.folder}`, `${r.rssMB} MB`, '(reported)');
  }
}

console.log('\nSummary (each ratio compares two measurements of the same run)');
console.table(rows);
const out = { machine: hostname(), cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version, date: new Date().toISOString(), loadavg: loadavg(), rows };
writeFileSync('bench/results/summary.json', `${JSON.stringify(out, null, 2)}\n`);
console.log('wrote bench/results/summary.json');
