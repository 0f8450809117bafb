// Issue 4's canvas figures, in Debian's Chromium via browser mode: opening a 1,000- and a 5,000-step layered workflow
// (time to every node rendered) and frames per second while panning and zooming for 3 s.
/* global window, document, requestAnimationFrame */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServe } from './serve.mjs';

/** Layers of `width` steps, each depending on two steps of the layer before; `ui` positions only when `placed`. */
function layeredWorkflow(name, count, placed) {
  const width = Math.max(10, Math.round(Math.sqrt(count)));
  const lines = [];
  for (let i = 0; i < count; i++) {
    const layer = Math.floor(i / width);
    const deps = layer === 0 ? [] : [i - width, (i - width + 1) % width === 0 ? i - width : i - width + 1].map((d) => `s${d}`);
    const ui = placed ? `, ui: { x: ${layer * 300}, y: ${(i % width) * 100} }` : '';
    lines.push(`  - { name: s${i}, module: control, action: noop, dependencies: [${[...new Set(deps)].join(', ')}]${ui} }`);
  }
  return `version: 1\nname: ${name}\nsteps:\n${lines.join('\n')}\n`;
}

async function openAndMeasure(browser, url, name, count) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(url);
  const button = page.getByRole('button', { name: new RegExp(`^${name}\\b`) }).first();
  await button.waitFor();
  const started = Date.now();
  await button.click();
  // Past 300 steps React Flow renders only the visible nodes: "rendered" is every node in the canvas's node list and
  // the visible ones painted (two frames after [data-step] appears); the DOM count is printed beside it.
  await page.waitForFunction((expected) => window.__codomyrmexBench?.canvasNodeCount() === expected && document.querySelector('[data-step]') !== null, count, { timeout: 120_000, polling: 'raf' });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const rendered = Date.now() - started;
  const domNodes = await page.locator('[data-step]').count();
  const fps = await panAndZoom(page);
  await page.close();
  return { rendered, domNodes, fps };
}

async function panAndZoom(page) {
  const pane = await page.locator('.react-flow__pane').boundingBox();
  const cx = pane.x + pane.width / 2;
  const cy = pane.y + pane.height / 2;
  await page.evaluate(() => {
    window.__frames = 0;
    const tick = () => {
      window.__frames++;
      if (!window.__stopFrames) requestAnimationFrame(tick);
    };
    window.__stopFrames = false;
    requestAnimationFrame(tick);
  });
  const started = Date.now();
  let direction = 1;
  while (Date.now() - started < 3000) {
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    await page.mouse.move(cx + 200 * direction, cy + 80 * direction, { steps: 10 });
    await page.mouse.up();
    await page.mouse.wheel(0, direction * 240);
    direction = -direction;
  }
  const elapsed = Date.now() - started;
  const frames = await page.evaluate(() => {
    window.__stopFrames = true;
    return window.__frames;
  });
  return (frames * 1000) / elapsed;
}

export async function benchCanvas(print, browser) {
  const project = mkdtempSync(join(tmpdir(), 'cdx-bench-canvas-'));
  const dir = join(project, '.codomyrmex', 'workflows');
  mkdirSync(dir, { recursive: true });
  const cases = [
    { name: 'layered1000', count: 1000, placed: false },
    { name: 'placed1000', count: 1000, placed: true },
    { name: 'layered5000', count: 5000, placed: false },
  ];
  for (const c of cases) writeFileSync(join(dir, `${c.name}.yaml`), layeredWorkflow(c.name, c.count, c.placed));
  const server = await startServe(project);
  const lines = [];
  try {
    for (const c of cases) {
      const result = await openAndMeasure(browser, server.url, c.name, c.count);
      lines.push(`${c.count.toLocaleString('en')} steps (${c.placed ? 'stored ui positions' : 'laid out on open: linear layered layout above 300 steps, dagre below'}): all nodes rendered ${result.rendered} ms after the click; ${result.domNodes} [data-step] in the DOM (React Flow culls off-screen nodes past 300 steps); ${result.fps.toFixed(0)} fps panning and zooming for 3 s`);
    }
  } finally {
    await server.stop();
    rmSync(project, { recursive: true, force: true });
  }
  print('canvas: open a large workflow and pan/zoom it (aim: 1,000 steps ≤ ~1 s, ≥ 50 fps)', lines.join('\n'));
}
