import { describe, expect, it } from 'vitest';
import { stepSummary } from '../../../../renderer/canvas/step-summary.js';

const summary = (module: string, action: string, parameters: Record<string, unknown>) => stepSummary({ module, action, parameters });

describe("a step's one-line summary on the canvas", () => {
  it('is the command of a shell step, a multi-line one on one line', () => {
    expect(summary('shell', 'run', { command: 'npm ci' })).toBe('npm ci');
    expect(summary('shell', 'run', { command: 'set -e\n  npm ci\n\n  npm   test' })).toBe('set -e ⏎ npm ci ⏎ npm test');
  });

  it('is the method and URL of an http step, GET when the method is left out', () => {
    expect(summary('http', 'request', { url: 'https://example.com/health' })).toBe('GET https://example.com/health');
    expect(summary('http', 'request', { url: 'https://example.com/hook', method: 'post' })).toBe('POST https://example.com/hook');
  });

  it('is the path of a file step, saying whether it reads, writes or appends', () => {
    expect(summary('file', 'write', { path: 'out/a.txt', content: 'x' })).toBe('write out/a.txt');
    expect(summary('file', 'write', { path: 'log.txt', content: 'x', append: true })).toBe('append to log.txt');
    expect(summary('file', 'read', { path: 'config.json' })).toBe('read config.json');
  });

  it('says what the other built-in actions do', () => {
    expect(summary('control', 'delay', { seconds: 2.5 })).toBe('wait 2.5 s');
    expect(summary('control', 'fail', {})).toBe('fail on purpose');
    expect(summary('workflow', 'run', { file: 'sub.yaml' })).toBe('run sub.yaml');
    expect(summary('static_analysis', 'analyze_code', {})).toBe('analyse .');
    expect(summary('environment_setup', 'check_environment', { requirements: ['node >=20', 'git'] })).toBe('needs node >=20, git');
  });

  it('is nothing when there is nothing to say yet: a noop, a shell step without its command', () => {
    expect(summary('control', 'noop', {})).toBeNull();
    expect(summary('shell', 'run', {})).toBeNull();
    expect(summary('shell', 'run', { command: '   ' })).toBeNull();
    expect(summary('http', 'request', { method: 'GET' })).toBeNull();
  });

  it("names the first text parameter of an action it does not know (a plug-in's)", () => {
    expect(summary('docker', 'build', { tags: ['a'], context: './app', push: true })).toBe('context: ./app');
    expect(summary('docker', 'build', {})).toBeNull();
  });

  it('keeps templates as written', () => {
    expect(summary('shell', 'run', { command: 'echo ${{ steps.a.outputs.x }}' })).toBe('echo ${{ steps.a.outputs.x }}');
  });
});
