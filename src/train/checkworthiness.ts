// Training of the check-worthiness model (src/core/models/checkworthiness.json) on CLEF CheckThat! 2024 Task 1
// English (../shared/checkworthy: debate sentences labelled Yes/No). The features are the ones the extension computes:
// the sentences go through the real analysis (as articles of 40 lines), and extractClaims hands each claim's
// features to a collector instead of the bundled model. Learned on train. The threshold (the Claims view's default
// minimum score) is the one with the best F1 over train cross-validated by debate: the sentence ids run in debate
// order, so 5 contiguous id blocks hold out whole debates, as new articles are. Dev shares its debates with train
// (its ids are spread over the same range), so it is reported, not used to choose. Dev-test is never read here.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TrainContext } from './main';
import { extractClaims } from '../core/claims';
import { buildStructure } from '../core/structure';
import { findQuotes } from '../core/quotes';
import { attributeArticle } from '../core/attribution';
import { ATTRIBUTION_MODEL, asAttributionModel } from '../core/models';
import type { AttributionModel } from '../core/speakers/quoteSpeaker';
import { checkworthinessFeatures, asCheckworthinessModel, type CheckworthinessInput, type CheckworthinessModel } from '../core/checkworthiness';
import { linearScore, sigmoid, type FeatureVector, type LinearModel } from '../core/models/linear';
import { ATTRIBUTION_MODEL_PATH } from './attribution';
import { folds, trainBinary, type BinaryExample, type TrainOptions } from './logistic';

/** Hash buckets for words and word pairs: 2^18. */
export const BUCKETS = 1 << 18;
/** The weights file's budget (the issue says at most 1 MB); the smallest hashed weights go first. */
export const MAX_BYTES = 1_000_000;
/** Lines per training article, as the sentences are laid out for the analysis. */
const LINES_PER_ARTICLE = 40;
/** Chosen by the by-debate cross-validation on train (epochs 5–40, L2 1e-6–1e-4, rates 0.05–0.3 were tried). */
export const OPTIONS: TrainOptions = { epochs: 20, l2: 1e-5, rate: 0.1, seed: 1, prune: 1e-4, digits: 4 };
/** Folds of the by-debate cross-validation that chooses the threshold. */
const DEBATE_FOLDS = 5;

export interface Row {
  id: number;
  text: string;
  yes: boolean;
}

/** One line's claims (a line can hold several sentences; it is check-worthy when any of them scores high). */
export interface Line {
  yes: boolean;
  claims: FeatureVector[];
}

export function readTsv(path: string): Row[] {
  const [header, ...rows] = readFileSync(path, 'utf8').split(/\r?\n/);
  const cols = header.split('\t');
  const id = cols.indexOf('Sentence_id');
  const text = cols.indexOf('Text');
  const label = cols.indexOf('class_label');
  if (id < 0 || text < 0 || label < 0) throw new Error(`${path}: expected the columns Sentence_id, Text and class_label`);
  return rows.filter((r) => r.trim()).map((r) => {
    const c = r.split('\t');
    return { id: Number(c[id]), text: c[text], yes: c[label].trim() === 'Yes' };
  });
}

/** The inputs the model sees for each line, computed by the real analysis of articles of 40 lines. */
export function claimInputs(rows: Row[], attribution: AttributionModel = ATTRIBUTION_MODEL): Array<{ yes: boolean; inputs: CheckworthinessInput[] }> {
  const out: Array<{ yes: boolean; inputs: CheckworthinessInput[] }> = rows.map((r) => ({ yes: r.yes, inputs: [] }));
  for (let first = 0; first < rows.length; first += LINES_PER_ARTICLE) {
    const chunk = rows.slice(first, first + LINES_PER_ARTICLE);
    const text = ['Debate transcript', ...chunk.map((r) => r.text)].join('\n') + '\n';
    const lineStarts: number[] = [];
    for (let i = 0, at = 0; i <= chunk.length; i++) {
      lineStarts.push(at);
      at = text.indexOf('\n', at) + 1;
    }
    // The steps of analyze() up to the claims (src/core/analyze.ts), with a collector as the claims' scorer.
    const { paragraphs } = buildStructure(text);
    const { quotes: spans } = findQuotes(text, paragraphs);
    const { quotes, reported } = attributeArticle({ text, paragraphs, spans, model: attribution });
    const collected: CheckworthinessInput[] = [];
    const collect = (input: CheckworthinessInput) => {
      collected.push(input);
      return { score: 0, reasons: [] };
    };
    const claims = extractClaims(text, paragraphs, quotes, undefined, collect, reported, attribution.claimThreshold);
    claims.forEach((claim, k) => {
      let line = 0;
      while (line + 1 < lineStarts.length && lineStarts[line + 1] <= claim.start) line++;
      if (line >= 1) out[first + line - 1].inputs.push(collected[k]);
    });
  }
  return out;
}

