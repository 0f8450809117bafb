// Opens a project's folder in the file manager, or a terminal in it, with the platform's own tools.
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { OrchestrationError } from '../../shared/errors.js';

export type OpenTarget = 'folder' | 'terminal';

interface Launch {
  command: string;
  args: string[];
  cwd: string;
}

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

/** Starts the tool and resolves once it is running (it is left to live on its own); rejects with a clear message. */
export function openInOs(target: OpenTarget, path: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (!existsSync(path) || !statSync(path).isDirectory()) return Promise.reject(new OrchestrationError(`${path} is missing: the project's folder was moved or deleted`));
  const launch = launchFor(target, path, process.platform, env);
  return new Promise((resolve, reject) => {
    const child = spawn(launch.command, launch.args, { cwd: launch.cwd, env, detached: true, stdio: 'ignore', windowsHide: false });
    child.once('error', (error: NodeJS.ErrnoException) => {
      const hint = target === 'terminal' ? ' (set $TERMINAL to your terminal program)' : '';
      reject(new OrchestrationError(`cannot open the ${target} of ${path}: ${error.code === 'ENOENT' ? `${launch.command} is not installed` : error.message}${hint}`));
    });
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}
