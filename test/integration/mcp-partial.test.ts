// Part of a workflow over MCP (execute_workflow only / from / to) and the contract's preview the app asks first.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN } from '../cli.js';
import { tempDir } from '../helpers.js';
import { newApi, writeWorkflow } from './run-api.js';

const CHAIN = `version: 1
name: chain
steps:
  - { name: a, module: shell, action: run, parameters: { command: 'echo a >> ran.log; echo "v=a$(grep -c ^a$ ran.log)" >> "$CODOMYRMEX_OUTPUT"' } }
  - { name: b, module: shell, action: run, dependencies: [a], parameters: { command: 'echo b >> ran.log; echo "v=b(\${{ steps.a.outputs.v }})" >> "$CODOMYRMEX_OUTPUT"' } }
  - { name: c, module: shell, action: run, dependencies: [b], parameters: { command: 'echo c >> ran.log; echo "v=c(\${{ steps.b.outputs.v }})" >> "$CODOMYRMEX_OUTPUT"' } }
`;

type Summary = { status: string; selection: { mode: string; selected: string[]; sourceExecutionId: string | null } | null; executionId: string; steps: Record<string, { status: string; outputs: Record<string, unknown>; reusedFrom: string | null }> };
type ToolResult = { isError?: boolean; content: { text?: string }[]; structuredContent?: Summary };

const clients: Client[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client.close();
});

const ran = (dir: string): string[] => readFileSync(join(dir, 'ran.log'), 'utf8').split('\n').filter(Boolean);

describe('part of a workflow over MCP', () => {
  it('execute_workflow runs only a step, from one or up to one; refuses what no earlier run can feed', async () => {
    const home = tempDir('codomyrmex-mcp-home-');
    const dir = tempDir('codomyrmex-mcp-partial-');
    writeWorkflow(dir, 'chain', CHAIN);
    const env = Object.fromEntries(Object.entries({ ...process.env, CODOMYRMEX_HOME: home }).filter((entry): entry is [string, string] => entry[1] !== undefined));
    const client = new Client({ name: 'mcp-partial-test', version: '1.0.0' });
    await client.connect(new StdioClientTransport({ command: process.execPath, args: [BIN, 'mcp', dir], env, stderr: 'pipe' }));
    clients.push(client);
    const call = async (args: Record<string, unknown>) => (await client.callTool({ name: 'execute_workflow', arguments: { workflow_name: 'chain', ...args } })) as ToolResult;

    const refused = await call({ only: 'c' });
    expect(refused.isError).toBe(true);
    expect(refused.content[0]?.text).toContain('step "c", field selection: needs the outputs of "b", which no earlier successful run of chain has');

    const to = (await call({ to: 'b' })).structuredContent!;
    expect(to.status).toBe('completed');
    expect(to.selection).toEqual({ mode: 'to', steps: ['b'], selected: ['a', 'b'], sourceExecutionId: null });
    expect(to.steps.c!.status).toBe('not-selected');

    const only = (await call({ only: ['c'] })).structuredContent!;
    expect(only.selection).toMatchObject({ selected: ['c'], sourceExecutionId: to.executionId });
    expect(only.steps.b).toMatchObject({ status: 'not-selected', reusedFrom: to.executionId });
    expect(only.steps.c!.outputs.v).toBe('c(b(a1))');

    const from = (await call({ from: 'b' })).structuredContent!;
    expect(from.selection!.selected).toEqual(['b', 'c']);
    expect(ran(dir)).toEqual(['a', 'b', 'c', 'b', 'c']);

    const both = await call({ from: 'a', to: 'c' });
    expect(both.isError).toBe(true);
    expect(both.content[0]?.text).toContain('give one of them, got from and to');
  });

  it('runs.planSelection tells the app what would run and from which run, or why not, running nothing', async () => {
    const { call, start, finished, dir } = newApi({ chain: CHAIN });
    const before = await call('runs.planSelection', { projectId: (await call('projects.list', {}))[0]!.id, workflowName: 'chain', selection: { mode: 'only', steps: ['c'] } });
    expect(before).toEqual({ selection: null, read: [], sourceEndTime: null, problems: [expect.objectContaining({ step: 'c', field: 'selection', message: expect.stringContaining('needs the outputs of "b"') })] });

    const whole = await finished(await start('chain'));
    const projectId = whole.projectId!;
    const plan = await call('runs.planSelection', { projectId, workflowName: 'chain', selection: { mode: 'only', steps: ['c'] } });
    expect(plan).toEqual({ selection: { mode: 'only', steps: ['c'], selected: ['c'], sourceExecutionId: whole.executionId }, read: ['b'], sourceEndTime: whole.endTime, problems: [] });
    expect(ran(dir)).toEqual(['a', 'b', 'c']);

    const partial = await finished(await start('chain', { selection: { mode: 'only', steps: ['c'] } }));
    expect(partial.selection!.sourceExecutionId).toBe(whole.executionId);
    expect(ran(dir)).toEqual(['a', 'b', 'c', 'c']);
  });
});
