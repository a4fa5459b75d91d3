// Scoring with learned linear models. The weights are plain JSON produced by `npm run train` (src/train/); scoring a
// feature list is a sum and a logistic, so it runs the same in Node, a web worker and the CLI.

/** A linear model over named binary or real-valued features, optionally with one small hidden layer beside it. */
export interface LinearModel {
  /** Weight per feature name; absent features weigh 0. */
  weights: Record<string, number>;
  bias: number;
  /** Interactions the weights alone cannot express ("a strong cue, but far from the sentence's start"). */
  hidden?: HiddenLayer;
}

/**
 * A layer of rectified units over some of the features (the model's own, not its words): the score gains
 * Σ out[j] · max(0, bias[j] + Σ value · inputs[name][j]).
 */
export interface HiddenLayer {
  /** Per feature name, its weight into each unit; absent features feed no unit. */
  inputs: Record<string, number[]>;
  bias: number[];
  out: number[];
}

/** A feature and its value (1 for a binary feature). */
export type FeatureVector = Array<[name: string, value: number]>;

/**
 * A model's weights as a Map, made once per model: a weights file has thousands of names, and looking a freshly built
 * feature name up in an object that large was the attribution's top profile entry.
 */
const weightMaps = new WeakMap<Record<string, number>, Map<string, number>>();
export function weightMap(model: LinearModel): Map<string, number> {
  let map = weightMaps.get(model.weights);
  if (!map) {
    map = new Map(Object.entries(model.weights));
    weightMaps.set(model.weights, map);
  }
  return map;
}

/** A hidden layer's inputs as a Map of typed rows, made once per model (the score reads them feature by feature). */
const hiddenMaps = new WeakMap<HiddenLayer, Map<string, Float64Array>>();
export function hiddenInputs(layer: HiddenLayer): Map<string, Float64Array> {
  let map = hiddenMaps.get(layer);
  if (!map) {
    map = new Map(Object.entries(layer.inputs).map(([name, row]) => [name, Float64Array.from(row)]));
    hiddenMaps.set(layer, map);
  }
  return map;
}

/** What the hidden layer adds to a score, given each unit's summed input (`activation`, its bias included). */
export function hiddenOutput(layer: HiddenLayer, activation: ArrayLike<number>): number {
  let z = 0;
  for (let j = 0; j < layer.out.length; j++) if (activation[j] > 0) z += layer.out[j] * activation[j];
  return z;
}

export function linearScore(model: LinearModel, features: FeatureVector): number {
  const weights = weightMap(model);
  const layer = model.hidden;
  const rows = layer ? hiddenInputs(layer) : null;
  const activation = layer ? layer.bias.slice() : null;
  let z = model.bias;
  for (let i = 0; i < features.length; i++) {
    const value = features[i][1];
    if (!Number.isFinite(value)) continue;
    const w = weights.get(features[i][0]);
    if (w !== undefined) z += w * value;
    const row = rows?.get(features[i][0]);
    if (row) for (let j = 0; j < row.length; j++) activation![j] += value * row[j];
  }
  if (layer) z += hiddenOutput(layer, activation!);
  return Number.isFinite(z) ? z : 0;
}

export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** Softmax over scores; stable for large magnitudes. */
export function softmax(scores: number[]): number[] {
  const probabilities = scores.slice();
  softmaxInPlace(probabilities, probabilities.length);
  return probabilities;
}

/** softmax() of values[0, n), written over them (nothing made: a ranking runs it for every quote and sentence). */
export function softmaxInPlace(values: { [i: number]: number }, n: number): void {
  let max = -Infinity;
  for (let i = 0; i < n; i++) max = Math.max(max, values[i]);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i] = Math.exp(values[i] - max);
  for (let i = 0; i < n; i++) values[i] /= sum;
}

/** Checks a parsed weights file; throws with a clear message when it is not a model (used at build time by tests). */
export function assertLinearModel(value: unknown, name: string): asserts value is LinearModel {
  const m = value as LinearModel;
  if (!m || typeof m !== 'object' || typeof m.bias !== 'number' || !Number.isFinite(m.bias) || !m.weights || typeof m.weights !== 'object') {
    throw new Error(`${name}: not a linear model (expected { bias: number, weights: { feature: number } })`);
  }
  for (const [k, w] of Object.entries(m.weights)) {
    if (typeof w !== 'number' || !Number.isFinite(w)) throw new Error(`${name}: weight of "${k}" is not a finite number`);
  }
  if (m.hidden !== undefined) assertHiddenLayer(m.hidden, name);
}

function assertHiddenLayer(layer: HiddenLayer, name: string): void {
  const finiteRow = (row: unknown, units: number) => Array.isArray(row) && row.length === units && row.every((x) => typeof x === 'number' && Number.isFinite(x));
  if (!layer || typeof layer !== 'object' || !Array.isArray(layer.out) || !layer.out.length) throw new Error(`${name}: hidden layer has no units`);
  const units = layer.out.length;
  if (!finiteRow(layer.out, units) || !finiteRow(layer.bias, units)) throw new Error(`${name}: hidden layer's bias and out must be ${units} finite numbers each`);
  if (!layer.inputs || typeof layer.inputs !== 'object') throw new Error(`${name}: hidden layer has no inputs`);
  for (const [k, row] of Object.entries(layer.inputs)) {
    if (!finiteRow(row, units)) throw new Error(`${name}: hidden input "${k}" is not ${units} finite numbers`);
  }
}
