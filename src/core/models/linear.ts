// Scoring with learned linear models. The weights are plain JSON produced by `npm run train` (src/train/); scoring a
// feature list is a sum and a logistic, so it runs the same in Node, a web worker and the CLI.

/** A linear model over named binary or real-valued features. */
export interface LinearModel {
  /** Weight per feature name; absent features weigh 0. */
  weights: Record<string, number>;
  bias: number;
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

export function linearScore(model: LinearModel, features: FeatureVector): number {
  const weights = weightMap(model);
  let z = model.bias;
  for (let i = 0; i < features.length; i++) {
    const value = features[i][1];
    const w = weights.get(features[i][0]);
    if (w !== undefined && Number.isFinite(value)) z += w * value;
  }
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
}
