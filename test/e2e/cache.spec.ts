// Issue 18 in the app: a workflow of cached steps run twice is drawn cached the second time, with the reason in the step
// panel (and, after an input file changes, the file named); the inspector gives a step a cache and the workflow a
// default, written to the file; the Resources view shows the cache's size and Clear empties it.
import { expect, test, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { watchPage } from './app-dialogs.js';
import { colorScheme, nav, onOneLine, openWorkflow, overviewPixels, shoot, shot, SIZES, step, workflowFile } from './app-page.js';
import { serve, type Served } from './serve.js';

let server: Served;

test.beforeEach(async () => {
  server = await serve('cache-app-project');
});

test.afterEach(async () => {
  await server.stop();
});

const STEPS = ['compile', 'lint', 'package'] as const;
/** Each step's process appends its name to ran.log: a step restored from the cache adds nothing. */
const ran = (): string[] => readFileSync(join(server.project, 'ran.log'), 'utf8').split('\n').filter(Boolean);

/** Runs the open workflow from the editor and opens the run; resolves once it has ended as `status`. */
async function runAndOpen(page: Page, status = 'completed'): Promise<void> {
  await nav(page, 'Editor');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByRole('button', { name: 'Open run' }).click();
  await expect(page.locator('.run-detail')).toHaveAttribute('data-run-status', status);
}

/** The run view's step panel of `name`, opened by a click on its node. */
async function stepPanel(page: Page, name: string) {
  await step(page, name).click();
  const panel = page.getByRole('complementary', { name: `Step ${name}` });
  await expect(panel).toBeVisible();
  return panel;
}

/** `codomyrmex run` from a terminal on the served data folder; resolves with the run's id. */
function runFromTerminal(name: string, options: string[] = []): string {
  const result = spawnSync(process.execPath, ['bin/codomyrmex.js', 'run', workflowFile(server, name), '--json', ...options], { env: { ...process.env, CODOMYRMEX_HOME: server.home }, encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { executionId: string }).executionId;
}

/** Opens a run from the Runs view's history. */
async function openFromHistory(page: Page, executionId: string): Promise<void> {
  await nav(page, 'Runs');
  await page.getByRole('tab', { name: 'History' }).click();
  await page.getByRole('button', { name: 'Refresh' }).click();
  await page.locator(`.run-row[data-execution="${executionId}"]`).click();
  await expect(page.locator('.run-detail')).toHaveAttribute('data-run-status', 'completed');
}

test('run twice, the second run\'s steps are drawn cached with the reason in the step panel; a changed input is named', async ({ page }) => {
  test.setTimeout(120_000);
  const watch = watchPage(page);
  await colorScheme(page, 'light');
  await openWorkflow(page, server, 'build');

  await runAndOpen(page);
  for (const name of STEPS) await expect(step(page, name)).toHaveAttribute('data-status', 'succeeded');
  expect(ran().sort()).toEqual(['compile', 'lint', 'package']);
  const first = await stepPanel(page, 'compile');
  await expect(first.locator('[data-cache="miss"]')).toContainText('ran: first run');

  // The second run restores every step: no process runs, each is drawn cached, the panel says so with the key.
  await runAndOpen(page);
  for (const name of STEPS) await expect(step(page, name)).toHaveAttribute('data-status', 'cached');
  expect(ran()).toHaveLength(3);
  await expect(page.getByRole('status', { name: 'Run progress' })).toContainText('3 of 3 steps done');
  await expect(page.getByRole('status', { name: 'Run progress' })).toContainText('all from cache');
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await expect(timeline.locator('.timeline__bar--cached')).toHaveCount(3);
  await expect(timeline.locator('.timeline__note--cached').first()).toHaveText('cached');
  const restored = await stepPanel(page, 'compile');
  await expect(restored.locator('.badge')).toHaveText('cached');
  await expect(restored.locator('[data-cache="hit"]')).toHaveText('restored from cache: not run again');
  const key = await restored.locator('[data-cache-key]').getAttribute('data-cache-key');
  expect(key).toMatch(/^[0-9a-f]{16,}$/);
  await expect(restored.locator('[data-cache-key]')).toHaveText(key!.slice(0, 12));
  await expect(restored.getByRole('button', { name: 'Copy cache key' })).toBeVisible();
  // Its log, replayed, is empty as when it ran: said as finished, not as output still to come.
  await expect(restored.getByRole('log', { name: 'Output of compile' })).toHaveText('No output: the step wrote nothing.');
  await expect((await stepPanel(page, 'lint')).getByRole('log', { name: 'Output of lint' })).toContainText('src/a.txt');
  await stepPanel(page, 'compile');
  await expect(step(page, 'compile')).toHaveAttribute('title', `Restored from cache (key ${key!.slice(0, 12)})`);
  await shoot(page, 'cache-run-cached-light');
  await colorScheme(page, 'dark');
  await shoot(page, 'cache-run-cached-dark');
  await colorScheme(page, 'light');

  // The history reads a run none of whose steps ran as such.
  await nav(page, 'Runs');
  await page.getByRole('tab', { name: 'History' }).click();
  const rows = page.getByRole('list', { name: 'Run history' }).locator('.run-row[data-execution]');
  await expect(rows).toHaveCount(2);
  await expect(rows.first().locator('[data-cached]')).toHaveText('all cached');
  await expect(rows.nth(1).locator('[data-cached]')).toHaveCount(0);
  await shoot(page, 'cache-history-light');

  // One input changes: the steps reading it run again, and the panel names the file.
  writeFileSync(join(server.project, 'src', 'a.txt'), 'alpha, changed\n');
  await nav(page, 'Editor');
  await runAndOpen(page);
  await expect(step(page, 'compile')).toHaveAttribute('data-status', 'succeeded');
  await expect(step(page, 'lint')).toHaveAttribute('data-status', 'succeeded');
  expect(ran().slice(3).sort()).toEqual(['compile', 'lint', 'package']);
  const changed = await stepPanel(page, 'compile');
  await expect(changed.locator('[data-cache-miss]')).toHaveText('input src/a.txt changed');
  // The one change is the summary itself: no list repeating it.
  await expect(changed.getByRole('list', { name: 'What changed since the cached result' })).toHaveCount(0);
  await shoot(page, 'cache-step-panel-reason-light');
  await colorScheme(page, 'dark');
  await shoot(page, 'cache-step-panel-reason-dark');

  // Two inputs change: the panel sums them up and lists each.
  writeFileSync(join(server.project, 'src', 'a.txt'), 'alpha, again\n');
  writeFileSync(join(server.project, 'src', 'b.txt'), 'beta, changed\n');
  await runAndOpen(page);
  const both = await stepPanel(page, 'compile');
  await expect(both.getByRole('list', { name: 'What changed since the cached result' }).getByRole('listitem')).toHaveText(['input src/a.txt changed', 'input src/b.txt changed']);
  await shoot(page, 'cache-step-panel-changes-dark');

  // Sixty files appear (a checkout): the panel lists the first fifty and counts the rest, the summary all of them.
  for (let i = 0; i < 60; i++) writeFileSync(join(server.project, 'src', `new-${String(i).padStart(2, '0')}.txt`), `${i}\n`);
  await runAndOpen(page);
  const many = await stepPanel(page, 'compile');
  await expect(many.locator('[data-cache-miss]')).toHaveText('60 inputs changed');
  const items = many.getByRole('list', { name: 'What changed since the cached result' }).getByRole('listitem');
  await expect(items).toHaveCount(51);
  await expect(items.first()).toHaveText('input src/new-00.txt added');
  await expect(items.last()).toHaveText('… and 10 more');
  await shoot(page, 'cache-step-panel-many-dark', items.last());
  expect(watch.problems).toEqual([]);
});

test('the inspector gives a step its own cache and the workflow a default, checked as typed, undoable, saved to the file', async ({ page }) => {
  const watch = watchPage(page);
  await colorScheme(page, 'light');
  await openWorkflow(page, server, 'plain');
  await step(page, 'fetch').click();
  const inspector = page.getByRole('complementary', { name: 'Inspector: fetch' });
  const mode = inspector.getByLabel('Cached', { exact: true });
  await expect(mode).toHaveValue('off');
  await mode.selectOption('own');
  await inspector.getByLabel('Inputs', { exact: true }).fill('src/*.txt\n!src/b.txt');
  await inspector.getByLabel('Outputs', { exact: true }).fill('out/fetched.txt');
  const env = inspector.getByLabel('Env', { exact: true });
  await env.fill('LINT_LEVEL\n1BAD');
  // Refused as the file's schema would, naming the line; nothing of it is written meanwhile.
  await expect(inspector.getByRole('alert')).toHaveText('line 2: “1BAD” is not an environment variable name: letters, digits and _, not starting with a digit');
  await expect(env).toHaveAttribute('aria-invalid', 'true');
  await env.fill('LINT_LEVEL\nCC');
  await expect(inspector.getByRole('alert')).toBeHidden();
  await shoot(page, 'cache-inspector-step-light', inspector.getByRole('heading', { name: 'Cache' }));

  // Undo takes the env list back as one entry; redo brings it again.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(env).toHaveValue('');
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(env).toHaveValue('LINT_LEVEL\nCC');

  // The workflow's default: steps without their own take it.
  await inspector.getByText('Workflow default (none)').click();
  await inspector.getByLabel('cache every step without its own').check();
  await inspector.getByLabel('Default inputs', { exact: true }).fill('src/**');
  await shoot(page, 'cache-inspector-light');
  await colorScheme(page, 'dark');
  await shoot(page, 'cache-inspector-dark');
  await colorScheme(page, 'light');
  await step(page, 'report').click();
  const other = page.getByRole('complementary', { name: 'Inspector: report' });
  await expect(other.getByLabel('Cached', { exact: true })).toHaveValue('default');
  await expect(other.getByText('Inputs src/**; outputs (none).')).toBeVisible();
  // One step opted out of the default (a deploy, a notification): `cache: false` in the file.
  const otherMode = other.getByLabel('Cached', { exact: true });
  await expect(otherMode.locator('option')).toHaveText(['workflow default', 'own settings', 'no, always runs']);
  await expect(other.getByRole('button', { name: 'Run, forcing this step' })).toHaveCount(1);
  await otherMode.selectOption('off');
  await shoot(page, 'cache-inspector-opt-out-light', other.getByRole('heading', { name: 'Cache' }));
  await expect(other.getByText('Runs every time, whatever the workflow’s default (cache: false in the file).')).toBeVisible();
  await expect(other.getByRole('button', { name: 'Run, forcing this step' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect.poll(() => readFileSync(workflowFile(server, 'plain'), 'utf8')).toContain('LINT_LEVEL');
  const text = readFileSync(workflowFile(server, 'plain'), 'utf8');
  const parsed = spawnSync(process.execPath, ['bin/codomyrmex.js', 'validate', workflowFile(server, 'plain')], { encoding: 'utf8' });
  expect(parsed.status, parsed.stdout + parsed.stderr).toBe(0);
  expect(text).toMatch(/cache:\n\s+inputs:\n\s+- src\/\*\*\n/);
  expect(text).toMatch(/- name: report[\s\S]*cache: false/);
  expect(text).toMatch(/- name: fetch[\s\S]*cache:[\s\S]*- src\/\*\.txt[\s\S]*- "?!src\/b\.txt"?[\s\S]*- out\/fetched\.txt[\s\S]*- LINT_LEVEL\n\s+- CC/);
  expect(watch.problems).toEqual([]);
});

test('the Resources view shows the cache\'s size, and Clear (asked first) empties it', async ({ page }) => {
  const watch = watchPage(page);
  runFromTerminal('build');
  await colorScheme(page, 'light');
  await page.goto(server.url);
  await nav(page, 'Resources');
  const section = page.getByRole('region', { name: 'Step cache' });
  await expect(section.locator('[data-cache-entries]')).toHaveAttribute('data-cache-entries', '3');
  expect(Number(await section.locator('[data-cache-bytes]').getAttribute('data-cache-bytes'))).toBeGreaterThan(0);
  await expect(section).toContainText(join(server.home, 'cache'));
  await shoot(page, 'cache-resources-light', section);
  await colorScheme(page, 'dark');
  await shoot(page, 'cache-resources-dark', section);

  await section.getByRole('button', { name: 'Clear cache' }).click();
  const dialog = page.getByRole('dialog', { name: 'Clear the step cache?' });
  await expect(dialog).toContainText('3 stored step results');
  // A question that loses work starts on Cancel.
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await shoot(page, 'cache-clear-confirm-dark');
  await dialog.getByRole('button', { name: 'Clear cache' }).click();
  await expect(section.locator('[data-cache-entries]')).toHaveAttribute('data-cache-entries', '0');
  await expect(section.locator('[data-cache-bytes]')).toHaveAttribute('data-cache-bytes', '0');
  await expect(section.getByRole('button', { name: 'Clear cache' })).toBeDisabled();

  // Cleared means cleared: the next run runs every step again.
  runFromTerminal('build');
  expect(ran()).toEqual(expect.arrayContaining(['compile', 'lint', 'package']));
  expect(ran()).toHaveLength(6);
  expect(watch.problems).toEqual([]);
});

test('a run from the terminal with --no-cache or --force says in the step panel what went around the cache', async ({ page }) => {
  const watch = watchPage(page);
  runFromTerminal('build');
  const bypassed = runFromTerminal('build', ['--no-cache']);
  const forced = runFromTerminal('build', ['--force', 'compile']);
  expect(ran()).toHaveLength(3 + 3 + 1);
  await page.goto(server.url);

  await openFromHistory(page, bypassed);
  for (const name of STEPS) await expect(step(page, name)).toHaveAttribute('data-status', 'succeeded');
  const none = await stepPanel(page, 'lint');
  await expect(none.locator('[data-cache="bypass"]')).toHaveText('--no-cache: the cache was neither read nor written');
  await expect(none.getByRole('button', { name: 'Copy cache key' })).toHaveCount(0);

  await openFromHistory(page, forced);
  await expect(step(page, 'compile')).toHaveAttribute('data-status', 'succeeded');
  await expect(step(page, 'lint')).toHaveAttribute('data-status', 'cached');
  const force = await stepPanel(page, 'compile');
  await expect(force.locator('[data-cache="bypass"]')).toHaveText('--force: run again whatever the cache held; its result was stored');
  await shoot(page, 'cache-step-panel-force');
  expect(watch.problems).toEqual([]);
});

test('the Run button\'s menu runs without the cache, and a step\'s context menu runs forcing it; the run says which', async ({ page }) => {
  test.setTimeout(120_000);
  const watch = watchPage(page);
  await colorScheme(page, 'light');
  await openWorkflow(page, server, 'build');
  await runAndOpen(page);
  await runAndOpen(page);
  for (const name of STEPS) await expect(step(page, name)).toHaveAttribute('data-status', 'cached');
  expect(ran()).toHaveLength(3);

  // Run ▾ → Run without cache: every step's process runs again, and the run's progress line says why.
  await nav(page, 'Editor');
  const menu = page.getByRole('menu', { name: 'Run' });
  // A menu closes when the window is resized, as a native one does: opened anew at each size looked at.
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.getByRole('button', { name: 'More ways to run' }).click();
    await expect(menu.getByRole('menuitem', { name: 'Run without cache' })).toBeFocused();
    await shot(page, `cache-run-menu-${size.width}x${size.height}`);
    await page.keyboard.press('Escape');
    await expect(menu).toBeHidden();
  }
  await page.getByRole('button', { name: 'More ways to run' }).click();
  await expect(menu.getByRole('menuitem', { name: 'Run, forcing the selected steps' })).toBeDisabled();
  await menu.getByRole('menuitem', { name: 'Run without cache' }).click();
  await expect(menu).toBeHidden();
  await page.getByRole('button', { name: 'Open run' }).click();
  await expect(page.locator('.run-detail')).toHaveAttribute('data-run-status', 'completed');
  for (const name of STEPS) await expect(step(page, name)).toHaveAttribute('data-status', 'succeeded');
  expect(ran().slice(3).sort()).toEqual(['compile', 'lint', 'package']);
  const progress = page.getByRole('status', { name: 'Run progress' });
  await expect(progress.locator('[data-bypass="no-cache"]')).toHaveText('run without cache');
  await expect(progress.locator('[data-cached]')).toHaveCount(0);
  await shoot(page, 'cache-run-without-cache');

  // The context menu of a cached step: the workflow runs, that step anew; its unchanged output lets the rest hit.
  await nav(page, 'Editor');
  await step(page, 'compile').click({ button: 'right' });
  const stepMenu = page.getByRole('menu', { name: 'Step compile' });
  await stepMenu.getByRole('menuitem', { name: 'Run, forcing this step' }).click();
  await page.getByRole('button', { name: 'Open run' }).click();
  await expect(page.locator('.run-detail')).toHaveAttribute('data-run-status', 'completed');
  await expect(step(page, 'compile')).toHaveAttribute('data-status', 'succeeded');
  await expect(step(page, 'lint')).toHaveAttribute('data-status', 'cached');
  await expect(step(page, 'package')).toHaveAttribute('data-status', 'cached');
  expect(ran().slice(6)).toEqual(['compile']);
  await expect(progress.locator('[data-bypass="force"]')).toHaveText('forced: compile');

  // The menu forces the steps selected on the canvas.
  await nav(page, 'Editor');
  await step(page, 'lint').click();
  await page.getByRole('button', { name: 'More ways to run' }).click();
  await menu.getByRole('menuitem', { name: 'Run, forcing lint' }).click();
  await page.getByRole('button', { name: 'Open run' }).click();
  await expect(page.locator('.run-detail')).toHaveAttribute('data-run-status', 'completed');
  await expect(step(page, 'lint')).toHaveAttribute('data-status', 'succeeded');
  await expect(step(page, 'compile')).toHaveAttribute('data-status', 'cached');
  expect(ran().slice(7)).toEqual(['lint']);
  // Cached, forced, elapsed and the usual time: one line in either window, the shortened words kept in tooltips.
  for (const size of SIZES) {
    await page.setViewportSize(size);
    expect(await onOneLine(progress), `the progress line at ${size.width}×${size.height}`).toBe(true);
  }
  await expect(progress.getByTitle(/^elapsed \d+ ms$/)).toHaveText(/^elapsed \d+ ms$/);
  await expect(progress.getByTitle(/^the median of \d+ completed runs$/)).toHaveText(/^usually \d+ ms$/);
  await expect(progress.locator('[data-bypass="force"]')).toHaveAttribute('title', /^forced: lint — --force: run again/);
  await shoot(page, 'cache-run-forced');

  // And the inspector, for those who never right-click.
  await nav(page, 'Editor');
  await step(page, 'package').click();
  const around = page.getByRole('group', { name: 'Run part of the workflow around package' });
  await shoot(page, 'cache-inspector-force', around);
  await around.getByRole('button', { name: 'Run, forcing this step' }).click();
  await page.getByRole('button', { name: 'Open run' }).click();
  await expect(page.locator('.run-detail')).toHaveAttribute('data-run-status', 'completed');
  await expect(step(page, 'package')).toHaveAttribute('data-status', 'succeeded');
  expect(ran().slice(8)).toEqual(['package']);
  expect(watch.problems).toEqual([]);
});

test('a big workflow restored from the cache is drawn in the cached colour on the overview', async ({ page }) => {
  test.setTimeout(120_000);
  // 320 steps in layers of 16 under the workflow's default cache: over the overview's threshold when zoomed out.
  const lines = Array.from({ length: 320 }, (_, i) => `  - { name: s${i}, module: control, action: noop, dependencies: [${i < 16 ? '' : `s${i - 16}`}] }`);
  writeFileSync(workflowFile(server, 'big'), `version: 1\nname: big\ncache: { inputs: [] }\nsteps:\n${lines.join('\n')}\n`);
  runFromTerminal('big');
  const second = runFromTerminal('big');
  await colorScheme(page, 'light');
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(server.url);
  await openFromHistory(page, second);
  const overview = page.locator('.run-detail [data-overview]');
  await expect(overview).toHaveAttribute('data-drawn', /^[1-9]\d*$/);
  await expect.poll(() => overviewPixels(overview, '--status-cached')).toBeGreaterThan(500);
  expect(await overviewPixels(overview, '--status-succeeded')).toBe(0);
  await shoot(page, 'cache-overview-light');
  await colorScheme(page, 'dark');
  await expect.poll(() => overviewPixels(overview, '--status-cached')).toBeGreaterThan(500);
  await shoot(page, 'cache-overview-dark');
});
