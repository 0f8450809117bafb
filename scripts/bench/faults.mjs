// Issue 11's process figures: survivors after a terminal's Ctrl-C to `codomyrmex run` holding 20 process trees, the
// finished steps a SIGKILL loses from the record (the write-behind window), processes left in the CLI's group.
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inGroup, killAll, MARK, marked, treesWorkflow } from '../process-trees.mjs';

const BIN = new URL('../../bin/codomyrmex.js', import.meta.url).pathname;
const KILLS = 30;

const temp = (prefix) => mkdtempSync(join(tmpdir(), prefix));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts the CLI leading its own process group, as a terminal does, with a mark every process under it inherits. */
function startCli(args, home, mark) {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, CODOMYRMEX_HOME: home, [MARK]: mark }, stdio: 'ignore', detached: true });
  const exit = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exit };
}

async function until(check, limitMs, what) {
  const end = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`bench faults: timed out waiting for ${what}`);
    await sleep(20);
  }
}

function lastRecord(home) {
  const result = spawnSync(process.execPath, [BIN, 'history', '--json', '--limit', '1'], { env: { ...process.env, CODOMYRMEX_HOME: home }, encoding: 'utf8' });
  return JSON.parse(result.stdout)[0];
}

/** Ctrl-C to the group of a run whose 20 steps each hold a tree: a `setsid`'d daemon ignoring SIGTERM, `timeout`, a sleep. */
async function ctrlC(print) {
  const [dir, home, mark] = [temp('cdx-bench-faults-'), temp('cdx-bench-home-'), randomUUID()];
  writeFileSync(join(dir, 'trees.yaml'), treesWorkflow(dir, 20));
  const { child, exit } = startCli(['run', join(dir, 'trees.yaml')], home, mark);
  await until(() => readdirSync(dir).filter((name) => name.startsWith('up-')).length === 20, 30_000, 'the 20 trees');
  await until(() => marked(mark).filter((p) => p.command === 'timeout').length === 20, 5000, 'the timeout-wrapped loops');
  const processes = marked(mark).length;
  const sent = performance.now();
  process.kill(-child.pid, 'SIGINT');
  const code = await exit;
  const took = performance.now() - sent;
  const survivors = marked(mark);
  const inGroupAfter = inGroup(child.pid).length;
  killAll(survivors);
  const record = lastRecord(home);
  rmSync(dir, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
  print('Ctrl-C (SIGINT to the process group) of `codomyrmex run` with 20 process trees (setsid, timeout, background)', [
    `survivors: ${survivors.length} of ${processes} processes (must be 0)`,
    `exit code ${code}, record ${record.status}, ${took.toFixed(0)} ms from the signal to the exit (a daemon ignoring SIGTERM is SIGKILLed once its step's shell has gone)`,
    `left in the CLI's process group after it exited: ${inGroupAfter} (must be 0)`,
  ].join('\n'));
}

/**
 * SIGKILLs of `codomyrmex run` at random moments of a run of short steps. Each step writes the time it ends; a step
 * that ended before the kill but is not in the record was lost: its age at the kill is the write-behind window.
 */
async function sigkillLoss(print) {
  const [dir, home] = [temp('cdx-bench-faults-'), temp('cdx-bench-home-')];
  const steps = Array.from({ length: 300 }, (_, i) => `  - { name: s${i}, module: shell, action: run, parameters: { command: 'sleep 0.01; date +%s%3N > ${join(dir, `end-${i}`)}' } }`);
  writeFileSync(join(dir, 'short.yaml'), `version: 1\nname: short\nconcurrency: 4\nsteps:\n${steps.join('\n')}\n`);
  let lost = 0;
  let worstMs = 0;
  let finished = 0;
  for (let kill = 0; kill < KILLS; kill++) {
    for (const name of readdirSync(dir)) if (name.startsWith('end-')) rmSync(join(dir, name));
    const mark = randomUUID();
    const { child, exit } = startCli(['run', join(dir, 'short.yaml')], home, mark);
    await until(() => existsSync(join(dir, 'end-0')), 20_000, 'the first step');
    await sleep(50 + Math.random() * 400);
    const at = Date.now();
    process.kill(-child.pid, 'SIGKILL');
    await exit;
    await until(() => marked(mark).length === 0, 5000, 'the hosts to end their steps');
    const recorded = lastRecord(home);
    for (const name of readdirSync(dir)) {
      if (!name.startsWith('end-')) continue;
      const ended = Number(readFileSync(join(dir, name), 'utf8'));
      // An empty file is a step killed while it wrote: it had not ended.
      if (!(ended > 0 && ended <= at)) continue;
      finished++;
      if (recorded.steps[`s${name.slice(4)}`]?.status === 'succeeded') continue;
      lost++;
      worstMs = Math.max(worstMs, at - ended);
    }
  }
  rmSync(dir, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
  print(`SIGKILL of \`codomyrmex run\` at a random moment, ${KILLS} times (300 steps of ~10 ms, 4 at a time)`, [
    `finished steps lost from the record: ${lost} of ${finished} (${(lost / KILLS).toFixed(1)} a kill)`,
    `worst case: a step that had finished ${worstMs} ms before the kill was lost (the window from a step's end to its record on disk)`,
  ].join('\n'));
}

/** A run that ends on its own, its step leaving a `setsid`'d daemon: nothing of it may remain once the CLI exits. */
async function leftAfterExit(print) {
  const [dir, home, mark] = [temp('cdx-bench-faults-'), temp('cdx-bench-home-'), randomUUID()];
  writeFileSync(join(dir, 'quick.yaml'), `version: 1\nname: quick\nsteps:\n  - { name: a, module: shell, action: run, parameters: { command: "setsid sh -c 'echo $$ > d.pid; exec sleep 60' & sleep 60 & while [ ! -s d.pid ]; do sleep 0.05; done" } }\n`);
  let group = 0;
  let anywhere = 0;
  const rounds = 5;
  for (let round = 0; round < rounds; round++) {
    rmSync(join(dir, 'd.pid'), { force: true });
    const { child, exit } = startCli(['run', join(dir, 'quick.yaml')], home, mark);
    await exit;
    group += inGroup(child.pid).length;
    const left = marked(mark);
    anywhere += left.length;
    killAll(left);
  }
  rmSync(dir, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
  print(`processes left after \`codomyrmex run\` exits (${rounds} runs, each step leaving a background and a setsid'd daemon)`, [
    `in the CLI's process group: ${group} (must be 0)`,
    `anywhere (process hosts, step processes): ${anywhere}`,
  ].join('\n'));
}

export async function benchFaults(print) {
  if (process.platform !== 'linux') {
    print('faults: processes', 'skipped: the census reads /proc (Linux only)');
    return;
  }
  await ctrlC(print);
  await leftAfterExit(print);
  await sigkillLoss(print);
}
