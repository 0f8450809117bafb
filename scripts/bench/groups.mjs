// Issue 17's groups figure, in Debian's Chromium via browser mode: a 2,000-step workflow made of 20 collapsed groups
// against a 200-step flat one — time from the click to the canvas drawn, and frames per second panning and zooming
// for 3 s. A collapsed group's steps are never rendered nor measured, so the big one should be no slower.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, OPENS, openRepeatedly, panAndZoom } from './canvas.mjs';
import { startServe } from './serve.mjs';

const PER_GROUP = 100;

/** `groups` groups of PER_GROUP chained steps, each group's first step after the last group's last; stored positions. */
function groupedWorkflow(name, groups, collapsed) {
  const steps = [];
  const entries = [];
  for (let g = 0; g < groups; g++) {
    const members = [];
    for (let i = 0; i < PER_GROUP; i++) {
      const n = g * PER_GROUP + i;
      const deps = n === 0 ? [] : [`s${n - 1}`];
      steps.push(`  - { name: s${n}, module: control, action: noop, dependencies: [${deps.join(', ')}], ui: { x: ${g * 3000 + (i % 10) * 280}, y: ${Math.floor(i / 10) * 110} } }`);
      members.push(`s${n}`);
    }
    entries.push(`    - { id: g${g + 1}, name: Stage ${g + 1}, colour: blue, collapsed: ${collapsed}, x: ${g * 3000 - 24}, y: -44, width: ${9 * 280 + 268}, height: ${9 * 110 + 144}, steps: [${members.join(', ')}] }`);
  }
  return `version: 1\nname: ${name}\nsteps:\n${steps.join('\n')}\nui:\n  groups:\n${entries.join('\n')}\n`;
}

/** `count` chained steps in rows of 10, stored positions, no groups. */
function flatWorkflow(name, count) {
  const steps = [];
  for (let n = 0; n < count; n++) steps.push(`  - { name: s${n}, module: control, action: noop, dependencies: [${n === 0 ? '' : `s${n - 1}`}], ui: { x: ${(n % 10) * 280}, y: ${Math.floor(n / 10) * 110} } }`);
  return `version: 1\nname: ${name}\nsteps:\n${steps.join('\n')}\n`;
}

async function openAndPan(browser, url, name, expectedNodes) {
  const { page, opens } = await openRepeatedly(browser, url, name, expectedNodes);
  const opened = median(opens);
  const dom = await page.locator('[data-step], [data-group]').count();
  const overview = await page.locator('[data-overview]').count() > 0;
  const fps = await panAndZoom(page);
  await page.close();
  return { opened, dom, overview, fps };
}

export async function benchGroups(print, browser) {
  const project = mkdtempSync(join(tmpdir(), 'cdx-bench-groups-'));
  const dir = join(project, '.codomyrmex', 'workflows');
  mkdirSync(dir, { recursive: true });
  const cases = [
    { name: 'flat200', text: flatWorkflow('flat200', 200), nodes: 200, label: '200 steps, flat' },
    { name: 'grouped2000', text: groupedWorkflow('grouped2000', 20, true), nodes: 20, label: '2,000 steps in 20 collapsed groups' },
    { name: 'expanded2000', text: groupedWorkflow('expanded2000', 20, false), nodes: 2020, label: '2,000 steps in 20 expanded groups' },
  ];
  for (const c of cases) writeFileSync(join(dir, `${c.name}.yaml`), c.text);
  const server = await startServe(project);
  const lines = [];
  try {
    for (const c of cases) {
      const result = await openAndPan(browser, server.url, c.name, c.nodes);
      lines.push(`${c.label}: drawn ${result.opened} ms after the click (median of ${OPENS}; ${result.overview ? 'overview layer' : `${result.dom} nodes in the DOM`}); ${result.fps.toFixed(0)} fps panning and zooming for 3 s`);
    }
  } finally {
    await server.stop();
    rmSync(project, { recursive: true, force: true });
  }
  print('canvas: groups — 2,000 steps in 20 collapsed groups vs 200 flat steps (aim: open and pan at least as fast)', lines.join('\n'));
}
