// Not a bench section: one fresh page load of the bench's dashboard (50 projects × 100,000 runs) traced in Chromium,
// summarised by phase on the page's main thread (script compile and run per file, style, layout, paint, tasks) against
// the page's marks (first card, all drawn), for finding where navigation → drawn goes.
// `node scripts/bench/profile-dashboard.mjs [--home=DIR] [--out=trace.json] [--rounds=N] [--width=1280 --height=800]
// [--no-samples] [--build=DIR] [--server-profile=DIR]` (--no-samples: no JavaScript CPU samples, which add compile work)
/* global window */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.mjs';
import { seededFolder, watchDrawn } from './dashboard.mjs';
import { startServe } from './serve.mjs';

const option = (name, fallback) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
// A kept data folder is seeded once and reused by later profiles (seeding takes seconds).
const base = option('home', mkdtempSync(join(tmpdir(), 'cdx-profile-dashboard-')));
const { home, root } = await seededFolder(base);
const out = option('out', undefined);
const rounds = Number(option('rounds', 1));
const viewport = { width: Number(option('width', 1280)), height: Number(option('height', 800)) };
// --server-profile=DIR: the server's own CPU profile, written as it stops.
const serverProfile = option('server-profile', undefined);
// --build=DIR: serve another checkout's build (e.g. the bench's baseline under node_modules/.cache/bench-baseline).
const server = await startServe(join(root, 'project-00'), { home, build: option('build', undefined), nodeArgs: serverProfile === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${serverProfile}`, '--cpu-prof-interval=250'] });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });

/** Page marks relative to navigation start, and (when traced) the trace's events. */
async function load(traced) {
  const page = await browser.newPage({ viewport });
  const drawn = await watchDrawn(page, 50);
  if (traced) await browser.startTracing(page, { categories: ['devtools.timeline', 'v8', 'v8.execute', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'loading', 'netlog', 'disabled-by-default-v8.compile', ...(process.argv.includes('--no-samples') ? [] : ['disabled-by-default-v8.cpu_profiler'])] });
  await page.goto(server.url);
  const { paintedMs: drawnAt } = await drawn();
  const marks = await page.evaluate(() => ({ firstCard: window.__firstCardAt, timeOrigin: performance.timeOrigin, resources: performance.getEntriesByType('resource').map((r) => [r.name.split('/').pop(), Math.round(r.startTime), Math.round(r.responseEnd)]) }));
  const trace = traced ? JSON.parse((await browser.stopTracing()).toString()) : null;
  await page.close();
  return { drawnAt, ...marks, trace };
}

function summarise({ drawnAt, firstCard, resources, trace }) {
  const events = trace.traceEvents ?? trace;
  const buckets = new Map();
  // The page's renderer main thread: the one whose navigation loaded the app's URL.
  const nav = events.find((e) => e.name === 'navigationStart' && /^http/.test(e.args?.data?.documentLoaderURL ?? ''));
  // Now and then a trace misses the page's first events (its renderer joined the trace late): nothing to place it by.
  if (nav === undefined) return `first card ${firstCard.toFixed(0)} ms, all drawn ${drawnAt.toFixed(0)} ms after navigation start; the trace missed the page's start: no timeline\n`;
  const main = events.filter((e) => e.pid === nav.pid && e.tid === nav.tid && e.ph === 'X');
  // Other threads of the page's process: scripts streamed and compiled off the main thread.
  const workers = events.filter((e) => e.pid === nav.pid && e.tid !== nav.tid && e.ph === 'X');
  for (const e of workers) if (e.ts < nav.ts + drawnAt * 1000 && /compile|parse/i.test(e.name)) buckets.set(`off-main: ${e.name}`, (buckets.get(`off-main: ${e.name}`) ?? 0) + e.dur / 1000);
  const t0 = nav.ts;
  const rel = (us) => ((us - t0) / 1000).toFixed(0);
  const add = (key, dur) => buckets.set(key, (buckets.get(key) ?? 0) + dur / 1000);
  // Thread time (CPU the main thread got), beside wall time: on a loaded machine a task's wall time counts the time
  // the thread waited for a core.
  const cpu = main.filter((e) => e.name === 'RunTask' && e.ts >= t0 && e.ts <= t0 + drawnAt * 1000).reduce((sum, e) => sum + (e.tdur ?? 0), 0) / 1000;
  const wall = main.filter((e) => e.name === 'RunTask' && e.ts >= t0 && e.ts <= t0 + drawnAt * 1000).reduce((sum, e) => sum + e.dur, 0) / 1000;
  const timeline = [];
  for (const e of main) {
    if (e.ts > t0 + drawnAt * 1000 + 50_000) continue;
    const url = (e.args?.data?.url ?? e.args?.fileName ?? '').split('/').pop();
    if (['v8.compile', 'v8.compileModule', 'V8.CompileCode', 'v8.parseOnBackground'].includes(e.name)) add(`compile ${url}`, e.dur);
    if (e.name === 'EvaluateScript' || e.name === 'v8.evaluateModule') add(`run ${url || e.name}`, e.dur);
    if (e.name === 'UpdateLayoutTree') add('style recalc', e.dur);
    if (e.name === 'Layout') add('layout', e.dur);
    if (['Paint', 'PrePaint', 'Layerize', 'Commit', 'PaintImage', 'RasterTask'].includes(e.name)) add(`paint: ${e.name}`, e.dur);
    if (e.name === 'FunctionCall' || e.name === 'EventDispatch' || e.name === 'TimerFire' || e.name === 'FireAnimationFrame') add(`callbacks: ${e.name}`, e.dur);
    if (e.name === 'RunTask' && e.dur > 8000) timeline.push(`${rel(e.ts).padStart(5)}–${rel(e.ts + e.dur).padStart(5)} ms task ${(e.dur / 1000).toFixed(0)} ms`);
    if (['EvaluateScript', 'v8.evaluateModule', 'UpdateLayoutTree', 'Layout', 'Paint', 'ParseHTML', 'v8.compileModule'].includes(e.name) && e.dur > 3000) timeline.push(`${rel(e.ts).padStart(5)}–${rel(e.ts + e.dur).padStart(5)} ms   ${e.name} ${url} ${(e.dur / 1000).toFixed(1)} ms`);
  }
  const top = [...buckets].sort((a, b) => b[1] - a[1]).slice(0, 24).map(([k, v]) => `${v.toFixed(1).padStart(8)} ms  ${k}`).join('\n');
  return `first card ${firstCard.toFixed(0)} ms, all drawn ${drawnAt.toFixed(0)} ms after navigation start; main thread's tasks until then: ${wall.toFixed(0)} ms wall, ${cpu.toFixed(0)} ms CPU\n── resources (start → end, ms)\n${resources.map((r) => `  ${r.join('  ')}`).join('\n')}\n── main thread by phase (to all drawn)\n${top}\n── main-thread timeline\n${timeline.sort((a, b) => Number(a.split('–')[0]) - Number(b.split('–')[0])).join('\n')}\n`;
}

try {
  await load(false); // warm the server's page cache, as the bench does
  for (let round = 0; round < rounds; round++) {
    const result = await load(true);
    process.stdout.write(summarise(result));
    if (out !== undefined) writeFileSync(rounds > 1 ? out.replace(/\.json$/, `-${round}.json`) : out, JSON.stringify(result.trace));
  }
  process.stdout.write(`data folder kept for the next profile: --home=${base}\n`);
} finally {
  await browser.close();
  await server.stop();
}
