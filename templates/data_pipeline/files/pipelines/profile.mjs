// Counts the rows and columns of a raw CSV: the figure the cleaned output is checked against.
import { statSync } from 'node:fs';
import { readCsv } from './lib/csv.mjs';
import { setOutput } from './lib/output.mjs';

const input = process.argv[2] ?? 'data/raw/sample.csv';
const { header, rows } = readCsv(input);
console.log(input + ': ' + rows.length + ' rows, ' + header.length + ' columns (' + header.join(', ') + ')');
setOutput('rows', rows.length);
setOutput('columns', header.length);
setOutput('bytes', statSync(input).size);
