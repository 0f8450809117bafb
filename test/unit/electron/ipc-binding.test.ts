import { beforeEach, describe, expect, it, vi } from 'vitest';
import { COMMANDS, type AppInfo, type WorkflowEntry } from '../../../shared/ipc.js';
import type { Project, WorkflowExecution } from '../../../shared/model.js';
import { NOT_FOUND_SAMPLES, SAMPLE_NEW_WORKFLOW, sampleRequests } from '../../contract-samples.js';
import { tempDir } from '../../helpers.js';
import { COMMAND_ROUTES, HANDLED_CHANNELS, INVOKE_CHANNEL } from '../../../electron/main/channels.js';
import { resetFakeElectron, state } from './fake-electron.js';
import { invoke, launch } from './launch.js';

vi.mock('electron', () => import('./fake-electron.js'));
vi.mock('electron-store', () => import('./fake-electron-store.js'));

beforeEach(() => resetFakeElectron());

async function value<T>(command: string, request: unknown): Promise<T> {
  const reply = await invoke(command, request);
  if (!reply.ok) throw new Error(`${command} failed: ${reply.error.code} ${reply.error.message}`);
  return reply.value as T;
}

async function until<T>(probe: () => Promise<T | null>, timeoutMs = 15_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const result = await probe();
    if (result !== null) return result;
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('the contract bound in main', () => {
  it('handles exactly one channel, which routes every command of the contract', async () => {
    await launch();
    expect([...state.handlers.keys()]).toEqual([...HANDLED_CHANNELS]);
    expect(Object.keys(COMMAND_ROUTES).sort()).toEqual([...COMMANDS].sort());
    expect(new Set(Object.values(COMMAND_ROUTES))).toEqual(new Set([INVOKE_CHANNEL]));
  });

  it('reaches the engine with every command in the contract', async () => {
    const { project } = await launch();
    const info = await value<AppInfo>('app.info', {});
    expect(info).toMatchObject({ mode: 'electron', version: '0.1.0-test', platform: process.platform });
    expect(info.projectId).toEqual(expect.any(String));
    const projectId = info.projectId!;
    const projects = await value<Project[]>('projects.list', {});
    expect(projects.map((p) => p.path)).toEqual([project]);

    // Run commands act on a finished run and a session, made first.
    const first = await value<{ executionId: string }>('runs.start', { projectId, workflowName: 'diamond' });
    await until(async () => ((await value<WorkflowExecution | null>('runs.get', first))?.status === 'completed' ? true : null));
    const session = await value<{ sessionId: string }>('sessions.create', { name: 'contract' });
    // The shared samples are typed by Command, so a command added to the contract fails the type check until covered.
    const requests = sampleRequests({ projectId, workflowName: 'diamond', executionId: first.executionId, step: 'prepare', sessionId: session.sessionId, projectPath: project, scratchDir: tempDir() });
    const replies = Object.fromEntries(await Promise.all(COMMANDS.map(async (command) => [command, await invoke(command, requests[command])] as const)));
    for (const command of COMMANDS) {
      expect(replies[command], command).toMatchObject(NOT_FOUND_SAMPLES.has(command) ? { ok: false, error: { code: 'not-found' } } : { ok: true });
    }

    const workflows = await value<WorkflowEntry[]>('workflows.list', { projectId });
    expect(workflows.map((w) => w.name).sort()).toEqual(['broken', SAMPLE_NEW_WORKFLOW, 'diamond'].sort());
    expect(await value('runs.cancel', { executionId: 'no-such-run' })).toEqual({ cancelled: false });
    const started = replies['runs.start']!;
    const { executionId } = (started as { value: { executionId: string } }).value;
    const done = await until(async () => {
      const execution = await value<WorkflowExecution | null>('runs.get', { executionId });
      return execution !== null && execution.status !== 'running' && execution.status !== 'pending' ? execution : null;
    });
    expect(done.status).toBe('completed');
    expect(Object.values(done.steps).map((run) => run.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
  });
});

describe('invalid requests', () => {
  it('are refused with typed errors and never throw', async () => {
    const { app } = await launch();
    const projectId = app.main.projectId!;
    const cases: [unknown, unknown, string][] = [
      ['workflows.list', { projectId: 42 }, 'invalid-request'],
      ['workflows.list', {}, 'invalid-request'],
      ['runs.start', { projectId, workflowName: 'diamond', params: { x: { nested: true } } }, 'invalid-request'],
      ['runs.list', { limit: 0 }, 'invalid-request'],
      ['app.info', { extra: true }, 'invalid-request'],
      ['workflows.get', { projectId, name: 'diamond', path: '/etc/passwd' }, 'invalid-request'],
      ['projects.list', 'not an object', 'invalid-request'],
      ['projects.list', 42, 'invalid-request'],
      ['projects.list', [], 'invalid-request'],
      ['shell.exec', { command: 'rm -rf /' }, 'unknown-command'],
      ['__proto__', {}, 'unknown-command'],
      ['constructor', {}, 'unknown-command'],
      [null, {}, 'unknown-command'],
      [{ command: 'app.info' }, {}, 'unknown-command'],
      ['workflows.list', { projectId: 'no-such-project' }, 'not-found'],
      // Well-formed but not a Redis URL: refused by the engine, naming why, and the queue stays off.
      ['queue.configure', { redisUrl: 'http://localhost:6379' }, 'failed'],
      ['queue.configure', { redisUrl: 6379 }, 'invalid-request'],
    ];
    for (const [command, request, code] of cases) {
      const reply = await invoke(command, request);
      expect(reply, `${String(command)} ${JSON.stringify(request)}`).toMatchObject({ ok: false, error: { code, message: expect.any(String) } });
    }
  });

  it('from a frame that is not the app are refused before the engine sees them', async () => {
    const { app } = await launch();
    const projectId = app.main.projectId!;
    const foreign = ['https://evil.example/', 'file:///etc/passwd', 'file:///tmp/index.html', 'about:blank', 'data:text/html,hi', 'not a url', ''];
    for (const url of foreign) {
      const reply = await invoke('runs.start', { projectId, workflowName: 'diamond' }, url);
      expect(reply, url).toMatchObject({ ok: false, error: { code: 'invalid-request', message: expect.stringContaining('not the app') } });
    }
    expect(await invoke('app.info', {}, null)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await value('runs.list', {})).toEqual([]);
  });

  it('from the app page with a hash route are accepted', async () => {
    await launch();
    const { APP_URL } = await import('./launch.js');
    expect(await invoke('app.info', {}, `${APP_URL}#/runs/x?tab=logs`)).toMatchObject({ ok: true });
  });
});
