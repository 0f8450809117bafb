// Issue 11's parsing figures: how long a hostile workflow file takes to be refused — in the engine (the read and the
// checks alone) and by `codomyrmex validate` (a whole process, start to exit 2).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadWorkflowFile } from '../../dist/engine/index.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const RUNS = 5;
const DEEP = 100_000;

/** The files to refuse: the alias bomb fixture the tests use, and 100,000 levels of YAML and JSON nesting. */
function hostileFiles(dir) {
  const files = {
    'alias bomb (569 bytes, 10^9 strings once expanded)': join(dir, 'bomb.yaml'),
    [`${DEEP.toLocaleString('en')}-deep YAML flow lists`]: join(dir, 'deep.yaml'),
    [`${DEEP.toLocaleString('en')}-deep JSON`]: join(dir, 'deep.json'),
  };
  const [bomb, deepYaml, deepJson] = Object.values(files);
  copyFileSync(join(ROOT, 'test', 'fixtures', 'hostile', 'alias-bomb.yaml'), bomb);
  writeFileSync(deepYaml, `version: 1\nname: deep\nsteps: ${'['.repeat(DEEP)}${']'.repeat(DEEP)}\n`);
  writeFileSync(deepJson, `{"version":1,"name":"deep","steps":[{"name":"s","module":"control","action":"noop","parameters":{"x":${'['.repeat(DEEP)}${']'.repeat(DEEP)}}}]}`);
  return files;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function refuseInEngine(file) {
  const times = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    try {
      loadWorkflowFile(file);
      throw new Error(`${file} was not refused`);
    } catch (error) {
      if (error.name !== 'ValidationError') throw error;
    }
    times.push(performance.now() - started);
  }
  return median(times);
}

/** Median wall time of `codomyrmex validate FILE`, a whole process, checking it exits as expected each time. */
function validateByCli(file, home, expected) {
  const times = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'codomyrmex.js'), 'validate', file], { env: { ...process.env, CODOMYRMEX_HOME: home }, timeout: 60_000 });
    if (result.status !== expected) throw new Error(`codomyrmex validate ${file} exited ${result.status}, not ${expected}`);
    times.push(performance.now() - started);
  }
  return median(times);
}

export async function benchParsingFaults(print) {
  const dir = mkdtempSync(join(tmpdir(), 'cdx-bench-faults-'));
  try {
    const files = hostileFiles(dir);
    const valid = join(dir, 'valid.yaml');
    writeFileSync(valid, 'version: 1\nname: valid\nsteps:\n  - { name: a, module: control, action: noop }\n');
    const home = join(dir, 'home');
    const lines = [];
    for (const [label, file] of Object.entries(files)) {
      lines.push(`${label}: refused in ${refuseInEngine(file).toFixed(1)} ms in the engine, ${validateByCli(file, home, 2).toFixed(0)} ms by codomyrmex validate (exit 2)`);
    }
    // What a process costs with nothing to refuse: the part of the CLI figures that is start-up, not parsing.
    lines.push(`(a valid 1-step file: ${validateByCli(valid, home, 0).toFixed(0)} ms by codomyrmex validate, exit 0 — the start-up in the figures above)`);
    print(`faults: time to refuse a hostile workflow file (median of ${RUNS}; limit 1 s)`, lines.join('\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
