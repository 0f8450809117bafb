import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BIN, cli } from '../cli.js';
import { tempDir } from '../helpers.js';
import { startRedis, startWorker } from '../redis.js';

const ROOT = join(import.meta.dirname, '..', '..');
const UPSTREAM = ['execute_workflow', 'create_workflow', 'list_workflows', 'create_project', 'list_projects', 'execute_task', 'get_system_status', 'get_health_status', 'allocate_resources', 'create_complex_workflow'];

/** Builds the CLI when the MCP door's sources are newer than the build (npm test builds first, so it rarely runs). */
beforeAll(() => {
  // The CLI is one bundle (bin/codomyrmex.js runs it): rebuilding it while other test files run the CLI would pull it
  // from under them, so only a missing or stale bundle is rebuilt.
  const built = join(ROOT, 'dist', 'cli', 'main.cjs');
  const sources = join(ROOT, 'electron', 'doors', 'mcp');
  const newest = Math.max(...readdirSync(sources).map((file) => statSync(join(sources, file)).mtimeMs));
  if (!existsSync(built) || statSync(built).mtimeMs < newest) {
    execFileSync(process.execPath, ['scripts/build.mjs', '--no-renderer', '--no-electron', '--no-types'], { cwd: ROOT, stdio: 'inherit' });
  }
}, 120_000);

const clients: Client[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client.close();
});

type ToolResult = { isError?: boolean; content: { type: string; text?: string }[]; structuredContent?: Record<string, unknown> };

