// Issue 6's dashboard figure, in Debian's Chromium: 50 registered projects (real folders, a workflow file each) and
// 100,000 stored runs over 90 days; `codomyrmex serve` on them; navigation to every card and chart drawn, and the
// `projects.dashboard` reply alone. (The sampler's own cost is `npm run bench monitor`.)
/* global window, document, requestAnimationFrame, MutationObserver, getComputedStyle */
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
 * their charts) and when the dashboard is drawn: all `count` cards in the page, and every card on screen with its
 * chart drawn: the canvas sized to its box at the screen's pixel ratio (a canvas made but not yet drawn keeps the
 * default 300 px), or the SVG chart the server's first view comes with. Cards off screen are laid out and drawn as
 * they near the view (`content-visibility: auto`), so they are not waited for: asking for their size here would lay
 * them out. Two marks: `drawn`, checked as each frame starts (before its layout and paint), and `painted`, the end of
 * the first frame that painted it all (the same check made once a frame's main-thread work — style, layout, paint,
 * commit — is done: a task posted at user-blocking priority from the frame's animation callback runs after it, ahead
 * of the page's own tasks of normal priority). A chart drawn during a frame (by a ResizeObserver, after layout) is painted in
 * that frame, but the `drawn` check sees it only as the next frame starts. The marks are read over CDP: Playwright's
 * waitForFunction would compile Playwright's injected script (~50 ms of main thread) in the middle of the load it
 * measures. Call before navigating; the answer waits for both marks.
 */
export async function watchDrawn(page, count) {
  await page.addInitScript((expected) => {
    new MutationObserver((_, observer) => {
      if (document.querySelector('.project-card') === null) return;
      window.__firstCardAt = performance.now();
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
    const onScreen = (element) => {
      const box = element.getBoundingClientRect();
      return box.bottom > 0 && box.top < window.innerHeight && box.right > 0 && box.left < window.innerWidth;
    };
    const isDrawn = () => {
      const cards = document.querySelectorAll('.project-card');
      const shown = [...cards].filter(onScreen);
      // A chart that came with the page as SVG is drawn by the browser at whatever size it is laid out.
      const drawn = shown.filter((card) => {
        if (card.querySelector('.sparkline svg') !== null) return true;
        const canvas = card.querySelector('.sparkline canvas');
        return canvas !== null && canvas.width === Math.round(canvas.getBoundingClientRect().width * window.devicePixelRatio);
      });
      window.__onScreen = shown.length;
      return cards.length === expected && shown.length > 0 && drawn.length === shown.length;
    };
    const frameStart = () => {
      if (isDrawn()) window.__drawnAt = performance.now();
      else requestAnimationFrame(frameStart);
    };
    const afterFrame = () => {
      if (isDrawn()) window.__paintedAt = performance.now();
      else requestAnimationFrame(frameEnd);
    };
    // At the highest priority a page's task can have: a task of normal priority queued meanwhile (a timer the page set
    // in the same frame's callbacks, its scripts' run as the parse ends) would otherwise run first and be counted in.
    const frameEnd = () => window.scheduler.postTask(afterFrame, { priority: 'user-blocking' });
    requestAnimationFrame(frameStart);
    requestAnimationFrame(frameEnd);
  }, count);
  const cdp = await page.context().newCDPSession(page);
  return async () => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const { result } = await cdp.send('Runtime.evaluate', { expression: '[window.__drawnAt, window.__paintedAt]', returnByValue: true });
      const [drawnMs, paintedMs] = result.value;
      if (typeof drawnMs === 'number' && typeof paintedMs === 'number') return { drawnMs, paintedMs };
      if (Date.now() > deadline) throw new Error(`the dashboard's ${count} cards were not drawn within 60 s`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
}

/**
 * Scrolls the dashboard from top to bottom half a screen a frame (a brisk wheel), as the cards off screen are laid out
 * and drawn on the way: the longest frame, and how many charts are drawn at the end (all of them, when every card
 * was drawn as it came into view).
 */
async function scrollThrough(page) {
  return page.evaluate(() => new Promise((resolve) => {
    const card = document.querySelector('.project-card');
    let scroller = card?.parentElement ?? null;
    while (scroller !== null && !(scroller.scrollHeight > scroller.clientHeight && /auto|scroll/.test(getComputedStyle(scroller).overflowY))) scroller = scroller.parentElement;
    scroller ??= document.scrollingElement;
    let last = performance.now();
    let longest = 0;
    const step = (now) => {
      longest = Math.max(longest, now - last);
      last = now;
      if (scroller.scrollTop + scroller.clientHeight < scroller.scrollHeight - 1) {
        scroller.scrollTop += scroller.clientHeight / 2;
        requestAnimationFrame(step);
        return;
      }
      // One more frame for the last cards' charts.
      requestAnimationFrame(() => requestAnimationFrame(() => {
        const charts = [...document.querySelectorAll('.project-card .sparkline canvas')];
        resolve({ longestFrameMs: longest, chartsDrawnAfterScroll: charts.filter((canvas) => canvas.width !== 300 && canvas.width === Math.round(canvas.getBoundingClientRect().width * window.devicePixelRatio)).length });
      }));
    };
    requestAnimationFrame((now) => {
      last = now;
      requestAnimationFrame(step);
    });
  }));
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
  const { drawnMs, paintedMs } = await drawn();
  const { firstCardMs, onScreen, laidOut } = await page.evaluate(() => ({
    firstCardMs: window.__firstCardAt,
    onScreen: window.__onScreen,
    // Cards whose insides the browser laid out so far: those on screen and near it.
    laidOut: [...document.querySelectorAll('.project-card .sparkline > :is(canvas, svg)')].filter((chart) => chart.checkVisibility({ contentVisibilityAuto: true })).length,
  }));
  // Scrolling is the app's: once its first render has replaced the server's first view (where the page came with one).
  await page.locator('#root > .app:not([inert])').waitFor();
  const scroll = await scrollThrough(page);
  await page.close();
  return { drawnMs, paintedMs, replyMs, firstCardMs, onScreen, laidOut, ...scroll };
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
    const onScreen = median(rounds.map((r) => r.onScreen));
    print(`dashboard: ${PROJECTS} projects, ${RUNS.toLocaleString('en')} stored runs over 90 days (median of 5 page loads at 1280×800; aim ≤ 300 ms)`, [
      `${median(rounds.map((r) => r.paintedMs)).toFixed(0)} ms from navigation to the dashboard painted: all ${PROJECTS} cards in the page, the ${onScreen} on screen with their charts (the end of the frame that painted them)`,
      `  of which: cards in the DOM at ${median(rounds.map((r) => r.firstCardMs)).toFixed(0)} ms (with the page: the server's render of the first view, or the app's first render where there is none), painted ${median(rounds.map((r) => r.paintedMs - r.firstCardMs)).toFixed(0)} ms later; seen drawn as the next frame starts: ${median(rounds.map((r) => r.drawnMs)).toFixed(0)} ms`,
      `  cards laid out by then: ${median(rounds.map((r) => r.laidOut))} of ${PROJECTS} (the rest as they near the view); scrolling through, half a screen a frame: longest frame ${median(rounds.map((r) => r.longestFrameMs)).toFixed(0)} ms, ${median(rounds.map((r) => r.chartsDrawnAfterScroll))} of ${PROJECTS} charts drawn at the end`,
      `projects.dashboard reply: ${median(rounds.map((r) => r.replyMs)).toFixed(0)} ms round trip over the WebSocket`,
      `(seeding the store took ${(seededMs / 1000).toFixed(1)} s; load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores; the sampler's own cost: npm run bench monitor)`,
    ].join('\n'));
  } finally {
    await server.stop();
    rmSync(home, { recursive: true, force: true });
    rmSync(root, { recursive: true, force: true });
  }
}
