// Issue 6's dashboard figure, in Debian's Chromium: 50 registered projects (real folders, a workflow file each) and
// 100,000 stored runs over 90 days; `codomyrmex serve` on them; navigation to every card and chart drawn, and the
// `projects.dashboard` reply alone. (The sampler's own cost is `npm run bench monitor`.)
/* global window, document, requestAnimationFrame, MutationObserver */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { OrchestrationEngine } from '../../dist/engine/index.js';
import { startServe } from './serve.mjs';

const PROJECTS = 50;
const RUNS = 100_000;
const DAY = 86_400_000;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Writes the projects and their runs straight into the store (no process per run): seconds, not hours. */
export async function seed(home, root) {
  const engine = new OrchestrationEngine({ home });
  const projectIds = [];
  for (let p = 0; p < PROJECTS; p++) {
    const folder = join(root, `project-${String(p).padStart(2, '0')}`);
    mkdirSync(join(folder, '.codomyrmex', 'workflows'), { recursive: true });
    for (const name of ['build', 'test']) {
      writeFileSync(join(folder, '.codomyrmex', 'workflows', `${name}.yaml`), `version: 1\nname: ${name}\nsteps:\n  - { name: ${name}, module: shell, action: run, parameters: { command: "true" } }\n`);
    }
    projectIds.push(engine.projectManager.addProject(folder).id);
  }
  const now = Date.now();
  let random = 42;
  const next = () => ((random = (random * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
  for (let i = 0; i < RUNS; i++) {
    const workflowName = i % 3 === 0 ? 'test' : 'build';
    const startTime = Math.floor(now - next() * 90 * DAY);
    const durationMs = 800 + Math.floor(next() * 30_000);
    const roll = next();
    const status = roll < 0.88 ? 'completed' : roll < 0.97 ? 'failed' : 'cancelled';
    const step = { status: status === 'completed' ? 'succeeded' : 'failed', attempts: 1, startTime, endTime: startTime + durationMs, exitCode: status === 'completed' ? 0 : 1, error: null, outputs: {}, reason: null, logPath: null, logTail: '' };
    engine.store.executionStarted({
      executionId: `run-${i}`, workflowName, workflowFile: null, sessionId: null, projectId: projectIds[i % PROJECTS], status, origin: 'cli',
      startTime, endTime: startTime + durationMs, params: {}, errors: [], steps: { [workflowName]: step },
    });
    if (i % 5000 === 4999) engine.store.flush();
  }
  engine.store.flush();
  await engine.close();
}

/**
 * A seeded data folder (`home`) and its projects (`root`) under `base`, for the scripts that profile or compare this
 * page load: seeded once, and reused while `base` is kept (seeding takes seconds).
 */
export async function seededFolder(base) {
  const home = join(base, 'home');
  const root = join(base, 'projects');
  if (!existsSync(join(home, 'settings.json'))) {
    mkdirSync(root, { recursive: true });
    await seed(home, root);
    writeFileSync(join(home, 'settings.json'), JSON.stringify({ retention: { keepDays: 365 } }));
  }
  return { home, root };
}

/**
 * Marks, in the page's own clock, when the first card appears (what is left after it is rendering the cards and drawing
 * their charts) and when all `count` cards and charts are drawn: a chart counts once drawn, its canvas sized to its box
 * at the screen's pixel ratio (a canvas made but not yet drawn keeps the default 300 px). The page checks on every
 * frame and the mark is read over CDP: Playwright's waitForFunction would compile Playwright's injected script (~50 ms
 * of main thread) in the middle of the load it measures. Call before navigating; the answer waits for the mark.
 */
export async function watchDrawn(page, count) {
  await page.addInitScript((expected) => {
    new MutationObserver((_, observer) => {
      if (document.querySelector('.project-card') === null) return;
      window.__firstCardAt = performance.now();
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
    const check = () => {
      const cards = document.querySelectorAll('.project-card').length;
      const charts = [...document.querySelectorAll('.project-card .sparkline canvas')]
        .filter((canvas) => canvas.width === Math.round(canvas.getBoundingClientRect().width * window.devicePixelRatio)).length;
      if (cards === expected && charts === expected) window.__drawnAt = performance.now();
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  }, count);
  const cdp = await page.context().newCDPSession(page);
  return async () => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const { result } = await cdp.send('Runtime.evaluate', { expression: 'window.__drawnAt', returnByValue: true });
      if (typeof result.value === 'number') return result.value;
      if (Date.now() > deadline) throw new Error(`the dashboard's ${count} cards were not drawn within 60 s`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
}

/** One page load: ms from navigation start to 50 cards with their charts drawn, and the dashboard reply's round trip. */
async function loadOnce(browser, url) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const sent = new Map();
  let replyMs = NaN;
  page.on('websocket', (socket) => {
    socket.on('framesent', (frame) => {
      const text = String(frame.payload);
      if (text.includes('"projects.dashboard"')) sent.set(JSON.parse(text).id, performance.now());
    });
    socket.on('framereceived', (frame) => {
      const text = String(frame.payload);
      if (!text.startsWith('{"id"')) return;
      const id = Number(/^\{"id":(\d+)/.exec(text)?.[1]);
      if (sent.has(id) && Number.isNaN(replyMs)) replyMs = performance.now() - sent.get(id);
    });
  });
  const drawn = await watchDrawn(page, PROJECTS);
  await page.goto(url);
  const renderedMs = await drawn();
  const firstCardMs = await page.evaluate(() => window.__firstCardAt);
  await page.close();
  return { renderedMs, replyMs, firstCardMs };
}

export async function benchDashboard(print, browser) {
  const home = mkdtempSync(join(tmpdir(), 'cdx-bench-home-'));
  const root = mkdtempSync(join(tmpdir(), 'cdx-bench-projects-'));
  const seeding = performance.now();
  await seed(home, root);
  // The 90 days of runs stay: serve's retention prune (30 days by default) would remove most of them as it starts.
  writeFileSync(join(home, 'settings.json'), JSON.stringify({ retention: { keepDays: 365 } }));
  const seededMs = performance.now() - seeding;
  const server = await startServe(join(root, 'project-00'), { home });
  try {
    await loadOnce(browser, server.url); // warm: the first read pulls the database into the page cache
    const rounds = [];
    for (let round = 0; round < 5; round++) rounds.push(await loadOnce(browser, server.url));
    print(`dashboard: ${PROJECTS} projects, ${RUNS.toLocaleString('en')} stored runs over 90 days (median of 5 page loads; aim ≤ 300 ms)`, [
      `${median(rounds.map((r) => r.renderedMs)).toFixed(0)} ms from navigation to all ${PROJECTS} cards and their charts drawn`,
      `  of which: cards in the DOM at ${median(rounds.map((r) => r.firstCardMs)).toFixed(0)} ms (the reply's arrival), charts drawn ${median(rounds.map((r) => r.renderedMs - r.firstCardMs)).toFixed(0)} ms later`,
      `projects.dashboard reply: ${median(rounds.map((r) => r.replyMs)).toFixed(0)} ms round trip over the WebSocket`,
      `(seeding the store took ${(seededMs / 1000).toFixed(1)} s; load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores; the sampler's own cost: npm run bench monitor)`,
    ].join('\n'));
  } finally {
    await server.stop();
    rmSync(home, { recursive: true, force: true });
    rmSync(root, { recursive: true, force: true });
  }
}
