// Not a bench section: the dashboard bench's page load (50 projects × 100,000 runs, navigation → every card and chart
// drawn, as `npm run bench dashboard` counts it, and when the frame that painted them all was done), this tree's build
// against other built checkouts, alternating load by load (each round in turn forward and backward), N rounds,
// medians — for telling a change's effect from the noise of a loaded machine.
// `node scripts/bench/ab-dashboard.mjs --other=DIR[,DIR…] [--runs=11] [--home=DIR] [--cpu]` (--home: a seeded data
// folder kept between uses; --cpu: the page's main-thread CPU to the bench's mark, from a light trace)
/* global window */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.mjs';
import { seededFolder, watchDrawn } from './dashboard.mjs';
import { startServe } from './serve.mjs';

const ROOT = new URL('../..', import.meta.url).pathname;
const option = (name, fallback) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const runs = Number(option('runs', 11));
const other = option('other', null);
if (other === null) {
  process.stderr.write('usage: node scripts/bench/ab-dashboard.mjs --other=DIR[,DIR…] [--runs=11] [--home=DIR] [--cpu]\n');
  process.exit(2);
}
const cpu = process.argv.includes('--cpu');
const median = (values) => {
  const known = values.filter((value) => !Number.isNaN(value)).sort((a, b) => a - b);
  return known[Math.floor(known.length / 2)];
};

const base = option('home', mkdtempSync(join(tmpdir(), 'cdx-ab-dashboard-')));
const { home, root } = await seededFolder(base);
// Each server its own copy of the data folder: two serve processes never share one store.
const others = other.split(',');
const trees = [...others.map((dir, index) => [others.length === 1 ? 'other' : `other${index + 1}`, dir]), ['this', ROOT]];
const servers = {};
for (const [name, dir] of trees) {
  const own = join(base, `home-${name}`);
  rmSync(own, { recursive: true, force: true });
  cpSync(home, own, { recursive: true });
  servers[name] = await startServe(join(root, 'project-00'), { home: own, build: dir });
}

/**
 * The page's main-thread CPU (its tasks' thread time) from navigation start to the drawn mark, from a light trace: the
 * page's own mark (made as its document starts, its time known in the page's clock) places navigation start in the trace.
 */
function mainThreadCpu(events, drawnMs, markMs) {
  const mark = events.find((e) => e.name === 'ab-origin');
  // Now and then a trace misses the page's first events (its renderer joined the trace late): no figure from it.
  if (mark === undefined) return NaN;
  const start = mark.ts - markMs * 1000;
  const end = start + drawnMs * 1000;
  return events.filter((e) => e.pid === mark.pid && e.tid === mark.tid && e.name === 'RunTask' && e.ts >= start && e.ts <= end).reduce((sum, e) => sum + (e.tdur ?? 0), 0) / 1000;
}

async function loadOnce(browser, url) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const drawn = await watchDrawn(page, 50);
  if (cpu) await page.addInitScript(() => performance.mark('ab-origin'));
  // --cpu: only the timeline's task events (no JavaScript sampling or compile events, which add work of their own).
  if (cpu) await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'loading'] });
  await page.goto(url);
  const { drawnMs, paintedMs } = await drawn();
  const firstCardMs = await page.evaluate(() => window.__firstCardAt);
  const markMs = cpu ? await page.evaluate(() => performance.getEntriesByName('ab-origin')[0].startTime) : NaN;
  const cpuMs = cpu ? mainThreadCpu(JSON.parse((await browser.stopTracing()).toString()).traceEvents, drawnMs, markMs) : NaN;
  await page.close();
  return { drawnMs, firstCardMs, paintedMs, cpuMs };
}

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const samples = Object.fromEntries(trees.map(([name]) => [name, []]));
try {
  for (const [name] of trees) await loadOnce(browser, servers[name].url); // warm each server's page cache
  for (let round = 0; round < runs; round++) {
    const order = round % 2 === 0 ? trees : [...trees].reverse();
    for (const [name] of order) samples[name].push(await loadOnce(browser, servers[name].url));
  }
} finally {
  await browser.close();
  for (const server of Object.values(servers)) await server.stop();
  if (option('home', null) === null) rmSync(base, { recursive: true, force: true });
}
for (const [name, dir] of trees) {
  const drawn = samples[name].map((s) => s.drawnMs);
  const first = samples[name].map((s) => s.firstCardMs);
  process.stdout.write(`${name} (${dir}): drawn median ${median(drawn).toFixed(0)} ms, painted ${median(samples[name].map((s) => s.paintedMs)).toFixed(0)} ms, first card ${median(first).toFixed(0)} ms, charts after ${median(samples[name].map((s) => s.drawnMs - s.firstCardMs)).toFixed(0)} ms${cpu ? `, main-thread CPU ${median(samples[name].map((s) => s.cpuMs)).toFixed(0)} ms` : ''} — ${drawn.map((v) => v.toFixed(0)).join(' ')}\n`);
}
// Each round's loads ran side by side: the median of their differences cancels much of a loaded machine's drift.
for (const [name] of trees.slice(0, -1)) {
  const paired = (figure) => median(samples.this.map((s, round) => s[figure] - samples[name][round][figure])).toFixed(0);
  process.stdout.write(`this − ${name}, median of the rounds' differences: drawn ${paired('drawnMs')} ms, painted ${paired('paintedMs')} ms\n`);
}
process.stdout.write(`load average ${loadavg().map((v) => v.toFixed(1)).join(' ')}\n`);
