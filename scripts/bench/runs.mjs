// Issue 5's engine figure: 100 runs of a 50-step workflow started together through EngineApi, every record verified,
// and the engine's CPU time per step (the process host's children run the commands; their CPU is not the engine's).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineApi, OrchestrationEngine } from '../../dist/engine/index.js';
import { layeredSteps } from './engine.mjs';

const RUNS = 100;
const temp = (prefix) => mkdtempSync(join(tmpdir(), prefix));

/** 10 layers × 5 steps; `shell` mixes `true`, `echo` and control.noop a third each. */
function workflowYaml(name, shell) {
  const steps = layeredSteps(10, 5, (layer, i) => {
    const kind = shell ? (layer * 5 + i) % 3 : 2;
    if (kind === 0) return { module: 'shell', action: 'run', parameters: { command: 'true' } };
    if (kind === 1) return { module: 'shell', action: 'run', parameters: { command: `echo step-${layer}-${i}` } };
    return { module: 'control', action: 'noop' };
  });
  const lines = ['version: 1', `name: ${name}`, 'steps:'];
  for (const step of steps) {
    const parameters = step.parameters ? `, parameters: { command: "${step.parameters.command}" }` : '';
    lines.push(`  - { name: ${step.name}, module: ${step.module}, action: ${step.action}${parameters}, dependencies: [${step.dependencies.join(', ')}] }`);
  }
  return `${lines.join('\n')}\n`;
}

async function scenario(name, shell, door) {
  const home = temp('cdx-bench-home-');
  const project = temp('cdx-bench-project-');
  mkdirSync(join(project, '.codomyrmex', 'workflows'), { recursive: true });
  writeFileSync(join(project, '.codomyrmex', 'workflows', `${name}.yaml`), workflowYaml(name, shell));
  const engine = new OrchestrationEngine({ home });
  const projectId = engine.projectManager.addProject(project).id;
  const api = new EngineApi(engine, { mode: 'browser', version: 'bench', projectId, origin: 'api' });
  // A door listening as browser mode does: batches serialised as they would go over the WebSocket.
  let pushedBytes = 0;
  const subscription = door ? api.subscribe((batch) => (pushedBytes += JSON.stringify(batch).length)) : null;
  const ended = new Set();
  let allEnded;
  const done = new Promise((resolve) => (allEnded = resolve));
  engine.events.on((event) => {
    if (event.type === 'execution.updated' && !['pending', 'running'].includes(event.execution.status)) {
      ended.add(event.execution.executionId);
      if (ended.size === RUNS) allEnded();
    }
  }, ['execution.updated']);

  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  const replies = await Promise.all(Array.from({ length: RUNS }, () => api.dispatch('runs.start', { projectId, workflowName: name })));
  await done;
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const used = process.cpuUsage(cpu);
  subscription?.close();

  let verified = 0;
  for (const reply of replies) {
    if (!reply.ok) throw new Error(`runs.start failed: ${reply.error.message}`);
    const detail = await api.dispatch('runs.get', { executionId: reply.value.executionId });
    verified += verify(detail.value, shell);
  }
  await engine.close();
  rmSync(home, { recursive: true, force: true });
  rmSync(project, { recursive: true, force: true });
  const cpuPerStepUs = (used.user + used.system) / (RUNS * 50);
  return { wallMs, cpuPerStepUs, verified, pushedBytes };
}

/** Every step succeeded once, in time order, with its outputs; throws on the first record that is not exact. */
function verify(run, shell) {
  const where = `run ${run?.executionId}`;
  if (run === null || run.status !== 'completed') throw new Error(`${where} ended ${run?.status}`);
  if (run.workflow === null || run.workflow.steps.length !== 50) throw new Error(`${where}: no workflow snapshot`);
  const steps = Object.entries(run.steps);
  if (steps.length !== 50) throw new Error(`${where}: ${steps.length} step records, expected 50`);
  for (const [name, step] of steps) {
    const ok = step.status === 'succeeded' && step.attempts === 1 && step.startTime !== null && step.endTime >= step.startTime && step.startTime >= run.startTime && step.endTime <= run.endTime && step.outputs !== null && typeof step.outputs === 'object';
    const isShell = shell && run.workflow.steps.find((s) => s.name === name).module === 'shell';
    if (!ok || (isShell && step.outputs.exitCode !== 0)) throw new Error(`${where}: step ${name} is not exact: ${JSON.stringify(step)}`);
  }
  return steps.length;
}

export async function benchRuns(print) {
  const scenarios = [
    ['control.noop only, a door listening', 'noop50', false, true],
    ['shell (true/echo) + noop, no door', 'shell50', true, false],
    ['shell (true/echo) + noop, a door listening', 'shell50', true, true],
  ];
  // Interleaved rounds, medians: the first round also pays for warming up the JIT and the process host.
  const results = scenarios.map(() => []);
  for (let round = 0; round < 3; round++) {
    for (const [index, [, name, shell, door]] of scenarios.entries()) results[index].push(await scenario(name, shell, door));
  }
  const lines = scenarios.map(([label, , , door], index) => {
    const rounds = results[index];
    const wallMs = median(rounds.map((r) => r.wallMs));
    const cpuPerStepUs = median(rounds.map((r) => r.cpuPerStepUs));
    const verified = rounds.reduce((sum, r) => sum + r.verified, 0);
    const pushed = median(rounds.map((r) => r.pushedBytes));
    return `${label.padEnd(44)} wall ${wallMs.toFixed(0).padStart(6)} ms   engine CPU ${cpuPerStepUs.toFixed(0).padStart(5)} µs/step   ${verified.toLocaleString('en')} step records verified${door ? `   ${(pushed / 1024).toFixed(0)} KiB pushed` : ''}`;
  });
  print(`runs: ${RUNS} runs of a 50-step layered workflow started together through EngineApi, median of 3 (every record checked exact: 100 × 50 succeeded, attempts 1, times ordered, outputs present)`, lines.join('\n'));
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
