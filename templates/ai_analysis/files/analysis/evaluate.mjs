// Scores a saved model on the held-out rows; fails below the R2 bar or, given --baseline, when it does no better.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { setOutput } from './lib/output.mjs';
import { mae, r2 } from './lib/stats.mjs';
import { columnIndex, loadTable, round, split } from './lib/table.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'min-r2': { type: 'string', default: '0' }, baseline: { type: 'string' } },
});
const modelFile = positionals[0] ?? 'models/model.json';
const minR2 = Number(values['min-r2']);

const model = score(modelFile);
const baseline = values.baseline ? score(values.baseline) : null;
const problems = [];
if (model.r2 < minR2) problems.push('R2 ' + model.r2 + ' is below the bar of ' + minR2);
if (baseline && model.r2 <= baseline.r2) problems.push('R2 ' + model.r2 + ' is no better than the baseline (' + baseline.r2 + ')');

const metrics = { model, baseline, minR2, passed: problems.length === 0, problems, evaluatedAt: new Date().toISOString() };
mkdirSync('reports', { recursive: true });
writeFileSync('reports/metrics.json', JSON.stringify(metrics, null, 2) + '\n');
for (const m of [model, baseline].filter(Boolean)) {
  console.log(m.file + ' (' + m.features.join(', ') + '): R2 ' + m.r2 + ', MAE ' + m.mae + ' on ' + m.testRows + ' held-out rows');
}
setOutput('r2', model.r2);
setOutput('mae', model.mae);
setOutput('baselineR2', baseline ? baseline.r2 : 'none');
if (problems.length > 0) {
  for (const problem of problems) console.error('evaluation failed: ' + problem);
  process.exit(1);
}
console.log('passed: R2 >= ' + minR2 + (baseline ? ' and better than the baseline' : ''));

function score(file) {
  const saved = JSON.parse(readFileSync(file, 'utf8'));
  const table = loadTable(saved.data);
  // Columns are found by name, so a saved model survives a reordering of the file's columns.
  const targetAt = columnIndex(table, saved.target);
  const at = saved.features.map((name) => columnIndex(table, name));
  const { test } = split(table.rows);
  const actual = test.map((row) => row[targetAt]);
  const predicted = test.map((row) => saved.features.reduce((sum, name, i) => sum + saved.coefficients[name] * row[at[i]], saved.intercept));
  return { file, features: saved.features, testRows: test.length, r2: round(r2(actual, predicted), 4), mae: round(mae(actual, predicted)) };
}
