// Opens a project's folder in the file manager, or a terminal in it, with the platform's own tools — or says plainly
// why it cannot (no graphical session, the tool missing or refusing), so the app can show the path instead.
import { existsSync, statSync } from 'node:fs';
import { OrchestrationError } from '../../../shared/errors.js';
import { childProcess } from './child-process.js';

export type OpenTarget = 'folder' | 'terminal';

interface Launch {
  command: string;
  args: string[];
  cwd: string;
}

/** A tool that fails (xdg-open with no handler, a terminal with no display) does so within this; one that works has
 * usually exited 0 by then or is the window itself, still running. */
const SETTLE_MS = 1500;

export function launchFor(target: OpenTarget, path: string, platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): Launch {
  if (target === 'folder') {
    if (platform === 'darwin') return { command: 'open', args: [path], cwd: path };
    if (platform === 'win32') return { command: 'explorer', args: [path], cwd: path };
    return { command: 'xdg-open', args: [path], cwd: path };
  }
  if (platform === 'darwin') return { command: 'open', args: ['-a', 'Terminal', path], cwd: path };
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', 'cmd', '/K', `cd /d "${path}"`], cwd: path };
  // $TERMINAL is the user's stated choice; Debian and Ubuntu name the default one x-terminal-emulator.
  return { command: env.TERMINAL || 'x-terminal-emulator', args: [], cwd: path };
}

/** Why no window can open here, or null: on X11/Wayland systems a server without a display (a container, SSH). */
export function missingDisplay(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string | null {
  if (platform === 'darwin' || platform === 'win32') return null;
  return env.DISPLAY || env.WAYLAND_DISPLAY ? null : 'the machine the app runs on has no graphical session (DISPLAY and WAYLAND_DISPLAY are unset)';
}

/** How long a failed tool's stderr is waited for after its exit. */
const STDERR_WAIT_MS = 500;

/** Starts the tool and resolves once it is running or has exited 0 (it is left to live on its own); rejects with a
 * clear message when the folder is gone, there is no display, or the tool is missing or fails. */
export function openInOs(target: OpenTarget, path: string, env: NodeJS.ProcessEnv = process.env, settleMs = SETTLE_MS): Promise<void> {
  if (!existsSync(path) || !statSync(path).isDirectory()) return Promise.reject(new OrchestrationError(`${path} is missing: the project's folder was moved or deleted`));
  const what = target === 'folder' ? 'a file manager' : 'a terminal';
  const noDisplay = missingDisplay(process.platform, env);
  if (noDisplay !== null) return Promise.reject(new OrchestrationError(`cannot open ${what} for ${path}: ${noDisplay}`));
  const launch = launchFor(target, path, process.platform, env);
  const hint = target === 'terminal' ? ' (set $TERMINAL to your terminal program)' : '';
  return new Promise((resolve, reject) => {
    const child = childProcess().spawn(launch.command, launch.args, { cwd: launch.cwd, env, detached: true, stdio: ['ignore', 'ignore', 'pipe'], windowsHide: false });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000);
    });
    const letGo = (): void => {
      clearTimeout(timer);
      child.stderr!.destroy();
      child.unref();
    };
    const timer = setTimeout(() => {
      letGo();
      resolve();
    }, settleMs);
    child.once('error', (error: NodeJS.ErrnoException) => {
      letGo();
      reject(new OrchestrationError(`cannot open ${what} for ${path}: ${error.code === 'ENOENT' ? `${launch.command} is not installed` : error.message}${hint}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) {
        letGo();
        return resolve();
      }
      // The exit can be seen before the tool's last words are read from its stderr: they are what says why, so they
      // are waited for — a moment at most, since a program it started may hold the pipe open.
      const fail = (): void => {
        letGo();
        const said = stderr.trim().split('\n').filter(Boolean).pop();
        reject(new OrchestrationError(`cannot open ${what} for ${path}: ${launch.command} failed (exit code ${code ?? 'none'}${said === undefined ? '' : `: ${said}`})${hint}`));
      };
      if (child.stderr!.readableEnded) return fail();
      const wait = setTimeout(fail, STDERR_WAIT_MS);
      child.stderr!.once('end', () => {
        clearTimeout(wait);
        fail();
      });
    });
  });
}