async function startServer(options: { home?: string; project?: string } = {}) {
  const home = options.home ?? tempDir('codomyrmex-mcp-home-');
  const project = options.project ?? tempDir('codomyrmex-mcp-project-');
  const env = Object.fromEntries(Object.entries({ ...process.env, CODOMYRMEX_HOME: home }).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const transport = new StdioClientTransport({ command: process.execPath, args: [BIN, 'mcp', project], env, stderr: 'pipe' });
  const client = new Client({ name: 'mcp-server-test', version: '1.0.0' });
  await client.connect(transport);
  clients.push(client);
  const call = async (name: string, args: Record<string, unknown> = {}) => (await client.callTool({ name, arguments: args })) as ToolResult;
  /** A call that must succeed: its structured output. */
  const ok = async <T = Record<string, unknown>>(name: string, args: Record<string, unknown> = {}): Promise<T> => {
    const result = await call(name, args);
    if (result.isError) throw new Error(`${name} failed: ${result.content[0]?.text}`);
    return result.structuredContent as T;
  };
  /** A call that must fail: its message. */
  const refused = async (name: string, args: Record<string, unknown> = {}): Promise<string> => {
    const result = await call(name, args);
    expect(result.isError, `${name} should have failed`).toBe(true);
    return result.content.map((part) => part.text ?? '').join('\n');
  };
  return { client, transport, home, project, call, ok, refused };
}

const hello = (command = 'echo "hello from mcp"') => [
  { name: 'hello', module: 'shell', action: 'run', parameters: { command } },
  { name: 'after', module: 'control', action: 'noop', dependencies: ['hello'] },
];

interface Run { executionId: string; status: string; success: boolean; finished: boolean; origin: string; steps: Record<string, { status: string; exitCode: number | null; logTail: string; logUri: string | null; outputs: Record<string, unknown> }> }

/** Polls get_execution until the run ends, as an agent would. */
async function pollToEnd(ok: Awaited<ReturnType<typeof startServer>>['ok'], executionId: string): Promise<Run> {
  for (;;) {
    const run = await ok<Run>('get_execution', { execution_id: executionId, wait_seconds: 1 });
    if (run.finished) return run;
  }
}

describe('codomyrmex mcp', () => {
  it('lists every upstream tool by its name, each with an input schema, and every tool with an output schema', async () => {
    const { client } = await startServer();
    const { tools } = await client.listTools();
    const names = tools.map((tool) => tool.name);
    expect(names).toEqual(expect.arrayContaining(UPSTREAM));
    expect(names).toEqual(expect.arrayContaining(['get_workflow', 'update_workflow', 'delete_workflow', 'validate_workflow', 'start_workflow', 'get_execution', 'cancel_execution', 'list_executions', 'list_sessions', 'create_session', 'list_templates', 'list_resources', 'get_available_capacity', 'release_resources', 'get_step_log', 'list_actions']));
    for (const tool of tools) {
      expect(tool.inputSchema.type, tool.name).toBe('object');
      expect(tool.outputSchema?.type, tool.name).toBe('object');
      // A sentence an agent reads to choose the tool: it starts with a capital and says more than a word.
      expect(tool.description, tool.name).toMatch(/^[A-Z][^\n]* [^\n]+/);
    }
    const executeWorkflow = tools.find((tool) => tool.name === 'execute_workflow')!;
    expect(executeWorkflow.inputSchema.required).toEqual(['workflow_name']);
  });

  it('creates a workflow, executes it, polls it to completion and reads its log as a resource and as a tail', async () => {
    const { client, ok, project } = await startServer();
    const created = await ok<{ workflow_name: string; steps_count: number; file: string; uri: string }>('create_workflow', { name: 'greet', steps: hello(), description: 'says hello' });
    expect(created).toMatchObject({ workflow_name: 'greet', steps_count: 2, file: join(project, '.codomyrmex', 'workflows', 'greet.yaml') });
    expect(readFileSync(created.file, 'utf8')).toContain('echo "hello from mcp"');

    const started = await ok<{ executionId: string }>('start_workflow', { workflow_name: 'greet' });
    const run = await pollToEnd(ok, started.executionId);
    expect(run).toMatchObject({ status: 'completed', success: true, origin: 'mcp', steps: { hello: { status: 'succeeded', exitCode: 0 }, after: { status: 'succeeded' } } });
    expect(run.steps.hello!.logTail).toContain('hello from mcp');

    const log = await client.readResource({ uri: run.steps.hello!.logUri! });
    expect(log.contents[0]).toMatchObject({ mimeType: 'text/plain', text: expect.stringContaining('hello from mcp') });
    const slice = await ok<{ text: string; size: number }>('get_step_log', { execution_id: run.executionId, step: 'hello' });
    expect(slice.text).toContain('hello from mcp');

    const file = await client.readResource({ uri: created.uri });
    expect(file.contents[0]).toMatchObject({ text: expect.stringContaining('name: greet') });
    const { resources } = await client.listResources();
    expect(resources.map((resource) => resource.uri)).toEqual(expect.arrayContaining([created.uri, run.steps.hello!.logUri]));
  });

  it('records a run it started with origin mcp, so another process sees it in the history', async () => {
    const { ok, home } = await startServer();
    await ok('create_workflow', { name: 'greet', steps: hello() });
    const run = await ok<Run>('execute_workflow', { workflow_name: 'greet' });
    expect(run).toMatchObject({ status: 'completed', success: true });
    const history = cli(['history', '--json'], home);
    expect(history.code).toBe(0);
    expect(JSON.parse(history.stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ executionId: run.executionId, origin: 'mcp', status: 'completed' })]));
  });

  it('executes a workflow with params and a session, waiting for the result as upstream does', async () => {
    const { ok } = await startServer();
    await ok('create_workflow', { name: 'echo', params: { who: 'nobody' }, steps: [{ name: 'say', module: 'shell', action: 'run', parameters: { command: 'echo "hi ${{ params.who }}"' } }] });
    const session = await ok<{ sessionId: string }>('create_session', { name: 'agent work' });
    const run = await ok<Run & { sessionId: string; params: Record<string, unknown> }>('execute_workflow', { workflow_name: 'echo', params: { who: 'ada' }, session_id: session.sessionId });
    expect(run).toMatchObject({ success: true, sessionId: session.sessionId, params: { who: 'ada' } });
    expect(run.steps.say!.logTail).toContain('hi ada');
    const { sessions } = await ok<{ sessions: { sessionId: string; name: string }[] }>('list_sessions');
    expect(sessions).toEqual(expect.arrayContaining([expect.objectContaining({ sessionId: session.sessionId, name: 'agent work' })]));
  });

  it('execute_task runs a real shell command and returns its exit code and output', async () => {
    const { ok, project } = await startServer();
    const passed = await ok<{ success: boolean; exitCode: number; stdout: string }>('execute_task', { name: 'where', module: 'shell', action: 'run', parameters: { command: 'pwd && echo task-out' } });
    expect(passed).toMatchObject({ success: true, exitCode: 0 });
    expect(passed.stdout).toContain('task-out');
    expect(passed.stdout).toContain(project);
    const failed = await ok<{ success: boolean; exitCode: number; error: string }>('execute_task', { name: 'fails', module: 'shell', action: 'run', parameters: { command: 'echo broken >&2; exit 3' } });
    expect(failed).toMatchObject({ success: false, exitCode: 3, error: expect.stringContaining('exited with code 3') });
    const after = await ok<{ success: boolean }>('execute_task', { name: 'next', module: 'control', action: 'noop', dependencies: ['where'] });
    expect(after.success).toBe(true);
  });

  it('create_project writes a template\'s files and the project is listed', async () => {
    const { ok } = await startServer();
    const target = join(tempDir('codomyrmex-mcp-new-'), 'textkit');
    const created = await ok<{ project_path: string; template_used: string; workflows: string[]; files: string[] }>('create_project', { name: 'textkit', template: 'node_package', path: target, description: 'helpers' });
    expect(created).toMatchObject({ project_path: target, template_used: 'node_package' });
    expect(created.workflows).toContain('ci');
    expect(created.files).toContain('package.json');
    expect(JSON.parse(readFileSync(join(target, 'package.json'), 'utf8')).name).toBe('textkit');
    const { projects } = await ok<{ projects: { name: string; path: string; template: string }[] }>('list_projects');
    expect(projects).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'textkit', path: target, template: 'node_package' })]));
    const { templates } = await ok<{ templates: { name: string }[] }>('list_templates');
    expect(templates.map((t) => t.name)).toEqual(expect.arrayContaining(['web_application', 'data_pipeline', 'ai_analysis', 'node_package']));
    const { workflows } = await ok<{ workflows: { name: string }[] }>('list_workflows', { project: 'textkit' });
    expect(workflows.map((w) => w.name)).toContain('ci');
  });

  it('allocate_resources takes capacity until release_resources gives it back, and refuses more than is free', async () => {
    const { ok, refused } = await startServer();
    const before = await ok<{ available: number; capacity: number }>('get_available_capacity', { resource_id: 'cpu' });
    const allocated = await ok<{ allocated: boolean; allocations: { resourceId: string; amount: number }[] }>('allocate_resources', { user_id: 'agent-1', requirements: { cpu: { cores: 1 } } });
    expect(allocated).toMatchObject({ allocated: true, allocations: [{ resourceId: 'cpu', amount: 1 }] });
    expect(await ok('get_available_capacity', { resource_id: 'cpu' })).toMatchObject({ available: before.available - 1, allocated: 1 });
    const listed = await ok<{ resources: { id: string; allocations: { taskId: string }[] }[] }>('list_resources');
    expect(listed.resources.find((r) => r.id === 'cpu')!.allocations).toEqual([expect.objectContaining({ taskId: 'agent-1' })]);

    expect(await refused('allocate_resources', { user_id: 'agent-2', requirements: { cpu: before.capacity + 100 } })).toMatch(/requirements\.cpu: asks for \d+ cores but only \d+ of \d+ are available/);
    expect(await refused('allocate_resources', { user_id: 'agent-2', requirements: { disk: 1 } })).toContain('requirements.disk: unknown resource "disk"');
    await ok('release_resources', { user_id: 'agent-1' });
    expect(await ok('get_available_capacity', { resource_id: 'cpu' })).toMatchObject({ available: before.available });
  });

  it('create_complex_workflow builds a fan-out / fan-in from a pattern and runs it', async () => {
    const { ok } = await startServer();
    const step = (name: string) => ({ name, module: 'shell', action: 'run', parameters: { command: `echo ${name}` } });
    const result = await ok<{ dependencies: Record<string, string[]>; execution_result: Run }>('create_complex_workflow', {
      name: 'fan', workflow_type: 'fan_out_fan_in', workflow_definition: { steps: ['prepare', 'left', 'right', 'merge'].map(step) },
    });
    expect(result.dependencies).toEqual({ prepare: [], left: ['prepare'], right: ['prepare'], merge: ['left', 'right'] });
    expect(result.execution_result).toMatchObject({ success: true, steps: { merge: { status: 'succeeded' } } });
    const pipeline = await ok<{ dependencies: Record<string, string[]>; execution_result: null }>('create_complex_workflow', { name: 'line', template: 'pipeline', steps: ['a', 'b', 'c'].map(step), execute: false });
    expect(pipeline).toMatchObject({ dependencies: { a: [], b: ['a'], c: ['b'] }, execution_result: null });
  });

  it('gets, updates, validates and deletes workflow files', async () => {
    const { ok, refused } = await startServer();
    await ok('create_workflow', { name: 'greet', steps: hello() });
    const document = await ok<{ revision: string; valid: boolean; workflow: { steps: unknown[] } }>('get_workflow', { name: 'greet' });
    expect(document).toMatchObject({ valid: true, workflow: { steps: [expect.anything(), expect.anything()] } });
    const updated = await ok<{ revision: string; text: string }>('update_workflow', { name: 'greet', description: 'now described', base_revision: document.revision });
    expect(updated.text).toContain('now described');
    expect(await refused('update_workflow', { name: 'greet', description: 'stale', base_revision: document.revision })).toContain('changed on disk');
    expect(await ok('validate_workflow', { name: 'greet' })).toEqual({ valid: true, problems: [], notes: [] });
    const report = await ok('validate_workflow', { steps: [
      { name: 'test', module: 'shell', action: 'run', parameters: { command: 'npm test' } },
      { name: 'report', module: 'shell', action: 'run', parameters: { command: 'echo ${{ steps.test.outputs.exitCode }}' }, dependencies: ['test'], runWhen: 'always' },
    ] });
    expect(report).toEqual({ valid: true, problems: [], notes: [{ step: 'report', field: 'parameters.command', message: '${{ steps.test.outputs.exitCode }} is empty when "test" is skipped (this step has runWhen: always)' }] });
    const draft = await ok<{ valid: boolean; problems: { step?: string; field?: string; message: string }[] }>('validate_workflow', { steps: [{ name: 'x', module: 'shell', action: 'run', parameters: {} }] });
    expect(draft.valid).toBe(false);
    expect(draft.problems).toEqual([expect.objectContaining({ step: 'x', field: 'parameters.command', message: 'is required' })]);
    expect(await ok('delete_workflow', { name: 'greet' })).toMatchObject({ deleted: true });
    expect(await ok('list_workflows')).toMatchObject({ count: 0 });
  });

  it('reports the system\'s health, load and status from the live engine', async () => {
    const { ok, home } = await startServer();
    expect(await ok('get_health_status')).toMatchObject({ status: 'healthy', healthy: true, database: 'ok', home, load: { cores: expect.any(Number) } });
    const status = await ok<{ resources: { id: string }[]; projects: number }>('get_system_status');
    expect(status.resources.map((r) => r.id)).toEqual(expect.arrayContaining(['cpu', 'memory']));
    expect(status.projects).toBe(1);
    const { actions } = await ok<{ actions: { module: string; action: string }[] }>('list_actions', { module: 'shell' });
    expect(actions).toEqual([expect.objectContaining({ module: 'shell', action: 'run' })]);
  });

  it('cancels a running execution', async () => {
    const { ok } = await startServer();
    await ok('create_workflow', { name: 'slow', steps: [{ name: 'wait', module: 'shell', action: 'run', parameters: { command: 'sleep 30' } }] });
    const { executionId } = await ok<{ executionId: string }>('start_workflow', { workflow_name: 'slow' });
    expect(await ok('cancel_execution', { execution_id: executionId })).toMatchObject({ cancelled: true, status: 'cancelled' });
    expect(await ok('get_execution', { execution_id: executionId })).toMatchObject({ status: 'cancelled', steps: { wait: { status: 'cancelled' } } });
  });
});

