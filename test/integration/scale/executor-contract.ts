// What every executor must do, whatever runs the step (this process, or a worker through the queue): the same cases
// run against each, so the two are interchangeable behind the seam.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { WorkerRef } from '../../../shared/model.js';
import type { Executor, StepTask } from '../../../electron/engine/runs/executor.js';
import { isAlive } from '../../../electron/engine/processes/process-liveness.js';
import { ExecutionLogs } from '../../../electron/engine/store/step-log.js';
import { tempDir } from '../../helpers.js';
import { waitFor } from '../../redis.js';

export interface ExecutorUnderTest {
  executor: Executor;
  /** Where it says the step ran: null for this process. */
  expectedWorker: 'none' | 'some';
}

function attempt(executor: Executor, command: string, extra: Partial<StepTask> = {}) {
  const cwd = extra.cwd ?? tempDir();
  const task: StepTask = {
    executionId: randomUUID(), step: 'step', module: 'shell', action: 'run', parameters: { command }, attempt: 1, cwd, project: 'project', env: {}, resources: {}, pool: 'default', ...extra,
  };
  const log = new ExecutionLogs(tempDir(), task.executionId).forStep(task.step);
  const workers: WorkerRef[] = [];
  const running = executor.execute(task, log, { waiting: () => {}, startedOn: (worker) => workers.push(worker) });
  return { running, log, workers, cwd, text: () => (existsSync(log.path) ? readFileSync(log.path, 'utf8') : '') };
}

export function executorContract(setup: () => Promise<ExecutorUnderTest>): void {
  it("brings back a shell step's outputs and exit code, and where it ran", async () => {
    const { executor, expectedWorker } = await setup();
    const step = attempt(executor, 'echo hello; echo answer=42 >> "$CODOMYRMEX_OUTPUT"');
    await expect(step.running.done).resolves.toEqual({ outputs: { answer: '42', exitCode: 0, stdout: 'hello\n' }, exitCode: 0 });
    expect(step.text()).toBe('hello\n');
    expect(step.workers.length).toBe(expectedWorker === 'some' ? 1 : 0);
  });

  it('fails a command that exits non-zero with its exit code and last line', async () => {
    const { executor } = await setup();
    const step = attempt(executor, 'echo oops; exit 3');
    await expect(step.running.done).rejects.toMatchObject({ name: 'ActionFailure', exitCode: 3, message: 'command exited with code 3: oops' });
  });

  it('gives the step the environment its workflow adds', async () => {
    const { executor } = await setup();
    const step = attempt(executor, 'echo "$GREETING from $(basename "$PWD")"', { env: { GREETING: 'hi' } });
    const result = await step.running.done;
    expect(result.outputs.stdout).toBe(`hi from ${step.cwd.split('/').pop()}\n`);
  });

  it("ends the step's whole process tree within 2 s of a cancel, and rejects with the cancel's reason", async () => {
    const { executor } = await setup();
    const dir = tempDir();
    const step = attempt(executor, `sleep 60 & echo $! > child.pid; echo $$ > shell.pid; wait`, { cwd: dir });
    await waitFor(() => existsSync(join(dir, 'child.pid')) && existsSync(join(dir, 'shell.pid')) && readFileSync(join(dir, 'child.pid'), 'utf8').endsWith('\n'), 15_000, 'the step to start');
    const pids = ['child.pid', 'shell.pid'].map((name) => Number(readFileSync(join(dir, name), 'utf8')));
    const reason = new Error('stopped by the test');
    const cancelledAt = Date.now();
    step.running.cancel(reason);
    await expect(step.running.done).rejects.toBe(reason);
    await waitFor(() => pids.every((pid) => !isAlive(pid)), 2_000 - (Date.now() - cancelledAt), 'the tree to end');
  });

  it('refuses an action it does not have, naming it', async () => {
    const { executor } = await setup();
    const step = attempt(executor, 'true', { module: 'nope', action: 'nothing' });
    await expect(step.running.done).rejects.toThrow(/nope\.nothing/);
  });

  it("writes the step's output to its log in order", async () => {
    const { executor } = await setup();
    const step = attempt(executor, 'for i in $(seq 1 3000); do echo "line $i"; done');
    await step.running.done;
    expect(step.text()).toBe(Array.from({ length: 3000 }, (_, i) => `line ${i + 1}\n`).join(''));
  });
}
