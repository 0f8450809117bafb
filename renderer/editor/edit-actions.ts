// Actions that edit the open workflow: add, connect, delete, move, rename, change fields, undo, clipboard.
// Each is one undo entry; a refused edit says why in a notice. Layout and React Flow's own changes need libraries the
// first view must not load: they are in canvas/canvas-actions.ts, with the editor's chunk.
import type { ActionInfo } from '../../shared/ipc.js';
import type { Workflow, WorkflowStep } from '../../shared/model.js';
import { copySteps, parseClipboard, pasteSteps, topLeft, type ClipboardContent } from './clipboard.js';
import { freeSpotForStep } from './free-spot.js';
import { addSteps, connect, createStep, moveSteps, reconnect, removeElements, updateStep, type ConnectResult, type Dependency, type XY } from './graph-edits.js';
import { renameStep } from './rename-step.js';
import { convertedChild } from './subflow-actions.js';
import { baseNameFor, stepNameProblem, uniqueName } from './step-names.js';
import type { Stores } from '../app/stores.js';

/** Where a paste lands when no cursor position is given: beside the copied steps (moved on where that is taken). */
const PASTE_OFFSET = 40;

export function createEditActions(stores: Stores) {
  const { graph, editor, notices } = stores;
  const refuse = (message: string): void => notices.getState().report({ message, code: 'refused', problems: [] });
  const apply = (label: string, result: ConnectResult): boolean => {
    if ('refused' in result) {
      refuse(`Edge refused: ${result.refused}`);
      return false;
    }
    return graph.getState().edit(label, () => result.workflow);
  };

  /**
   * Adds a step with its top-left corner at `at`, or as near as it goes without covering another step. `reveal`: the
   * view then moves, where it must, to show the step whole beside the inspector its selection opens (a step added by a
   * click at the middle of the wide canvas stood half under it); a drop stays where the user put it.
   */
  const addAction = (info: Pick<ActionInfo, 'module' | 'action'>, at: XY, reveal = false): string | null => {
    const workflow = graph.getState().workflow;
    if (workflow === null) return null;
    const name = uniqueName(baseNameFor(info.module, info.action), new Set(workflow.steps.map((step) => step.name)));
    const spot = freeSpotForStep(workflow.steps, at);
    graph.getState().edit(`add ${name}`, (current) => addSteps(current, [createStep(info.module, info.action, name, spot)]));
    graph.getState().select([name]);
    if (reveal) editor.getState().requestReveal([name]);
    return name;
  };

  const connectSteps = (dependency: Dependency): boolean => {
    const workflow = graph.getState().workflow;
    return workflow !== null && apply('connect', connect(workflow, dependency));
  };

  const reconnectEdge = (from: Dependency, to: Dependency): boolean => {
    const workflow = graph.getState().workflow;
    return workflow !== null && apply('reconnect', reconnect(workflow, from, to));
  };

  const deleteElements = (steps: readonly string[], edges: readonly Dependency[]): boolean =>
    graph.getState().edit('delete', (workflow) => removeElements(workflow, steps, edges));

  const deleteSelection = (): boolean => {
    const { selectedSteps, edges } = graph.getState();
    return deleteElements(selectedSteps, edges.filter((edge) => edge.selected === true));
  };

  /** One undo entry per drag, with every dragged step's final position. */
  const commitMove = (positions: ReadonlyMap<string, XY>): boolean => graph.getState().edit('move', (workflow) => moveSteps(workflow, positions));

  const rename = (from: string, to: string): boolean => {
    const workflow = graph.getState().workflow;
    if (workflow === null || from === to) return false;
    const problem = stepNameProblem(to);
    if (problem !== null) return refuse(problem), false;
    if (workflow.steps.some((step) => step.name === to)) return refuse(`a step named "${to}" already exists`), false;
    const renamed = graph.getState().edit(`rename ${from}`, (current) => renameStep(current, from, to));
    if (renamed) graph.getState().select([to]);
    return renamed;
  };

  /** Changes one step; `field` names the input, so typing into it coalesces into one undo entry. */
  const changeStep = (name: string, field: string, change: (step: WorkflowStep) => WorkflowStep): boolean =>
    graph.getState().edit(`edit ${name}.${field}`, (workflow) => updateStep(workflow, name, change), `${name}:${field}`);

  /** Changes the workflow's own fields (not a step's); `field` coalesces typing as changeStep's does. */
  const changeWorkflow = (field: string, change: (workflow: Workflow) => Workflow): boolean =>
    graph.getState().edit(`edit workflow ${field}`, change, `workflow:${field}`);

  const copy = (): ClipboardContent | null => {
    const { workflow, selectedSteps } = graph.getState();
    if (workflow === null || selectedSteps.length === 0) return null;
    const content = copySteps(workflow, selectedSteps);
    editor.getState().setClipboard(content);
    // The system clipboard too, where the page may write it: paste into another window or a text file.
    void navigator.clipboard?.writeText(JSON.stringify(content, null, 2)).catch(() => undefined);
    return content;
  };

  const cut = (): boolean => copy() !== null && graph.getState().edit('cut', (workflow) => removeElements(workflow, graph.getState().selectedSteps));

  const pasteContent = (content: ClipboardContent, at?: XY): string[] => {
    const workflow = graph.getState().workflow;
    if (workflow === null || content.steps.length === 0) return [];
    const corner = topLeft(content.steps);
    const origin = at ?? { x: corner.x + PASTE_OFFSET, y: corner.y + PASTE_OFFSET };
    const result = pasteSteps(workflow, content, origin);
    graph.getState().edit('paste', () => result.workflow);
    graph.getState().select(result.names);
    return result.names;
  };

  /** Pastes the editor's clipboard, or steps JSON from the system clipboard when the editor's is empty. */
  const paste = async (at?: XY): Promise<string[]> => {
    let content = editor.getState().clipboard;
    if (content === null) {
      const text = await navigator.clipboard?.readText().catch(() => '') ?? '';
      content = parseClipboard(text);
    }
    return content === null ? [] : pasteContent(content, at);
  };

  const duplicate = (): string[] => {
    const { workflow, selectedSteps } = graph.getState();
    if (workflow === null || selectedSteps.length === 0) return [];
    return pasteContent(copySteps(workflow, selectedSteps));
  };

  return {
    addAction, connectSteps, reconnectEdge, deleteElements, deleteSelection, commitMove, rename, changeStep, changeWorkflow,
    copy, cut, paste, pasteContent, duplicate,
    select: (steps: readonly string[]) => graph.getState().select(steps),
    selectAll: () => graph.getState().select(graph.getState().nodes.map((node) => node.id)),
    undo: () => {
      const undone = graph.getState().undo();
      const child = convertedChild(undone ?? undefined);
      // Undo takes back the canvas, not the file the conversion wrote: said, so it is no surprise in the project's list.
      if (child !== null) notices.getState().report({ message: `Conversion undone: workflow ${child} stays in the project (Redo runs it again)`, code: 'info', problems: [] });
      return undone;
    },
    redo: () => graph.getState().redo(),
  };
}
