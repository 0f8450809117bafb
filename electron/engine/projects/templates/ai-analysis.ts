// The ai_analysis template: a small tabular data set, exploration, a linear model against a baseline, and reports.
import type { ProjectTemplate } from './template.js';

// Embedded scripts are String.raw so their backslashes stay as written; they avoid backticks and "${" for the same reason.

const README = `# {{projectName}}

A data analysis project: explore a data set, fit a model, check it on rows it has not
seen, and write up the result. Plain Node scripts, no dependencies, deterministic.

~~~
data/housing.csv        40 homes: area, rooms, age, distance to the centre, price (k)
analysis/explore.mjs    per-column statistics and correlation with the target -> reports/stats.json
analysis/train.mjs      least-squares linear model on 4 of every 5 rows -> models/*.json
analysis/evaluate.mjs   R2 and mean absolute error on the held-out rows -> reports/metrics.json
analysis/report.mjs     reports/report.md from whatever the run produced
analysis/lib/           statistics, the CSV reader and the step-output helper
notebooks/              free-form notes and experiments
~~~

Workflows (in .codomyrmex/workflows, open them in Codomyrmex Orchestrator):

- analysis: explore and train in parallel; a one-feature baseline on the strongest predictor
  that explore found; evaluation against both the R2 bar and the baseline; a report that always runs.
- code-health: code analysis, syntax check and unit tests in parallel, a FIXME gate, a summary.

By hand:

~~~
node analysis/explore.mjs data/housing.csv price_k
node analysis/train.mjs --data data/housing.csv --target price_k
node analysis/evaluate.mjs models/model.json --min-r2 0.8
npm test
~~~
`;

const PACKAGE_JSON = `{
  "name": "{{projectName}}",
  "version": "0.1.0",
  "private": true,
  "type": "module",
  "description": "A data analysis project run by Codomyrmex Orchestrator.",
  "scripts": {
    "explore": "node analysis/explore.mjs",
    "train": "node analysis/train.mjs",
    "evaluate": "node analysis/evaluate.mjs",
    "test": "node --test"
  },
  "engines": {
    "node": ">=18"
  }
}
`;

const NOTEBOOKS_README = `# Notebooks

Scratch space for {{projectName}}: questions, hypotheses and what each run showed.
Findings that last belong in analysis/ (as code) or reports/ (as results).
`;

// Generated once from price = 30 + 2.1 area + 9 rooms - 0.8 age - 4.2 distance + noise, so a linear model fits well.
const HOUSING_CSV = `area_m2,rooms,age_years,distance_km,price_k
110,4,55,17.3,187.9
123,4,9,1.7,301.7
74,3,43,16.6,104.1
71,2,54,20.9,76.3
94,3,50,1.6,215.7
156,6,7,8.6,374.4
47,1,30,18.9,27.5
102,3,35,13.8,189.8
124,5,49,6,281.1
91,4,8,20.8,157
42,1,2,4.2,121.1
69,2,37,18.1,89.8
137,5,37,2.6,315.3
50,2,59,6.2,89.2
67,2,4,1.1,170.3
83,3,60,10.7,134.8
83,3,25,1,214.8
92,4,10,16.9,181.1
132,5,29,10.5,276.9
41,1,32,7.4,83.1
139,5,6,23.4,266.4
111,3,6,20.5,204.3
96,4,39,21.3,142
55,2,4,22.2,62.3
125,4,4,2.7,315.1
94,4,2,23.3,177
113,4,31,11.6,230.3
68,2,6,8.5,165
116,4,42,7.4,251.1
146,5,4,13.6,329.3
117,4,46,23,168.4
44,1,11,11.3,67.4
132,4,3,5.3,313.8
45,2,1,21.5,38.6
124,4,47,8.1,251.2
106,4,42,17.8,185.4
89,3,36,19.5,145.6
87,2,4,21.9,137.2
109,5,49,20.5,189.6
46,1,24,1.4,109.7
`;

