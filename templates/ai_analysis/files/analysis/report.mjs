// Writes reports/report.md from whatever the run produced; it never fails, so it can run after a failed step.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { setOutput } from './lib/output.mjs';

const modelFile = process.argv[2] ?? 'models/model.json';
const read = (file) => {
  try {
    return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
  } catch {
    return null;
  }
};
const stats = read('reports/stats.json');
const model = read(modelFile);
const metrics = read('reports/metrics.json');

const lines = ['# Analysis report', '', 'Generated ' + new Date().toISOString(), '', '## Data', ''];
if (stats) {
  lines.push(stats.file + ': ' + stats.rows + ' rows; strongest predictor of ' + stats.target + ' is ' + stats.strongest + '.', '');
  lines.push('| column | mean | std | min | max | r(target) |', '| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const [name, c] of Object.entries(stats.columns)) lines.push('| ' + [name, c.mean, c.std, c.min, c.max, c.correlation].join(' | ') + ' |');
} else lines.push('Not produced: exploration did not finish.');

lines.push('', '## Model', '');
if (model) {
  const terms = model.features.map((name) => (model.coefficients[name] < 0 ? ' - ' : ' + ') + Math.abs(model.coefficients[name]).toFixed(3) + ' x ' + name);
  lines.push(model.target + ' = ' + model.intercept.toFixed(3) + terms.join(''), '');
  lines.push('Trained on ' + model.trainRows + ' rows (R2 ' + model.trainR2 + ') at ' + model.trainedAt + '.');
} else lines.push('Not produced: training did not finish.');

lines.push('', '## Evaluation', '');
if (metrics) {
  lines.push('- Held-out R2: ' + metrics.model.r2 + ' (bar: ' + metrics.minR2 + '), MAE: ' + metrics.model.mae);
  if (metrics.baseline) lines.push('- Baseline (' + metrics.baseline.features.join(', ') + '): R2 ' + metrics.baseline.r2 + ', MAE ' + metrics.baseline.mae);
  lines.push('- Verdict: ' + (metrics.passed ? 'passed' : 'failed: ' + metrics.problems.join('; ')));
} else lines.push('Not produced: evaluation did not finish.');

mkdirSync('reports', { recursive: true });
writeFileSync('reports/report.md', lines.join('\n') + '\n');
console.log(lines.join('\n'));
setOutput('report', 'reports/report.md');
