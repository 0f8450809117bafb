// Not a bench section: opening one large workflow in a fresh page, this tree's build against another's (a built
// checkout, e.g. the bench's baseline under node_modules/.cache/bench-baseline), alternating, N rounds, medians — for
// telling a change's effect from the noise of a loaded machine. `node scripts/bench/ab-open.mjs 5000 --runs=5 --other=DIR`
/* global window, document, requestAnimationFrame */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.mjs';
import { layeredWorkflow, panAndZoom } from './canvas.mjs';

const ROOT = new URL('../..', import.meta.url).pathname;
const option = (name, fallback) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const count = Number(process.argv[2] ?? 1000);
const runs = Number(option('runs', 5));
const trees = [['other', option('other', null)], ['this', ROOT]].filter(([, dir]) => dir !== null);
const pan = process.argv.includes('--pan');
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function serve(root, project, home) {
  const child = spawn(process.execPath, [join(root, 'bin', 'codomyrmex.js'), 'serve', project, '--port', '0'], { env: { ...process.env, CODOMYRMEX_HOME: home }, stdio: ['ignore', 'pipe', 'ignore'] });
  const line = await new Promise((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
  return { url: /http:\/\/\S+/.exec(line)[0], stop: () => new Promise((resolve) => { child.once('exit', resolve); child.kill('SIGINT'); }) };
}

async function openOnce(browser, url) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(url);
  const button = page.getByRole('button', { name: /^big\b/ }).first();
  await button.waitFor();
  const started = Date.now();
  await button.click();
  await page.waitForFunction((expected) => window.__codomyrmexBench?.canvasNodeCount() === expected && (document.querySelector('[data-step]') !== null || Number(document.querySelector('[data-overview]')?.getAttribute('data-drawn') ?? 0) > 0), count, { timeout: 180_000, polling: 'raf' });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const drawn = Date.now() - started;
  // --pan: the canvas section's frames per second panning and zooming at the zoom it opened at, instead of the open time.
  const figure = pan ? Math.round(await panAndZoom(page)) : drawn;
  await page.close();
  return figure;
}

const project = mkdtempSync(join(tmpdir(), 'cdx-ab-'));
const home = mkdtempSync(join(tmpdir(), 'cdx-ab-home-'));
mkdirSync(join(project, '.codomyrmex', 'workflows'), { recursive: true });
writeFileSync(join(project, '.codomyrmex', 'workflows', 'big.yaml'), layeredWorkflow('big', count, process.argv.includes('--placed')));
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const servers = {};
for (const [name, dir] of trees) servers[name] = await serve(dir, project, join(home, name));
const samples = Object.fromEntries(trees.map(([name]) => [name, []]));
try {
  for (let round = 0; round < runs; round++) for (const [name] of trees) samples[name].push(await openOnce(browser, servers[name].url));
} finally {
  await browser.close();
  for (const server of Object.values(servers)) await server.stop();
  rmSync(project, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
}
for (const [name, dir] of trees) process.stdout.write(`${count} steps, ${name} (${dir}): median ${median(samples[name])} ${pan ? 'fps' : 'ms'} of ${samples[name].join(', ')}\n`);
