import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { EngineApi } from '../../electron/engine/api.js';
import { revisionOf } from '../../electron/engine/workflows/workflow-revision.js';
import type { EngineEvent } from '../../shared/events.js';
import { newEngine, tempDir } from '../helpers.js';

type Changed = Extract<EngineEvent, { type: 'workflow.changed' }>;

const yaml = (name: string, command = 'echo hi') => `version: 1\nname: ${name}\nsteps:\n  - { name: a, module: shell, action: run, parameters: { command: "${command}" } }\n`;

function projectWith(engine: ReturnType<typeof newEngine>, files: Record<string, string>) {
  const path = tempDir('codomyrmex-watched-');
  const dir = join(path, '.codomyrmex', 'workflows');
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return { project: engine.projectManager.addProject(path), dir };
}

function listen(engine: ReturnType<typeof newEngine>) {
  const api = new EngineApi(engine, { mode: 'browser', version: 'test', projectId: null });
  const changes: Changed[] = [];
  const subscription = api.subscribe((batch) => changes.push(...batch.events.filter((e): e is Changed => e.type === 'workflow.changed')), 5);
  return { api, changes, close: () => subscription.close() };
}

describe('the workflow watcher', () => {
  it('announces a file changed by another writer with its new revision, and a removed one with null', async () => {
    const engine = newEngine();
    const { project, dir } = projectWith(engine, { 'ci.yaml': yaml('ci') });
    const { changes } = listen(engine);
    const file = join(dir, 'ci.yaml');
    writeFileSync(file, yaml('ci', 'echo changed elsewhere'));
    const revision = revisionOf(readFileSync(file));
    await expect.poll(() => changes.at(-1), { timeout: 5000 }).toEqual({ type: 'workflow.changed', projectId: project.id, name: 'ci', file, revision });
    rmSync(file);
    await expect.poll(() => changes.at(-1), { timeout: 5000 }).toEqual({ type: 'workflow.changed', projectId: project.id, name: 'ci', file, revision: null });
  });

  it('announces our own save once, with the revision the save returned', async () => {
    const engine = newEngine();
    const { project, dir } = projectWith(engine, {});
    const { api, changes } = listen(engine);
    const reply = await api.dispatch('workflows.save', { projectId: project.id, name: 'new', workflow: { name: 'new', steps: [] }, baseRevision: null });
    const saved = (reply as { ok: true; value: { revision: string } }).value;
    await expect.poll(() => changes.length, { timeout: 5000 }).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(changes).toEqual([{ type: 'workflow.changed', projectId: project.id, name: 'new', file: join(dir, 'new.yaml'), revision: saved.revision }]);
  });

  it('watches projects registered after the door subscribed', async () => {
    const engine = newEngine();
    const { changes } = listen(engine);
    const { project, dir } = projectWith(engine, {});
    writeFileSync(join(dir, 'late.json'), JSON.stringify({ version: 1, name: 'late', steps: [] }));
    await expect.poll(() => changes.map((c) => [c.projectId, c.name]), { timeout: 5000 }).toEqual([[project.id, 'late']]);
  });

  it('watches a workflows folder made after the door subscribed, announcing the files in it', async () => {
    const engine = newEngine();
    const path = tempDir('codomyrmex-no-folder-yet-');
    const project = engine.projectManager.addProject(path);
    const { changes } = listen(engine);
    const dir = join(path, '.codomyrmex', 'workflows');
    const pause = () => new Promise((resolve) => setTimeout(resolve, 100));
    // One level at a time, as a tool or a checkout may make them.
    mkdirSync(join(path, '.codomyrmex'));
    await pause();
    mkdirSync(dir);
    await pause();
    writeFileSync(join(dir, 'first.yaml'), yaml('first'));
    await expect.poll(() => changes.map((c) => [c.projectId, c.name]), { timeout: 5000 }).toEqual([[project.id, 'first']]);
    writeFileSync(join(dir, 'second.yaml'), yaml('second'));
    await expect.poll(() => changes.map((c) => c.name), { timeout: 5000 }).toEqual(['first', 'second']);
  });

  it('follows a workflows folder removed and made again (a branch switch)', async () => {
    const engine = newEngine();
    const { dir } = projectWith(engine, { 'ci.yaml': yaml('ci') });
    const { changes } = listen(engine);
    rmSync(join(dir, '..'), { recursive: true });
    await expect.poll(() => changes.map((c) => [c.name, c.revision]), { timeout: 5000 }).toEqual([['ci', null]]);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'ci.yaml'), yaml('ci', 'echo back'));
    await expect.poll(() => changes.map((c) => [c.name, c.revision]), { timeout: 5000 }).toEqual([['ci', null], ['ci', revisionOf(yaml('ci', 'echo back'))]]);
  });

  it('stops when the last subscriber leaves', async () => {
    const engine = newEngine();
    const { dir } = projectWith(engine, { 'ci.yaml': yaml('ci') });
    const first = listen(engine);
    const second = listen(engine);
    first.close();
    expect(engine.workflowWatcher.watching).toBe(true);
    second.close();
    expect(engine.workflowWatcher.watching).toBe(false);
    const seen: EngineEvent[] = [];
    engine.events.on((event) => seen.push(event), ['workflow.changed']);
    writeFileSync(join(dir, 'ci.yaml'), yaml('ci', 'echo unwatched'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen).toEqual([]);
  });

  it('never keeps the process alive: a process that watches, hears a change and closes exits by itself', async () => {
    const work = tempDir('codomyrmex-watcher-exit-');
    const entry = join(work, 'entry.ts');
    const watcherModule = join(import.meta.dirname, '..', '..', 'electron', 'engine', 'workflows', 'workflow-watcher.ts');
    const busModule = join(import.meta.dirname, '..', '..', 'electron', 'engine', 'event-bus.ts');
    writeFileSync(entry, `
      import { mkdirSync, writeFileSync } from 'node:fs';
      import { join } from 'node:path';
      import { EventBus } from ${JSON.stringify(busModule)};
      import { WorkflowWatcher } from ${JSON.stringify(watcherModule)};
      const dir = join(${JSON.stringify(work)}, 'project', '.codomyrmex', 'workflows');
      mkdirSync(dir, { recursive: true });
      const project = { id: 'p', name: 'p', path: '', template: null, status: 'active', createdAt: 0, description: '' };
      const bus = new EventBus();
      const idle = new WorkflowWatcher(bus, { listProjects: () => [project], workflowsDir: () => dir });
      idle.acquire(); // held and never released: must not keep the process alive either
      const watcher = new WorkflowWatcher(bus, { listProjects: () => [project], workflowsDir: () => dir });
      const release = watcher.acquire();
      bus.on((event) => { console.log(event.type, event.revision !== null); release(); }, ['workflow.changed']);
      // A referenced timer keeps the process up until the change is heard; it is cleared then.
      const guard = setTimeout(() => { console.log('no event'); process.exit(3); }, 5000);
      bus.on(() => clearTimeout(guard), ['workflow.changed']);
      writeFileSync(join(dir, 'ci.yaml'), 'version: 1\\nname: ci\\nsteps: []\\n');
    `);
    const bundle = join(work, 'entry.mjs');
    await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', outfile: bundle, logLevel: 'error' });
    const result = spawnSync(process.execPath, [bundle], { encoding: 'utf8', timeout: 10_000 });
    expect(result.error).toBeUndefined();
    expect({ status: result.status, stdout: result.stdout.trim() }).toEqual({ status: 0, stdout: expect.stringMatching(/^workflow\.changed true/) });
  });
});
