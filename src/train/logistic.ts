// Deterministic training of the linear models in src/core/models: binary logistic regression and a conditional-logit
// ranker (softmax over the candidates of one decision). Plain TypeScript, no randomness but a seeded shuffle, so the
// same data gives byte-identical weights on every machine.

import type { FeatureVector, HiddenLayer, LinearModel } from '../core/models/linear';
import { linearScore, sigmoid } from '../core/models/linear';

export interface TrainOptions {
  epochs?: number;
  /** L2 penalty per example and step. */
  l2?: number;
  /** AdaGrad base learning rate. */
  rate?: number;
  seed?: number;
  /** Weights smaller than this in magnitude are dropped from the written model. */
  prune?: number;
  /** Decimal digits kept in the written weights. */
  digits?: number;
}

/** mulberry32: a small seeded PRNG for the shuffle. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled<T>(items: T[], seed: number): T[] {
  const out = items.slice();
  const random = seededRandom(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

class Params {
  readonly index = new Map<string, number>();
  w: Float64Array = new Float64Array(1024);
  g2: Float64Array = new Float64Array(1024);
  bias = 0;
  biasG2 = 0;
  id(name: string): number {
    let i = this.index.get(name);
    if (i === undefined) {
      i = this.index.size;
      this.index.set(name, i);
      if (i >= this.w.length) {
        const w = new Float64Array(this.w.length * 2);
        w.set(this.w);
        this.w = w;
        const g = new Float64Array(this.g2.length * 2);
        g.set(this.g2);
        this.g2 = g;
      }
    }
    return i;
  }
  score(features: Array<[number, number]>): number {
    let z = this.bias;
    for (const [i, v] of features) z += this.w[i] * v;
    return z;
  }
  step(features: Array<[number, number]>, gradient: number, rate: number, l2: number, withBias: boolean): void {
    for (const [i, v] of features) {
      const g = gradient * v + l2 * this.w[i];
      this.g2[i] += g * g;
      this.w[i] -= (rate * g) / (Math.sqrt(this.g2[i]) + 1e-8);
    }
    if (withBias) {
      this.biasG2 += gradient * gradient;
      this.bias -= (rate * gradient) / (Math.sqrt(this.biasG2) + 1e-8);
    }
  }
  toModel(prune: number, digits: number): LinearModel {
    const weights: Record<string, number> = {};
    const names = [...this.index.keys()].sort();
    const scale = 10 ** digits;
    for (const name of names) {
      const w = Math.round(this.w[this.index.get(name)!] * scale) / scale;
      if (Math.abs(w) >= prune && w !== 0) weights[name] = w;
    }
    return { bias: Math.round(this.bias * scale) / scale, weights };
  }
}

function indexed(params: Params, features: FeatureVector): Array<[number, number]> {
  return features.map(([name, value]) => [params.id(name), value] as [number, number]);
}

export interface BinaryExample {
  features: FeatureVector;
  label: 0 | 1;
  /** Example weight (class balancing); 1 by default. */
  weight?: number;
}

/** Binary logistic regression by AdaGrad over seeded shuffles. */
export function trainBinary(examples: BinaryExample[], options: TrainOptions = {}): LinearModel {
  const { epochs = 10, l2 = 1e-6, rate = 0.1, seed = 1, prune = 1e-4, digits = 4 } = options;
  const params = new Params();
  const data = examples.map((e) => ({ x: indexed(params, e.features), y: e.label, weight: e.weight ?? 1 }));
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (const e of shuffled(data, seed + epoch)) {
      const p = sigmoid(params.score(e.x));
      params.step(e.x, (p - e.y) * e.weight, rate, l2, true);
    }
  }
  return params.toModel(prune, digits);
}

export interface RankingGroup {
  /** One feature vector per candidate. */
  candidates: FeatureVector[];
  /** Indices of the right candidates (any of them is right); groups without one are skipped. */
  gold: number[];
}

/** The groups a ranker can learn from: at least one right candidate, every right index a candidate's. */
function trainableGroups(groups: RankingGroup[]): RankingGroup[] {
  return groups.filter((g) => g.gold.length > 0 && g.gold.every((k) => k >= 0 && k < g.candidates.length));
}

/**
 * The conditional logit's loss −log Σ_gold p over one group's scores, differentiated by each score:
 * p_k − [k ∈ gold] · exp_k / Σ_gold exp.
 */