describe('codomyrmex mcp and the queue', () => {
  type Status = { queue: { url: string | null; connected: boolean; problem: string | null }; workers: { id: string; host: string; pool: string; slots: number; running: unknown[]; lastHeartbeat: number }[] };

  it('get_system_status says the queue is off and lists no worker when no Redis URL is set', async () => {
    const { ok } = await startServer();
    expect(await ok<Status>('get_system_status')).toMatchObject({ queue: { url: null, connected: false, problem: null }, workers: [] });
  });

  it('get_system_status lists the workers of the queue the settings turn on: host, pool, slots and a fresh heartbeat', async () => {
    const redis = await startRedis();
    await startWorker(redis.url, { pool: 'gpu', concurrency: 3 });
    const home = tempDir('codomyrmex-mcp-home-');
    writeFileSync(join(home, 'settings.json'), JSON.stringify({ queue: { redisUrl: redis.url } }));
    const { ok } = await startServer({ home });
    let status: Status = await ok<Status>('get_system_status');
    for (const end = Date.now() + 15_000; status.workers.length === 0 && Date.now() < end; status = await ok<Status>('get_system_status')) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(status.queue).toEqual({ url: redis.url, connected: true, problem: null });
    expect(status.workers).toEqual([expect.objectContaining({ host: hostname(), pool: 'gpu', slots: 3, running: [] })]);
    expect(Date.now() - status.workers[0]!.lastHeartbeat).toBeLessThan(15_000);
  }, 60_000);
});

