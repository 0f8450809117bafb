import assert from 'node:assert/strict';
import test from 'node:test';
import { fitLinear, mae, pearson, r2, solve } from '../analysis/lib/stats.mjs';
import { split } from '../analysis/lib/table.mjs';

const close = (actual, expected, digits = 6) => assert.equal(actual.toFixed(digits), expected.toFixed(digits));

test('solve finds x for a small system that needs pivoting', () => {
  const [x, y] = solve([[0, 1], [2, 1]], [3, 7]);
  close(x, 2);
  close(y, 3);
});

test('least squares recovers the coefficients of noiseless data', () => {
  const X = [[1, 2], [2, 1], [3, 5], [4, 3], [5, 8]];
  const y = X.map(([a, b]) => 4 + 2 * a - 3 * b);
  const fit = fitLinear(X, y);
  close(fit.intercept, 4);
  close(fit.coefficients[0], 2);
  close(fit.coefficients[1], -3);
});

test('a perfect prediction scores R2 1 and MAE 0', () => {
  assert.equal(r2([1, 2, 3], [1, 2, 3]), 1);
  assert.equal(mae([1, 2, 3], [1, 2, 3]), 0);
});

test('correlation is 1 for a rising line and -1 for a falling one', () => {
  close(pearson([1, 2, 3], [2, 4, 6]), 1);
  close(pearson([1, 2, 3], [6, 4, 2]), -1);
});

test('every fifth row is held out', () => {
  const { train, test: held } = split([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  assert.deepEqual(held, [5, 10]);
  assert.equal(train.length, 8);
});
