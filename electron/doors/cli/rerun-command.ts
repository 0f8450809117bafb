// `codomyrmex rerun ID [--from-failed]`: the app's re-run buttons from a terminal, also how an interrupted run is resumed.
import { join } from 'node:path';
import { OrchestrationError } from '../../../shared/errors.js';
import { OrchestrationEngine } from '../../engine/orchestration-engine.js';
import { RunControl } from '../../engine/runs/run-control.js';
import type { ExecutionHandle } from '../../engine/runs/task-orchestrator.js';
import { loadWorkflowFile } from '../../engine/workflows/workflow-file.js';
import { UsageError, type CliValues } from './command-line.js';
import { followRun } from './run-command.js';

export async function rerunCommand(id: string, values: CliValues): Promise<number> {
  const engine = new OrchestrationEngine();
  // A re-run reads its own run's file; the by-name lookup is only for starting a new run (not a CLI command).
  const control = new RunControl(engine, 'cli', (project, name) => loadWorkflowFile(join(engine.projectManager.workflowsDir(project), `${name}.yaml`)));
  let handle: ExecutionHandle;
  try {
    handle = control.startRerun(resolveId(engine, id), values['from-failed'] === true ? 'failed' : 'start');
  } catch (error) {
    await engine.close();
    // A run that cannot be re-run (still running, nothing failed) is the caller's mistake: nothing ran.
    if (error instanceof OrchestrationError && error.constructor === OrchestrationError) throw new UsageError(error.message);
    throw error;
  }
  return followRun(engine, handle, values);
}

/** A whole id, or a prefix of one as `codomyrmex history` shows it. */
function resolveId(engine: OrchestrationEngine, id: string): string {
  const found = engine.store.findExecutionIds(id);
  if (found.length === 1) return found[0]!;
  if (found.length === 0) throw new UsageError(`no run with id "${id}" (codomyrmex history lists them)`);
  if (found.includes(id)) return id;
  throw new UsageError(`"${id}" is the start of more than one run's id: give more of it`);
}
