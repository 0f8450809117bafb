// Fits a linear model on the training rows (4 of every 5) and saves it as JSON; --features picks a subset.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { setOutput } from './lib/output.mjs';
import { fitLinear, predict, r2 } from './lib/stats.mjs';
import { columnIndex, loadTable, round, split } from './lib/table.mjs';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: 'data/housing.csv' },
    target: { type: 'string', default: 'price_k' },
    features: { type: 'string' },
    out: { type: 'string', default: 'models/model.json' },
  },
});
const table = loadTable(values.data);
const features = values.features ? values.features.split(',').map((f) => f.trim()) : table.columns.filter((c) => c !== values.target);
const at = features.map((name) => columnIndex(table, name));
const targetAt = columnIndex(table, values.target);

const { train, test } = split(table.rows);
const X = train.map((row) => at.map((i) => row[i]));
const y = train.map((row) => row[targetAt]);
const fit = fitLinear(X, y);
const trainR2 = r2(y, X.map((x) => predict(fit, x)));

const model = {
  kind: 'linear-regression',
  data: values.data,
  target: values.target,
  features,
  intercept: fit.intercept,
  coefficients: Object.fromEntries(features.map((name, i) => [name, fit.coefficients[i]])),
  trainRows: train.length,
  testRows: test.length,
  trainR2: round(trainR2, 4),
  trainedAt: new Date().toISOString(),
};
mkdirSync(dirname(values.out), { recursive: true });
writeFileSync(values.out, JSON.stringify(model, null, 2) + '\n');

const terms = features.map((name, i) => (fit.coefficients[i] < 0 ? ' - ' : ' + ') + Math.abs(fit.coefficients[i]).toFixed(3) + ' ' + name);
console.log(values.target + ' = ' + fit.intercept.toFixed(3) + terms.join(''));
console.log('trained on ' + train.length + ' rows (R2 ' + trainR2.toFixed(3) + '), ' + test.length + ' held out -> ' + values.out);
setOutput('model', values.out);
setOutput('trainRows', train.length);
setOutput('testRows', test.length);
setOutput('trainR2', round(trainR2, 4));