function logitGradients(scores: number[], gold: ReadonlySet<number>): number[] {
  const max = Math.max(...scores);
  const exps = scores.map((s) => Math.exp(s - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  let goldSum = 0;
  for (const k of gold) goldSum += exps[k];
  return exps.map((e, k) => e / sum - (gold.has(k) ? e / goldSum : 0));
}

/**
 * Conditional logit: maximises the softmax probability mass of the right candidates in each group. No bias (it
 * cancels). Features found on fewer than `minCount` candidates are left out, which bounds the model's size.
 */
export function trainRanker(groups: RankingGroup[], options: TrainOptions & { minCount?: number } = {}): LinearModel {
  const { epochs = 10, l2 = 1e-6, rate = 0.1, seed = 1, prune = 1e-4, digits = 4, minCount = 1 } = options;
  const counts = new Map<string, number>();
  for (const g of groups) for (const c of g.candidates) for (const [name] of c) counts.set(name, (counts.get(name) ?? 0) + 1);
  const params = new Params();
  const keep = (c: FeatureVector) => c.filter(([name]) => (counts.get(name) ?? 0) >= minCount);
  const data = trainableGroups(groups).map((g) => ({ xs: g.candidates.map((c) => indexed(params, keep(c))), gold: new Set(g.gold) }));
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (const g of shuffled(data, seed + epoch)) {
      const gradients = logitGradients(g.xs.map((x) => params.score(x)), g.gold);
      g.xs.forEach((x, k) => {
        if (Math.abs(gradients[k]) > 1e-9) params.step(x, gradients[k], rate, l2, false);
      });
    }
  }
  return params.toModel(prune, digits);
}

/** Splits indices 0..n-1 into k folds deterministically (by position after a seeded shuffle). */
export function folds(n: number, k: number, seed = 7): number[][] {
  const order = shuffled(Array.from({ length: n }, (_, i) => i), seed);
  const out: number[][] = Array.from({ length: k }, () => []);
  order.forEach((item, i) => out[i % k].push(item));
  return out.map((f) => f.sort((a, b) => a - b));
}

export interface HiddenOptions {
  /** Hidden units. */
  units?: number;
  epochs?: number;
  /** Groups per Adam step. */
  batch?: number;
  /** Adam learning rate. */
  rate?: number;
  l2?: number;
  seed?: number;
  /** Decimal digits kept in the written weights. */
  digits?: number;
  /** Features found on fewer candidates than this feed no unit. */
  minCount?: number;
  /** Which features feed the units (by name). */
  feeds?: (name: string) => boolean;
}

/**
 * A hidden layer of rectified units trained on top of a ranker (`base`, kept as it is): the conditional logit's loss
 * over base score + Σ out·relu(bias + W·x), by Adam over seeded mini-batches of groups. The units see only the
 * features `feeds` accepts (the model's own features, not its words: a few hundred names), so the layer stays small
 * and learns how those features combine, which the linear weights cannot.
 */
export function trainHiddenLayer(groups: RankingGroup[], base: LinearModel, options: HiddenOptions = {}): HiddenLayer {
  const { units = 16, epochs = 3, batch = 256, rate = 0.01, l2 = 1e-6, seed = 5, digits = 4, minCount = 3, feeds = () => true } = options;
  const counts = new Map<string, number>();
  for (const g of groups) for (const c of g.candidates) for (const [name] of c) if (feeds(name)) counts.set(name, (counts.get(name) ?? 0) + 1);
  const names = [...counts.keys()].filter((n) => counts.get(n)! >= minCount).sort();
  const index = new Map(names.map((n, i) => [n, i]));
  const data = trainableGroups(groups).map((g) => ({
    base: g.candidates.map((c) => linearScore(base, c)),
    xs: g.candidates.map((c) => c.flatMap(([name, value]) => (index.has(name) && Number.isFinite(value) ? [[index.get(name)!, value] as [number, number]] : []))),
    gold: new Set(g.gold),
  }));
  // Parameters, one array: W (input i, unit j at i·units + j), then bias, then out.
  const nW = names.length * units;
  const size = nW + 2 * units;
  const p = new Float64Array(size);
  const random = seededRandom(seed);
  // Uniform with standard deviation 0.1 (half-width 0.1·√3) for W and out; biases start at 0.
  for (let i = 0; i < nW; i++) p[i] = (2 * random() - 1) * 0.1732;
  for (let j = 0; j < units; j++) p[nW + units + j] = (2 * random() - 1) * 0.1732;
  const m = new Float64Array(size);
  const v = new Float64Array(size);
  const grad = new Float64Array(size);
  const activation = new Float64Array(units);
  let step = 0;
  const forward = (x: Array<[number, number]>) => {
    for (let j = 0; j < units; j++) activation[j] = p[nW + j];
    for (const [i, value] of x) for (let j = 0; j < units; j++) activation[j] += value * p[i * units + j];
    let z = 0;
    for (let j = 0; j < units; j++) if (activation[j] > 0) z += p[nW + units + j] * activation[j];
    return z;
  };
  for (let epoch = 0; epoch < epochs; epoch++) {
    const order = shuffled(data, seed * 1000 + epoch);
    for (let from = 0; from < order.length; from += batch) {
      const slice = order.slice(from, from + batch);
      grad.fill(0);
      for (const g of slice) {
        const gradients = logitGradients(g.xs.map((x, k) => g.base[k] + forward(x)), g.gold);
        g.xs.forEach((x, k) => {
          const d = gradients[k] / slice.length;
          if (Math.abs(d) < 1e-12) return;
          forward(x);
          for (let j = 0; j < units; j++) {
            if (activation[j] <= 0) continue;
            grad[nW + units + j] += d * activation[j];
            const dh = d * p[nW + units + j];
            grad[nW + j] += dh;
            for (const [i, value] of x) grad[i * units + j] += dh * value;
          }
        });
      }
      // Adam, with the L2 penalty on W and out.
      step++;
      const c1 = 1 - 0.9 ** step;
      const c2 = 1 - 0.999 ** step;
      for (let i = 0; i < size; i++) {
        const g = grad[i] + (i < nW || i >= nW + units ? l2 * p[i] : 0);
        m[i] = 0.9 * m[i] + 0.1 * g;
        v[i] = 0.999 * v[i] + 0.001 * g * g;
        p[i] -= (rate * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + 1e-8);
      }
    }
  }
  const scale = 10 ** digits;
  const round = (x: number) => Math.round(x * scale) / scale || 0;
  const inputs: Record<string, number[]> = {};
  names.forEach((name, i) => {
    const row = Array.from(p.subarray(i * units, (i + 1) * units), round);
    if (row.some((x) => x !== 0)) inputs[name] = row;
  });
  return { inputs, bias: Array.from(p.subarray(nW, nW + units), round), out: Array.from(p.subarray(nW + units), round) };
}
