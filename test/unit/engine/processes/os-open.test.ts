import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { launchFor, missingDisplay, openInOs } from '../../../../electron/engine/processes/os-open.js';
import { tempDir } from '../../../helpers.js';

/** A stand-in for the desktop's tool on PATH that records how it was called. */
function fakeTool(name: string, body = ''): { bin: string; log: string } {
  const bin = tempDir();
  const log = join(bin, 'calls.log');
  writeFileSync(join(bin, name), `#!/bin/sh\necho "$PWD|$*" >> ${JSON.stringify(log)}\n${body}`);
  chmodSync(join(bin, name), 0o755);
  return { bin, log };
}

/** A process's state letter from /proc (R running, S sleeping, Z exited but not reaped), or null once it is gone. */
function processState(pid: number): string | null {
  try {
    return /\) (\S)/.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.[1] ?? null;
  } catch {
    return null;
  }
}

/** A desktop session, as the app has on a Linux desktop (tests run headless). */
const DESKTOP = { ...process.env, DISPLAY: ':0' };

describe('opening a project from the app', () => {
  it.runIf(process.platform === 'linux')('opens the folder with xdg-open', async () => {
    const project = tempDir();
    const { bin, log } = fakeTool('xdg-open');
    await openInOs('folder', project, { ...DESKTOP, PATH: `${bin}:${process.env.PATH}` });
    await expect.poll(() => { try { return readFileSync(log, 'utf8'); } catch { return ''; } }).toBe(`${project}|${project}\n`);
  });

  it.runIf(process.platform === 'linux')('opens $TERMINAL in the project folder', async () => {
    const project = tempDir();
    const { bin, log } = fakeTool('my-term');
    await openInOs('terminal', project, { ...DESKTOP, TERMINAL: join(bin, 'my-term') });
    await expect.poll(() => { try { return readFileSync(log, 'utf8'); } catch { return ''; } }).toBe(`${project}|\n`);
  });

  it('says what is missing instead of failing silently', async () => {
    await expect(openInOs('folder', join(tempDir(), 'gone'))).rejects.toThrow(/is missing: the project's folder was moved or deleted/);
    await expect(openInOs('terminal', tempDir(), { ...DESKTOP, TERMINAL: 'no-such-terminal-here' })).rejects.toThrow(/no-such-terminal-here is not installed \(set \$TERMINAL/);
  });

  it.runIf(process.platform === 'linux')('says there is no graphical session where neither DISPLAY nor WAYLAND_DISPLAY is set', async () => {
    const project = tempDir();
    const { DISPLAY: _x, WAYLAND_DISPLAY: _w, ...headless } = process.env;
    await expect(openInOs('folder', project, headless)).rejects.toThrow(`cannot open a file manager for ${project}: the machine the app runs on has no graphical session (DISPLAY and WAYLAND_DISPLAY are unset)`);
    expect(missingDisplay('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toBeNull();
    expect(missingDisplay('darwin', {})).toBeNull();
  });

  it.runIf(process.platform === 'linux')('passes on what a tool that starts but fails says, rather than claiming success', async () => {
    const project = tempDir();
    const { bin } = fakeTool('xdg-open', 'echo "xdg-open: no method available for opening $1" >&2\nexit 3\n');
    await expect(openInOs('folder', project, { ...DESKTOP, PATH: `${bin}:${process.env.PATH}` })).rejects.toThrow(`cannot open a file manager for ${project}: xdg-open failed (exit code 3: xdg-open: no method available for opening ${project})`);
  });

  it.runIf(process.platform === 'linux')('fails promptly, with what it said, a tool that exits while a program it started keeps its stderr open', async () => {
    const project = tempDir();
    const { bin } = fakeTool('xdg-open', 'echo "xdg-open: the file manager crashed" >&2\nsleep 5 &\nexit 4\n');
    const started = Date.now();
    await expect(openInOs('folder', project, { ...DESKTOP, PATH: `${bin}:${process.env.PATH}` })).rejects.toThrow(`xdg-open failed (exit code 4: xdg-open: the file manager crashed)`);
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it.runIf(process.platform === 'linux')('leaves a tool that keeps running (the window itself) to live on, and resolves', async () => {
    const project = tempDir();
    const { bin } = fakeTool('xdg-open', `echo $$ > ${JSON.stringify(join(project, 'pid'))}\nexec sleep 30\n`);
    await openInOs('folder', project, { ...DESKTOP, PATH: `${bin}:${process.env.PATH}` }, 300);
    // Resolved while the tool still runs: it did not wait for the tool to end.
    const pid = Number(readFileSync(join(project, 'pid'), 'utf8'));
    try {
      expect(processState(pid)).toBe('S');
    } finally {
      process.kill(pid, 'SIGKILL');
    }
  });

  it('uses each platform\'s own tools', () => {
    expect(launchFor('folder', '/p', 'darwin')).toMatchObject({ command: 'open', args: ['/p'] });
    expect(launchFor('terminal', 'C:\\p', 'win32').command).toBe('cmd');
    expect(launchFor('terminal', '/p', 'linux', {}).command).toBe('x-terminal-emulator');
  });
});
