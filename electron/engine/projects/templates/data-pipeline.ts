// The data_pipeline template: a raw CSV in, cleaned and aggregated JSON out, with an ETL and a data-quality workflow.
import type { ProjectTemplate } from './template.js';

// Embedded scripts are String.raw so their backslashes stay as written; they avoid backticks and "${" for the same reason.

const README = `# {{projectName}}

A data pipeline: raw CSV files land in data/raw, Node scripts in pipelines/ clean and
aggregate them into data/processed, and reports/ holds what each run found.
Everything runs on Node alone; there is nothing to install.

~~~
data/raw/sample.csv         orders as they arrive (one bad quantity, one bad date)
pipelines/profile.mjs       counts the raw rows and columns
pipelines/transform.mjs     typed, cleaned orders -> data/processed/orders.json (+ rejects)
pipelines/validate.mjs      checks the cleaned file against the counts the run passed along
pipelines/aggregate.mjs     revenue by region -> data/processed/by_region.json
pipelines/quality.mjs       schema, completeness and duplicate checks on a raw file
pipelines/report.mjs        reports/etl-summary.md from whatever the run produced
~~~

Workflows (in .codomyrmex/workflows, open them in Codomyrmex Orchestrator):

- etl: profile and transform in parallel, then validate and aggregate, then a report that always runs.
- quality: three independent checks on the raw file, a gate over their results, and a report.

By hand:

~~~
node pipelines/transform.mjs data/raw/sample.csv data/processed/orders.json
node pipelines/aggregate.mjs data/processed/orders.json data/processed/by_region.json
npm test
~~~
`;

const PACKAGE_JSON = `{
  "name": "{{projectName}}",
  "version": "0.1.0",
  "private": true,
  "type": "module",
  "description": "A CSV to JSON data pipeline run by Codomyrmex Orchestrator.",
  "scripts": {
    "transform": "node pipelines/transform.mjs",
    "aggregate": "node pipelines/aggregate.mjs",
    "test": "node --test"
  },
  "engines": {
    "node": ">=18"
  }
}
`;

const SAMPLE_CSV = `order_id,date,region,product,quantity,unit_price
1001,2024-03-01,north,Widget,4,2.50
1002,2024-03-01,south,"Gadget, deluxe",1,19.99
1003,2024-03-02,East,Widget,10,2.50
1004,2024-03-02,west,Gizmo,2,7.25
1005,2024-03-03,north,"Gadget, deluxe",3,19.99
1006,2024-03-03,south,Sprocket,25,0.40
1007,2024-03-04,east,Gizmo,,7.25
1008,2024-03-04, West ,Widget,6,2.50
1009,2024-03-05,north,Sprocket,40,0.40
1010,2024-03-05,south,Gizmo,1,7.25
1011,2024-03-06,east,"Gadget, deluxe",2,19.99
1012,2024-13-06,west,Widget,3,2.50
1013,2024-03-07,north,Gizmo,5,7.25
1014,2024-03-07,west,Sprocket,12,0.40
1015,2024-03-08,south,Widget,8,2.50
1016,2024-03-08,east,Sprocket,30,0.40
`;

const CSV_LIB = String.raw`// A small CSV reader (RFC 4180: quoted fields may hold commas, doubled quotes and line breaks).
import { existsSync, readFileSync } from 'node:fs';

/** Reads and parses a CSV file; a missing file ends the process with one line, not a stack trace. */
export function readCsv(file) {
  if (!existsSync(file)) {
    console.error('no such file: ' + file);
    process.exit(1);
  }
  return parseCsv(readFileSync(file, 'utf8'));
}

/** Parses CSV text into a trimmed header and rows of raw string cells; blank lines are ignored. */
export function parseCsv(text) {
  const records = [];
  let record = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  const [header = [], ...rows] = records.filter((r) => r.length > 1 || r[0].trim() !== '');
  return { header: header.map((name) => name.trim()), rows };
}
`;

const OUTPUT_LIB = String.raw`// Step outputs: key=value lines appended to the file named by $CODOMYRMEX_OUTPUT (ignored when run by hand).
import { appendFileSync } from 'node:fs';

export function setOutput(key, value) {
  const file = process.env.CODOMYRMEX_OUTPUT;
  if (file) appendFileSync(file, key + '=' + String(value) + '\n');
}
`;

const SCHEMA_LIB = String.raw`// The columns every raw orders file must have, in the order they are expected.
export const COLUMNS = ['order_id', 'date', 'region', 'product', 'quantity', 'unit_price'];
`;

