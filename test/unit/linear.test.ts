// Linear scoring: the sum over named features that the attribution ranker runs for every candidate. Weights here are
// made up for the tests.
import * as assert from 'node:assert/strict';
import { linearScore, type LinearModel } from '../../src/core/models/linear';

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
