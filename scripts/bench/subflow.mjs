// Issue 17's convert-speed figure: moving 500 selected steps of a 1,000-step workflow into a subflow — the pure
// transform (shared/subflow-transform.ts) and unpacking it back, then the app's command in Chromium via browser mode
// (from the name dialog's Enter to the canvas painted with the subflow step; the child's file is written meanwhile).
/* global window, requestAnimationFrame */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { stringify } from 'yaml';
import { startServe } from './serve.mjs';

const ROOT = new URL('../..', import.meta.url).pathname;
const ROUNDS = 30;
const IN_APP_ROUNDS = 5;
const LAYERS = 20;
const WIDTH = 50;
/** Layers 5 to 14: 500 steps, read by layer 15 and reading layer 4 — references crossing both ways. */
const SELECTED = (name) => {
  const layer = Number(name.slice(1).split('_')[0]);
  return layer >= 5 && layer < 15;
};

async function loadTransform() {
  const dir = mkdtempSync(join(tmpdir(), 'cdx-bench-subflow-'));
  try {
    const outfile = join(dir, 'subflow-modules.mjs');
    await build({
      stdin: { contents: "export * from './shared/subflow-transform.ts'; export { parseWorkflow } from './shared/workflow-schema.ts';", resolveDir: ROOT, loader: 'ts' },
      bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile, logLevel: 'warning',
    });
    return await import(outfile);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** 20 layers of 50 shell steps, each depending on two of the layer before and reading an output of one, placed. */
function workflow() {
  const steps = [];
  for (let layer = 0; layer < LAYERS; layer++) {
    for (let i = 0; i < WIDTH; i++) {
      const dependencies = layer === 0 ? [] : [...new Set([`s${layer - 1}_${i}`, `s${layer - 1}_${(i + 1) % WIDTH}`])];
      const reads = layer === 0 ? '' : ` \${{ steps.s${layer - 1}_${i}.outputs.exitCode }}`;
      steps.push({ name: `s${layer}_${i}`, module: 'shell', action: 'run', parameters: { command: `echo ${layer}-${i}${reads}` }, dependencies, ui: { x: layer * 300, y: i * 100 } });
    }
  }
  return { version: 1, name: 'wide', steps };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function timePure({ convertToSubflow, unpackSubflow, parseWorkflow }) {
  const parsed = parseWorkflow(workflow());
  const steps = parsed.steps.filter((step) => SELECTED(step.name)).map((step) => step.name);
  const request = { steps, child: { name: 'middle', file: '.codomyrmex/workflows/middle.yaml' } };
  convertToSubflow(parsed, request); // warm: JIT
  const convert = [];
  const unpack = [];
  let result;
  for (let round = 0; round < ROUNDS; round++) {
    let started = performance.now();
    result = convertToSubflow(parsed, request);
    convert.push(performance.now() - started);
    started = performance.now();
    unpackSubflow(result.parent, result.step, result.child);
    unpack.push(performance.now() - started);
  }
  const params = Object.keys(result.child.params).length;
  return `pure transform, ${steps.length} of ${parsed.steps.length} steps (${params} child params): convert median ${median(convert).toFixed(2)} ms, unpack median ${median(unpack).toFixed(2)} ms (${ROUNDS} rounds)`;
}

async function timeInApp(browser) {
  const project = mkdtempSync(join(tmpdir(), 'cdx-bench-subflow-project-'));
  const dir = join(project, '.codomyrmex', 'workflows');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'wide.yaml'), stringify(workflow()));
  const server = await startServe(project);
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  try {
    await page.goto(server.url);
    await page.getByRole('button', { name: /^wide\b/ }).first().click();
    await page.waitForFunction(() => window.__codomyrmexBench?.canvasNodeCount() === 1000, null, { timeout: 120_000 });
    const names = Array.from({ length: LAYERS * WIDTH }, (_, i) => `s${Math.floor(i / WIDTH)}_${i % WIDTH}`).filter(SELECTED);
    const painted = [];
    const written = [];
    for (let round = 1; round <= IN_APP_ROUNDS; round++) {
      await page.evaluate((selected) => window.__codomyrmexBench.selectSteps(selected), names);
      await page.keyboard.press('Alt+S');
      const field = page.getByRole('dialog', { name: 'Convert 500 steps to a subflow' }).getByRole('textbox', { name: 'Workflow name' });
      await field.fill(`middle${round}`);
      const started = await page.evaluate(() => performance.now());
      const startedHere = performance.now();
      await field.press('Enter');
      painted.push(await page.evaluate((from) => new Promise((resolve) => {
        const check = () => (window.__codomyrmexBench.canvasNodeCount() === 501 ? requestAnimationFrame(() => resolve(performance.now() - from)) : requestAnimationFrame(check));
        check();
      }), started));
      const file = join(dir, `middle${round}.yaml`);
      while (!existsSync(file)) await new Promise((resolve) => setTimeout(resolve, 10));
      written.push(performance.now() - startedHere);
      // Back to the 1,000 steps for the next round (an undo), the child files left where they are.
      await page.keyboard.press('Control+z');
      await page.waitForFunction(() => window.__codomyrmexBench.canvasNodeCount() === 1000);
    }
    return `in the app, ${names.length} selected steps: Enter in the name dialog → the 501-step canvas painted, median ${Math.round(median(painted))} ms of ${IN_APP_ROUNDS} (${painted.map(Math.round).join(', ')}); the child's file written in the background, on disk after ${Math.round(median(written))} ms`;
  } finally {
    await page.close();
    await server.stop();
    rmSync(project, { recursive: true, force: true });
  }
}

export async function benchSubflow(print, browser) {
  const lines = [timePure(await loadTransform()), await timeInApp(browser)];
  print('subflow: convert 500 selected steps of a 1,000-step workflow to a subflow (aim ≤ 200 ms)', lines.join('\n'));
}