const PROFILE = String.raw`// Counts the rows and columns of a raw CSV: the figure the cleaned output is checked against.
import { statSync } from 'node:fs';
import { readCsv } from './lib/csv.mjs';
import { setOutput } from './lib/output.mjs';

const input = process.argv[2] ?? 'data/raw/sample.csv';
const { header, rows } = readCsv(input);
console.log(input + ': ' + rows.length + ' rows, ' + header.length + ' columns (' + header.join(', ') + ')');
setOutput('rows', rows.length);
setOutput('columns', header.length);
setOutput('bytes', statSync(input).size);
`;

const TRANSFORM = String.raw`// Cleans raw orders: typed fields, a normalised region and a computed total; invalid rows go to a rejects file.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { readCsv } from './lib/csv.mjs';
import { setOutput } from './lib/output.mjs';
import { COLUMNS } from './lib/schema.mjs';

const [input = 'data/raw/sample.csv', output = 'data/processed/orders.json'] = process.argv.slice(2);
const rejectsFile = output.replace(/\.json$/, '') + '.rejected.json';

const { header, rows } = readCsv(input);
const missing = COLUMNS.filter((column) => !header.includes(column));
if (missing.length > 0) {
  console.error(input + ' lacks the column(s) ' + missing.join(', '));
  process.exit(1);
}

const clean = [];
const rejected = [];
rows.forEach((cells, index) => {
  const raw = Object.fromEntries(header.map((name, i) => [name, (cells[i] ?? '').trim()]));
  const problem = problemWith(raw);
  if (problem) rejected.push({ row: index + 1, problem, raw });
  else clean.push(toOrder(raw));
});

mkdirSync(dirname(output), { recursive: true });
writeFileSync(output, JSON.stringify(clean, null, 2) + '\n');
writeFileSync(rejectsFile, JSON.stringify(rejected, null, 2) + '\n');
for (const r of rejected) console.log('rejected row ' + r.row + ': ' + r.problem);
console.log('wrote ' + clean.length + ' orders to ' + output + ' (' + rejected.length + ' rejected, see ' + rejectsFile + ')');
setOutput('rows', clean.length);
setOutput('rejected', rejected.length);
setOutput('output', output);

function problemWith(r) {
  if (!/^\d+$/.test(r.order_id)) return 'order_id is not a whole number';
  if (!isIsoDate(r.date)) return 'date "' + r.date + '" is not a valid YYYY-MM-DD date';
  if (r.region === '' || r.product === '') return 'region or product is empty';
  if (!/^\d+$/.test(r.quantity) || Number(r.quantity) === 0) return 'quantity "' + r.quantity + '" is not a positive whole number';
  if (!/^\d+(\.\d+)?$/.test(r.unit_price)) return 'unit_price "' + r.unit_price + '" is not a price';
  return null;
}

function isIsoDate(text) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(text + 'T00:00:00Z');
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

function toOrder(r) {
  const quantity = Number(r.quantity);
  const unitPrice = Number(r.unit_price);
  return {
    orderId: Number(r.order_id),
    date: r.date,
    region: r.region.toLowerCase(),
    product: r.product,
    quantity,
    unitPrice,
    total: Math.round(quantity * unitPrice * 100) / 100,
  };
}
`;

const VALIDATE = String.raw`// Checks a cleaned orders file: its row count (passed along by the run), no rows lost, and every record well formed.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { setOutput } from './lib/output.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { expect: { type: 'string' }, raw: { type: 'string' }, rejected: { type: 'string' } },
});
const file = positionals[0] ?? 'data/processed/orders.json';
const records = JSON.parse(readFileSync(file, 'utf8'));
const problems = [];

if (!Array.isArray(records)) problems.push(file + ' does not hold a list of orders');
else {
  if (values.expect !== undefined && records.length !== Number(values.expect)) {
    problems.push('expected ' + values.expect + ' rows, found ' + records.length);
  }
  if (values.raw !== undefined && values.rejected !== undefined && records.length + Number(values.rejected) !== Number(values.raw)) {
    problems.push(values.raw + ' raw rows but ' + records.length + ' clean + ' + values.rejected + ' rejected: rows were lost');
  }
  const seen = new Set();
  records.forEach((order, i) => {
    const where = 'row ' + (i + 1) + ' (order ' + order.orderId + ')';
    if (!Number.isInteger(order.orderId)) problems.push(where + ': orderId is not an integer');
    if (seen.has(order.orderId)) problems.push(where + ': duplicate orderId');
    seen.add(order.orderId);
    if (!(order.quantity > 0) || !(order.unitPrice >= 0)) problems.push(where + ': quantity or unitPrice out of range');
    if (Math.abs(order.total - order.quantity * order.unitPrice) > 0.005) problems.push(where + ': total does not match');
  });
}

if (problems.length > 0) {
  for (const problem of problems) console.error('invalid: ' + problem);
  process.exit(1);
}
console.log('valid: ' + records.length + ' orders in ' + file);
setOutput('valid', 'true');
setOutput('rows', records.length);
`;

