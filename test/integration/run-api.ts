// Test helpers for the runs commands: a project with workflow files, an EngineApi on it, calls that must succeed or fail.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Command, IpcError, RequestOf, ResponseOf, RunDetail } from '../../shared/ipc.js';
import { TERMINAL_EXECUTION_STATUSES } from '../../shared/model.js';
import { EngineApi } from '../../electron/engine/api.js';
import type { OrchestrationEngine } from '../../electron/engine/orchestration-engine.js';
import { newEngine, tempDir } from '../helpers.js';

export function writeWorkflow(projectDir: string, name: string, yaml: string): string {
  const dir = join(projectDir, '.codomyrmex', 'workflows');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, yaml);
  return file;
}

export function apiOn(engine: OrchestrationEngine, workflows: Record<string, string>, projectDir = tempDir('codomyrmex-project-')) {
  for (const [name, yaml] of Object.entries(workflows)) writeWorkflow(projectDir, name, yaml);
  const project = engine.projectManager.addProject(projectDir);
  const api = new EngineApi(engine, { mode: 'browser', version: 'test', projectId: project.id, origin: 'app' });
  const call = async <C extends Command>(command: C, request: RequestOf<C>): Promise<ResponseOf<C>> => {
    const reply = await api.dispatch(command, request);
    if (!reply.ok) throw new Error(`${command}: ${reply.error.code}: ${reply.error.message}`);
    return reply.value as ResponseOf<C>;
  };
  const refusal = async <C extends Command>(command: C, request: RequestOf<C>): Promise<IpcError> => {
    const reply = await api.dispatch(command, request);
    expect(reply.ok, `${command} should be refused`).toBe(false);
    return (reply as { error: IpcError }).error;
  };
  const finished = async (executionId: string): Promise<RunDetail> => {
    let detail: RunDetail | null = null;
    await expect.poll(async () => {
      detail = await call('runs.get', { executionId });
      return detail !== null && TERMINAL_EXECUTION_STATUSES.has(detail.status);
    }, { timeout: 20_000, interval: 25 }).toBe(true);
    return detail!;
  };
  const start = async (workflowName: string, extra: Partial<RequestOf<'runs.start'>> = {}) =>
    (await call('runs.start', { projectId: project.id, workflowName, ...extra })).executionId;
  return { engine, api, project, dir: projectDir, call, refusal, finished, start };
}

export function newApi(workflows: Record<string, string>, options: { logCapBytes?: number } = {}) {
  return apiOn(newEngine(undefined, options), workflows);
}
