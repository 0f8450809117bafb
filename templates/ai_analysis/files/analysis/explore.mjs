// Describes the data set: each column's spread and its correlation with the target -> reports/stats.json.
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