const AGGREGATE = String.raw`// Revenue by region from the cleaned orders, largest first.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { setOutput } from './lib/output.mjs';

const [input = 'data/processed/orders.json', output = 'data/processed/by_region.json'] = process.argv.slice(2);
const orders = JSON.parse(readFileSync(input, 'utf8'));

const byRegion = new Map();
for (const order of orders) {
  const row = byRegion.get(order.region) ?? { region: order.region, orders: 0, quantity: 0, revenue: 0 };
  row.orders += 1;
  row.quantity += order.quantity;
  row.revenue = Math.round((row.revenue + order.total) * 100) / 100;
  byRegion.set(order.region, row);
}
const regions = [...byRegion.values()].sort((a, b) => b.revenue - a.revenue);
const revenue = regions.reduce((sum, row) => sum + row.revenue, 0).toFixed(2);

mkdirSync(dirname(output), { recursive: true });
writeFileSync(output, JSON.stringify(regions, null, 2) + '\n');
for (const row of regions) console.log(row.region.padEnd(8) + String(row.orders).padStart(4) + ' orders ' + row.revenue.toFixed(2).padStart(9));
console.log('total revenue ' + revenue + ' across ' + regions.length + ' regions -> ' + output);
setOutput('regions', regions.length);
setOutput('revenue', revenue);
setOutput('topRegion', regions[0]?.region ?? 'none');
`;

const REPORT = String.raw`// Writes reports/etl-summary.md from whatever the run produced; it never fails, so it can run after a failure.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { setOutput } from './lib/output.mjs';

const [ordersFile = 'data/processed/orders.json', regionsFile = 'data/processed/by_region.json'] = process.argv.slice(2);
const rejectsFile = ordersFile.replace(/\.json$/, '') + '.rejected.json';
const REPORT = 'reports/etl-summary.md';

const read = (file) => {
  try {
    return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
  } catch {
    return null;
  }
};
const orders = read(ordersFile);
const rejected = read(rejectsFile);
const regions = read(regionsFile);

const lines = ['# ETL summary', '', 'Generated ' + new Date().toISOString(), ''];
lines.push('- Clean orders: ' + (orders ? orders.length + ' (' + ordersFile + ')' : 'not produced'));
lines.push('- Rejected rows: ' + (rejected ? rejected.length : 'unknown'));
for (const r of rejected ?? []) lines.push('  - row ' + r.row + ': ' + r.problem);
lines.push('', '## Revenue by region', '');
if (regions) {
  lines.push('| region | orders | quantity | revenue |', '| --- | ---: | ---: | ---: |');
  for (const r of regions) lines.push('| ' + r.region + ' | ' + r.orders + ' | ' + r.quantity + ' | ' + r.revenue.toFixed(2) + ' |');
} else {
  lines.push('Not produced: the aggregate step did not finish.');
}

mkdirSync('reports', { recursive: true });
writeFileSync(REPORT, lines.join('\n') + '\n');
console.log(lines.join('\n'));
setOutput('report', REPORT);
`;

