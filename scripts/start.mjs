// `npm start [DIR]`: builds, then opens the desktop app on DIR — or, where no Electron binary is installed (CI,
// containers), serves browser mode on DIR instead. Exit codes and signals pass through.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
// npm runs scripts from the package root; a relative DIR means relative to where the user typed `npm start`.
const args = process.argv.slice(2).map((arg) => (arg.startsWith('-') ? arg : resolve(process.env.INIT_CWD ?? process.cwd(), arg)));

/** The Electron executable, or null: `require('electron')` throws, or names a missing file, when its download failed. */
function electronBinary() {
  try {
    const path = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

try {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
} catch (error) {
  // The build already printed what failed.
  process.exit(error.status ?? 1);
}

const electron = electronBinary();
const [command, commandArgs] = electron !== null
  ? [electron, [join(ROOT, 'dist', 'electron', 'main.js'), ...args.flatMap((arg) => (arg.startsWith('-') ? [arg] : ['--project', arg]))]]
  : [process.execPath, [join(ROOT, 'bin', 'codomyrmex.js'), 'serve', ...args]];
if (electron === null) console.log('Electron is not installed here (no binary in node_modules/electron); serving browser mode instead.');

const child = spawn(command, commandArgs, { cwd: ROOT, stdio: 'inherit' });
const forward = (signal) => {
  // Ctrl-C in a terminal already reached the child (same process group); a second SIGINT would make it leave at once.
  if (signal === 'SIGINT' && process.stdin.isTTY) return;
  child.kill(signal);
};
const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
for (const signal of signals) process.on(signal, forward);
child.on('error', (error) => {
  console.error(`npm start: cannot run ${command}: ${error.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  for (const name of signals) process.off(name, forward);
  // Dying of the same signal tells our own parent (npm, a shell, CI) how the app ended.
  if (signal !== null) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
});
