// Linear scoring: the sum over named features that the attribution ranker runs for every candidate, and the small
// hidden layer the reported-speech ranker has beside it. Weights here are made up for the tests.
import * as assert from 'node:assert/strict';
import { assertLinearModel, linearScore, type FeatureVector, type HiddenLayer, type LinearModel } from '../../src/core/models/linear';
import { ModelScore } from '../../src/core/models/featureSink';
import { trainHiddenLayer, trainRanker } from '../../src/train/logistic';

describe('linear scoring', () => {
  it('sums weight × value over the features the model knows, plus the bias', () => {
    const model: LinearModel = { bias: 0.5, weights: { 'cueR=said': 2, nocue: -1.5, 'order:0': 0.25 } };
    assert.equal(linearScore(model, [['cueR=said', 1], ['unknown', 7], ['order:0', 2]]), 0.5 + 2 + 0.5);
    assert.equal(linearScore(model, []), 0.5);
    assert.equal(linearScore(model, [['nocue', Number.NaN]]), 0.5, 'a value that is not finite counts nothing');
  });

  it('reads a model whose weights were replaced after it was first scored (training makes new weights per fold)', () => {
    const model: LinearModel = { bias: 0, weights: { a: 1 } };
    assert.equal(linearScore(model, [['a', 1]]), 1);
    model.weights = { a: 3, b: 1 };
    assert.equal(linearScore(model, [['a', 1], ['b', 1]]), 4);
  });

  it('stays finite when the sum overflows', () => {
    const model: LinearModel = { bias: 0, weights: { a: Number.MAX_VALUE } };
    assert.equal(linearScore(model, [['a', 2], ['a', 2]]), 0);
  });
});

describe('linear scoring: the hidden layer', () => {
  const layer: HiddenLayer = { inputs: { 'cueR:hi': [1, -2], 'at:0': [0.5, 1] }, bias: [0, 1], out: [2, -1] };
  const model: LinearModel = { bias: 0.25, weights: { 'cueR:hi': 1 }, hidden: layer };

  it('adds Σ out · max(0, bias + Σ value · input) to the linear score', () => {
    // Units: max(0, 0 + 1 + 0.5) = 1.5 and max(0, 1 − 2 + 1) = 0 → 2 · 1.5 − 1 · 0 = 3.
    assert.equal(linearScore(model, [['cueR:hi', 1], ['at:0', 1]]), 0.25 + 1 + 3);
    // A unit below zero adds nothing: max(0, 1 − 4) = 0 for the second; the first gives 2 · 2 = 4.
    assert.equal(linearScore(model, [['cueR:hi', 2]]), 0.25 + 2 + 4);
    // No input: the biases alone (0 and 1) → −1 · 1.
    assert.equal(linearScore(model, [['unknown', 1]]), 0.25 - 1);
  });

  it('gives the same score fed feature by feature (the run-time path) as over the listed features, to the last bit', () => {
    const sink = new ModelScore(model);
    sink.addKey('cueR:', 'hi', 0.3);
    sink.scoped('at:').add('0', 0.7);
    sink.add('unknown', 5);
    assert.equal(sink.score, linearScore(model, [['cueR:hi', 0.3], ['at:0', 0.7], ['unknown', 5]]));
  });

  it('refuses a hidden layer whose rows are not one finite number per unit', () => {
    assert.throws(() => assertLinearModel({ ...model, hidden: { ...layer, inputs: { a: [1] } } }, 'm'), /hidden input "a" is not 2 finite numbers/);
    assert.throws(() => assertLinearModel({ ...model, hidden: { ...layer, out: [1, Number.NaN] } }, 'm'), /bias and out/);
    assert.doesNotThrow(() => assertLinearModel(model, 'm'));
  });

  it('learns an interaction the linear ranker cannot: either cue alone is right, both together are not', () => {
    // Four kinds of decision, many times over. Linear weights that put {a} above {} and {b} above {} put {a, b} above
    // both; a hidden unit over a and b together can take that back.
    const kinds = [
      { candidates: [[['a', 1]], [['a', 1], ['b', 1]]], gold: [0] },
      { candidates: [[['b', 1]], [['a', 1], ['b', 1]]], gold: [0] },
      { candidates: [[['a', 1]], []], gold: [0] },
      { candidates: [[['b', 1]], []], gold: [0] },
    ] as Array<{ candidates: FeatureVector[]; gold: number[] }>;
    const groups = Array.from({ length: 400 }, (_, i) => kinds[i % 4]);
    const linear = trainRanker(groups, { epochs: 10, rate: 0.1, digits: 4 });
    const right = (m: LinearModel) => kinds.filter((k) => linearScore(m, k.candidates[0]) > linearScore(m, k.candidates[1])).length;
    assert.ok(right(linear) <= 3, 'no linear ranker gets all four right');
    const hidden = trainHiddenLayer(groups, linear, { units: 8, epochs: 30, rate: 0.05, batch: 16 });
    assert.equal(right({ ...linear, hidden }), 4);
    // Deterministic: the same data gives the same weights.
    assert.deepEqual(trainHiddenLayer(groups, linear, { units: 8, epochs: 30, rate: 0.05, batch: 16 }), hidden);
  });
});
