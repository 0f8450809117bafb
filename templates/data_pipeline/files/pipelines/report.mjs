// Writes reports/etl-summary.md from whatever the run produced; it never fails, so it can run after a failure.
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
