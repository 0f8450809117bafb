import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { describe, expect, it } from 'vitest';
import { BIN, cli } from '../cli.js';
import { defer, tempDir } from '../helpers.js';
import { writeWorkflow } from './run-api.js';

const PARENT = `version: 1
name: parent
steps:
  - { name: sub, module: workflow, action: run, parameters: { file: child.yaml, params: { n: 2 } } }
  - { name: after, module: shell, action: run, dependencies: [sub], parameters: { command: 'echo "got \${{ steps.sub.outputs.steps.inner.value }}"' } }
`;
const CHILD = `version: 1
name: child
params: { n: { default: 1 } }
steps:
  - { name: inner, module: shell, action: run, parameters: { command: 'echo "value=\${{ params.n }}" >> "$CODOMYRMEX_OUTPUT"' } }
  - { name: last, module: control, action: noop, dependencies: [inner] }
`;

describe('subflows in the CLI and over MCP', () => {
  it('run prints the child run n of m and records both levels; history nests the child run under its parent', () => {
    const home = tempDir();
    const dir = tempDir();
    writeFileSync(join(dir, 'parent.yaml'), PARENT);
    writeFileSync(join(dir, 'child.yaml'), CHILD);
    const result = cli(['run', join(dir, 'parent.yaml'), '--json'], home);
    expect(result.code).toBe(0);
    const record = JSON.parse(result.stdout);
    const childId = record.steps.sub.child.executionId;
    expect(record).toMatchObject({ parent: null, steps: { sub: { status: 'succeeded', child: { workflowName: 'child', status: 'completed', done: 2, total: 2 } } } });
    expect(result.stderr).toContain('sub');
    expect(result.stderr).toContain('[child 2 of 2, completed]');

    const history = JSON.parse(cli(['history', '--json'], home).stdout);
    expect(history.map((run: { executionId: string }) => run.executionId)).toEqual([record.executionId, childId]);
    expect(history[1]).toMatchObject({ workflowName: 'child', origin: 'cli', parent: { executionId: record.executionId, step: 'sub' }, steps: { inner: { outputs: { value: '2' } } } });
    const table = cli(['history'], home).stdout.split('\n');
    const parentRow = table.findIndex((line) => line.includes(record.executionId.slice(0, 8)));
    expect(table[parentRow + 1]).toMatch(/^\S+ \S+\s+└ child\s/);
    expect(table[parentRow + 1]).toContain(childId.slice(0, 8));
    // Asked for the child's workflow, the child run stands alone and names its parent.
    expect(cli(['history', '--workflow', 'child'], home).stdout).toContain(`child (in ${record.executionId.slice(0, 8)})`);
  });

  it('MCP get_execution names a child run\'s parent and a subflow step\'s child; list_executions lists children and top-level runs', async () => {
    const home = tempDir('codomyrmex-mcp-home-');
    const dir = tempDir('codomyrmex-mcp-subflows-');
    writeWorkflow(dir, 'parent', PARENT.replace('file: child.yaml', 'name: child'));
    writeWorkflow(dir, 'child', CHILD);
    const env = Object.fromEntries(Object.entries({ ...process.env, CODOMYRMEX_HOME: home }).filter((entry): entry is [string, string] => entry[1] !== undefined));
    const client = new Client({ name: 'mcp-subflow-test', version: '1.0.0' });
    await client.connect(new StdioClientTransport({ command: process.execPath, args: [BIN, 'mcp', dir], env, stderr: 'pipe' }));
    defer(() => client.close());
    type Result = { structuredContent?: Record<string, unknown> & { executionId: string } };
    const tool = async (name: string, args: Record<string, unknown>) => ((await client.callTool({ name, arguments: args })) as Result).structuredContent!;
    const parent = await tool('execute_workflow', { workflow_name: 'parent' });
    expect(parent).toMatchObject({ status: 'completed', parent: null, steps: { sub: { child: { workflowName: 'child', status: 'completed', done: 2, total: 2 } } } });
    const childId = (parent.steps as { sub: { child: { executionId: string } } }).sub.child.executionId;
    expect(await tool('get_execution', { execution_id: childId })).toMatchObject({ workflowName: 'child', origin: 'mcp', parent: { executionId: parent.executionId, step: 'sub' } });
    const children = await tool('list_executions', { parent_execution_id: parent.executionId });
    expect(children.executions).toEqual([expect.objectContaining({ executionId: childId, parent: { executionId: parent.executionId, step: 'sub' } })]);
    const top = await tool('list_executions', { top_level: true });
    expect(top.executions).toEqual([expect.objectContaining({ executionId: parent.executionId, parent: null })]);
  });
});
