// Not a bench section: where the shell DAG's time goes, process by process, for the floor under issue 16's two shell
// ratios. Runs the bench's 400-step DAG through `codomyrmex run` and through the bare Node loop it is compared with,
// each Node process recording its own CPU time as it exits (a preload), the rest of each tree's CPU being its commands.
// `--cpu-prof` adds one run with the engine's CPU profile, summarised by function (self time).
// `node scripts/bench/profile-shell.mjs [--rounds=5] [--cpu-prof] [--top=20]`
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { childrenCpuMs, writeShellDag } from './engine.mjs';

const BIN = new URL('../../bin/codomyrmex.js', import.meta.url).pathname;
const option = (name, fallback) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const rounds = Number(option('rounds', 5));
const top = Number(option('top', 20));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const dir = mkdtempSync(join(tmpdir(), 'cdx-profile-shell-'));
const home = join(dir, 'home');
const steps = writeShellDag(dir);
const cpuOut = join(dir, 'cpu.jsonl');
const preload = join(dir, 'cpu-at-exit.cjs');
writeFileSync(preload, `process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  const script = require('node:path').basename(process.argv[1] ?? '');
  require('node:fs').appendFileSync(process.env.CDX_CPU_OUT, JSON.stringify({ script, ms: (user + system) / 1000 }) + '\\n');
});
`);
// The preload is in NODE_OPTIONS, which the process hosts inherit; NODE_OPTIONS also keys the CLI's code cache, so a
// first run of each kind (not counted) writes the cache the counted runs read.
const env = { ...process.env, CODOMYRMEX_HOME: home, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${preload}`.trim(), CDX_CPU_OUT: cpuOut };

/** One whole run: wall, the tree's CPU, and each Node process's own CPU by role. */
function measured(args) {
  rmSync(cpuOut, { force: true });
  const before = childrenCpuMs();
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], env });
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
  const wall = Number(process.hrtime.bigint() - started) / 1e6;
  const tree = before === null ? null : childrenCpuMs() - before;
  const processes = readFileSync(cpuOut, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
  const role = (script) => processes.filter((entry) => entry.script === script).map((entry) => entry.ms);
  const nodes = processes.reduce((sum, entry) => sum + entry.ms, 0);
  return { wall, tree, engine: role('codomyrmex.js')[0] ?? 0, hosts: role('process-host.cjs'), bare: role('bare.mjs')[0] ?? 0, commands: tree === null ? null : tree - nodes };
}

const shellDag = [BIN, 'run', join(dir, 'shell-400.yaml')];
const bareLoop = [join(dir, 'bare.mjs')];
const version = [BIN, '--version'];
for (const args of [shellDag, bareLoop, version]) measured(args);
const runs = { ours: [], bare: [], version: [] };
for (let round = 0; round < rounds; round++) {
  runs.bare.push(measured(bareLoop));
  runs.ours.push(measured(shellDag));
  runs.version.push(measured(version));
}
const pick = (list, key) => median(list.map((run) => (typeof key === 'function' ? key(run) : run[key])));
const ms = (value) => (value === null || Number.isNaN(value) ? '—' : value.toFixed(0)).padStart(7);
const hostCount = pick(runs.ours, (run) => run.hosts.length);
const hostEach = pick(runs.ours, (run) => (run.hosts.length === 0 ? 0 : run.hosts.reduce((a, b) => a + b, 0) / run.hosts.length));
const startup = pick(runs.version, 'engine');
const engine = pick(runs.ours, 'engine');
const cores = availableParallelism();
const lines = [
  `shell DAG, ${steps.length} steps at concurrency 4: CPU time by process, ms (median of ${rounds} rounds; load average ${loadavg()[0].toFixed(1)}, ${cores} cores)`,
  '                    wall   engine    hosts  commands  whole tree',
  `bare Node loop  ${ms(pick(runs.bare, 'wall'))}  ${ms(pick(runs.bare, 'bare'))}        —   ${ms(pick(runs.bare, 'commands'))}     ${ms(pick(runs.bare, 'tree'))}   (its engine: the loop that spawns)`,
  `codomyrmex run  ${ms(pick(runs.ours, 'wall'))}  ${ms(engine)}  ${hostCount} × ${hostEach.toFixed(0)}   ${ms(pick(runs.ours, 'commands'))}     ${ms(pick(runs.ours, 'tree'))}`,
  `the engine: ${startup.toFixed(0)} ms to start (\`codomyrmex --version\`), then ${((engine - startup) / steps.length).toFixed(2)} ms a step; the hosts together ${((hostEach * hostCount) / steps.length).toFixed(2)} ms a step (their start-ups included), the bare loop ${(pick(runs.bare, 'bare') / steps.length).toFixed(2)}`,
  ...(runs.ours[0].tree === null ? ['(the whole trees\' CPU comes from /proc: Linux only)'] : [
    `on ${cores} cores the run's CPU alone needs ≥ ${(pick(runs.ours, 'tree') / cores).toFixed(0)} ms of wall time (commands' CPU counts what each tree reaped: 10 ms ticks)`,
  ]),
];
console.log(lines.join('\n'));

if (process.argv.includes('--cpu-prof')) {
  const profiles = join(dir, 'profiles');
  mkdirSync(profiles);
  // The flags key the code cache too: the first profiled run compiles and writes it, the second is the one read.
  const profiled = () => spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profiles}`, '--cpu-prof-interval=100', ...shellDag], { stdio: 'ignore', env });
  profiled();
  const result = profiled();
  const file = readdirSync(profiles).find((name) => name.includes(`.${result.pid}.`));
  if (file === undefined) throw new Error('the engine wrote no CPU profile');
  const profile = JSON.parse(readFileSync(join(profiles, file), 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    if (functionName === '(idle)') return;
    const key = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber + 1}`;
    const us = profile.timeDeltas[index] ?? 0;
    self.set(key, (self.get(key) ?? 0) + us);
    total += us;
  });
  console.log(`\nthe engine's process, one profiled run: ${(total / 1000).toFixed(0)} ms on its thread (sampled every 0.1 ms; time in a system call counts, as does time waiting for a core), by self time:`);
  for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${(us / 1000).toFixed(1).padStart(8)} ms  ${key}`);
}
rmSync(dir, { recursive: true, force: true });
