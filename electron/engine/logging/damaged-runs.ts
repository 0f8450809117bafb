// A run whose stored record cannot be read whole: a warning in the engine's log, once per run and process (history
// and the dashboard read it again and again).
import { engineLog } from './engine-log.js';

const reported = new Set<string>();

export function logDamagedRun(executionId: string, workflow: string, damage: string): void {
  if (reported.has(executionId)) return;
  reported.add(executionId);
  engineLog().warning({ workflow, executionId, damage }, 'damaged run record');
}
