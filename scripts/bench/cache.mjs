// Issue 18's figures: a 400-step DAG all hits (whole `codomyrmex run`) against make -j4 with nothing to do, a cached
// step's key over 10,000 input files cold and warm (the stat memo), and one changed input among 400 steps.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OrchestrationEngine } from '../../dist/engine/index.js';
import { layeredSteps } from './engine.mjs';

const BIN = new URL('../../bin/codomyrmex.js', import.meta.url).pathname;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const temp = (prefix) => mkdtempSync(join(tmpdir(), prefix));

function timed(command, args, options) {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, stdout: result.stdout };
}

/** The 400-step layered DAG as files: each step reads its own input and its dependencies' outputs into its output. */
function buildDag(dir) {
  const steps = layeredSteps(20, 20, () => ({}));
  mkdirSync(join(dir, 'in'));
  mkdirSync(join(dir, 'out'));
  const yaml = ['version: 1', 'name: cache-400', 'concurrency: 4', 'steps:'];
  const make = [`all: ${steps.map((s) => `out/${s.name}.txt`).join(' ')}`, '.PHONY: all'];
  for (const step of steps) {
    writeFileSync(join(dir, 'in', `${step.name}.txt`), `${step.name}\n`);
    const reads = [`in/${step.name}.txt`, ...step.dependencies.map((dep) => `out/${dep}.txt`)];
    const command = `cat ${reads.join(' ')} > out/${step.name}.txt`;
    yaml.push(`  - { name: ${step.name}, module: shell, action: run, parameters: { command: "${command}" }, dependencies: [${step.dependencies.join(', ')}],`
      + ` cache: { inputs: [in/${step.name}.txt], outputs: [out/${step.name}.txt] } }`);
    make.push(`out/${step.name}.txt: ${reads.join(' ')}\n\t@${command}`);
  }
  writeFileSync(join(dir, 'cache-400.yaml'), `${yaml.join('\n')}\n`);
  writeFileSync(join(dir, 'Makefile'), `${make.join('\n')}\n`);
  return steps;
}