describe('codomyrmex mcp refuses bad input, naming what is wrong, and keeps answering', () => {
  it('names a missing field and a field of the wrong type', async () => {
    const { refused, client } = await startServer();
    expect(await refused('create_workflow', { steps: hello() })).toMatch(/name/);
    expect(await refused('create_workflow', { name: 'x', steps: 'not a list' })).toMatch(/steps/);
    expect(await refused('execute_workflow', { workflow_name: 42 })).toMatch(/workflow_name/);
    expect(await refused('execute_workflow', { workflow_name: 'x', colour: 'red' })).toMatch(/colour/);
    expect(await refused('allocate_resources', { requirements: { cpu: 1 } })).toContain('user_id');
    // Still serving after the refusals: a ping gets MCP's empty result.
    await expect(client.ping()).resolves.toEqual({});
  });

  it('names an unknown workflow, execution, project and step', async () => {
    const { refused, ok, client } = await startServer();
    // Each says so with the same code, by the error's type (not its words): README "Error codes".
    expect(await refused('execute_workflow', { workflow_name: 'nope' })).toMatch(/unknown workflow "nope".*\ncode: not-found$/s);
    expect(await refused('get_execution', { execution_id: 'no-such-run' })).toMatch(/unknown execution "no-such-run".*\ncode: not-found$/s);
    expect(await refused('cancel_execution', { execution_id: 'no-such-run' })).toMatch(/unknown execution "no-such-run".*\ncode: not-found$/s);
    expect(await refused('list_workflows', { project: 'elsewhere' })).toMatch(/unknown project "elsewhere".*\ncode: not-found$/s);
    expect(await refused('execute_task', { module: 'control', action: 'noop', session_id: 'gone' })).toMatch(/unknown session "gone".*\ncode: not-found$/s);
    await expect(client.readResource({ uri: 'codomyrmex://runs/no-such-run/logs/x' })).rejects.toThrow(/unknown execution "no-such-run"/);
    await ok('create_workflow', { name: 'greet', steps: hello() });
    const run = await ok<Run>('execute_workflow', { workflow_name: 'greet' });
    expect(await refused('get_step_log', { execution_id: run.executionId, step: 'ghost' })).toContain('no step "ghost"');
    expect(await ok('list_workflows')).toMatchObject({ count: 1 });
  });

  it('refuses a workflow whose steps form a cycle, an unknown action or a taken name, and writes nothing', async () => {
    const { refused, ok, project } = await startServer();
    const cycle = [
      { name: 'a', module: 'control', action: 'noop', dependencies: ['b'] },
      { name: 'b', module: 'control', action: 'noop', dependencies: ['a'] },
    ];
    expect(await refused('create_workflow', { name: 'loop', steps: cycle })).toMatch(/dependency cycle: (a → b → a|b → a → b)/);
    expect(existsSync(join(project, '.codomyrmex', 'workflows', 'loop.yaml'))).toBe(false);
    expect(await refused('create_complex_workflow', { name: 'loop', workflow_definition: { steps: cycle } })).toContain('dependency cycle');
    expect(await refused('execute_task', { module: 'shell', action: 'teleport' })).toMatch(/teleport/);
    await ok('create_workflow', { name: 'greet', steps: hello() });
    expect(await refused('create_workflow', { name: 'greet', steps: hello() })).toContain('already exists');
    expect(await refused('execute_task', { module: 'control', action: 'noop', dependencies: ['never-ran'] })).toContain('no task named "never-ran"');
    expect(await ok('list_workflows')).toMatchObject({ count: 1 });
  });
});

