// Running part of the shown workflow from a step (only / from here / up to here): the engine's plan is asked first, so
// the user sees which earlier run the left-out steps' outputs come from — or why it cannot run — before anything runs.
import { formatProblem } from '../../shared/errors.js';
import type { OrchestratorApi } from '../../shared/ipc.js';
import type { SelectionMode } from '../../shared/model.js';
import { describeSelection, SELECTION_LABELS } from '../../shared/step-selection.js';
import { attempt } from '../app/attempt.js';
import { formatStartTime } from '../app/format-time.js';
import type { Stores } from '../app/stores.js';
import { selectDirty } from '../editor/graph-store.js';
import type { Dialogs } from '../ui/dialogs.js';
import type { RunParams } from './run-actions.js';

type StartRun = (params?: RunParams, selection?: { mode: SelectionMode; steps: string[] }) => Promise<string | undefined>;

export function createPartialRunActions(client: OrchestratorApi, stores: Stores, dialogs: Dialogs, save: () => Promise<boolean>, startRun: StartRun) {
  const { graph, notices } = stores;

  /** Asks, then runs part of the workflow around `step`; the new run's id, or undefined when refused or declined. */
  const runPart = async (step: string, mode: SelectionMode): Promise<string | undefined> => {
    // The plan is made on the file the run will read: unsaved edits are saved first, as Run does.
    if (selectDirty(graph.getState()) && !(await save())) return undefined;
    const shown = graph.getState().shown;
    if (shown === null) return undefined;
    const selection = { mode, steps: [step] };
    const preview = await attempt(notices, () => client.invoke('runs.planSelection', { projectId: shown.projectId, workflowName: shown.name, selection }));
    if (preview === undefined) return undefined;
    const label = SELECTION_LABELS[mode];
    if (preview.selection === null) {
      const reasons = preview.problems.map((problem) => formatProblem({ ...problem, file: undefined })).join('; ');
      notices.getState().report({ message: `${label} "${step}" cannot start: ${reasons}`, code: 'validation-error', problems: preview.problems });
      return undefined;
    }
    const steps = graph.getState().workflow?.steps.length ?? preview.selection.selected.length;
    const ended = preview.sourceEndTime === null ? null : formatStartTime(preview.sourceEndTime);
    const agreed = await dialogs.confirm({ title: `${label}: ${step}`, message: describeSelection(preview.selection, steps, preview.read, ended), confirmLabel: 'Run' });
    return agreed ? startRun(undefined, selection) : undefined;
  };

  return { runPart };
}
