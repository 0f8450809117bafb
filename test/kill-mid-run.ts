// Kills a door's process mid-run, as a crash does: once the step it runs has written its pid, and the write-behind has
// committed what came before.
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { expect } from 'vitest';

/** SIGKILLs `child` once `pidFile` exists, waits for it to exit, and returns the pid the step wrote (now an orphan). */
export async function killMidRun(child: ChildProcess, pidFile: string): Promise<number> {
  await expect.poll(() => existsSync(pidFile), { timeout: 10_000 }).toBe(true);
  // Let the write-behind commit the earlier steps' ends, as it does within one event-loop turn.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
  return Number(readFileSync(pidFile, 'utf8'));
}
