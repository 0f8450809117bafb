// Issue 16's CLI figures, printed in the `shell` section: a 1-step run's whole process against `node -e 0`, and the
// processes a run leaves behind once it has exited (its group, and everything carrying its mark: hosts, steps, children).
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { inGroup, killAll, MARK, marked } from '../process-trees.mjs';

const BIN = new URL('../../bin/codomyrmex.js', import.meta.url).pathname;
const ROUNDS = 15;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const temp = (prefix) => mkdtempSync(join(tmpdir(), prefix));

function timed(args, env) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** `codomyrmex run` of a 1-step `true` workflow, whole process, against `node -e 0` (interleaved, median of 15). */
export function benchStartup(print) {
  const [dir, home] = [temp('cdx-bench-start-'), temp('cdx-bench-home-')];
  const file = join(dir, 'one.yaml');
  writeFileSync(file, 'version: 1\nname: one\nsteps:\n  - { name: t, module: shell, action: run, parameters: { command: "true" } }\n');
  const rounds = { node: [], run: [], bareNode: [], bareRun: [], month: [] };
  // A data folder after a month of runs (the retention's default): the logs folder holds a folder per run.
  const month = temp('cdx-bench-home-');
  for (let run = 0; run < 10_000; run++) mkdirSync(join(month, 'logs', `run-${run}`), { recursive: true });
  timed([BIN, 'run', file], { CODOMYRMEX_HOME: home });
  timed([BIN, 'run', file], { CODOMYRMEX_HOME: month });
  // NODE_EXTRA_CA_CERTS (set where a proxy's certificate is added, as on this project's CI machines) makes every Node
  // start read and parse that bundle: both sides pay it, which hides how the CLI compares on a machine without it.
  const extraCerts = process.env.NODE_EXTRA_CA_CERTS !== undefined;
  for (let round = 0; round < ROUNDS; round++) {
    rounds.node.push(timed(['-e', '0'], {}));
    rounds.run.push(timed([BIN, 'run', file], { CODOMYRMEX_HOME: home }));
    rounds.month.push(timed([BIN, 'run', file], { CODOMYRMEX_HOME: month }));
    if (!extraCerts) continue;
    rounds.bareNode.push(timed(['-e', '0'], { NODE_EXTRA_CA_CERTS: undefined }));
    rounds.bareRun.push(timed([BIN, 'run', file], { CODOMYRMEX_HOME: home, NODE_EXTRA_CA_CERTS: undefined }));
  }
  const [node, run] = [median(rounds.node), median(rounds.run)];
  const lines = [`node -e 0 ${node.toFixed(0)} ms, codomyrmex run ${run.toFixed(0)} ms: ${(run / node).toFixed(2)}× (goal ≤ 1.8×)`,
    `with a month of runs' logs beside the engine log (10,000 run folders): ${median(rounds.month).toFixed(0)} ms: ${(median(rounds.month) / node).toFixed(2)}×`];
  if (extraCerts) {
    const [bareNode, bareRun] = [median(rounds.bareNode), median(rounds.bareRun)];
    lines.push(`without NODE_EXTRA_CA_CERTS (set here; read at every Node start): node -e 0 ${bareNode.toFixed(0)} ms, codomyrmex run ${bareRun.toFixed(0)} ms: ${(bareRun / bareNode).toFixed(2)}×`);
  }
  print(`start-up: \`codomyrmex run\` of a 1-step \`true\` workflow, whole process (median of ${ROUNDS}, load average ${loadavg()[0].toFixed(1)})`, lines.join('\n'));
  rmSync(dir, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
  rmSync(month, { recursive: true, force: true });
}

/** Runs the CLI leading its own group, as a terminal starts it; resolves with what is left right after its exit. */
function leftAfter(file, home, interrupt) {
  const mark = randomUUID();
  const child = spawn(process.execPath, [BIN, 'run', file], { env: { ...process.env, CODOMYRMEX_HOME: home, [MARK]: mark }, stdio: 'ignore', detached: true });
  if (interrupt) setTimeout(() => process.kill(-child.pid, 'SIGINT'), 600);
  return new Promise((resolve) => child.once('exit', () => {
    const left = new Set([...inGroup(child.pid), ...marked(mark)].map((entry) => entry.pid));
    killAll([...left].map((pid) => ({ pid })));
    resolve(left.size);
  }));
}

/** Processes left in the CLI's group, or carrying its mark anywhere, after a completed, a failed and a Ctrl-C'd run. */
export async function benchLeftovers(print) {
  const [dir, home] = [temp('cdx-bench-left-'), temp('cdx-bench-home-')];
  const step = (name, command, dependencies = []) => `  - { name: ${name}, module: shell, action: run, parameters: { command: "${command}" }, dependencies: [${dependencies.join(', ')}] }`;
  const fanOut = [1, 2, 3, 4].map((i) => step(`s${i}`, 'sleep 30 & sleep 0.2'));
  const write = (name, last) => {
    writeFileSync(join(dir, `${name}.yaml`), ['version: 1', `name: ${name}`, 'concurrency: 4', 'steps:', ...fanOut, step('last', last, ['s1', 's2', 's3', 's4'])].join('\n'));
    return join(dir, `${name}.yaml`);
  };
  const cases = [['completed', write('completed', 'true'), false], ['a step failed', write('failed', 'sleep 30 & exit 3'), false], ['Ctrl-C', write('slow', 'sleep 30'), true]];
  const lines = [];
  for (const [name, file, interrupt] of cases) {
    const counts = [];
    for (let round = 0; round < 3; round++) counts.push(await leftAfter(file, home, interrupt));
    lines.push(`${name.padEnd(14)} ${Math.max(...counts)} (worst of 3; goal 0)`);
  }
  print('processes left after `codomyrmex run` exits, in its group or carrying its mark (hosts, steps, their children)', lines.join('\n'));
  rmSync(dir, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
}