const OUTPUT_LIB = String.raw`// Step outputs: key=value lines appended to the file named by $CODOMYRMEX_OUTPUT (ignored when run by hand).
import { appendFileSync } from 'node:fs';

export function setOutput(key, value) {
  const file = process.env.CODOMYRMEX_OUTPUT;
  if (file) appendFileSync(file, key + '=' + String(value) + '\n');
}
`;

const TABLE_LIB = String.raw`// Reads a numeric CSV and splits its rows into training and test sets, the same way on every run.
import { existsSync, readFileSync } from 'node:fs';

/** A header row of names, then rows of numbers; a missing file ends the process with one line, not a stack trace. */
export function loadTable(file) {
  if (!existsSync(file)) {
    console.error('no such file: ' + file);
    process.exit(1);
  }
  const [headerLine = '', ...lines] = readFileSync(file, 'utf8').split(/\r?\n/).filter((line) => line.trim() !== '');
  const columns = headerLine.split(',').map((name) => name.trim());
  const rows = lines.map((line, i) => {
    const cells = line.split(',').map(Number);
    if (cells.length !== columns.length || cells.some((x) => !Number.isFinite(x))) {
      throw new Error(file + ' row ' + (i + 1) + ' is not ' + columns.length + ' numbers: ' + line);
    }
    return cells;
  });
  return { columns, rows };
}

/** Every fifth row is held out for testing: deterministic, so runs can be compared. */
export function split(rows, every = 5) {
  return {
    train: rows.filter((_, i) => i % every !== every - 1),
    test: rows.filter((_, i) => i % every === every - 1),
  };
}

/** The index of a named column, or an error that lists the columns there are. */
export function columnIndex(table, name) {
  const index = table.columns.indexOf(name);
  if (index < 0) throw new Error('no column "' + name + '" (columns: ' + table.columns.join(', ') + ')');
  return index;
}

export const round = (x, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;
`;

const STATS_LIB = String.raw`// Descriptive statistics and ordinary least squares, small enough to read in one sitting.

export const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

export const std = (xs) => {
  const m = mean(xs);
  return Math.sqrt(mean(xs.map((x) => (x - m) ** 2)));
};

export function pearson(xs, ys) {
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  return sxx === 0 || syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy);
}

/** Solves A x = b by Gauss-Jordan elimination with partial pivoting. */
export function solve(A, b) {
  const n = b.length;
  const m = A.map((row, i) => [...row, b[i]]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    if (Math.abs(m[pivot][col]) < 1e-12) throw new Error('singular system: a feature is constant or a combination of others');
    [m[col], m[pivot]] = [m[pivot], m[col]];
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const factor = m[r][col] / m[col][col];
      for (let c = col; c <= n; c++) m[r][c] -= factor * m[col][c];
    }
  }
  return m.map((row, i) => row[n] / row[i]);
}

/** Least squares y ~ intercept + X w, through the normal equations (X'X) w = X'y. */
export function fitLinear(X, y) {
  const rows = X.map((x) => [1, ...x]);
  const k = rows[0].length;
  const XtX = Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => rows.reduce((s, r) => s + r[i] * r[j], 0)));
  const Xty = Array.from({ length: k }, (_, i) => rows.reduce((s, r, n) => s + r[i] * y[n], 0));
  const [intercept, ...coefficients] = solve(XtX, Xty);
  return { intercept, coefficients };
}

export const predict = (fit, x) => fit.intercept + fit.coefficients.reduce((s, c, i) => s + c * x[i], 0);

/** Coefficient of determination: 1 is a perfect fit, 0 is no better than predicting the mean. */
export function r2(actual, predicted) {
  const m = mean(actual);
  const residual = actual.reduce((s, a, i) => s + (a - predicted[i]) ** 2, 0);
  const total = actual.reduce((s, a) => s + (a - m) ** 2, 0);
  return total === 0 ? 0 : 1 - residual / total;
}

export const mae = (actual, predicted) => mean(actual.map((a, i) => Math.abs(a - predicted[i])));
`;

