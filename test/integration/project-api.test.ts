import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineApi } from '../../electron/engine/api.js';
import type { ProjectCard, TemplateInfo } from '../../shared/dashboard.js';
import type { ResourceStatus } from '../../shared/ipc.js';
import type { Project } from '../../shared/model.js';
import { newEngine, tempDir } from '../helpers.js';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'e2e-project');

function door() {
  const engine = newEngine();
  const api = new EngineApi(engine, { mode: 'browser', version: 'test', projectId: null });
  const call = async <T>(command: string, request: unknown): Promise<T> => {
    const reply = await api.dispatch(command, request);
    if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
    return reply.value as T;
  };
  return { engine, api, call };
}

describe('projects, templates and resources over the contract', () => {
  it('creates a project from a template, lists it on the dashboard with its workflows, and forgets it without touching its files', async () => {
    const { call } = door();
    const parent = tempDir();
    const project = await call<Project>('projects.create', { name: 'site', parentDir: parent, template: 'web_application' });
    expect(existsSync(join(parent, 'site', '.codomyrmex', 'workflows'))).toBe(true);
    const cards = await call<ProjectCard[]>('projects.dashboard', {});
    const card = cards.find((c) => c.project.id === project.id)!;
    expect(card.missing).toBe(false);
    expect(card.workflows.length).toBeGreaterThan(0);
    expect(card.workflows.every((w) => w.hasFile && w.daily.length === 30)).toBe(true);
    expect(await call('projects.update', { projectId: project.id, status: 'paused' })).toMatchObject({ status: 'paused' });
    const before = readdirSync(join(parent, 'site')).sort();
    expect(await call('projects.remove', { projectId: project.id })).toEqual({ removed: true });
    expect(readdirSync(join(parent, 'site')).sort()).toEqual(before);
    expect((await call<ProjectCard[]>('projects.dashboard', {})).some((c) => c.project.id === project.id)).toBe(false);
  });

  it('saves a project\'s workflows as a template that the next project starts from', async () => {
    const { call } = door();
    const folder = tempDir();
    cpSync(FIXTURE, folder, { recursive: true });
    const project = await call<Project>('projects.add', { path: folder });
    const template = await call<TemplateInfo>('templates.saveFromProject', { projectId: project.id, name: 'team-ci', description: 'Our CI' });
    expect(template).toEqual({ name: 'team-ci', description: 'Our CI', workflows: ['broken', 'diamond'], builtin: false });
    const templates = await call<TemplateInfo[]>('templates.list', {});
    expect(templates.filter((t) => t.builtin).map((t) => t.name).sort()).toEqual(['ai_analysis', 'data_pipeline', 'node_package', 'web_application']);
    const next = await call<Project>('projects.create', { name: 'copy', parentDir: tempDir(), template: 'team-ci' });
    expect(readdirSync(join(next.path, '.codomyrmex', 'workflows')).sort()).toEqual(['broken.yaml', 'diamond.yaml']);
    await expect(call('templates.saveFromProject', { projectId: project.id, name: 'node_package' })).rejects.toThrow(/built-in template/);
  });

  it('shows a project whose folder vanished as missing, and says so when asked to open it', async () => {
    const { call } = door();
    const folder = tempDir();
    const project = await call<Project>('projects.add', { path: folder });
    rmSync(folder, { recursive: true });
    expect((await call<ProjectCard[]>('projects.dashboard', {})).find((c) => c.project.id === project.id)).toMatchObject({ missing: true });
    await expect(call('projects.open', { projectId: project.id, target: 'folder' })).rejects.toThrow(/is missing: the project's folder was moved or deleted/);
  });

  it('declares, lists and removes user-defined resources, and shows which step waits for one', async () => {
    const { call, engine } = door();
    await call('resources.define', { id: 'gpu', capacity: 1, type: 'gpu', unit: 'cards' });
    const folder = tempDir();
    cpSync(FIXTURE, folder, { recursive: true });
    const project = await call<Project>('projects.add', { path: folder });
    const wf = { version: 1, name: 'gpus', steps: [
      { name: 'first', module: 'shell', action: 'run', parameters: { command: 'sleep 1' }, resources: { gpu: 1 } },
      { name: 'second', module: 'shell', action: 'run', parameters: { command: 'true' }, resources: { gpu: 1 } },
    ] };
    await call('workflows.save', { projectId: project.id, name: 'gpus', workflow: wf, baseRevision: null });
    const { executionId } = await call<{ executionId: string }>('runs.start', { projectId: project.id, workflowName: 'gpus' });
    await expect.poll(async () => (await call<ResourceStatus[]>('resources.list', {})).find((r) => r.id === 'gpu')?.waiting.length, { timeout: 5000 }).toBe(1);
    const gpu = (await call<ResourceStatus[]>('resources.list', {})).find((r) => r.id === 'gpu')!;
    expect(gpu).toMatchObject({ userDefined: true, available: 0, capacity: 1 });
    expect(gpu.waiting[0]).toMatchObject({ executionId, amount: 1 });
    expect(gpu.allocations).toHaveLength(1);
    await expect.poll(async () => (await engine.getExecution(executionId))?.status, { timeout: 10_000 }).toBe('completed');
    expect(await call('resources.remove', { id: 'gpu' })).toEqual({ removed: true });
    await expect(call('resources.remove', { id: 'cpu' })).rejects.toThrow(/not a user-defined resource/);
  });

  it('keeps an hour of the machine\'s samples for the monitor\'s charts', async () => {
    const { call, engine } = door();
    await engine.resourceMonitor.sample();
    await engine.resourceMonitor.sample();
    const { system } = await call<{ system: { cpu: number; memTotalMB: number }[] }>('resources.history', {});
    expect(system).toHaveLength(2);
    expect(system[0]!.memTotalMB).toBeGreaterThan(0);
  });
});
