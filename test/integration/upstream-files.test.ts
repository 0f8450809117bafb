// A Codomyrmex (Python) user's files and calls work here: its step fields load as aliases, through every door, and
// refusals carry a stable error code.
import type { ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from '../cli.js';
import { newEngine, tempDir } from '../helpers.js';
import { mcpProcess } from '../mcp-process.js';
import { apiOn } from './run-api.js';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** Fails until it has been run `succeedOn` times in its folder, counting its runs in the file `tries`. */
const flakyCommand = (succeedOn: number) => `n=$(cat tries 2>/dev/null || echo 0); n=$((n+1)); echo $n > tries; [ $n -ge ${succeedOn} ]`;

/**
 * A step as the upstream's `WorkflowStep` dataclass is saved (`asdict`): name, module, action, parameters,
 * dependencies, timeout=None, retry_count=0, max_retries=3.
 */
function upstreamStep(name: string, command: string, dependencies: string[] = [], maxRetries = 3) {
  return { name, module: 'shell', action: 'run', parameters: { command }, dependencies, timeout: null, retry_count: 0, max_retries: maxRetries };
}

function writeWorkflow(dir: string, file: string, workflow: unknown): string {
  const path = join(dir, file);
  writeFileSync(path, JSON.stringify(workflow, null, 2));
  return path;
}

describe('upstream Codomyrmex workflow files', () => {
  it('runs a step file in the upstream shape, honouring max_retries: a step failing twice succeeds on its third try', () => {
    const dir = tempDir('codomyrmex-upstream-');
    const file = writeWorkflow(dir, 'flaky.json', { name: 'flaky', steps: [upstreamStep('flaky', flakyCommand(3)), upstreamStep('after', 'echo done', ['flaky'])] });
    const result = cli(['run', file, '--json'], tempDir('codomyrmex-home-'));
    expect(result.stderr).not.toContain('expected number');
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(join(dir, 'tries'), 'utf8').trim()).toBe('3');
    const run = JSON.parse(result.stdout) as { status: string; steps: Record<string, { status: string; attempts?: number }> };
    expect(run.status).toBe('completed');
  });

  it('fails the same step when max_retries allows only one retry', () => {
    const dir = tempDir('codomyrmex-upstream-');
    const file = writeWorkflow(dir, 'flaky.json', { name: 'flaky', steps: [upstreamStep('flaky', flakyCommand(3), [], 1)] });
    const result = cli(['run', file], tempDir('codomyrmex-home-'));
    expect(result.code).toBe(1);
    expect(readFileSync(join(dir, 'tries'), 'utf8').trim()).toBe('2');
  });

  it('refuses a misspelt step key with exit 2 and a did-you-mean, and accepts ui and x-* keys', () => {
    const dir = tempDir('codomyrmex-upstream-');
    const home = tempDir('codomyrmex-home-');
    const misspelt = writeWorkflow(dir, 'misspelt.json', { name: 'misspelt', steps: [{ name: 'a', module: 'shell', action: 'run', parameters: { command: 'true' }, dependencys: [] }] });
    const refused = cli(['validate', misspelt], home);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('step "a", field dependencys: unknown step field (did you mean "dependencies"?)');
    const tooled = writeWorkflow(dir, 'tooled.json', { name: 'tooled', steps: [{ name: 'a', module: 'shell', action: 'run', parameters: { command: 'true' }, ui: { x: 10, y: 20, colour: 'red' }, 'x-foo': { owner: 'ci' } }] });
    const accepted = cli(['validate', tooled], home);
    expect(accepted.code, accepted.stderr).toBe(0);
  });

  it('prints a refusal with its code and timestamp under --json', () => {
    const dir = tempDir('codomyrmex-upstream-');
    const misspelt = writeWorkflow(dir, 'misspelt.json', { name: 'misspelt', steps: [{ name: 'a', module: 'shell', action: 'run', parameters: { command: 'touch ran' }, dependencys: [] }] });
    const result = cli(['run', misspelt, '--json'], tempDir('codomyrmex-home-'));
    expect(result.code).toBe(2);
    const { error } = JSON.parse(result.stdout) as { error: { code: string; timestamp: string; message: string; problems: { step: string; field: string }[] } };
    expect(error.code).toBe('validation-error');
    expect(Date.parse(error.timestamp)).not.toBeNaN();
    expect(error.problems[0]).toMatchObject({ step: 'a', field: 'dependencys' });
    const usage = cli(['run', '--json'], tempDir('codomyrmex-home-'));
    expect((JSON.parse(usage.stdout) as { error: { code: string } }).error.code).toBe('usage-error');
  });
});

