// Symbolic links among a cached step's outputs are stored and restored as links, as `npm install` leaves them in
// node_modules/.bin: a link restored as a copy of its target would look for its modules beside itself, and a linked
// folder would be stored whole a second time. A folder link the outputs name themselves is followed.
import { existsSync, lstatSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../cli.js';
import { folderWith, tempDir } from '../helpers.js';

/**
 * A package's executable (`pkg/bin/tool`, which reads `../lib/message.txt` beside its real place) linked from `.bin`,
 * as npm links it, and a linked folder; a second step runs the tool through its link.
 */
function project(): { home: string; dir: string; file: string } {
  const install = [
    'echo ran >> ran.log',
    'mkdir -p deps/pkg/bin deps/pkg/lib deps/.bin',
    'cp in.txt deps/pkg/lib/message.txt',
    `printf '#!/bin/sh\\ncat "$(dirname "$(readlink -f "$0")")/../lib/message.txt"\\n' > deps/pkg/bin/tool`,
    'chmod +x deps/pkg/bin/tool',
    'ln -sfn ../pkg/bin/tool deps/.bin/tool',
    'ln -sfn ../shared deps/shared',
  ].join(' && ');
  const dir = folderWith({
    'in.txt': 'input\n',
    'shared/big.txt': 'shared data\n',
    'links.yaml': [
      'version: 1', 'name: links', 'steps:',
      `  - { name: install, module: shell, action: run, parameters: { command: "${install.replaceAll('"', '\\"')}" }, cache: { inputs: [in.txt], outputs: ["deps/**"] } }`,
      '  - { name: use, module: shell, action: run, parameters: { command: "deps/.bin/tool" }, dependencies: [install] }',
    ].join('\n'),
  }, 'codomyrmex-cache-links-');
  return { home: tempDir('codomyrmex-cache-links-home-'), dir, file: join(dir, 'links.yaml') };
}

interface Record {
  steps: { install: { status: string; cacheMiss?: { summary: string } }; use: { status: string; outputs: { stdout: string } } };
}

const run = (p: ReturnType<typeof project>, ...args: string[]): Record => {
  const result = cli(['run', p.file, '--json', ...args], p.home, p.dir);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Record;
};

describe('symbolic links among cached outputs', () => {
  it('are restored as the same links, so a tool run through its .bin link still finds its files', () => {
    const p = project();
    expect(run(p).steps.install.status).toBe('succeeded');
    rmSync(join(p.dir, 'deps'), { recursive: true });

    const restored = run(p);
    expect(restored.steps.install.status).toBe('cached');
    expect(readFileSync(join(p.dir, 'ran.log'), 'utf8')).toBe('ran\n');
    const bin = join(p.dir, 'deps', '.bin', 'tool');
    expect(lstatSync(bin).isSymbolicLink()).toBe(true);
    expect(readlinkSync(bin)).toBe('../pkg/bin/tool');
    expect(restored.steps.use.status).toBe('succeeded');
    expect(restored.steps.use.outputs.stdout).toBe('input\n');
    // The linked folder is a link again, its files not copied into the output tree.
    expect(readlinkSync(join(p.dir, 'deps', 'shared'))).toBe('../shared');
    expect(readFileSync(join(p.dir, 'deps', 'shared', 'big.txt'), 'utf8')).toBe('shared data\n');
  });

  it('a link the user pointed elsewhere since is a change: the step runs rather than the link being put back', () => {
    const p = project();
    run(p);
    const bin = join(p.dir, 'deps', '.bin', 'tool');
    writeFileSync(join(p.dir, 'deps', 'other'), 'mine\n');
    rmSync(bin);
    symlinkSync('../other', bin);
    const again = cli(['run', p.file, '--explain'], p.home, p.dir);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('install: ran — output deps/.bin/tool changed since it was stored');
    expect(readFileSync(join(p.dir, 'ran.log'), 'utf8')).toBe('ran\nran\n');
  });

  it('a folder link named by the outputs themselves is followed: its files are what is stored', () => {
    const p = project();
    const scratch = tempDir('codomyrmex-cache-links-scratch-');
    symlinkSync(scratch, join(p.dir, 'build'));
    writeFileSync(p.file, [
      'version: 1', 'name: links', 'steps:',
      '  - { name: compile, module: shell, action: run, parameters: { command: "echo ran >> ran.log && cp in.txt build/out.txt" }, cache: { inputs: [in.txt], outputs: ["build/**"] } }',
    ].join('\n'));
    run(p);
    rmSync(join(scratch, 'out.txt'));
    const restored = cli(['run', p.file, '--json'], p.home, p.dir);
    expect(JSON.parse(restored.stdout).steps.compile.status).toBe('cached');
    expect(lstatSync(join(p.dir, 'build')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(scratch, 'out.txt'), 'utf8')).toBe('input\n');
    expect(existsSync(join(p.dir, 'ran.log')) && readFileSync(join(p.dir, 'ran.log'), 'utf8')).toBe('ran\n');
  });
});