export async function benchCache(print) {
  const dir = temp('cdx-bench-cache-');
  const home = temp('cdx-bench-home-');
  const env = { ...process.env, CODOMYRMEX_HOME: home };
  buildDag(dir);
  const file = join(dir, 'cache-400.yaml');
  const run = (...args) => timed(process.execPath, [BIN, 'run', file, ...args], { env, cwd: dir });
  const full = [];
  for (let round = 0; round < 3; round++) full.push(run('--no-cache').ms);
  // A first run with the cache on: every step runs and stores its outputs (each in a cache of its own but the last).
  const storing = [];
  for (let round = 0; round < 3; round++) {
    const own = round < 2 ? temp('cdx-bench-home-') : home;
    storing.push(timed(process.execPath, [BIN, 'run', file], { env: { ...env, CODOMYRMEX_HOME: own }, cwd: dir }).ms);
    if (own !== home) rmSync(own, { recursive: true, force: true });
  }
  timed('make', ['-s', '-j4', '-C', dir, 'all'], {});
  const rounds = { make: [], hits: [], bareHits: [] };
  // NODE_EXTRA_CA_CERTS makes every Node start read that bundle (make pays nothing of it): where it is set, the hits
  // are timed without it too, as on a machine where it is not.
  const extraCerts = process.env.NODE_EXTRA_CA_CERTS !== undefined;
  for (let round = 0; round < 7; round++) {
    rounds.make.push(timed('make', ['-s', '-j4', '-C', dir, 'all'], {}).ms);
    rounds.hits.push(run().ms);
    if (extraCerts) rounds.bareHits.push(timed(process.execPath, [BIN, 'run', file], { env: { ...env, NODE_EXTRA_CA_CERTS: undefined }, cwd: dir }).ms);
  }
  const record = JSON.parse(run('--json').stdout);
  const cached = Object.values(record.steps).filter((step) => step.status === 'cached').length;
  const make = median(rounds.make);
  const hits = median(rounds.hits);
  // One changed input at the DAG's first layer: its step and the cone below it run, the rest is restored.
  const changed = [];
  let ran = 0;
  for (let round = 0; round < 3; round++) {
    writeFileSync(join(dir, 'in', 's0_7.txt'), `s0_7 changed ${round}\n`);
    const result = run('--json');
    changed.push(result.ms);
    ran = Object.values(JSON.parse(result.stdout).steps).filter((step) => step.status === 'succeeded').length;
  }
  print('cache: 400-step layered DAG, concurrency 4, whole process', [
    `(a) make -j4, nothing to do     ${make.toFixed(0)} ms (median of 7)`,
    `    codomyrmex run, all hits    ${hits.toFixed(0)} ms (median of 7; ${cached}/400 cached)   ours/(a) = ${(hits / make).toFixed(1)}× (goal ≤ 3×, ≤ 400 ms)`,
    ...(extraCerts ? [`    same, no NODE_EXTRA_CA_CERTS ${median(rounds.bareHits).toFixed(0)} ms (set here, read at every Node start; make reads none)   ours/(a) = ${(median(rounds.bareHits) / make).toFixed(1)}×`] : []),
    `    a full run (--no-cache)     ${median(full).toFixed(0)} ms (median of 3)`,
    `    a full run storing all      ${median(storing).toFixed(0)} ms (median of 3, empty caches; ${(median(storing) / median(full)).toFixed(2)}× --no-cache)`,
    `    one input changed           ${median(changed).toFixed(0)} ms (median of 3; ${ran} steps ran, ${400 - ran} restored)`,
  ].join('\n'));
  rmSync(dir, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
  await benchInputHashing(print);
}

/** A cached step with 10,000 input files: its key computed with an empty stat memo (every file read), then warm. */
async function benchInputHashing(print) {
  const dir = temp('cdx-bench-inputs-');
  for (let folder = 0; folder < 100; folder++) {
    mkdirSync(join(dir, 'src', `d${folder}`), { recursive: true });
    for (let i = 0; i < 100; i++) writeFileSync(join(dir, 'src', `d${folder}`, `f${i}.txt`), `file ${folder}/${i}\n`.repeat(20));
  }
  // Older than the memo's racy window: files written just now are hashed but not remembered.
  await new Promise((resolve) => setTimeout(resolve, 200));
  const cold = [];
  const warm = [];
  const hit = [];
  for (let round = 0; round < 5; round++) {
    const home = temp('cdx-bench-home-');
    const engine = new OrchestrationEngine({ home });
    engine.workflowManager.createWorkflow('inputs', [{ name: 'hash', module: 'control', action: 'noop', cache: { inputs: ['src/**'], outputs: [], env: [] } }], { saveTo: false });
    const workflow = engine.workflowManager.getWorkflow('inputs');
    const stepMs = async (options) => {
      const execution = await engine.runWorkflow(workflow, { cwd: dir, ...options }).done;
      const step = execution.steps.hash;
      return step.endTime - step.startTime;
    };
    cold.push(await stepMs({ noCache: false }));
    // --force: the key again (warm memo), the step run and stored, no restore in the figure.
    warm.push(await stepMs({ force: ['hash'] }));
    // A hit: the key with a warm memo and nothing to restore (a no-op step has no outputs).
    hit.push(await stepMs({}));
    await engine.close();
    rmSync(home, { recursive: true, force: true });
  }
  print('cache: a cached step whose inputs are 10,000 files (src/**, 200 kB)', [
    `    cold (empty stat memo)   ${median(cold).toFixed(0)} ms (glob, read and hash every file, key, store)`,
    `    warm (stat memo), a hit  ${median(hit).toFixed(0)} ms (goal ≤ 150 ms: glob, stat, key, found)`,
    `    warm, --force            ${median(warm).toFixed(0)} ms (the key, the step run and stored, its inputs checked again after it ran)   (medians of 5)`,
  ].join('\n'));
  rmSync(dir, { recursive: true, force: true });
}
