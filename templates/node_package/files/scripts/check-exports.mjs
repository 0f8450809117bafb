// Loads the package through its "exports" entry, as a user would, and lists what it exports.
import { readFileSync } from 'node:fs';
import { setOutput } from './output.mjs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const entry = typeof pkg.exports === 'string' ? pkg.exports : pkg.exports?.['.'] ?? pkg.main;
if (!entry) {
  console.error('package.json has neither "exports" nor "main"');
  process.exit(1);
}
const api = await import(new URL('../' + entry.replace(/^\.\//, ''), import.meta.url).href);
const names = Object.keys(api).sort();
const notFunctions = names.filter((name) => typeof api[name] !== 'function');
console.log(pkg.name + ' -> ' + entry + ' exports ' + names.length + ': ' + names.join(', '));
if (names.length === 0) {
  console.error('the entry point exports nothing');
  process.exit(1);
}
if (notFunctions.length > 0) console.log('not functions: ' + notFunctions.join(', '));
setOutput('count', names.length);
setOutput('names', names.join(','));
