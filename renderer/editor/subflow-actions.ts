// Subflows in the editor: open a subflow step's child workflow (and go back along the breadcrumb, as it was left),
// convert the selected steps to a subflow (the child saved in the same project) and unpack one — each edit undoable.
import type { Viewport } from '@xyflow/react';
import type { OrchestratorApi } from '../../shared/ipc.js';
import type { Workflow, WorkflowStep } from '../../shared/model.js';
import { convertToSubflow, isSubflowStep, subflowTarget, unpackSubflow } from '../../shared/subflow-transform.js';
import { attempt } from '../app/attempt.js';
import type { Stores } from '../app/stores.js';
import { positionOf, withPosition } from './graph-edits.js';
import { findSubflowChild } from './subflow-child.js';
import { placeClear } from './subflow-placement.js';
import { trailTo } from './subflow-store.js';
import type { ConfirmQuestion } from '../ui/dialogs.js';

export interface SubflowActionDeps {
  askName(projectId: string, title: string, submitLabel: string, initial?: string): Promise<string | null>;
  loadGraph(name: string, projectId: string): Promise<boolean>;
  loadWorkflows(projectId: string): Promise<void>;
  mayDiscard(): Promise<boolean>;
  confirm(question: ConfirmQuestion): Promise<boolean>;
}

/** The undo label of a conversion, and the child workflow it names (edit-actions tells the user that file stays). */
export const convertLabel = (count: string, name: string): string => `convert ${count} to subflow ${name}`;
export const convertedChild = (label: string | undefined): string | null => /^convert \d+ steps? to subflow (.+)$/.exec(label ?? '')?.[1] ?? null;

/** Where the engine's save puts a new workflow (PROJECT_WORKFLOWS_DIR), relative to the project as the step names it. */
const defaultFile = (name: string): string => `.codomyrmex/workflows/${name}.yaml`;
/** How far apart unpacked steps without positions of their own are laid, in a row from the subflow step's place. */
const UNPACK_SPACING = 260;

