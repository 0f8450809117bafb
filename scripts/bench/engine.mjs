// Issue 2's figures: in-process scheduling cost, a shell DAG against make -j4 and a bare Node spawner, history queries.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { OrchestrationEngine } from '../../dist/engine/index.js';
import { benchLeftovers, benchStartup } from './cli.mjs';

const BIN = new URL('../../bin/codomyrmex.js', import.meta.url).pathname;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const temp = (prefix) => mkdtempSync(join(tmpdir(), prefix));

/** A layered DAG: `layers` × `width` steps, each depending on two steps of the layer before. */
export function layeredSteps(layers, width, make) {
  const steps = [];
  for (let layer = 0; layer < layers; layer++) {
    for (let i = 0; i < width; i++) {
      const dependencies = layer === 0 ? [] : [...new Set([`s${layer - 1}_${i}`, `s${layer - 1}_${(i + 1) % width}`])];
      steps.push({ name: `s${layer}_${i}`, dependencies, ...make(layer, i) });
    }
  }
  return steps;
}

export async function benchInProcess(print) {
  const samples = [];
  for (let round = 0; round < 5; round++) {
    const home = temp('cdx-bench-home-');
    const engine = new OrchestrationEngine({ home });
    const steps = layeredSteps(100, 100, () => ({ module: 'control', action: 'noop' }));
    const started = process.hrtime.bigint();
    engine.workflowManager.createWorkflow('noop-10k', steps, { saveTo: false });
    const workflow = engine.workflowManager.getWorkflow('noop-10k');
    const execution = await engine.runWorkflow(workflow, { cwd: home, concurrency: 64 }).done;
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (execution.status !== 'completed') throw new Error(`noop run ended ${execution.status}`);
    await engine.close();
    rmSync(home, { recursive: true, force: true });
    samples.push(ms);
  }
  const ms = median(samples);
  print('in-process: 10,000-step layered DAG of control.noop (create + validate + run + records)', `${ms.toFixed(0)} ms total, ${((ms * 1000) / 10_000).toFixed(1)} µs/step (median of 5; goal ≤ 1 s, aim 20 µs/step)`);
}

/**
 * The CPU time (user + system, ms) of this process's reaped children and all they reaped in turn, from /proc/self/stat
 * (in USER_HZ, 100 a second on Linux); null elsewhere.
 */
export function childrenCpuMs() {
  try {
    const stat = readFileSync('/proc/self/stat', 'latin1');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return null;
  }
}

/** Runs a command to its end: its wall time, and the CPU time of its whole tree where the system tells it (ms). */
function timeCommand(command, args, options) {
  const cpuBefore = childrenCpuMs();
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
  const wall = Number(process.hrtime.bigint() - started) / 1e6;
  const cpuAfter = childrenCpuMs();
  return { wall, cpu: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore };
}

/**
 * Writes the shell bench's 400-step layered DAG into `dir` three ways: `shell-400.yaml` (and `shell-400-leased.yaml`, each
 * step taking a machine lease), a `Makefile` for make -j4, and `bare.mjs`, a bare Node loop spawning the same commands
 * four at a time. Returns the steps.
 */
