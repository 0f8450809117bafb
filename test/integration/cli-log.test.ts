import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { BIN, cli } from '../cli.js';
import { folderWith, newEngine, tempDir } from '../helpers.js';

type LogRecord = Record<string, unknown> & { level: string; msg: string };

function workflowFile(text: string): string {
  const file = join(tempDir(), 'flow.yaml');
  writeFileSync(file, text);
  return file;
}

/** Every record of the log, oldest first; a line that is no JSON fails the test. */
function records(home: string): LogRecord[] {
  const dir = join(home, 'logs');
  const files = readdirSync(dir).filter((name) => /^codomyrmex\.\d+\.log$/.test(name)).sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]));
  return files.flatMap((name) => readFileSync(join(dir, name), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as LogRecord));
}

const ENV_FLOW = `version: 1
name: env-flow
env: { API_TOKEN: s3cret, GREETING: hi, HOME: /elsewhere }
steps:
  - name: greet
    module: shell
    action: run
    parameters: { command: 'echo "$GREETING"', env: { DB_PASSWORD: hunter2 } }
`;

describe('the engine log from the CLI', () => {
  it('at --log-level debug writes each step’s command line and environment diff, secrets masked, on records naming the workflow, run and step', () => {
    const home = tempDir();
    const result = cli(['run', workflowFile(ENV_FLOW), '--log-level', 'debug', '--json'], home, undefined, { CODOMYRMEX_LOCAL_BIN: '0' });
    expect(result.code).toBe(0);
    const { executionId } = JSON.parse(result.stdout) as { executionId: string };
    const all = records(home);
    const command = all.find((record) => record.msg === 'step command')!;
    expect(command).toMatchObject({ level: 'debug', workflow: 'env-flow', executionId, step: 'greet', attempt: 1, command: 'echo "$GREETING"' });
    const env = command.env as { added: Record<string, string>; changed: Record<string, string>; removed: string[] };
    expect(env.added).toMatchObject({ API_TOKEN: '***', DB_PASSWORD: '***', GREETING: 'hi' });
    expect(env.changed).toEqual({ HOME: '/elsewhere' });
    expect(env.removed).toEqual([]);
    expect(JSON.stringify(all)).not.toMatch(/s3cret|hunter2/);
    // Every record of the run carries its workflow and run; a step's, its step; the level by name.
    const ofRun = all.filter((record) => record.executionId === executionId);
    expect(ofRun.map((record) => record.msg)).toEqual(['run started', 'step started', 'step command', 'step finished', 'run finished']);
    for (const record of ofRun) expect(record).toMatchObject({ workflow: 'env-flow', executionId });
    expect(ofRun.filter((record) => record.msg.startsWith('step ')).every((record) => record.step === 'greet')).toBe(true);
    expect(ofRun.find((record) => record.msg === 'run finished')).toMatchObject({ level: 'info', status: 'completed', durationMs: expect.any(Number) });
    // A chosen level shows on stderr too (JSON lines off a terminal); stdout keeps the --json record alone.
    expect(result.stderr).toContain('"msg":"step command"');
  });

  it('CODOMYRMEX_LOG_LEVEL=error keeps info out of the file and stderr, and records the failure', () => {
    const home = tempDir();
    const flow = workflowFile('version: 1\nname: broken\nsteps:\n  - { name: boom, module: shell, action: run, parameters: { command: "exit 3" } }\n');
    const result = cli(['run', flow], home, undefined, { CODOMYRMEX_LOG_LEVEL: 'error' });
    expect(result.code).toBe(1);
    const all = records(home);
    expect(all.map((record) => [record.level, record.msg])).toEqual([['error', 'step failed'], ['error', 'run finished']]);
    expect(all[0]).toMatchObject({ workflow: 'broken', step: 'boom', exitCode: 3, error: 'command exited with code 3' });
    expect(result.stderr).not.toContain('"level":"info"');
    expect(result.stderr).toContain('"msg":"step failed"');
  });

  it('records a run refused for an invalid workflow as a warning naming its problems', () => {
    const home = tempDir();
    const flow = workflowFile('version: 1\nname: cyclic\nsteps:\n  - { name: a, module: control, action: noop, dependencies: [b] }\n  - { name: b, module: control, action: noop, dependencies: [a] }\n');
    // validate checks without running: nothing logged; run refuses (exit 2) and the log says why.
    expect(cli(['validate', flow], home).code).toBe(2);
    expect(cli(['run', flow], home).code).toBe(2);
    const [refused, ...rest] = records(home);
    expect(rest).toEqual([]);
    expect(refused).toMatchObject({ level: 'warning', msg: 'run refused', workflow: 'cyclic', file: flow });
    expect(JSON.stringify(refused!.problems)).toContain('cycle');
  });

  it('by default logs info to the file and nothing to stderr (the CLI’s own lines stay as they were)', () => {
    const home = tempDir();
    const result = cli(['run', workflowFile(ENV_FLOW)], home);
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain('{"level"');
    // Run start, the step's end, run end: a step's start and command are debug.
    expect(records(home).map((record) => [record.level, record.msg])).toEqual([['info', 'run started'], ['info', 'step finished'], ['info', 'run finished']]);
    expect(readlinkSync(join(home, 'logs', 'codomyrmex.log'))).toBe('codomyrmex.1.log');
  });

  it('names a registered project on every record of its runs, and no project for a run outside every one', () => {
    const home = tempDir();
    const shop = folderWith({ '.codomyrmex/workflows/ci.yaml': 'version: 1\nname: ci\nsteps:\n  - { name: test, module: shell, action: run, parameters: { command: "true" } }\n' });
    const flow = join(shop, '.codomyrmex', 'workflows', 'ci.yaml');
    newEngine(home).projectManager.addProject(shop, 'shop');
    expect(cli(['run', flow], home).code).toBe(0);
    expect(cli(['run', workflowFile('version: 1\nname: loose\nsteps:\n  - { name: t, module: shell, action: run, parameters: { command: "true" } }\n')], home).code).toBe(0);
    const all = records(home);
    const ofShop = all.filter((record) => record.workflow === 'ci');
    expect(ofShop.map((record) => record.msg)).toEqual(['run started', 'step finished', 'run finished']);
    for (const record of ofShop) expect(record.project).toBe('shop');
    for (const record of all.filter((record) => record.workflow === 'loose')) expect(record).not.toHaveProperty('project');
  });

  it('keeps a cached step to debug: the run’s end counts its steps by status, and debug names each hit with its key', () => {
    const home = tempDir();
    const file = workflowFile([
      'version: 1', 'name: hits', 'steps:',
      '  - { name: build, module: shell, action: run, parameters: { command: "echo built > out.txt" }, cache: { inputs: [], outputs: [out.txt] } }',
      '  - { name: check, module: shell, action: run, parameters: { command: "true" }, dependencies: [build] }',
    ].join('\n'));
    expect(cli(['run', file], home).code).toBe(0);
    expect(cli(['run', file], home).code).toBe(0);
    const second = records(home).filter((record) => record.executionId === records(home).at(-1)!.executionId);
    expect(second.map((record) => record.msg)).toEqual(['run started', 'step finished', 'run finished']);
    expect(second.at(-1)).toMatchObject({ status: 'completed', steps: { cached: 1, succeeded: 1 } });
    expect(cli(['run', file, '--log-level', 'debug'], home).code).toBe(0);
    const debug = records(home).filter((record) => record.executionId === records(home).at(-1)!.executionId);
    expect(debug.find((record) => record.msg === 'step cached')).toMatchObject({ level: 'debug', step: 'build', cacheKey: expect.stringMatching(/^[0-9a-f]{16,}$/) });
  });

  it('rotates the file past its size, keeps the count it is given, and never cuts a record', () => {
    const home = tempDir();
    // Steps that take a moment, as real ones do: records reach the file in batches (every 100 ms), and pino-roll
    // rotates after a write once the file is past its size.
    const steps = Array.from({ length: 40 }, (_, i) => `  - { name: s${i}, module: control, action: delay, parameters: { seconds: 0.02 } }`).join('\n');
    const flow = workflowFile(`version: 1\nname: wide\nconcurrency: 1\nsteps:\n${steps}\n`);
    for (let run = 0; run < 2; run++) expect(cli(['run', flow], home, undefined, { CODOMYRMEX_LOG_MAX_BYTES: '4096', CODOMYRMEX_LOG_KEEP: '2' }).code).toBe(0);
    const numbered = readdirSync(join(home, 'logs')).filter((name) => /^codomyrmex\.\d+\.log$/.test(name)).sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]));
    // Two runs of 40 steps write ~40 KB: rotated several times, the oldest files removed, the link on the newest.
    expect(Number(numbered.at(-1)!.split('.')[1])).toBeGreaterThanOrEqual(4);
    expect(numbered.length).toBeLessThanOrEqual(3);
    expect(readlinkSync(join(home, 'logs', 'codomyrmex.log'))).toBe(numbered.at(-1));
    const kept = records(home);
    expect(kept.at(-1)).toMatchObject({ msg: 'run finished', workflow: 'wide', status: 'completed' });
    // A file ends with the batch that took it past the size: at most 64 KiB more.
    for (const name of numbered) expect(readFileSync(join(home, 'logs', name)).length).toBeLessThan(4096 + 64 * 1024);
  });

  it.each([
    [['run', 'x.yaml', '--log-level', 'loud'], {}, '--log-level takes debug, info, warning, error, critical or off; got "loud"'],
    [['history'], { CODOMYRMEX_LOG_LEVEL: 'verbose' }, 'CODOMYRMEX_LOG_LEVEL takes debug, info, warning, error, critical or off; got "verbose"'],
    [['serve', '--log-level', ''], {}, '--log-level takes debug, info, warning, error, critical or off; got ""'],
    [['mcp', '--log-level=trace'], {}, '--log-level takes debug, info, warning, error, critical or off; got "trace"'],
  ])('refuses a level that is none (%j) with exit 2, naming the allowed ones', (args, env, message) => {
    const result = cli(args, tempDir(), undefined, env);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`codomyrmex: ${message}\n`);
  });

  it('takes --log-level on every command, Python’s upper-case names too', () => {
    const home = tempDir();
    expect(cli(['validate', workflowFile(ENV_FLOW), '--log-level', 'WARNING'], home).code).toBe(0);
    expect(cli(['history', '--log-level', 'critical'], home).code).toBe(0);
    expect(cli(['prune', '--older-than', '7d', '--dry-run', '--log-level', 'off'], home).code).toBe(0);
  });

  it('keeps MCP’s stdout for the protocol at --log-level debug: the records go to stderr', async () => {
    const home = tempDir();
    const child = spawn(process.execPath, [BIN, 'mcp', tempDir(), '--log-level', 'debug'], { env: { ...process.env, CODOMYRMEX_HOME: home }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const lines: string[] = [];
    const replies = createInterface({ input: child.stdout });
    const answered = new Promise<void>((resolve) => replies.on('line', (line) => {
      lines.push(line);
      if (line.includes('"id":2')) resolve();
    }));
    const send = (message: object): boolean => child.stdin.write(`${JSON.stringify(message)}\n`);
    send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'log-test', version: '1' } } });
    send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    send({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'execute_task', arguments: { module: 'shell', action: 'run', parameters: { command: 'echo from-mcp' } } } });
    await answered;
    child.stdin.end();
    await new Promise((resolve) => child.once('exit', resolve));
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ jsonrpc: '2.0' });
    expect(stderr).toContain('"msg":"step command"');
    expect(stderr).toContain('"command":"echo from-mcp"');
    expect(records(home).some((record) => record.msg === 'step command')).toBe(true);
  });
});
