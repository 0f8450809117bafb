// `npm run bench`: every figure the issues ask for, printed; never asserted.
import { benchHistory, benchInProcess, benchShell } from './bench/engine.mjs';

const only = process.argv.slice(2);
const sections = { 'in-process': benchInProcess, shell: benchShell, history: benchHistory };

const print = (title, figures) => process.stdout.write(`\n■ ${title}\n${figures.split('\n').map((line) => `  ${line}`).join('\n')}\n`);

process.stdout.write(`Codomyrmex Orchestrator benchmarks — node ${process.version}, ${(await import('node:os')).availableParallelism()} cores\n`);
for (const [name, bench] of Object.entries(sections)) {
  if (only.length > 0 && !only.includes(name)) continue;
  await bench(print);
}
