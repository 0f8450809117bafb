// Plans a partial run: the steps it runs, and for those it leaves out, `not-selected` records carrying the outputs the
// selected steps read — taken from the latest successful run that has them all, or refused before anything runs.
import { ValidationError, type Problem } from '../../../shared/errors.js';
import { SUCCESSFUL_STEP_STATUSES, type RunSelection, type StepRun, type StepSelection, type Workflow, type WorkflowExecution } from '../../../shared/model.js';
import { neededInputs, selectedSteps } from '../../../shared/step-selection.js';

export interface SelectionPlan {
  selection: RunSelection;
  /** The record of every step left out, by name. */
  leftOut: Record<string, StepRun>;
  /** The run the left-out outputs come from; null when the selected steps read none. */
  source: WorkflowExecution | null;
}

/** Earlier successful runs of the workflow (in its project), newest first, a page at a time. */
export type EarlierRuns = (offset: number, limit: number) => WorkflowExecution[];

const PAGE = 50;
/** How far back a source is looked for: older runs of a workflow rarely match what it is now. */
const MOST_RUNS_LOOKED_AT = 1000;

export function planSelection(workflow: Workflow, request: StepSelection, earlier: EarlierRuns, file?: string): SelectionPlan {
  const selected = selectedSteps(workflow, request, file);
  const needed = neededInputs(workflow, selected);
  const inputs = new Set([...needed.values()].flat());
  const source = inputs.size === 0 ? null : findSource(inputs, earlier);
  if (inputs.size > 0 && source === null) throw new ValidationError(missingProblems(workflow, needed, earlier, file));
  const chosen = new Set(selected);
  const leftOut: Record<string, StepRun> = {};
  for (const step of workflow.steps) {
    if (chosen.has(step.name)) continue;
    const kept = source !== null && inputs.has(step.name) ? source.steps[step.name]! : null;
    leftOut[step.name] = kept === null ? notSelected(null) : {
      ...notSelected(kept.reusedFrom ?? source!.executionId),
      exitCode: kept.exitCode,
      outputs: kept.outputs,
      outputHash: kept.outputHash ?? null,
      logPath: kept.logPath,
      logTail: kept.logTail,
    };
  }
  return {
    selection: { mode: request.mode, steps: [...request.steps], selected, sourceExecutionId: source?.executionId ?? null },
    leftOut,
    source,
  };
}

/** A step whose outputs a later run can read: it succeeded there, or that run kept it (with its outputs) from another. */
function hasOutputs(run: StepRun | undefined): boolean {
  return run !== undefined && (SUCCESSFUL_STEP_STATUSES.has(run.status) || (run.status === 'not-selected' && run.reusedFrom != null));
}

function findSource(inputs: ReadonlySet<string>, earlier: EarlierRuns): WorkflowExecution | null {
  for (let offset = 0; offset < MOST_RUNS_LOOKED_AT; offset += PAGE) {
    const page = earlier(offset, PAGE);
    for (const run of page) if ([...inputs].every((name) => hasOutputs(run.steps[name]))) return run;
    if (page.length < PAGE) break;
  }
  return null;
}

/** Each selected step with the inputs no earlier successful run has; or, when each is somewhere, that none has them all. */
function missingProblems(workflow: Workflow, needed: Map<string, string[]>, earlier: EarlierRuns, file?: string): Problem[] {
  const found = new Set<string>();
  for (let offset = 0; offset < MOST_RUNS_LOOKED_AT; offset += PAGE) {
    const page = earlier(offset, PAGE);
    for (const run of page) for (const name of Object.keys(run.steps)) if (hasOutputs(run.steps[name])) found.add(name);
    if (page.length < PAGE) break;
  }
  const at = (step: string, message: string): Problem => ({ ...(file !== undefined ? { file } : {}), step, field: 'selection', message });
  const problems: Problem[] = [];
  for (const [step, inputs] of needed) {
    const missing = inputs.filter((name) => !found.has(name));
    if (missing.length === 0) continue;
    const names = missing.map((name) => `"${name}"`).join(', ');
    problems.push(at(step, `needs the outputs of ${names}, which no earlier successful run of ${workflow.name} has (run ${missing.length === 1 ? 'it' : 'them'} first, or run from ${missing.length === 1 ? names : 'there'})`));
  }
  if (problems.length > 0) return problems;
  const step = [...needed.keys()][0]!;
  return [at(step, `no earlier successful run of ${workflow.name} has the outputs of ${[...new Set([...needed.values()].flat())].map((name) => `"${name}"`).join(', ')} together (run the whole workflow once first)`)];
}

function notSelected(reusedFrom: string | null): StepRun {
  return {
    status: 'not-selected',
    attempts: 0,
    startTime: null,
    endTime: null,
    exitCode: null,
    error: null,
    outputs: {},
    reason: reusedFrom === null ? 'not selected' : `not selected: outputs from run ${reusedFrom}`,
    logPath: null,
    logTail: '',
    reusedFrom,
  };
}
