// Checks a cleaned orders file: its row count (passed along by the run), no rows lost, and every record well formed.
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