describe('the codomyrmex mcp process', () => {
  it('exits 0 when its input ends', async () => {
    const child = spawn(process.execPath, [BIN, 'mcp', tempDir()], { env: { ...process.env, CODOMYRMEX_HOME: tempDir() }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    const stderr = new Promise<string>((resolve) => {
      let text = '';
      child.stderr.on('data', (chunk: Buffer) => {
        text += chunk;
        if (text.includes('serving project')) child.stdin.end();
      });
      child.once('close', () => resolve(text));
    });
    const code = await new Promise((resolve) => child.once('close', resolve));
    expect(code).toBe(0);
    expect(await stderr).toContain('stopping (stdin closed)');
    expect(stdout).toBe('');
  });

  it('on SIGTERM cancels the steps it runs and exits 143, leaving the run recorded as cancelled', async () => {
    const { ok, transport, home } = await startServer();
    await ok('create_workflow', { name: 'slow', steps: [{ name: 'wait', module: 'shell', action: 'run', parameters: { command: 'sleep 30' } }] });
    const { executionId } = await ok<{ executionId: string }>('start_workflow', { workflow_name: 'slow' });
    for (;;) {
      const run = await ok<Run>('get_execution', { execution_id: executionId });
      if (run.steps.wait?.status === 'running') break;
    }
    // The transport owns the child; its exit code is read from the process object it keeps.
    const child = (transport as unknown as { _process: ChildProcess })._process;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(143);
    const history = JSON.parse(cli(['history', '--json'], home).stdout) as { executionId: string; status: string; origin: string }[];
    expect(history.find((run) => run.executionId === executionId)).toMatchObject({ status: 'cancelled', origin: 'mcp' });
  });
});
