import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { launchFor, openInOs } from '../../electron/engine/os-open.js';
import { tempDir } from '../helpers.js';

/** A stand-in for the desktop's tool on PATH that records how it was called. */
function fakeTool(name: string): { bin: string; log: string } {
  const bin = tempDir();
  const log = join(bin, 'calls.log');
  writeFileSync(join(bin, name), `#!/bin/sh\necho "$PWD|$*" >> ${JSON.stringify(log)}\n`);
  chmodSync(join(bin, name), 0o755);
  return { bin, log };
}

describe('opening a project from the app', () => {
  it.runIf(process.platform === 'linux')('opens the folder with xdg-open', async () => {
    const project = tempDir();
    const { bin, log } = fakeTool('xdg-open');
    await openInOs('folder', project, { ...process.env, PATH: `${bin}:${process.env.PATH}` });
    await expect.poll(() => { try { return readFileSync(log, 'utf8'); } catch { return ''; } }).toBe(`${project}|${project}\n`);
  });

  it.runIf(process.platform === 'linux')('opens $TERMINAL in the project folder', async () => {
    const project = tempDir();
    const { bin, log } = fakeTool('my-term');
    await openInOs('terminal', project, { ...process.env, TERMINAL: join(bin, 'my-term') });
    await expect.poll(() => { try { return readFileSync(log, 'utf8'); } catch { return ''; } }).toBe(`${project}|\n`);
  });

  it('says what is missing instead of failing silently', async () => {
    await expect(openInOs('folder', join(tempDir(), 'gone'))).rejects.toThrow(/is missing: the project's folder was moved or deleted/);
    await expect(openInOs('terminal', tempDir(), { ...process.env, TERMINAL: 'no-such-terminal-here' })).rejects.toThrow(/no-such-terminal-here is not installed \(set \$TERMINAL/);
  });

  it('uses each platform\'s own tools', () => {
    expect(launchFor('folder', '/p', 'darwin')).toMatchObject({ command: 'open', args: ['/p'] });
    expect(launchFor('terminal', 'C:\\p', 'win32').command).toBe('cmd');
    expect(launchFor('terminal', '/p', 'linux', {}).command).toBe('x-terminal-emulator');
  });
});
