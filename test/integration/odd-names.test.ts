import type { ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Reply, RunDetail } from '../../shared/ipc.js';
import { cli } from '../cli.js';
import { tempDir } from '../helpers.js';
import { connect, serve } from './serve-process.js';
import { newApi } from './run-api.js';

const LONG = 's'.repeat(300);
const TOO_LONG = 'the step name is 300 characters long; a step name has at most 64';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

function file(name: string, text: string): string {
  const path = join(tempDir('codomyrmex-names-'), name);
  writeFileSync(path, text);
  return path;
}

describe('names that are too long or odd', () => {
  it('a 300-character step name is a validation error for codomyrmex validate and run', () => {
    const path = file('long.yaml', `version: 1\nname: long\nsteps:\n  - { name: ${LONG}, module: shell, action: run, parameters: { command: "echo hi" } }\n`);
    for (const command of ['validate', 'run']) {
      const result = cli([command, path], tempDir('codomyrmex-home-'));
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain(`${path}: step "#1", field name: ${TOO_LONG}`);
    }
  });

  it('a 300-character step name saved through serve is an invalid-workflow reply, and serve keeps answering', async () => {
    const project = tempDir('codomyrmex-names-project-');
    const { child, url } = await serve(project, tempDir('codomyrmex-home-'));
    children.push(child);
    const socket = await connect(url);
    const { projectId } = ((await socket.send('app.info', {})) as { ok: true; value: { projectId: string } }).value;
    const workflow = { version: 1, name: 'long', steps: [{ name: LONG, module: 'control', action: 'noop' }] };
    const reply: Reply = await socket.send('workflows.save', { projectId, name: 'long', workflow, baseRevision: null });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-workflow', problems: [{ step: '#1', field: 'name', message: TOO_LONG }] } });
    // A workflow name past its 200 characters is refused by the contract itself, before any file is thought of.
    const longWorkflow = await socket.send('workflows.save', { projectId, name: 'w'.repeat(250), workflow: { name: 'x', steps: [] }, baseRevision: null });
    expect(longWorkflow).toMatchObject({ ok: false, error: { code: 'invalid-request', message: 'workflows.save: name: Too big: expected string to have <=200 characters' } });
    expect((await socket.send('app.info', {})).ok).toBe(true);
    expect(child.exitCode).toBeNull();
    expect(existsSync(join(project, '.codomyrmex', 'workflows'))).toBe(false);
    socket.close();
  });

  it('constructor, toString and valueOf are plain step, param and output names', () => {
    const wf = `version: 1
name: builtins
params: { valueOf: { default: plain } }
steps:
  - { name: constructor, module: shell, action: run, parameters: { command: 'echo "toString=\${{ params.valueOf }}" >> "$CODOMYRMEX_OUTPUT"' } }
  - { name: toString, module: shell, action: run, dependencies: [constructor], parameters: { command: 'echo "got \${{ steps.constructor.outputs.toString }}"' } }
  - { name: hasOwnProperty, module: control, action: noop, dependencies: [toString] }
`;
    const result = cli(['run', file('builtins.yaml', wf), '--json'], tempDir('codomyrmex-home-'));
    expect(result.code, result.stderr).toBe(0);
    const record = JSON.parse(result.stdout) as { steps: Record<string, { status: string; outputs: Record<string, unknown> }> };
    const steps = new Map(Object.entries(record.steps));
    expect([...steps.keys()]).toEqual(['constructor', 'toString', 'hasOwnProperty']);
    expect(steps.get('constructor')!.outputs.toString).toBe('plain');
    expect(steps.get('toString')!.outputs.stdout).toBe('got plain\n');
    expect(steps.get('hasOwnProperty')!.status).toBe('succeeded');
  });

  it('__proto__ as a step, param or resource name is refused, and an undeclared toString resource is unknown', () => {
    const cases: [string, string][] = [
      ['steps:\n  - { name: __proto__, module: control, action: noop }', 'step "#1", field name: the step name is reserved'],
      ['params: { __proto__: { default: 1 } }\nsteps:\n  - { name: a, module: control, action: noop }', 'field params.__proto__: "__proto__" cannot be a key or a name'],
      ['steps:\n  - { name: a, module: control, action: noop, resources: { __proto__: 1 } }', 'step "a", field resources.__proto__: "__proto__" cannot be a key'],
      ['steps:\n  - { name: a, module: control, action: noop, resources: { toString: 1 } }', 'step "a", field resources.toString: unknown resource "toString"'],
    ];
    for (const [body, message] of cases) {
      const result = cli(['run', file('proto.yaml', `version: 1\nname: proto\n${body}\n`)], tempDir('codomyrmex-home-'));
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('names step logs by a short prefix and a hash, so the longest names sharing a prefix get their own files', async () => {
    const stem = 'x'.repeat(60);
    const steps = [`${stem}-1`, `${stem}-2`];
    const yaml = `version: 1\nname: logs\nsteps:\n${steps.map((name) => `  - { name: ${name}, module: shell, action: run, parameters: { command: "echo from ${name.slice(-1)}" } }\n`).join('')}`;
    const { call, start, finished } = newApi({ logs: yaml });
    const run: RunDetail = await finished(await start('logs'));
    const names = steps.map((step) => basename(run.steps[step]!.logPath!));
    expect(names[0]).not.toBe(names[1]);
    for (const name of names) expect(name).toMatch(/^x{32}-[0-9a-f]{10}\.log$/);
    for (const step of steps) expect((await call('runs.log', { executionId: run.executionId, step })).text).toBe(`from ${step.slice(-1)}\n`);
  });
});

describe('session names', () => {
  it('are held to their rule by the contract and by the engine itself', async () => {
    const { engine, refusal } = newApi({});
    const error = await refusal('sessions.create', { name: 'two\nlines' });
    expect(error).toMatchObject({ code: 'invalid-request', message: expect.stringContaining('the session name must not hold control characters') });
    expect(() => engine.createSession('x'.repeat(101))).toThrow('the session name "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…" (101 characters) is 101 characters long; a session name has at most 100');
  });
});

describe('project folders stay where they belong', () => {
  it('projects.create refuses a name holding .. or a path separator, and makes no folder', async () => {
    const { refusal } = newApi({});
    const parentDir = tempDir('codomyrmex-parent-');
    for (const name of ['../x', '..', 'a/b', 'a\\b', '/abs']) {
      const error = await refusal('projects.create', { name, parentDir });
      expect(error.code, name).toBe('invalid-request');
      expect(error.message, name).toContain('cannot be a file name');
    }
    expect(readdirSync(parentDir)).toEqual([]);
  });

  // Node's recursive mkdir never returns there: the engine hung on this one request.
  it.runIf(existsSync('/proc/self'))('projects.create under a folder that takes no new folders (/proc) is refused at once, naming the path', async () => {
    const { call, refusal } = newApi({});
    const before = await call('projects.list', {});
    const error = await refusal('projects.create', { name: 'nope', parentDir: '/proc' });
    expect(error.message).toContain('/proc/nope');
    expect(error.message).toContain('ENOENT');
    expect(await call('projects.list', {})).toEqual(before);
  });

  it('projects.add of a file system root or the home folder needs the confirmation flag', async () => {
    const { call, refusal } = newApi({});
    for (const [path, what] of [['/', 'a file system root'], [homedir(), 'your home folder']] as const) {
      const error = await refusal('projects.add', { path });
      expect(error).toEqual({ code: 'needs-confirmation', message: expect.stringContaining(`${path} is ${what}, not one project's folder`) });
    }
    const root = await call('projects.add', { path: '/', confirmBroadFolder: true });
    expect(root.path).toBe('/');
  });
});
