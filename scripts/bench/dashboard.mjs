// Issue 6's dashboard figure, in Debian's Chromium: 50 registered projects (real folders, a workflow file each) and
// 100,000 stored runs over 90 days; `codomyrmex serve` on them; navigation to every card and chart drawn, and the
// `projects.dashboard` reply alone. (The sampler's own cost is `npm run bench monitor`.)
/* global window, document, MutationObserver */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { OrchestrationEngine } from '../../dist/engine/index.js';
import { startServe } from './serve.mjs';

const PROJECTS = 50;
const RUNS = 100_000;
const DAY = 86_400_000;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Writes the projects and their runs straight into the store (no process per run): seconds, not hours. */
async function seed(home, root) {
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
  // When the first card appears: what is left after it is rendering the cards and drawing their charts.
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.querySelector('.project-card') === null) return;
      window.__firstCardAt = performance.now();
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(url);
  // A chart counts once drawn: its canvas sized to its box at the screen's pixel ratio (a canvas made but not yet drawn
  // keeps the default 300 px).
  const drawn = await page.waitForFunction((count) => {
    const cards = document.querySelectorAll('.project-card').length;
    const charts = [...document.querySelectorAll('.project-card .sparkline canvas')]
      .filter((canvas) => canvas.width === Math.round(canvas.getBoundingClientRect().width * window.devicePixelRatio)).length;
    return cards === count && charts === count ? performance.now() : false;
  }, PROJECTS, { polling: 'raf', timeout: 60_000 });
  const renderedMs = await drawn.jsonValue();
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
