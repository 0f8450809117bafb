// Live progress of a CLI run: an updating step table on a terminal, one plain line per step otherwise.
import pc from 'picocolors';
import type { StepRun, WorkflowExecution } from '../../../shared/model.js';
import type { OrchestrationEngine } from '../../engine/orchestration-engine.js';

const ICONS: Record<StepRun['status'], string> = {
  pending: pc.dim('·'), queued: pc.dim('…'), running: pc.cyan('▶'), retrying: pc.yellow('↻'),
  succeeded: pc.green('✓'), failed: pc.red('✗'), skipped: pc.dim('-'), cancelled: pc.yellow('■'),
};
const REFRESH_MS = 100;
const MAX_LIVE_ROWS = 20;

export interface Progress {
  note(message: string): void;
  stop(execution: WorkflowExecution): void;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  return `${Math.floor(ms / 60_000)}m${Math.round((ms % 60_000) / 1000)}s`;
}

export function startProgress(engine: OrchestrationEngine, execution: WorkflowExecution, out: NodeJS.WriteStream): Progress {
  return out.isTTY ? liveTable(execution, out) : plainLines(engine, execution, out);
}

function stepLine(name: string, run: StepRun, now = Date.now()): string {
  const took = run.startTime === null ? '' : formatDuration((run.endTime ?? now) - run.startTime);
  const attempts = run.attempts > 1 ? pc.yellow(` (attempt ${run.attempts})`) : '';
  const detail = run.status === 'failed' || run.status === 'cancelled' ? run.error : run.status === 'succeeded' ? null : run.reason;
  return `${ICONS[run.status]} ${name}${took ? ` ${pc.dim(took)}` : ''}${attempts}${detail ? pc.dim(` — ${detail}`) : ''}`;
}

function summary(execution: WorkflowExecution): string {
  const counts = new Map<string, number>();
  for (const run of Object.values(execution.steps)) counts.set(run.status, (counts.get(run.status) ?? 0) + 1);
  const parts = [...counts].map(([status, n]) => `${n} ${status}`).join(', ');
  const took = formatDuration((execution.endTime ?? Date.now()) - execution.startTime);
  const mark = execution.status === 'completed' ? pc.green('✓') : pc.red('✗');
  return `${mark} ${execution.workflowName} ${execution.status} in ${took} (${parts}) — run ${execution.executionId}`;
}

function plainLines(engine: OrchestrationEngine, execution: WorkflowExecution, out: NodeJS.WriteStream): Progress {
  const unsubscribe = engine.events.on((event) => {
    if (event.type !== 'step.updated' || event.executionId !== execution.executionId) return;
    const { run } = event;
    if (run.status === 'retrying' || run.status === 'succeeded' || run.status === 'failed' || run.status === 'skipped' || run.status === 'cancelled') {
      out.write(`${stepLine(event.step, run)}\n`);
    }
  }, ['step.updated']);
  return {
    note: (message) => out.write(`${message}\n`),
    stop(final) {
      unsubscribe();
      out.write(`${summary(final)}\n`);
    },
  };
}

/** Finished steps scroll up as permanent lines; the live part shows what runs and waits, redrawn in place. */
function liveTable(execution: WorkflowExecution, out: NodeJS.WriteStream): Progress {
  const printed = new Set<string>();
  let render: ((text: string) => void) & { clear(): void; done(): void } = Object.assign(() => {}, { clear() {}, done() {} });
  void import('log-update').then(({ createLogUpdate }) => {
    render = createLogUpdate(out, { showCursor: true });
  });
  const draw = (): void => {
    const finished: string[] = [];
    const live: string[] = [];
    let done = 0;
    const entries = Object.entries(execution.steps);
    for (const [name, run] of entries) {
      if (run.status === 'succeeded' || run.status === 'failed' || run.status === 'skipped' || run.status === 'cancelled') {
        done++;
        if (!printed.has(name)) {
          printed.add(name);
          finished.push(stepLine(name, run));
        }
      } else if (run.status !== 'pending' && live.length < MAX_LIVE_ROWS) {
        live.push(stepLine(name, run));
      }
    }
    if (finished.length > 0) {
      render.clear();
      out.write(`${finished.join('\n')}\n`);
    }
    const elapsed = formatDuration(Date.now() - execution.startTime);
    render([pc.bold(`${execution.workflowName}: ${done}/${entries.length} done, ${elapsed}`), ...live].join('\n'));
  };
  const timer = setInterval(draw, REFRESH_MS);
  return {
    note(message) {
      render.clear();
      out.write(`${pc.yellow(message)}\n`);
    },
    stop(final) {
      clearInterval(timer);
      draw();
      render.clear();
      render.done();
      out.write(`${summary(final)}\n`);
    },
  };
}
