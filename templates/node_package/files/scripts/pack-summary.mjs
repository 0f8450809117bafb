// Reads "npm pack --dry-run --json" on stdin and checks the tarball holds what users need and nothing else.
import { setOutput } from './output.mjs';

let input = '';
for await (const chunk of process.stdin) input += chunk;
const [pack] = JSON.parse(input);
const files = pack.files.map((file) => file.path);
const problems = [];
for (const required of ['package.json', 'README.md', 'src/index.js']) {
  if (!files.includes(required)) problems.push('missing ' + required);
}
for (const file of files) if (/^(test|scripts|\.codomyrmex)\//.test(file)) problems.push('should not ship ' + file);

console.log(pack.filename + ': ' + files.length + ' files, ' + pack.size + ' bytes packed, ' + pack.unpackedSize + ' unpacked');
for (const file of files) console.log('  ' + file);
if (problems.length > 0) {
  for (const problem of problems) console.error('pack: ' + problem);
  process.exit(1);
}
setOutput('filename', pack.filename);
setOutput('entries', files.length);
setOutput('unpackedSize', pack.unpackedSize);
