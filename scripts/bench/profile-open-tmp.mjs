// Not a bench section: a CPU profile of opening one large workflow in a fresh page, summarised by self time per
// function and by script, for finding what the canvas's open path spends its time on. `node scripts/bench/profile-open.mjs 1000`
/* global window, document, requestAnimationFrame, MutationObserver */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.mjs';
import { layeredWorkflow } from './canvas.mjs';
import { startServe } from './serve.mjs';

const count = Number(process.argv[2] ?? 1000);
const placed = process.argv.includes('--placed');
const out = process.argv.find((arg) => arg.startsWith('--out='))?.slice(6);
const project = mkdtempSync(join(tmpdir(), 'cdx-profile-'));
const dir = join(project, '.codomyrmex', 'workflows');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'big.yaml'), layeredWorkflow('big', count, placed)); if (process.env.EXTRA) { writeFileSync(join(dir, 'huge5.yaml'), layeredWorkflow('huge5', 5000, false)); writeFileSync(join(dir, 'huge10.yaml'), layeredWorkflow('huge10', 10000, false)); }
const server = await startServe(project, process.env.SPROF ? { nodeArgs: ['--cpu-prof', '--cpu-prof-dir=/tmp/sprof'] } : {});
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(server.url);
  const button = page.getByRole('button', { name: /^big\b/ }).first();
  await button.waitFor();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await page.evaluate(() => {
    window.__marks = [];
    const seen = new Set();
    const probes = { loadingView: () => /Loading…/.test(document.body.textContent), opening: () => /Opening big/.test(document.body.textContent), flow: () => document.querySelector('.react-flow') !== null, viewport: () => document.querySelector('.react-flow__viewport') !== null, node: () => document.querySelector('[data-step]') !== null, overview: () => document.querySelector('[data-overview]') !== null };
    new MutationObserver(() => {
      for (const [name, probe] of Object.entries(probes)) if (!seen.has(name) && probe()) { seen.add(name); window.__marks.push([name, performance.now()]); }
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
    document.addEventListener('click', () => window.__marks.push(['click', performance.now()]), true);
  });
  const started = Date.now();
  await button.click();
  await page.waitForFunction((expected) => window.__codomyrmexBench?.canvasNodeCount() === expected && (document.querySelector('[data-step]') !== null || Number(document.querySelector('[data-overview]')?.getAttribute('data-drawn') ?? 0) > 0), count, { timeout: 180_000, polling: 'raf' });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const rendered = Date.now() - started;
  const marks = await page.evaluate(() => window.__marks);
  const click = marks.find(([name]) => name === 'click')?.[1] ?? 0;
  process.stdout.write(`marks after the click: ${marks.map(([name, at]) => `${name} ${(at - click).toFixed(0)}`).join(', ')}\n`);
  const { profile } = await cdp.send('Profiler.stop');
  if (out !== undefined) writeFileSync(out, JSON.stringify(profile));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  const byUrl = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]);
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    const file = url.split('/').pop() || functionName;
    byUrl.set(file, (byUrl.get(file) ?? 0) + dt);
  }
  const top = (map, n) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${v.toFixed(1).padStart(8)} ms  ${k}`).join('\n');
  process.stdout.write(`${count} steps${placed ? ' (placed)' : ''}: drawn ${rendered} ms after the click; ${[...byUrl.values()].reduce((a, b) => a + b, 0).toFixed(0)} ms sampled\n── by script\n${top(byUrl, 12)}\n── by function (self)\n${top(self, 40)}\n`);
} finally {
  await browser.close();
  await server.stop();
  rmSync(project, { recursive: true, force: true });
}
