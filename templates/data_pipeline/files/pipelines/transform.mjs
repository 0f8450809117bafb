// Cleans raw orders: typed fields, a normalised region and a computed total; invalid rows go to a rejects file.
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
