// Data-quality checks on a raw CSV, one per step (schema, completeness, duplicates), and a report over their results.
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