export function featurise(rows: Row[], buckets = BUCKETS, attribution: AttributionModel = ATTRIBUTION_MODEL): Line[] {
  return claimInputs(rows, attribution).map((l) => ({ yes: l.yes, claims: l.inputs.map((input) => checkworthinessFeatures(input, buckets).features) }));
}

/** A line's score as the extension reports it: its best claim's probability (2 decimals), 0 without a claim. */
export function lineScore(model: LinearModel, line: Line): number {
  let best = 0;
  for (const c of line.claims) best = Math.max(best, Math.round(sigmoid(linearScore(model, c)) * 100) / 100);
  return best;
}

export function examplesOf(lines: Line[]): BinaryExample[] {
  const out: BinaryExample[] = [];
  for (const l of lines) for (const features of l.claims) out.push({ features, label: l.yes ? 1 : 0 });
  return out;
}

/** Logistic regression on the lines' claims: every claim of a line carries the line's label. */
export function trainModel(lines: Line[], options: TrainOptions = OPTIONS): LinearModel {
  return trainBinary(examplesOf(lines), options);
}

export interface Scores {
  f1: number;
  precision: number;
  recall: number;
}

export function f1At(scores: number[], gold: boolean[], threshold: number): Scores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  scores.forEach((s, i) => {
    if (s >= threshold && gold[i]) tp++;
    else if (s >= threshold) fp++;
    else if (gold[i]) fn++;
  });
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  return { f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, precision, recall };
}

/**
 * The threshold with the best F1, a multiple of `step` (in hundredths); the lowest of equals. The model's default is
 * chosen on a 0.05 grid: the F1 curve is flat near its top, and a finer choice would move with every retraining.
 */
export function bestThreshold(scores: number[], gold: boolean[], step = 1): { threshold: number } & Scores {
  let best = { threshold: 0.5, ...f1At(scores, gold, 0.5) };
  for (let t = step; t < 100; t += step) {
    const s = f1At(scores, gold, t / 100);
    if (s.f1 > best.f1 + 1e-12) best = { threshold: t / 100, ...s };
  }
  return best;
}

export function averagePrecision(scores: number[], gold: boolean[]): number {
  const order = scores.map((s, i) => [s, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  let hits = 0;
  let total = 0;
  order.forEach(([, i], k) => {
    if (gold[i]) total += ++hits / (k + 1);
  });
  const positives = gold.filter(Boolean).length;
  return positives ? total / positives : 0;
}

/** Drops the smallest hashed weights until the file fits the budget (named features always stay). */
export function fitToBudget(model: CheckworthinessModel, maxBytes = MAX_BYTES): CheckworthinessModel {
  const text = (m: CheckworthinessModel) => JSON.stringify(m);
  if (text(model).length <= maxBytes) return model;
  const hashed = Object.entries(model.weights).filter(([k]) => k.startsWith('w'));
  hashed.sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]) || (a[0] < b[0] ? -1 : 1));
  const named = Object.entries(model.weights).filter(([k]) => !k.startsWith('w'));
  const build = (n: number): CheckworthinessModel => ({
    ...model,
    weights: Object.fromEntries([...named, ...hashed.slice(0, n)].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))),
  });
  let lo = 0;
  let hi = hashed.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (text(build(mid)).length <= maxBytes) lo = mid;
    else hi = mid - 1;
  }
  return build(lo);
}

const fmt = (x: number) => x.toFixed(3);