describe('upstream Codomyrmex calls over MCP', () => {
  it('create_workflow takes the upstream step fields, and the saved workflow retries as max_retries said', async () => {
    const project = tempDir('codomyrmex-mcp-project-');
    const home = tempDir('codomyrmex-mcp-home-');
    const mcp = await mcpProcess(project, home);
    children.push(mcp.child);
    const reply = await mcp.call('tools/call', { name: 'create_workflow', arguments: { name: 'flaky', steps: [upstreamStep('flaky', flakyCommand(3))] } });
    const result = reply.result as { isError?: boolean; content: { text: string }[] };
    expect(result.isError, result.content[0]?.text).not.toBe(true);
    const file = join(project, '.codomyrmex', 'workflows', 'flaky.yaml');
    const run = cli(['run', file], home);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(join(project, 'tries'), 'utf8').trim()).toBe('3');
  });

  it('a tool error carries its code, in the text and in _meta', async () => {
    const mcp = await mcpProcess(tempDir('codomyrmex-mcp-project-'), tempDir('codomyrmex-mcp-home-'));
    children.push(mcp.child);
    const reply = await mcp.call('tools/call', { name: 'create_workflow', arguments: { name: 'bad', steps: [{ name: 'a', module: 'nope', action: 'nothing' }] } });
    const result = reply.result as { isError: boolean; content: { text: string }[]; _meta: { code: string; timestamp: string } };
    expect(result.isError).toBe(true);
    expect(result.content[0]!.text).toMatch(/\ncode: validation-error$/);
    expect(result._meta.code).toBe('validation-error');
    expect(Date.parse(result._meta.timestamp)).not.toBeNaN();
  });
});

describe('upstream Codomyrmex steps through the library and browser mode', () => {
  it('createWorkflow reads max_retries as the retry count', () => {
    const workflow = newEngine().workflowManager.defineWorkflow('flaky', [upstreamStep('flaky', 'true')], { saveTo: false });
    expect(workflow.steps[0]!.retry).toEqual({ count: 3, delay: 0, backoff: 1 });
    expect(workflow.steps[0]!.timeout).toBeUndefined();
  });

  it('workflows.save (the browser and app door) takes upstream steps and refuses a misspelt key with its problem', async () => {
    const { call, refusal, project } = apiOn(newEngine(), {});
    const saved = await call('workflows.save', { projectId: project.id, name: 'flaky', workflow: { name: 'flaky', steps: [upstreamStep('flaky', 'true')] }, baseRevision: null });
    expect(saved.workflow?.steps[0]!.retry?.count).toBe(3);
    const text = readFileSync(saved.file, 'utf8');
    expect(text).toMatch(/retry:\s+count: 3/);
    expect(text).not.toMatch(/max_retries|retry_count|timeout/);
    const error = await refusal('workflows.save', { projectId: project.id, name: 'typo', workflow: { name: 'typo', steps: [{ name: 'a', module: 'shell', action: 'run', parameters: { command: 'true' }, dependencys: [] }] }, baseRevision: null });
    expect(error.problems).toEqual([expect.objectContaining({ step: 'a', field: 'dependencys', message: 'unknown step field (did you mean "dependencies"?)' })]);
  });
});

describe('an upstream YAML file saved by the editor', () => {
  it('keeps its x-* keys and comments and writes max_retries back as retry', async () => {
    const yaml = '# ours\nname: keep\nsteps:\n  - name: a\n    module: shell\n    action: run\n    parameters: { command: "true" }\n    timeout: null\n    retry_count: 0\n    max_retries: 2\n    x-owner: ci\n';
    const { call, project, dir } = apiOn(newEngine(), { keep: yaml });
    const opened = await call('workflows.get', { projectId: project.id, name: 'keep' });
    expect(opened.problems).toEqual([]);
    await call('workflows.save', { projectId: project.id, name: 'keep', workflow: { ...opened.workflow!, description: 'edited' }, baseRevision: opened.revision });
    const text = readFileSync(join(dir, '.codomyrmex', 'workflows', 'keep.yaml'), 'utf8');
    expect(text).toContain('# ours');
    expect(text).toContain('x-owner: ci');
    expect(text).toMatch(/retry:\s+count: 2/);
    expect(text).not.toMatch(/max_retries|retry_count|timeout/);
  });
});
