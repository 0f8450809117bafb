// Issue 13's figures: what the engine log at info costs the 10,000-step in-process DAG, the file's size per 1,000
// steps, and what it adds to a 1-step `codomyrmex run` (issue 16 measures that against `node -e 0`).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeLogging, flushLogging, getLogger, OrchestrationEngine, setupLogging } from '../../dist/engine/index.js';
import { layeredSteps } from './engine.mjs';

const BIN = new URL('../../bin/codomyrmex.js', import.meta.url).pathname;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const temp = (prefix) => mkdtempSync(join(tmpdir(), prefix));

/** The engine log's files' total size in a data folder. */
function logBytes(home) {
  const logs = join(home, 'logs');
  if (!existsSync(logs)) return 0;
  return readdirSync(logs).filter((name) => /^codomyrmex\.\d+\.log$/.test(name)).reduce((sum, name) => sum + statSync(join(logs, name)).size, 0);
}

/** One run of the DAG, from creating the workflow to the log written out: wall and CPU ms, and the run's log bytes. */
async function runDag(level) {
  const home = temp('cdx-bench-log-');
  if (level !== null) setupLogging({ level, home, stderr: false });
  // A long-lived engine (the app, serve) has its log open already: the file is opened before the clock starts.
  getLogger('bench').critical('bench started');
  await flushLogging();
  const before = logBytes(home);
  const engine = new OrchestrationEngine({ home });
  globalThis.gc?.();
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  engine.workflowManager.createWorkflow('noop-10k', layeredSteps(100, 100, () => ({ module: 'control', action: 'noop' })), { saveTo: false });
  const execution = await engine.runWorkflow(engine.workflowManager.getWorkflow('noop-10k'), { cwd: home, concurrency: 64 }).done;
  await closeLogging();
  const used = process.cpuUsage(cpu);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (execution.status !== 'completed') throw new Error(`noop run ended ${execution.status}`);
  await engine.close();
  const bytes = logBytes(home) - before;
  rmSync(home, { recursive: true, force: true });
  return { ms, cpu: (used.user + used.system) / 1000, bytes };
}

export async function benchLogging(print) {
  const rounds = { off: [], info: [] };
  let bytes = 0;
  await runDag('off');
  // Interleaved, so that machine noise hits both alike.
  for (let round = 0; round < 7; round++) {
    rounds.off.push(await runDag('off'));
    const info = await runDag('info');
    rounds.info.push(info);
    bytes = info.bytes;
  }
  const figure = (key) => [median(rounds.off.map((r) => r[key])), median(rounds.info.map((r) => r[key]))];
  const line = (name, [off, info]) => `${name}: off ${off.toFixed(0)} ms, info ${info.toFixed(0)} ms: ×${(info / off).toFixed(3)} (${(((info - off) / off) * 100).toFixed(1)}% slower; goal ≤ 5%)`;
  print('engine log: the 10,000-step in-process DAG of control.noop, log off vs at info (median of 7, the file written out)', [
    line('wall', figure('ms')),
    line('CPU ', figure('cpu')),
    `log file: ${(bytes / 10 / 1024).toFixed(1)} KiB per 1,000 steps (${bytes} bytes for 10,000: run start and finish, each step's end: its start is at debug)`,
  ].join('\n'));
  benchStartup(print);
}

/** `codomyrmex run` of a 1-step workflow, log at info (the file opened, pino-roll loaded) vs off, vs `node -e 0`. */
function benchStartup(print) {
  const dir = temp('cdx-bench-log-start-');
  const home = temp('cdx-bench-log-home-');
  const file = join(dir, 'one.yaml');
  writeFileSync(file, 'version: 1\nname: one\nsteps:\n  - { name: hello, module: shell, action: run, parameters: { command: "echo hi" } }\n');
  const time = (args, env) => {
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { env: { ...process.env, CODOMYRMEX_HOME: home, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
  const rounds = { node: [], off: [], info: [] };
  for (let round = 0; round < 15; round++) {
    rounds.node.push(time(['-e', '0'], {}));
    rounds.off.push(time([BIN, 'run', file], { CODOMYRMEX_LOG_LEVEL: 'off' }));
    rounds.info.push(time([BIN, 'run', file], { CODOMYRMEX_LOG_LEVEL: '' }));
  }
  const [node, off, info] = [median(rounds.node), median(rounds.off), median(rounds.info)];
  print('engine log: `codomyrmex run` of a 1-step workflow (median of 15)', `node -e 0 ${node.toFixed(0)} ms; run, log off ${off.toFixed(0)} ms; run, log at info ${info.toFixed(0)} ms: the log adds ${(info - off).toFixed(0)} ms`);
  rmSync(dir, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
}
