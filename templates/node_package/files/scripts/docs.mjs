// Generates docs/API.md from the doc comments above each exported function in src/index.js.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { setOutput } from './output.mjs';

const SOURCE = 'src/index.js';
const OUT = 'docs/API.md';
const source = readFileSync(SOURCE, 'utf8');
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

const lines = ['# ' + pkg.name + ' ' + pkg.version + ' API', '', 'Generated from ' + SOURCE + ' by scripts/docs.mjs.', ''];
const undocumented = [];
let documented = 0;
// The comment may not contain "*/", so an undocumented export cannot borrow an earlier comment.
for (const match of source.matchAll(/(?:\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*)?export function (\w+)\(([^)]*)\)/g)) {
  const [, comment, name, params] = match;
  if (!comment) {
    undocumented.push(name);
    continue;
  }
  documented++;
  const text = comment
    .split('\n')
    .map((line) => line.replace(/^\s*\* ?/, '').trimEnd())
    .filter((line) => line !== '');
  lines.push('## ' + name + '(' + params + ')', '');
  lines.push(...text.filter((line) => !line.startsWith('@')), '');
  for (const tag of text.filter((line) => line.startsWith('@'))) lines.push('- ' + tag);
  lines.push('');
}

mkdirSync('docs', { recursive: true });
writeFileSync(OUT, lines.join('\n'));
console.log('wrote ' + OUT + ': ' + documented + ' documented functions' + (undocumented.length ? '; undocumented: ' + undocumented.join(', ') : ''));
setOutput('documented', documented);
setOutput('undocumented', undocumented.join(',') || 'none');
setOutput('path', OUT);
