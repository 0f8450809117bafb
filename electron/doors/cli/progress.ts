// Live progress of a CLI run: an updating step table on a terminal, one plain line per step otherwise.
import pc from 'picocolors';
import type { StepRun, WorkflowExecution } from '../../../shared/model.js';
import type { OrchestrationEngine } from '../../engine/orchestration-engine.js';

type Colors = ReturnType<typeof pc.createColors>;

const icons = (c: Colors): Record<StepRun['status'], string> => ({
  pending: c.dim('·'), queued: c.dim('…'), running: c.cyan('▶'), retrying: c.yellow('↻'),
  succeeded: c.green('✓'), failed: c.red('✗'), skipped: c.dim('-'), cancelled: c.yellow('■'), 'not-selected': c.dim('○'), cached: c.cyan('≡'),
});

/** Colours for a terminal (or when forced), plain text for files, pipes and CI logs. */
function colorsFor(out: NodeJS.WriteStream): Colors {
  const forced = process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0';
  return pc.createColors(forced || (out.isTTY === true && process.env.NO_COLOR === undefined));
}
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
  const c = colorsFor(out);
  return out.isTTY ? liveTable(execution, out, c) : plainLines(engine, execution, out, c);
}

function stepLine(c: Colors, name: string, run: StepRun, now = Date.now()): string {
  const took = run.startTime === null ? '' : formatDuration((run.endTime ?? now) - run.startTime);
  const attempts = run.attempts > 1 ? c.yellow(` (attempt ${run.attempts})`) : '';
  const detail = run.status === 'failed' || run.status === 'cancelled' ? run.error : run.status === 'succeeded' || run.status === 'cached' ? null : run.reason;
  // A subflow step: its child run's n of m, live in the table and on the line its end prints.
  const child = run.child == null ? '' : c.dim(` [${run.child.workflowName} ${run.child.done} of ${run.child.total}, ${run.child.status}]`);
  return `${icons(c)[run.status]} ${name}${took ? ` ${c.dim(took)}` : ''}${attempts}${child}${detail ? c.dim(` — ${detail}`) : ''}`;
}

function summary(c: Colors, execution: WorkflowExecution): string {
  const counts = new Map<string, number>();
  for (const run of Object.values(execution.steps)) counts.set(run.status, (counts.get(run.status) ?? 0) + 1);
  const parts = [...counts].map(([status, n]) => `${n} ${status}`).join(', ');
  const took = formatDuration((execution.endTime ?? Date.now()) - execution.startTime);
  const mark = execution.status === 'completed' ? c.green('✓') : c.red('✗');
  return `${mark} ${execution.workflowName} ${execution.status} in ${took} (${parts}) — run ${execution.executionId}`;
}

function plainLines(engine: OrchestrationEngine, execution: WorkflowExecution, out: NodeJS.WriteStream, c: Colors): Progress {
  // The lines of one event-loop turn go out in one write: a 400-step run of cache hits ends hundreds of steps a turn,
  // and a write each to a pipe (synchronous on Linux) cost ~3 ms of its ~130.
  let pending = '';
  const flush = (): void => {
    if (pending === '') return;
    const text = pending;
    pending = '';
    out.write(text);
  };
  const write = (text: string): void => {
    if (pending === '') setImmediate(flush);
    pending += text;
  };
  const unsubscribe = engine.events.on((event) => {
    if (event.type !== 'step.updated' || event.executionId !== execution.executionId) return;
    const { run } = event;
    if (run.status === 'retrying' || run.status === 'succeeded' || run.status === 'cached' || run.status === 'failed' || run.status === 'skipped' || run.status === 'cancelled') {
      write(`${stepLine(c, event.step, run)}\n`);
    }
  }, ['step.updated']);
  return {
    note(message) {
      flush();
      out.write(`${message}\n`);
    },
    stop(final) {
      unsubscribe();
      flush();
      out.write(`${summary(c, final)}\n`);
    },
  };
}

/** Finished steps scroll up as permanent lines; the live part shows what runs and waits, redrawn in place. */
function liveTable(execution: WorkflowExecution, out: NodeJS.WriteStream, c: Colors): Progress {
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
      if (run.status === 'succeeded' || run.status === 'cached' || run.status === 'failed' || run.status === 'skipped' || run.status === 'cancelled') {
        done++;
        if (!printed.has(name)) {
          printed.add(name);
          finished.push(stepLine(c, name, run));
        }
      } else if (run.status === 'not-selected') {
        // Left out by --only/--from/--to: the line at the start said so; nothing to show as it goes.
        done++;
      } else if (run.status !== 'pending' && live.length < MAX_LIVE_ROWS) {
        live.push(stepLine(c, name, run));
      }
    }
    if (finished.length > 0) {
      render.clear();
      out.write(`${finished.join('\n')}\n`);
    }
    const elapsed = formatDuration(Date.now() - execution.startTime);
    render([c.bold(`${execution.workflowName}: ${done}/${entries.length} done, ${elapsed}`), ...live].join('\n'));
  };
  const timer = setInterval(draw, REFRESH_MS);
  return {
    note(message) {
      render.clear();
      out.write(`${c.yellow(message)}\n`);
    },
    stop(final) {
      clearInterval(timer);
      draw();
      render.clear();
      render.done();
      out.write(`${summary(c, final)}\n`);
    },
  };
}