const QUALITY = String.raw`// Data-quality checks on a raw CSV, one per step (schema, completeness, duplicates), and a report over their results.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCsv } from './lib/csv.mjs';
import { setOutput } from './lib/output.mjs';
import { COLUMNS } from './lib/schema.mjs';

const RESULTS = 'reports/quality';
const CHECKS = { schema, completeness, duplicates };
const [check, input = 'data/raw/sample.csv'] = process.argv.slice(2);

if (check === 'report') report();
else if (Object.hasOwn(CHECKS, check)) {
  const result = { check, input, at: new Date().toISOString(), ...CHECKS[check](readCsv(input)) };
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, check + '.json'), JSON.stringify(result, null, 2) + '\n');
  console.log(check + ': ' + result.summary);
  for (const [key, value] of Object.entries(result.outputs)) setOutput(key, value);
  if (!result.ok) process.exit(1);
} else {
  console.error('usage: node pipelines/quality.mjs <' + Object.keys(CHECKS).join('|') + '|report> [file.csv]');
  process.exit(2);
}

function schema({ header }) {
  const missing = COLUMNS.filter((c) => !header.includes(c));
  const extra = header.filter((c) => !COLUMNS.includes(c));
  const summary = missing.length === 0 ? 'all ' + COLUMNS.length + ' columns present' : 'missing ' + missing.join(', ');
  return { ok: missing.length === 0, summary: summary + (extra.length ? '; extra ' + extra.join(', ') : ''), outputs: { columns: header.length } };
}

function completeness({ header, rows }) {
  const empty = {};
  let total = 0;
  for (const row of rows) {
    header.forEach((name, i) => {
      if ((row[i] ?? '').trim() === '') {
        empty[name] = (empty[name] ?? 0) + 1;
        total++;
      }
    });
  }
  const detail = Object.entries(empty).map(([name, n]) => name + ': ' + n).join(', ');
  return { ok: true, summary: total + ' empty cells in ' + rows.length + ' rows' + (detail ? ' (' + detail + ')' : ''), outputs: { emptyCells: total, rows: rows.length } };
}

function duplicates({ header, rows }) {
  const at = header.indexOf('order_id');
  const seen = new Set();
  const repeated = [];
  for (const row of rows) {
    const id = (row[at] ?? '').trim();
    if (seen.has(id)) repeated.push(id);
    seen.add(id);
  }
  return { ok: true, summary: repeated.length + ' repeated order ids' + (repeated.length ? ' (' + repeated.join(', ') + ')' : ''), outputs: { duplicates: repeated.length } };
}

function report() {
  let files = [];
  try {
    files = readdirSync(RESULTS).filter((f) => f.endsWith('.json')).sort();
  } catch {
    // No check has run yet.
  }
  const lines = ['# Data quality', '', '| check | ok | result |', '| --- | --- | --- |'];
  for (const file of files) {
    const r = JSON.parse(readFileSync(join(RESULTS, file), 'utf8'));
    lines.push('| ' + r.check + ' | ' + (r.ok ? 'yes' : 'NO') + ' | ' + r.summary + ' |');
  }
  if (files.length === 0) lines.push('| (none) | | no check produced a result |');
  mkdirSync('reports', { recursive: true });
  writeFileSync('reports/quality.md', lines.join('\n') + '\n');
  console.log(lines.join('\n'));
  setOutput('checks', files.length);
}
`;

const CSV_TEST = String.raw`import assert from 'node:assert/strict';
import test from 'node:test';
import { parseCsv } from '../pipelines/lib/csv.mjs';

test('quoted fields keep their commas and doubled quotes', () => {
  const { header, rows } = parseCsv('a,b\n1,"x, ""y"""\n');
  assert.deepEqual(header, ['a', 'b']);
  assert.deepEqual(rows, [['1', 'x, "y"']]);
});

test('CRLF line ends and blank lines are tolerated', () => {
  assert.deepEqual(parseCsv('a,b\r\n1,2\r\n\r\n3,4').rows, [['1', '2'], ['3', '4']]);
});

test('an empty cell stays an empty string', () => {
  assert.deepEqual(parseCsv('a,b,c\n1,,3\n').rows, [['1', '', '3']]);
});
`;

// The main job: the raw file goes through profile and transform side by side, the counts they report are passed to
// validate through their outputs, aggregate fans out from transform, and the report runs whatever happened.
const ETL_WORKFLOW = `# ETL for {{projectName}}: raw CSV -> cleaned JSON -> revenue by region, with the row count checked end to end.
version: 1
name: etl
description: Profile and transform the raw orders, validate the counts, aggregate by region, write a summary.
concurrency: 4
params:
  input:
    default: data/raw/sample.csv
    description: The raw CSV to process.
  output:
    default: data/processed/orders.json
    description: Where the cleaned orders go (rejects are written beside it).
steps:
  - name: check_env
    module: environment_setup
    action: check_environment
    parameters:
      requirements: ["node>=18"]

  # Fan-out: profiling and transforming read the same raw file independently.
  - name: profile
    module: shell
    action: run
    parameters:
      command: node pipelines/profile.mjs "\${{ params.input }}"
    dependencies: [check_env]

  - name: transform
    module: shell
    action: run
    parameters:
      command: node pipelines/transform.mjs "\${{ params.input }}" "\${{ params.output }}"
    dependencies: [check_env]
    timeout: 60

  # Fan-in: the raw row count from profile must equal the clean + rejected counts from transform.
  - name: validate
    module: shell
    action: run
    parameters:
      command: >-
        node pipelines/validate.mjs "\${{ steps.transform.outputs.output }}"
        --expect \${{ steps.transform.outputs.rows }}
        --raw \${{ steps.profile.outputs.rows }}
        --rejected \${{ steps.transform.outputs.rejected }}
    dependencies: [profile, transform]

  - name: aggregate
    module: shell
    action: run
    parameters:
      command: node pipelines/aggregate.mjs "\${{ steps.transform.outputs.output }}" data/processed/by_region.json
    dependencies: [transform]

  # Runs even when a step above failed: the summary says what was and was not produced.
  - name: report
    module: shell
    action: run
    parameters:
      command: node pipelines/report.mjs "\${{ params.output }}" data/processed/by_region.json
    dependencies: [validate, aggregate]
    runWhen: always
`;

