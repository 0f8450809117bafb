// The step cache over MCP: execute_workflow shows cached steps with their key, and takes no_cache and force.
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN } from '../cli.js';
import { tempDir } from '../helpers.js';
import { writeWorkflow } from './run-api.js';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'cache-project');

type Step = { status: string; cacheKey: string | null; cacheMiss: { summary: string } | null };
type ToolResult = { isError?: boolean; structuredContent?: { status: string; steps: Record<string, Step> } };

const clients: Client[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client.close();
});

describe('the step cache over MCP', () => {
  it('execute_workflow restores cached steps (status cached, their key), and no_cache / force bypass the cache', async () => {
    const home = tempDir('codomyrmex-mcp-home-');
    const dir = tempDir('codomyrmex-mcp-cache-');
    cpSync(join(FIXTURE, 'src'), join(dir, 'src'), { recursive: true });
    cpSync(join(FIXTURE, 'LICENSE.txt'), join(dir, 'LICENSE.txt'));
    writeWorkflow(dir, 'build', readFileSync(join(FIXTURE, 'build.yaml'), 'utf8'));
    const env = Object.fromEntries(Object.entries({ ...process.env, CODOMYRMEX_HOME: home }).filter((entry): entry is [string, string] => entry[1] !== undefined));
    const client = new Client({ name: 'mcp-cache-test', version: '1.0.0' });
    await client.connect(new StdioClientTransport({ command: process.execPath, args: [BIN, 'mcp', dir], env, stderr: 'pipe' }));
    clients.push(client);
    const call = async (args: Record<string, unknown> = {}) => {
      const result = (await client.callTool({ name: 'execute_workflow', arguments: { workflow_name: 'build', ...args } })) as ToolResult;
      expect(result.isError ?? false).toBe(false);
      return result.structuredContent!;
    };
    const statuses = (run: { steps: Record<string, Step> }) => Object.values(run.steps).map((step) => step.status);

    const first = await call();
    expect(statuses(first)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
    expect(first.steps.words!.cacheMiss).toEqual({ summary: 'first run', changes: [] });
    const second = await call();
    expect(statuses(second)).toEqual(['cached', 'cached', 'cached', 'cached']);
    expect(second.steps.package!.cacheKey).toBe(first.steps.package!.cacheKey);
    expect(second.steps.package!.cacheMiss).toBeNull();

    const forced = await call({ force: ['compile'] });
    expect(statuses(forced)).toEqual(['cached', 'succeeded', 'cached', 'cached']);
    expect(forced.steps.compile!.cacheMiss!.summary).toBe('--force');
    const off = await call({ no_cache: true });
    expect(statuses(off)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
    expect(off.steps.words).toMatchObject({ cacheKey: null, cacheMiss: { summary: '--no-cache' } });
  }, 60_000);
});