const EXPLORE = String.raw`// Describes the data set: each column's spread and its correlation with the target -> reports/stats.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { setOutput } from './lib/output.mjs';
import { mean, pearson, std } from './lib/stats.mjs';
import { columnIndex, loadTable, round } from './lib/table.mjs';

const [file = 'data/housing.csv', target = 'price_k'] = process.argv.slice(2);
const table = loadTable(file);
const y = table.rows.map((row) => row[columnIndex(table, target)]);

const columns = {};
console.log('column'.padEnd(14) + ['mean', 'std', 'min', 'max', 'r(target)'].map((h) => h.padStart(10)).join(''));
table.columns.forEach((name, i) => {
  const xs = table.rows.map((row) => row[i]);
  const stats = { mean: round(mean(xs)), std: round(std(xs)), min: Math.min(...xs), max: Math.max(...xs), correlation: round(pearson(xs, y)) };
  columns[name] = stats;
  console.log(name.padEnd(14) + Object.values(stats).map((v) => String(v).padStart(10)).join(''));
});

const features = table.columns.filter((name) => name !== target);
const strongest = features.reduce((best, name) => (Math.abs(columns[name].correlation) > Math.abs(columns[best].correlation) ? name : best));
mkdirSync('reports', { recursive: true });
writeFileSync('reports/stats.json', JSON.stringify({ file, target, rows: table.rows.length, strongest, columns }, null, 2) + '\n');
console.log(table.rows.length + ' rows; strongest predictor of ' + target + ': ' + strongest + ' (r = ' + columns[strongest].correlation + ')');
setOutput('rows', table.rows.length);
setOutput('features', features.length);
setOutput('strongest', strongest);
`;

const TRAIN = String.raw`// Fits a linear model on the training rows (4 of every 5) and saves it as JSON; --features picks a subset.
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
`;

const EVALUATE = String.raw`// Scores a saved model on the held-out rows; fails below the R2 bar or, given --baseline, when it does no better.
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
`;

const REPORT = String.raw`// Writes reports/report.md from whatever the run produced; it never fails, so it can run after a failed step.
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
`;

const STATS_TEST = String.raw`import assert from 'node:assert/strict';
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
`;

// The analysis run: explore and train fan out; the strongest predictor that explore reports becomes a one-feature
// baseline; evaluate fans in and must beat both the R2 bar (a param) and the baseline; the report always runs.
const ANALYSIS_WORKFLOW = `# Analysis for {{projectName}}: explore the data, fit a model and a baseline, evaluate on held-out rows, report.
version: 1
name: analysis
description: Explore and train in parallel, fit a baseline on the strongest predictor, evaluate against both, write the report.
concurrency: 4
params:
  data:
    default: data/housing.csv
    description: The CSV to analyse (numbers only, one header row).
  target:
    default: price_k
    description: The column to predict.
  minR2:
    default: 0.8
    description: The held-out R2 the model must reach.
steps:
  - name: check_env
    module: environment_setup
    action: check_environment
    parameters:
      requirements: ["node>=18"]

  - name: explore
    module: shell
    action: run
    parameters:
      command: node analysis/explore.mjs "\${{ params.data }}" "\${{ params.target }}"
    dependencies: [check_env]

  - name: train
    module: shell
    action: run
    parameters:
      command: node analysis/train.mjs --data "\${{ params.data }}" --target "\${{ params.target }}" --out models/model.json
    dependencies: [check_env]
    timeout: 120

  # A model is only worth having if it beats the single best feature; explore tells us which feature that is.
  - name: baseline
    module: shell
    action: run
    parameters:
      command: >-
        node analysis/train.mjs --data "\${{ params.data }}" --target "\${{ params.target }}"
        --features "\${{ steps.explore.outputs.strongest }}" --out models/baseline.json
    dependencies: [explore]

  - name: evaluate
    module: shell
    action: run
    parameters:
      command: >-
        node analysis/evaluate.mjs "\${{ steps.train.outputs.model }}"
        --baseline "\${{ steps.baseline.outputs.model }}" --min-r2 \${{ params.minR2 }}
    dependencies: [train, baseline]

  # Runs even after a failure, so the report shows how far the analysis got.
  - name: report
    module: shell
    action: run
    parameters:
      command: node analysis/report.mjs models/model.json
    dependencies: [evaluate]
    runWhen: always
`;

