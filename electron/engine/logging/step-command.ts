// At debug: the command line a step runs, where, and how its environment differs from the engine's.
import { envDiff } from './env-diff.js';
import { stepLog } from './engine-log.js';

export interface StepCommand {
  executionId: string;
  step: string;
  attempt: number;
  command: string;
  cwd: string;
  env: Record<string, string>;
}

export function logStepCommand({ executionId, step, attempt, command, cwd, env }: StepCommand): void {
  // Diffing a few hundred variables per step (or even making its child logger) is only worth it when someone reads
  // debug records.
  const log = stepLog(executionId, step, 'debug');
  if (!log.isLevelEnabled('debug')) return;
  log.debug({ attempt, command, cwd, env: envDiff(process.env, env) }, 'step command');
}