export function writeShellDag(dir) {
  const steps = layeredSteps(20, 20, (layer, i) => ({ module: 'shell', action: 'run', parameters: { command: `echo built-${layer}-${i}` } }));
  const yaml = ['version: 1', 'name: shell-400', 'concurrency: 4', 'steps:'];
  for (const step of steps) {
    yaml.push(`  - { name: ${step.name}, module: shell, action: run, parameters: { command: "${step.parameters.command}" }, dependencies: [${step.dependencies.join(', ')}] }`);
  }
  writeFileSync(join(dir, 'shell-400.yaml'), `${yaml.join('\n')}\n`);
  // The same DAG with every step declaring a resource roomy enough never to wait: each step takes and returns a machine lease.
  const leased = ['version: 1', 'name: shell-400-leased', 'concurrency: 4', 'resources: { slots: 1000 }', 'steps:'];
  for (const step of steps) {
    leased.push(`  - { name: ${step.name}, module: shell, action: run, resources: { slots: 1 }, parameters: { command: "${step.parameters.command}" }, dependencies: [${step.dependencies.join(', ')}] }`);
  }
  writeFileSync(join(dir, 'shell-400-leased.yaml'), `${leased.join('\n')}\n`);
  const makefile = [`all: ${steps.map((s) => s.name).join(' ')}`, `.PHONY: all ${steps.map((s) => s.name).join(' ')}`];
  for (const step of steps) makefile.push(`${step.name}: ${step.dependencies.join(' ')}\n\t@${step.parameters.command}`);
  writeFileSync(join(dir, 'Makefile'), `${makefile.join('\n')}\n`);
  const bare = `import { spawn } from 'node:child_process';
const commands = ${JSON.stringify(steps.map((s) => s.parameters.command))};
let next = 0, running = 0;
await new Promise((done) => {
  const pump = () => {
    while (running < 4 && next < commands.length) {
      const [file, ...args] = commands[next++].split(' ');
      running++;
      spawn(file, args, { stdio: 'ignore' }).on('exit', () => { running--; if (next === commands.length && running === 0) done(); else pump(); });
    }
  };
  pump();
});
`;
  writeFileSync(join(dir, 'bare.mjs'), bare);
  return steps;
}

