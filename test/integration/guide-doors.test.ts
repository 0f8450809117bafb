// The guide's calls through the CLI and MCP: a run's results and performanceMetrics in `run --json` and run
// summaries, and check_environment / analyze_code_quality with no parameters as MCP tasks.
import type { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PerformanceMetrics } from '../../shared/model.js';
import { cli } from '../cli.js';
import { tempDir } from '../helpers.js';
import { mcpProcess } from '../mcp-process.js';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

const CHAIN = `version: 1
name: chain
steps:
  - { name: first, module: shell, action: run, parameters: { command: 'sleep 0.3; echo "answer=42" >> "$CODOMYRMEX_OUTPUT"' } }
  - { name: second, module: shell, action: run, parameters: { command: 'echo \${{ steps.first.outputs.answer }}' }, dependencies: [first] }
  - { name: aside, module: control, action: noop }
`;

describe('run --json', () => {
  it('prints results and performanceMetrics, with the critical path', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'chain.yaml'), CHAIN);
    const result = cli(['run', join(dir, 'chain.yaml'), '--json'], tempDir('codomyrmex-home-'));
    expect(result.code, result.stderr).toBe(0);
    const record = JSON.parse(result.stdout) as { results: Record<string, Record<string, unknown>>; performanceMetrics: PerformanceMetrics };
    expect(record.results.first).toMatchObject({ answer: '42', exitCode: 0 });
    expect(record.results.second).toMatchObject({ stdout: '42\n' });
    expect(record.results.aside).toEqual({});
    const metrics = record.performanceMetrics;
    expect(metrics.criticalPath.steps).toEqual(['first', 'second']);
    expect(metrics.steps.first!.runTimeMs).toBeGreaterThanOrEqual(300);
    expect(metrics.steps.first!.peakMemoryMB).toBeGreaterThan(0);
    // An in-process action has no process tree to measure.
    expect(metrics.steps.aside).toMatchObject({ cpuTimeMs: null, peakMemoryMB: null, attempts: 1 });
    expect(metrics.totals.stepsRun).toBe(3);
  });
});

describe('over MCP', () => {
  it('execute_task runs check_environment with no parameters on the project, and its summary has the metrics', async () => {
    const project = tempDir('codomyrmex-mcp-project-');
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'p', engines: { node: '>=1' } }));
    const mcp = await mcpProcess(project, tempDir('codomyrmex-mcp-home-'));
    children.push(mcp.child);
    const reply = await mcp.call('tools/call', { name: 'execute_task', arguments: { module: 'environment_setup', action: 'check_environment' } });
    const result = reply.result as { isError?: boolean; content: { text: string }[]; structuredContent: { success: boolean; outputs: Record<string, unknown>; execution: { results: Record<string, unknown>; performanceMetrics: PerformanceMetrics } } };
    expect(result.isError, result.content[0]?.text).not.toBe(true);
    expect(result.structuredContent.success).toBe(true);
    expect(result.structuredContent.outputs).toMatchObject({ ok: true, sources: { node: ['package.json engines.node'] }, tools: { node: { required: '>=1', satisfies: true } } });
    const { execution } = result.structuredContent;
    expect(Object.keys(execution.results)).toHaveLength(1);
    expect(execution.performanceMetrics.criticalPath.steps).toEqual(Object.keys(execution.results));
  });

  it('execute_task runs analyze_code_quality and says it used the builtin analysis where no linter is configured', async () => {
    const project = tempDir('codomyrmex-mcp-project-');
    writeFileSync(join(project, 'app.py'), 'def f(x):\n    if x:\n        return 1\n    return 0\n');
    const mcp = await mcpProcess(project, tempDir('codomyrmex-mcp-home-'));
    children.push(mcp.child);
    const reply = await mcp.call('tools/call', { name: 'execute_task', arguments: { module: 'static_analysis', action: 'analyze_code_quality' } });
    const result = reply.result as { isError?: boolean; content: { text: string }[]; structuredContent: { success: boolean; outputs: Record<string, unknown> } };
    expect(result.isError, result.content[0]?.text).not.toBe(true);
    expect(result.structuredContent.outputs).toMatchObject({ tool: 'builtin', files: 1, complexity: { unit: 'file', max: 2 } });
  });

  it('every refusal carries its code and timestamp: a missing workflow, arguments that do not fit, an unknown tool', async () => {
    const mcp = await mcpProcess(tempDir('codomyrmex-mcp-project-'), tempDir('codomyrmex-mcp-home-'));
    children.push(mcp.child);
    const refusal = async (name: string, args: Record<string, unknown>) => {
      const reply = await mcp.call('tools/call', { name, arguments: args });
      const result = reply.result as { isError: boolean; content: { text: string }[]; _meta: { code: string; timestamp: string } };
      expect(result.isError).toBe(true);
      expect(Math.abs(Date.parse(result._meta.timestamp) - Date.now())).toBeLessThan(60_000);
      expect(result.content[0]!.text.endsWith(`\ncode: ${result._meta.code}`)).toBe(true);
      return result._meta.code;
    };
    expect(await refusal('execute_workflow', { workflow_name: 'nowhere' })).toBe('not-found');
    expect(await refusal('execute_workflow', { name: 'nowhere' })).toBe('invalid-request');
    expect(await refusal('no_such_tool', {})).toBe('not-found');
  });
});
