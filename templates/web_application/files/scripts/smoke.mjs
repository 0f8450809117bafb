// Checks a build: the file count the build reported, every checksum, and the server answering from dist/.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createServer } from '../src/server.js';
import { setOutput } from './output.mjs';

const OUT = 'dist';
const expected = process.argv[2] === undefined ? undefined : Number(process.argv[2]);
const info = JSON.parse(readFileSync(join(OUT, 'build-info.json'), 'utf8'));
const problems = [];

if (expected !== undefined && info.files.length !== expected) problems.push('the build reported ' + expected + ' files, build-info lists ' + info.files.length);
for (const file of info.files) {
  const sum = createHash('sha256').update(readFileSync(join(OUT, file.path))).digest('hex');
  if (sum !== file.sha256) problems.push(file.path + ' does not match its checksum');
}

const server = createServer({ root: resolve(OUT) });
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const base = 'http://127.0.0.1:' + server.address().port;
try {
  const page = await fetch(base + '/');
  if (page.status !== 200 || !(await page.text()).includes('<title>')) problems.push('GET / did not return the page');
  const health = await (await fetch(base + '/api/health')).json();
  if (health.ok !== true) problems.push('GET /api/health is not ok');
} finally {
  server.close();
  server.closeAllConnections();
}

if (problems.length > 0) {
  for (const problem of problems) console.error('smoke: ' + problem);
  process.exit(1);
}
console.log('smoke: ' + info.files.length + ' files verified, / and /api/health answer from ' + OUT + '/');
setOutput('verified', info.files.length);