export async function benchShell(print) {
  const dir = temp('cdx-bench-shell-');
  const home = temp('cdx-bench-home-');
  const steps = writeShellDag(dir);
  const env = { ...process.env, CODOMYRMEX_HOME: home };
  const rounds = { make: [], bare: [], codomyrmex: [], leased: [] };
  // Interleaved rounds so that machine noise hits all three alike.
  for (let round = 0; round < 7; round++) {
    rounds.make.push(timeCommand('make', ['-s', '-j4', '-C', dir, 'all'], {}));
    rounds.bare.push(timeCommand(process.execPath, [join(dir, 'bare.mjs')], {}));
    rounds.codomyrmex.push(timeCommand(process.execPath, [BIN, 'run', join(dir, 'shell-400.yaml')], { env }));
    rounds.leased.push(timeCommand(process.execPath, [BIN, 'run', join(dir, 'shell-400-leased.yaml')], { env }));
  }
  const wall = (runs) => median(runs.map((run) => run.wall));
  const cpu = (runs) => (runs.some((run) => run.cpu === null) ? null : median(runs.map((run) => run.cpu)));
  const make = wall(rounds.make);
  const floor = wall(rounds.bare);
  const ours = wall(rounds.codomyrmex);
  const cores = availableParallelism();
  // The floor on this machine: a run cannot end before its processes' CPU time, spread over every core, has passed.
  const cpuLine = cpu(rounds.codomyrmex) === null ? [] : [
    `    CPU time of each whole tree: make ${cpu(rounds.make)} ms, bare ${cpu(rounds.bare)} ms, codomyrmex ${cpu(rounds.codomyrmex)} ms (commands, hosts and engine)`,
    `    on ${cores} cores codomyrmex's CPU alone needs ≥ ${(cpu(rounds.codomyrmex) / cores).toFixed(0)} ms = ${(cpu(rounds.codomyrmex) / cores / floor).toFixed(2)}× (b)'s wall, ${(cpu(rounds.codomyrmex) / cores / make).toFixed(2)}× (a)'s`,
  ];
  print(`shell: 400-step layered DAG, concurrency 4, whole process (median of 7, load average ${loadavg()[0].toFixed(1)})`, [
    `(a) make -j4          ${make.toFixed(0)} ms`,
    `(b) bare node spawner ${floor.toFixed(0)} ms   (b)/(a) = ${(floor / make).toFixed(2)}×`,
    `    codomyrmex run    ${ours.toFixed(0)} ms   ours/(b) = ${(ours / floor).toFixed(2)}× (goal ≤ 1.0×), ours/(a) = ${(ours / make).toFixed(2)}× (goal ≤ 2.5×)`,
    `    every step leased ${wall(rounds.leased).toFixed(0)} ms   cross-process admission: ${((wall(rounds.leased) - ours) / steps.length).toFixed(3)} ms/step added (goal ≤ 0.2)`,
    ...cpuLine,
  ].join('\n'));
  rmSync(dir, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
  await benchAdmission(print);
  benchStartup(print);
  await benchLeftovers(print);
}

/**
 * The machine lease's own cost, apart from process noise: this process's CPU time for the 400-step DAG of
 * control.noop, each step declaring a resource (so each takes and returns a lease) against none (median of 7).
 */
export async function benchAdmission(print) {
  const home = temp('cdx-bench-home-');
  const engine = new OrchestrationEngine({ home });
  const cpu = { plain: [], leased: [] };
  for (let round = 0; round < 7; round++) {
    for (const kind of ['plain', 'leased']) {
      const steps = layeredSteps(20, 20, () => ({ module: 'control', action: 'noop', ...(kind === 'leased' ? { resources: { slots: 1 } } : {}) }));
      engine.workflowManager.createWorkflow(`admission-${kind}`, steps, { saveTo: false, resources: { slots: { capacity: 1000 } } });
      const started = process.cpuUsage();
      const execution = await engine.runWorkflow(engine.workflowManager.getWorkflow(`admission-${kind}`), { cwd: home, concurrency: 4 }).done;
      const used = process.cpuUsage(started);
      if (execution.status !== 'completed') throw new Error(`admission run ended ${execution.status}`);
      cpu[kind].push((used.user + used.system) / 1000);
    }
  }
  await engine.close();
  rmSync(home, { recursive: true, force: true });
  const plain = median(cpu.plain);
  const leased = median(cpu.leased);
  print('admission: 400-step DAG of control.noop, CPU time of this process (median of 7)', [
    `    no resources       ${plain.toFixed(1)} ms`,
    `    a lease per step   ${leased.toFixed(1)} ms   cross-process admission: ${((leased - plain) / 400).toFixed(3)} ms/step added (goal ≤ 0.2)`,
  ].join('\n'));
}

export async function benchHistory(print) {
  const home = temp('cdx-bench-home-');
  const engine = new OrchestrationEngine({ home });
  const store = engine.store;
  const stepNames = ['install', 'build', 'test', 'report'];
  const base = Date.now() - 10_000 * 60_000;
  for (let i = 0; i < 12_000; i++) {
    const workflowName = i % 6 === 5 ? 'other' : 'ci';
    const startTime = base + i * 60_000;
    const steps = Object.fromEntries(stepNames.map((name, k) => [name, {
      status: 'succeeded', attempts: 1, startTime: startTime + k * 1000, endTime: startTime + k * 1000 + 900, exitCode: 0, error: null,
      outputs: { exitCode: 0, stdout: `${name} ok\n` }, reason: null, logPath: null, logTail: `${name} ok\n`,
    }]));
    store.executionStarted({ executionId: `run-${i}`, workflowName, workflowFile: null, sessionId: null, projectId: null, status: i % 10 === 0 ? 'failed' : 'completed', origin: 'cli', startTime, endTime: startTime + 4000, params: {}, errors: [], steps });
    if (i % 1000 === 999) store.flush();
  }
  store.flush();
  const count = engine.store.database.prepare("SELECT COUNT(*) AS n FROM executions WHERE workflow_name = 'ci'").get().n;
  const time = (query) => median(Array.from({ length: 7 }, () => {
    const started = process.hrtime.bigint();
    const runs = store.listExecutions(query);
    if (runs.length !== 1000) throw new Error(`expected 1000 runs, got ${runs.length}`);
    return Number(process.hrtime.bigint() - started) / 1e6;
  }));
  const full = time({ workflowName: 'ci', limit: 1000 });
  const summary = time({ workflowName: 'ci', limit: 1000, withSteps: false });
  print(`history: last 1,000 runs of a workflow with ${count.toLocaleString('en')} runs stored (median of 7; goal ≤ 50 ms)`, `${full.toFixed(1)} ms with every step record, ${summary.toFixed(1)} ms as a run list`);
  await engine.close();
  rmSync(home, { recursive: true, force: true });
}