// Keeps the analysis code trustworthy: measure it, syntax-check it and run its unit tests side by side, then gate on
// the FIXMEs the measurement found and write a summary from its figures.
const CODE_HEALTH_WORKFLOW = `# Code health for {{projectName}}: analysis code measured, syntax-checked and unit-tested; FIXMEs block.
version: 1
name: code-health
description: Measure, syntax-check and unit-test the analysis code in parallel, gate on FIXMEs, write a summary.
params:
  maxFixme:
    default: 0
    description: How many FIXME markers the gate lets through.
steps:
  - name: measure
    module: static_analysis
    action: analyze_code
    parameters:
      path: analysis

  - name: syntax
    module: shell
    action: run
    parameters:
      command: |
        for f in analysis/*.mjs analysis/lib/*.mjs test/*.js; do node --check "$f" || exit 1; done
        echo "syntax ok"

  - name: unit_tests
    module: shell
    action: run
    parameters:
      command: npm test --silent
      # npm would otherwise look for a newer npm on the network.
      env: { NPM_CONFIG_UPDATE_NOTIFIER: "false" }
    timeout: 120

  - name: fixme_gate
    module: shell
    action: run
    parameters:
      command: |
        echo "\${{ steps.measure.outputs.todo }} TODO, \${{ steps.measure.outputs.fixme }} FIXME (allowed \${{ params.maxFixme }})"
        [ \${{ steps.measure.outputs.fixme }} -le \${{ params.maxFixme }} ]
    dependencies: [measure]

  # Fan-in: the summary is written only when every check passed, from the measurement's outputs.
  - name: summary
    module: file
    action: write
    parameters:
      path: reports/code-health.md
      content: |
        # Code health

        - analysis/: \${{ steps.measure.outputs.files }} files, \${{ steps.measure.outputs.lines }} lines
        - TODO: \${{ steps.measure.outputs.todo }}, FIXME: \${{ steps.measure.outputs.fixme }}
        - Syntax check and unit tests: passed
    dependencies: [syntax, unit_tests, fixme_gate]

  - name: report
    module: shell
    action: run
    parameters:
      command: |
        echo "latest summary (written only when every check passes):"
        cat reports/code-health.md 2>/dev/null || echo "none yet"
    dependencies: [summary]
    runWhen: always
`;

export const AI_ANALYSIS_TEMPLATE: ProjectTemplate = {
  name: 'ai_analysis',
  description: 'A data analysis project: explore a data set, fit and evaluate a model against a baseline, and report, in plain Node.',
  directories: ['data', 'analysis/lib', 'models', 'reports', 'notebooks', 'test'],
  files: {
    'README.md': README,
    'package.json': PACKAGE_JSON,
    '.gitignore': 'node_modules/\nmodels/*.json\nreports/\n',
    'data/housing.csv': HOUSING_CSV,
    'notebooks/README.md': NOTEBOOKS_README,
    'analysis/lib/output.mjs': OUTPUT_LIB,
    'analysis/lib/table.mjs': TABLE_LIB,
    'analysis/lib/stats.mjs': STATS_LIB,
    'analysis/explore.mjs': EXPLORE,
    'analysis/train.mjs': TRAIN,
    'analysis/evaluate.mjs': EVALUATE,
    'analysis/report.mjs': REPORT,
    'test/stats.test.js': STATS_TEST,
  },
  config: {
    dataDir: 'data',
    modelsDir: 'models',
    reportsDir: 'reports',
    target: 'price_k',
    minR2: 0.8,
    defaultWorkflow: 'analysis',
  },
  workflows: {
    analysis: ANALYSIS_WORKFLOW,
    'code-health': CODE_HEALTH_WORKFLOW,
  },
};
