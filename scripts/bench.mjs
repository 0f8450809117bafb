// `npm run bench`: every figure the issues ask for, printed; never asserted. `npm run bench -- shell ui` runs some.
import { benchHistory, benchInProcess, benchShell } from './bench/engine.mjs';

const args = process.argv.slice(2);
const baselineAt = args.indexOf('--baseline');
const baselineRev = baselineAt === -1 ? null : args[baselineAt + 1];
const roundsAt = args.indexOf('--rounds');
const rounds = roundsAt === -1 ? 2 : Number(args[roundsAt + 1]);
const optionAt = (at) => (at === -1 ? [] : [at, at + 1]);
const optionIndexes = new Set([...optionAt(baselineAt), ...optionAt(roundsAt)]);
const only = args.filter((_, index) => !optionIndexes.has(index));
const ui = async (print) => {
  // Loaded only when asked for: the UI figures need the built renderer and Debian's Chromium.
  const { benchEvents, benchFirstPaint, withBrowser } = await import('./bench/ui.mjs');
  await withBrowser(async (browser) => {
    await benchFirstPaint(print, browser);
    await benchEvents(print, browser);
  });
};
const editor = async (print) => (await import('./bench/editor.mjs')).benchEditor(print);
const canvas = async (print) => {
  const { withBrowser } = await import('./bench/ui.mjs');
  const { benchCanvas } = await import('./bench/canvas.mjs');
  const { benchGroups } = await import('./bench/groups.mjs');
  await withBrowser(async (browser) => {
    await benchCanvas(print, browser);
    await benchGroups(print, browser);
  });
};
const subflow = async (print) => {
  const { withBrowser } = await import('./bench/ui.mjs');
  const { benchSubflow } = await import('./bench/subflow.mjs');
  await withBrowser((browser) => benchSubflow(print, browser));
};
const monitor = async (print) => (await import('./bench/monitor.mjs')).benchMonitor(print);
const runs = async (print) => (await import('./bench/runs.mjs')).benchRuns(print);
const runsUi = async (print) => {
  const { withBrowser } = await import('./bench/ui.mjs');
  const { benchManyRuns, benchLogThroughput } = await import('./bench/runs-ui.mjs');
  await withBrowser(async (browser) => {
    await benchManyRuns(print, browser);
    await benchLogThroughput(print, browser);
  });
};
const dashboard = async (print) => {
  const { withBrowser } = await import('./bench/ui.mjs');
  const { benchDashboard } = await import('./bench/dashboard.mjs');
  await withBrowser((browser) => benchDashboard(print, browser));
};
// Issue 11's fault figures, one module per area (processes, parsing; others add theirs to the list), run in order.
const faultBenches = [
  async (print) => (await import('./bench/faults.mjs')).benchFaults(print),
  async (print) => (await import('./bench/faults-parsing.mjs')).benchParsingFaults(print),
];
const faults = async (print) => {
  for (const bench of faultBenches) await bench(print);
};
const logging = async (print) => (await import('./bench/logging.mjs')).benchLogging(print);
// Issue 15: needs redis-server (as the tests do) and the built CLI for its workers.
const scale = async (print) => (await import('./bench/scale.mjs')).benchScale(print);
// Issue 18: the step cache (a shell DAG all hits against make's no-op, input hashing cold and warm).
const cache = async (print) => (await import('./bench/cache.mjs')).benchCache(print);
const sections = { 'in-process': benchInProcess, shell: benchShell, history: benchHistory, runs, monitor, editor, ui, canvas, subflow, 'runs-ui': runsUi, dashboard, faults, logging, scale, cache };

const print = (title, figures) => process.stdout.write(`\n■ ${title}\n${figures.split('\n').map((line) => `  ${line}`).join('\n')}\n`);

if (baselineRev !== null) {
  if (baselineRev === undefined || only.length === 0 || !(Number.isInteger(rounds) && rounds >= 1)) {
    process.stderr.write('usage: npm run bench -- --baseline REV [--rounds N] SECTION… (e.g. --baseline HEAD~1 editor canvas dashboard)\n');
    process.exit(2);
  }
  const { benchAgainstBaseline } = await import('./bench/baseline.mjs');
  await benchAgainstBaseline(baselineRev, only, rounds);
  process.exit(0);
}

process.stdout.write(`Codomyrmex Orchestrator benchmarks — node ${process.version}, ${(await import('node:os')).availableParallelism()} cores\n`);
for (const [name, bench] of Object.entries(sections)) {
  if (only.length > 0 && !only.includes(name)) continue;
  await bench(print);
}