/** Folds of whole debates: the rows sorted by sentence id, cut into k contiguous blocks. */
export function debateFolds(rows: Row[], k: number): number[][] {
  const order = rows.map((r, i) => [r.id, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, i]) => i);
  return Array.from({ length: k }, (_, f) => order.slice(Math.floor((f * order.length) / k), Math.floor(((f + 1) * order.length) / k)).sort((a, b) => a - b));
}

/** Out-of-fold line scores: each fold scored by a model trained on the others. */
export function crossValidated(lines: Line[], parts: number[][]): number[] {
  const scores = new Array<number>(lines.length).fill(0);
  for (const held of parts) {
    const heldSet = new Set(held);
    const model = trainModel(lines.filter((_, i) => !heldSet.has(i)));
    for (const i of held) scores[i] = lineScore(model, lines[i]);
  }
  return scores;
}

export async function trainCheckworthinessModel(context: TrainContext): Promise<void> {
  const dir = join(context.shared, 'checkworthy');
  const started = Date.now();
  // The attribution weights on disk, not the ones bundled into this script: `npm run train` has just rewritten them,
  // and the claims' speakers feed this model, so one run must give the same bytes whatever the weights were before.
  const attribution = asAttributionModel(JSON.parse(readFileSync(resolve(ATTRIBUTION_MODEL_PATH), 'utf8')), ATTRIBUTION_MODEL_PATH);
  const trainRows = readTsv(join(dir, 'CT24_checkworthy_english_train.tsv'));
  const train = featurise(trainRows, BUCKETS, attribution);
  const dev = featurise(readTsv(join(dir, 'CT24_checkworthy_english_dev.tsv')), BUCKETS, attribution);
  const uncovered = (lines: Line[]) => lines.filter((l) => !l.claims.length).length;
  context.log(`checkworthiness: ${train.length} train lines (${uncovered(train)} without a claim), ${dev.length} dev lines (${uncovered(dev)}); features in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const gold = train.map((l) => l.yes);

  // The threshold: best F1 over train, cross-validated by debate.
  const byDebate = crossValidated(train, debateFolds(trainRows, DEBATE_FOLDS));
  const chosen = bestThreshold(byDebate, gold, 5);
  context.log(`checkworthiness: train cross-validated by debate (${DEBATE_FOLDS} id blocks): best F1 ${fmt(chosen.f1)} (P ${fmt(chosen.precision)} R ${fmt(chosen.recall)}) at ${chosen.threshold} → the threshold; AP ${fmt(averagePrecision(byDebate, gold))}`);
  if (context.cv > 1) {
    const random = crossValidated(train, folds(train.length, context.cv));
    const at = f1At(random, gold, chosen.threshold);
    context.log(`checkworthiness: train ${context.cv}-fold cross-validation: F1 ${fmt(at.f1)} (P ${fmt(at.precision)} R ${fmt(at.recall)}) at ${chosen.threshold}, best ${fmt(bestThreshold(random, gold).f1)}, AP ${fmt(averagePrecision(random, gold))}`);
  }

  const trained = trainModel(train);
  const model = fitToBudget({ bias: trained.bias, buckets: BUCKETS, threshold: chosen.threshold, weights: trained.weights });
  asCheckworthinessModel(model, 'the trained model');
  const devScores = dev.map((l) => lineScore(model, l));
  const devGold = dev.map((l) => l.yes);
  const devAt = f1At(devScores, devGold, chosen.threshold);
  const devBest = bestThreshold(devScores, devGold);
  context.log(`checkworthiness: dev F1 ${fmt(devAt.f1)} (P ${fmt(devAt.precision)} R ${fmt(devAt.recall)}) at ${chosen.threshold}; best ${fmt(devBest.f1)} at ${devBest.threshold}; AP ${fmt(averagePrecision(devScores, devGold))}`);

  const out = resolve('src/core/models/checkworthiness.json');
  const json = JSON.stringify(model) + '\n';
  writeFileSync(out, json);
  context.log(`checkworthiness: ${Object.keys(model.weights).length} weights (${Object.keys(trained.weights).length} before the size budget), ${(json.length / 1e6).toFixed(2)} MB → ${out}`);
  context.log(`checkworthiness: threshold ${chosen.threshold}: set it as seedAnnotator.claims.minScore's default in package.json (a unit test checks they agree)`);
}
