// Type-checks each layer with its own tsconfig (shared, renderer, engine and doors, Electron main, tests and tools),
// several at once — one tsc a core — printing each one's errors under its name; fails if any layer fails.
import { execFile } from 'node:child_process';
import { availableParallelism } from 'node:os';

const PROJECTS = ['shared', 'renderer', 'electron', 'electron/main', '.'];
const TSC = 'node_modules/typescript/bin/tsc';

function check(project) {
  return new Promise((resolve) => {
    execFile(process.execPath, [TSC, '-p', project], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ project, ok: error === null, output: `${stdout}${stderr}`.trim() });
    });
  });
}

const queue = [...PROJECTS];
const results = [];
await Promise.all(Array.from({ length: Math.min(availableParallelism(), queue.length) }, async () => {
  while (queue.length > 0) results.push(await check(queue.shift()));
}));
for (const { project, ok, output } of results) {
  if (!ok) process.stderr.write(`tsc -p ${project}:\n${output || '(failed, saying nothing)'}\n`);
}
process.exitCode = results.every((result) => result.ok) ? 0 : 1;
