import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';
import { mcpProcess } from '../mcp-process.js';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

async function start() {
  const mcp = await mcpProcess(tempDir('codomyrmex-mcp-project-'), tempDir('codomyrmex-mcp-home-'));
  children.push(mcp.child);
  return mcp;
}

describe('codomyrmex mcp given bad input', () => {
  it('answers a line that is no JSON with a -32700 parse error and goes on answering', async () => {
    const { line, next, call } = await start();
    line('{"jsonrpc": "2.0", "id": 7, "method": "tools/list"');
    expect(await next()).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32700, message: expect.stringMatching(/^Parse error: /) } });
    line('[1, 2, 3]');
    expect(await next()).toMatchObject({ id: null, error: { code: -32600 } });
    const tools = await call('tools/list');
    expect((tools.result!.tools as { name: string }[]).map((tool) => tool.name)).toContain('create_workflow');
  });

  it('answers a read of an unknown run, step or project as resource not found (-32002), not an internal error', async () => {
    const { call } = await start();
    for (const uri of ['codomyrmex://runs/no-such-run', 'codomyrmex://runs/no-such-run/logs/build', 'codomyrmex://workflows/no-such-project/ci']) {
      const reply = await call('resources/read', { uri });
      expect(reply.error, uri).toMatchObject({ code: -32002, message: expect.stringContaining('Resource not found: '), data: { uri } });
    }
  });

  it('refuses create_workflow with a 300-character step name as a validation error, and keeps serving', async () => {
    const { call } = await start();
    const name = 's'.repeat(300);
    const reply = await call('tools/call', { name: 'create_workflow', arguments: { name: 'long', steps: [{ name, module: 'control', action: 'noop' }] } });
    const result = reply.result as { isError: boolean; content: { text: string }[] };
    expect(result.isError).toBe(true);
    expect(result.content[0]!.text).toContain('the step name is 300 characters long; a step name has at most 64');
    const list = await call('tools/call', { name: 'list_workflows', arguments: {} });
    expect((list.result as { structuredContent: { count: number } }).structuredContent.count).toBe(0);
  });
});