// Checks the raw file before anyone relies on it: three independent checks, a gate that reads their outputs, a report.
const QUALITY_WORKFLOW = `# Data quality for {{projectName}}: is the raw file fit to load? Each check records a result under reports/quality.
version: 1
name: quality
description: Schema, completeness and duplicate checks on a raw CSV, a pass/fail gate, and a quality report.
params:
  input:
    default: data/raw/sample.csv
  maxEmptyCells:
    default: 2
    description: How many empty cells the gate lets through.
steps:
  # Old results must not leak into this run's report.
  - name: reset
    module: shell
    action: run
    parameters:
      command: rm -rf reports/quality && mkdir -p reports/quality

  - name: schema
    module: shell
    action: run
    parameters:
      command: node pipelines/quality.mjs schema "\${{ params.input }}"
    dependencies: [reset]

  - name: completeness
    module: shell
    action: run
    parameters:
      command: node pipelines/quality.mjs completeness "\${{ params.input }}"
    dependencies: [reset]

  - name: duplicates
    module: shell
    action: run
    parameters:
      command: node pipelines/quality.mjs duplicates "\${{ params.input }}"
    dependencies: [reset]

  # The gate decides from the checks' outputs, so its thresholds live in the workflow, not in the scripts.
  - name: gate
    module: shell
    action: run
    parameters:
      command: |
        empty=\${{ steps.completeness.outputs.emptyCells }}
        dups=\${{ steps.duplicates.outputs.duplicates }}
        echo "empty cells: $empty (allowed \${{ params.maxEmptyCells }}), repeated ids: $dups (allowed 0)"
        if [ "$empty" -gt \${{ params.maxEmptyCells }} ] || [ "$dups" -gt 0 ]; then
          echo "quality gate failed"
          exit 1
        fi
        echo "quality gate passed"
    dependencies: [schema, completeness, duplicates]

  - name: report
    module: shell
    action: run
    parameters:
      command: node pipelines/quality.mjs report
    dependencies: [gate]
    runWhen: always
`;

export const DATA_PIPELINE_TEMPLATE: ProjectTemplate = {
  name: 'data_pipeline',
  description: 'A CSV to JSON data pipeline: raw data in, cleaned and aggregated data out, with ETL and data-quality workflows.',
  directories: ['data/raw', 'data/processed', 'pipelines', 'reports'],
  files: {
    'README.md': README,
    'package.json': PACKAGE_JSON,
    '.gitignore': 'node_modules/\ndata/processed/\nreports/\n',
    'data/raw/sample.csv': SAMPLE_CSV,
    'pipelines/lib/csv.mjs': CSV_LIB,
    'pipelines/lib/output.mjs': OUTPUT_LIB,
    'pipelines/lib/schema.mjs': SCHEMA_LIB,
    'pipelines/profile.mjs': PROFILE,
    'pipelines/transform.mjs': TRANSFORM,
    'pipelines/validate.mjs': VALIDATE,
    'pipelines/aggregate.mjs': AGGREGATE,
    'pipelines/report.mjs': REPORT,
    'pipelines/quality.mjs': QUALITY,
    'test/csv.test.mjs': CSV_TEST,
  },
  config: {
    rawDir: 'data/raw',
    processedDir: 'data/processed',
    reportsDir: 'reports',
    defaultWorkflow: 'etl',
    maxEmptyCells: 2,
  },
  workflows: {
    etl: ETL_WORKFLOW,
    quality: QUALITY_WORKFLOW,
  },
};
