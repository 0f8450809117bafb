// Builds dist/: a copy of public/ and a build-info.json listing every file with its size and SHA-256.
import { createHash } from 'node:crypto';
import { cpSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setOutput } from './output.mjs';

const SOURCE = 'public';
const OUT = 'dist';

rmSync(OUT, { recursive: true, force: true });
cpSync(SOURCE, OUT, { recursive: true });

const files = walk(OUT)
  .map((relative) => {
    const body = readFileSync(join(OUT, relative));
    return { path: relative, bytes: body.length, sha256: createHash('sha256').update(body).digest('hex') };
  })
  .sort((a, b) => a.path.localeCompare(b.path));
const bytes = files.reduce((sum, file) => sum + file.bytes, 0);
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const info = { name: pkg.name, version: process.env.APP_VERSION || pkg.version, builtAt: new Date().toISOString(), files };
writeFileSync(join(OUT, 'build-info.json'), JSON.stringify(info, null, 2) + '\n');

for (const file of files) console.log(file.path.padEnd(24) + String(file.bytes).padStart(8) + ' B  ' + file.sha256.slice(0, 12));
console.log('built ' + info.name + ' ' + info.version + ': ' + files.length + ' files, ' + bytes + ' bytes in ' + OUT + '/');
setOutput('files', files.length);
setOutput('bytes', bytes);
setOutput('version', info.version);

/** Every file under dir, as a path relative to it with "/" separators. */
function walk(dir, prefix = '') {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name), prefix + entry.name + '/') : entry.isFile() ? [prefix + entry.name] : [],
  );
}
