import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN } from '../cli.js';
import { newEngine, tempDir } from '../helpers.js';
import { writeWorkflow } from './run-api.js';

const WHERE = `version: 1
name: where
steps:
  - { name: show, module: shell, action: run, parameters: { command: 'echo "dir=$(pwd)" >> "$CODOMYRMEX_OUTPUT"' } }
`;

type ToolResult = { isError?: boolean; content: { text?: string }[]; structuredContent?: { projectId?: string | null; sessionId?: string | null; status?: string; steps?: Record<string, { outputs: Record<string, unknown> }> } };

const clients: Client[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client.close();
});

describe('runs started over MCP', () => {
  it("are recorded under their project, and a session of another project is refused rather than lent", async () => {
    const home = tempDir('codomyrmex-mcp-home-');
    const served = tempDir('codomyrmex-mcp-a-');
    const other = tempDir('codomyrmex-mcp-b-');
    writeWorkflow(other, 'where', WHERE);
    // B registered earlier in the same data folder; the server opens on A.
    const registering = newEngine(home);
    const b = registering.projectManager.addProject(other, 'beta');
    await registering.close();

    const env = Object.fromEntries(Object.entries({ ...process.env, CODOMYRMEX_HOME: home }).filter((entry): entry is [string, string] => entry[1] !== undefined));
    const client = new Client({ name: 'mcp-run-project-test', version: '1.0.0' });
    await client.connect(new StdioClientTransport({ command: process.execPath, args: [BIN, 'mcp', served], env, stderr: 'pipe' }));
    clients.push(client);
    const call = async (name: string, args: Record<string, unknown>) => (await client.callTool({ name, arguments: args })) as ToolResult;

    const session = await call('create_session', { name: 'work-a' });
    const sessionId = (session.structuredContent as { sessionId: string }).sessionId;
    const refused = await call('execute_workflow', { workflow_name: 'where', project: 'beta', session_id: sessionId });
    expect(refused.isError).toBe(true);
    expect(refused.content[0]?.text).toMatch(/session "work-a" is bound to project "codomyrmex-mcp-a-\w+": it does not run where of project "beta"/);

    const run = await call('execute_workflow', { workflow_name: 'where', project: 'beta' });
    expect(run.isError).toBeFalsy();
    expect(run.structuredContent).toMatchObject({ status: 'completed', projectId: b.id, sessionId: null });
    expect(run.structuredContent!.steps!.show!.outputs.dir).toBe(other);
  });
});
