// Issue 5's figures, in Debian's Chromium against browser mode: (1) 100 runs of a 50-step workflow started together —
// the Runs list's frame rate while they go, the engine's CPU time per step, and every record complete and exact in
// the store; (2) a step writing 50 MB of lines — time from its start to its last line on screen, and the renderer's
// peak JS heap.
/* global window, document, requestAnimationFrame */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServe } from './serve.mjs';

function projectWith(name, yaml) {
  const project = mkdtempSync(join(tmpdir(), 'cdx-bench-project-'));
  const dir = join(project, '.codomyrmex', 'workflows');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.yaml`), yaml);
  return project;
}

export async function benchManyRuns(print, browser) {
  // 50 steps: five chains of ten short delays, so each run has waiting, running and finished steps at once.
  const steps = Array.from({ length: 50 }, (_, i) => `  - { name: s${i}, module: control, action: delay, parameters: { seconds: 0.02 }${i % 10 === 0 ? '' : `, dependencies: [s${i - 1}]`} }`);
  const project = projectWith('fifty', `version: 1\nname: fifty\nconcurrency: 10\nsteps:\n${steps.join('\n')}\n`);
  const server = await startServe(project);
  const page = await browser.newPage();
  await page.goto(server.url);
  await page.getByRole('button', { name: 'Runs' }).click();
  await page.waitForFunction(() => window.__codomyrmexBench !== undefined);
  await page.evaluate(() => {
    window.__frames = 0;
    const count = () => { window.__frames++; requestAnimationFrame(count); };
    requestAnimationFrame(count);
  });
  const cpuBefore = server.cpuSeconds();
  const result = await page.evaluate(async () => {
    const before = window.__frames;
    const outcome = await window.__codomyrmexBench.runManyAndCheck('fifty', 100);
    return { ...outcome, frames: window.__frames - before };
  });
  const cpu = server.cpuSeconds() - cpuBefore;
  const seconds = (result.finishedAt - result.startedAt) / 1000;
  const rows = await page.locator('.run-row[data-execution]').count();
  print('100 runs of a 50-step workflow started together, watched on the Runs list (aim ≥ 30 fps)', [
    `${result.complete} of 100 runs completed with every step succeeded in the store; ${result.exact} of 100 equal to the engine's record step by step (${result.steps} step records)`,
    `Runs list frame rate while they ran: ${(result.frames / seconds).toFixed(1)} fps (${result.frames} frames in ${seconds.toFixed(2)} s; ${rows} rows on screen)`,
    `engine CPU: ${cpu.toFixed(2)} s for 5,000 steps — ${((cpu * 1000) / 5000).toFixed(2)} ms per step (serve process, user + system, includes events and storage)`,
  ].join('\n'));
  await page.close();
  await server.stop();
  rmSync(project, { recursive: true, force: true });
}

export async function benchLogThroughput(print, browser) {
  const lines = 6_500_000; // `seq` to 6.5 million writes ~50 MB
  const project = projectWith('spew', `version: 1\nname: spew\nsteps:\n  - { name: spew, module: shell, action: run, parameters: { command: "seq 1 ${lines}" } }\n`);
  const server = await startServe(project);
  const page = await browser.newPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  let peak = 0;
  const sample = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    peak = Math.max(peak, metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? 0);
  };
  await page.goto(server.url);
  await page.getByRole('button', { name: /^spew\b/ }).first().click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByRole('button', { name: 'Open run' }).click();
  await page.locator('[data-step="spew"]').click();
  await sample();
  const sampler = setInterval(() => void sample().catch(() => {}), 100);
  const last = String(lines);
  await page.waitForFunction((text) => [...document.querySelectorAll('.log-line')].some((line) => line.textContent === text), last, { timeout: 300_000, polling: 'raf' });
  const onScreenAt = await page.evaluate(() => Date.now());
  clearInterval(sampler);
  await sample();
  const { startTime, endTime } = await page.evaluate(() => {
    return window.__codomyrmexBench.stepTimes('spew') ?? {};
  });
  print('a step writing 50 MB of lines (seq 1 6,500,000), followed live in the log panel', [
    `step start → last line on screen: ${startTime === undefined ? 'n/a' : `${((onScreenAt - startTime) / 1000).toFixed(2)} s`} (the step itself ran ${startTime === undefined || endTime == null ? 'n/a' : `${((endTime - startTime) / 1000).toFixed(2)} s`})`,
    `renderer peak JS heap while it streamed: ${(peak / 1024 / 1024).toFixed(1)} MB (CDP JSHeapUsedSize, sampled every 100 ms)`,
  ].join('\n'));
  await page.close();
  await server.stop();
  rmSync(project, { recursive: true, force: true });
}
