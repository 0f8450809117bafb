// Revenue by region from the cleaned orders, largest first.
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