export function createSubflowActions(client: OrchestratorApi, stores: Stores, deps: SubflowActionDeps) {
  const { graph, projects, subflows, notices, app, editor } = stores;
  const refuse = (message: string): void => notices.getState().report({ message, code: 'refused', problems: [] });
  /** Child workflows being written: a save or run of the parent waits for them. */
  const pending = new Set<Promise<void>>();
  const projectOf = (projectId: string) => projects.getState().projects.find((project) => project.id === projectId);

  /** The child workflow's name for a subflow step of the open workflow; refused (and null) when it cannot be found. */
  const childName = async (step: WorkflowStep, projectId: string): Promise<string | null> => {
    const project = projectOf(projectId);
    if (project === undefined) return null;
    const find = () => findSubflowChild(step, projects.getState().workflowsOf === projectId ? projects.getState().workflows : [], project.path);
    let found = find();
    // The list may be of another project, or older than the child (just saved, or made on disk): read it again once.
    if ('missing' in found) {
      await deps.loadWorkflows(projectId);
      found = find();
    }
    if ('entry' in found) return found.entry.name;
    refuse(`Subflow "${step.name}": no workflow ${found.missing} in project ${project.name}`);
    return null;
  };

  const subflowStep = (name: string): WorkflowStep | undefined => {
    const step = graph.getState().workflow?.steps.find((candidate) => candidate.name === name);
    return step !== undefined && isSubflowStep(step) ? step : undefined;
  };

  /** Opens the child workflow of a subflow step in the editor; the breadcrumb leads back to this one as it is now. */
  const openSubflow = async (stepName: string, viewport: Viewport | null = null): Promise<boolean> => {
    const { shown, workflow, saved, history, selectedSteps, selectedStep } = graph.getState();
    const step = subflowStep(stepName);
    if (shown === null || workflow === null || step === undefined) return false;
    const child = await childName(step, shown.projectId);
    if (child === null) return false;
    // Going deeper from a workflow not reached through the breadcrumb starts a new one.
    if (trailTo(subflows.getState().trail, shown).length === 0) subflows.getState().clear();
    subflows.getState().enter({ document: shown, workflow, saved, history, selectedSteps, selectedStep, viewport, step: stepName, child });
    app.getState().showView('editor');
    const opened = await deps.loadGraph(child, shown.projectId);
    if (!opened) subflows.getState().leave(subflows.getState().trail.length - 1);
    return opened;
  };

  /** Goes back to the level `index` of the breadcrumb (0: the first parent): its graph, history, selection and view. */
  const leaveSubflow = async (index: number): Promise<boolean> => {
    if (trailTo(subflows.getState().trail, graph.getState().shown).length <= index || !(await deps.mayDiscard())) return false;
    const level = subflows.getState().leave(index);
    if (level === undefined) return false;
    graph.getState().open(level.document, level.workflow);
    graph.setState({ saved: level.saved, history: level.history });
    graph.getState().select(level.selectedSteps);
    graph.getState().selectStep(level.selectedStep);
    // The child may have been saved meanwhile: the subflow node's step count follows.
    void deps.loadWorkflows(level.document.projectId);
    return true;
  };

  /** Moves the selected steps into a new workflow of the same project (named in the app's dialog), run by one step. */
  const convertSelection = async (): Promise<string | null> => {
    const { shown, workflow, selectedSteps } = graph.getState();
    if (shown === null || workflow === null) return null;
    const steps = [...selectedSteps];
    // Asked before the name: a selection that cannot move says so at once.
    const check = convertToSubflow(workflow, { steps, child: { name: `${shown.name}-part`, file: defaultFile('x') } });
    if ('refused' in check) return refuse(`Convert to subflow refused: ${check.refused}`), null;
    const count = `${steps.length} ${steps.length === 1 ? 'step' : 'steps'}`;
    const name = await deps.askName(shown.projectId, `Convert ${count} to a subflow`, 'Convert', `${shown.name}-part`);
    if (name === null) return null;
    const current = graph.getState().workflow;
    if (current === null || graph.getState().shown !== shown) return null;
    const result = convertToSubflow(current, { steps, child: { name, file: defaultFile(name) } });
    if ('refused' in result) return refuse(`Convert to subflow refused: ${result.refused}`), null;
    const { child, step } = result;
    const parent = placeClear(result.parent, step);
    const label = convertLabel(count, name);
    graph.getState().edit(label, () => parent);
    graph.getState().select([step]);
    editor.getState().requestReveal([step]);
    // The canvas changes at once; the child's file is written meanwhile (a big one takes the engine a while), and a
    // save or run of the parent waits for it (settled). Should it fail, the conversion is taken back.
    const saving = attempt(notices, () => client.invoke('workflows.save', { projectId: shown.projectId, name, workflow: { ...child } as Record<string, unknown>, baseRevision: null }))
      .then((saved) => (saved === undefined ? takeBack(parent, label, name) : void deps.loadWorkflows(shown.projectId)));
    pending.add(saving);
    void saving.finally(() => pending.delete(saving));
    return step;
  };

  /** A conversion whose child could not be saved is undone, when it is still the last edit; else the user is told. */
  const takeBack = (parent: Workflow, label: string, name: string): void => {
    const { workflow, history } = graph.getState();
    if (workflow === parent && history.past.at(-1)?.label === label) {
      graph.getState().undo();
      graph.setState({ history: { ...graph.getState().history, future: [] } });
      refuse(`Convert to subflow undone: ${name} could not be saved`);
    } else refuse(`${name} could not be saved: undo the conversion to subflow, or save the subflow's steps again`);
  };

  /** Puts a subflow step's child steps back in its place (the child's file stays); one undo entry. */
  const unpack = async (stepName: string): Promise<string[]> => {
    const shown = graph.getState().shown;
    const step = subflowStep(stepName);
    if (shown === null || step === undefined) return [];
    const child = await childName(step, shown.projectId);
    if (child === null) return [];
    const document = await attempt(notices, () => client.invoke('workflows.get', { projectId: shown.projectId, name: child }));
    if (document === undefined) return [];
    if (document.workflow === null) {
      notices.getState().report({ message: `Subflow "${stepName}": ${child} is not a workflow`, code: 'invalid-workflow', problems: document.problems });
      return [];
    }
    const current = graph.getState().workflow;
    if (current === null) return [];
    const result = unpackSubflow(current, stepName, document.workflow);
    if ('refused' in result) return refuse(`Unpack refused: ${result.refused}`), [];
    const placed = placeUnplaced(result.workflow.steps, new Set(result.steps), positionOf(step));
    graph.getState().edit(`unpack ${stepName}`, () => ({ ...result.workflow, steps: placed }));
    graph.getState().select(result.steps);
    // They may stand past the canvas's edge (the child's steps took more room than its one step did).
    editor.getState().requestReveal(result.steps);
    tellChildStays(shown.projectId, child, step);
    return result.steps;
  };

  /** After an unpack the child workflow's file is still there (another workflow may run it): said, with a way to delete it. */
  const tellChildStays = (projectId: string, child: string, unpacked: WorkflowStep): void => {
    const target = JSON.stringify(subflowTarget(unpacked));
    // Another subflow step of this workflow runs the same child: nothing to offer.
    const stillRun = graph.getState().workflow?.steps.some((other) => isSubflowStep(other) && JSON.stringify(subflowTarget(other)) === target) === true;
    notices.getState().report({
      message: `Unpacked ${unpacked.name}: workflow ${child} stays in the project`,
      code: 'info',
      problems: [],
      ...(stillRun ? {} : { action: { label: `Delete ${child}…`, run: () => deleteChild(projectId, child) } }),
    });
  };

  /** Deletes a child workflow's file once the user agreed; the list of the project's workflows follows. */
  const deleteChild = async (projectId: string, child: string): Promise<void> => {
    const agreed = await deps.confirm({ title: `Delete workflow ${child}?`, message: `Its file is deleted from the project. A workflow that still runs it as a subflow will fail to validate. Undo does not bring the file back.`, confirmLabel: 'Delete', danger: true });
    if (!agreed) return;
    const deleted = await attempt(notices, () => client.invoke('workflows.delete', { projectId, name: child }));
    if (deleted === undefined) return;
    notices.getState().report({ message: deleted.deleted ? `Deleted workflow ${child}` : `Workflow ${child} was already gone`, code: 'info', problems: [] });
    await deps.loadWorkflows(projectId);
  };

  /** The selected step, when it is the one subflow step selected (what unpack and open act on from the keyboard). */
  const selectedSubflow = (): string | null => {
    const { selectedSteps } = graph.getState();
    return selectedSteps.length === 1 && subflowStep(selectedSteps[0]!) !== undefined ? selectedSteps[0]! : null;
  };

  return {
    openSubflow, leaveSubflow, convertSelection, unpack,
    /** Resolves once every child workflow a conversion started writing is on disk (or its conversion taken back). */
    subflowsSaved: async (): Promise<void> => void (await Promise.all([...pending])),
    unpackSelected: async () => {
      const step = selectedSubflow();
      return step === null ? (refuse('Select one subflow step to unpack'), []) : unpack(step);
    },
  };
}

/** Unpacked steps the child file gave no position: laid in a row from where the subflow step stood. */
function placeUnplaced(steps: readonly WorkflowStep[], unpacked: ReadonlySet<string>, at: { x: number; y: number } | null): WorkflowStep[] {
  if (at === null) return [...steps];
  let index = 0;
  return steps.map((step) => (unpacked.has(step.name) && positionOf(step) === null ? withPosition(step, { x: at.x + UNPACK_SPACING * index++, y: at.y }) : step));
}
