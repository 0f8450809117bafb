// Actions over the open workflow's file: new, save, save as, import, export, and a change made on disk by someone else.
import { toApiError } from '../api/api-error.js';
import type { OrchestratorApi, WorkflowDocument } from '../../shared/ipc.js';
import type { Workflow } from '../../shared/model.js';
import { respondToDiskChange, type DiskChange } from './disk-conflict.js';
import { tidyGroups } from './group-notices.js';
import { uniqueName } from './step-names.js';
import { workflowNameQuestion } from './workflow-name-question.js';
import { selectDirty, type OpenDocument } from './graph-store.js';
import type { Stores } from '../app/stores.js';
import { forgetRunNotOf } from '../runs/run-of-document.js';
import { attempt } from '../app/attempt.js';
import type { Dialogs } from '../ui/dialogs.js';

export function emptyWorkflow(name: string): Workflow {
  return { version: 1, name, description: '', env: {}, params: {}, resources: {}, steps: [] };
}

export function createFileActions(client: OrchestratorApi, stores: Stores, dialogs: Dialogs, mayDiscard: () => Promise<boolean>, reload: (name: string, projectId: string) => Promise<boolean>) {
  const { app, graph, editor, notices, projects, runs } = stores;
  /** Set while a save is in flight: its own `workflow.changed` echo is not someone else's change. */
  let saving = false;

  /** A workflow name for `projectId`, checked inside the dialog (name rule, names taken); null when cancelled. */
  const askName = async (projectId: string, title: string, submitLabel: string, initial = ''): Promise<string | null> => {
    const list = await attempt(notices, () => client.invoke('workflows.list', { projectId }));
    if (list === undefined) return null;
    const projectName = projects.getState().projects.find((project) => project.id === projectId)?.name ?? projectId;
    return dialogs.prompt(workflowNameQuestion({ title, submitLabel, projectName, taken: list.map((entry) => entry.name), initial }));
  };

  const info = (message: string): void => notices.getState().report({ message, code: 'info', problems: [] });

  /** The project the editor's header shows: the open workflow's, else the current one. New and Import go there. */
  const editorProjectId = (): string | null => graph.getState().shown?.projectId ?? app.getState().projectId;

  /** Writes the open workflow; `as` saves it under a new name (a new file). False when nothing was written. */
  const write = async (target: { name: string; baseRevision: string | null; force?: boolean }): Promise<boolean> => {
    const { shown, workflow } = graph.getState();
    const projectId = shown?.projectId ?? app.getState().projectId;
    if (workflow === null || projectId === null) return false;
    saving = true;
    let saved: WorkflowDocument;
    try {
      saved = await client.invoke('workflows.save', { projectId, name: target.name, workflow: { ...workflow } as Record<string, unknown>, baseRevision: target.baseRevision, ...(target.force === true ? { force: true } : {}) });
    } catch (error) {
      const failure = toApiError(error);
      // A first save refused as a conflict met a file already there, not an edit by someone else: say so.
      if (failure.code === 'conflict' && target.baseRevision === null) {
        notices.getState().report({ message: `A workflow named "${target.name}" already exists: use Save as… to give this one another name`, code: 'conflict', problems: [] });
      } else if (failure.code === 'conflict') editor.getState().setConflict({ projectId, name: target.name, revision: null });
      else notices.getState().report({ message: failure.message, code: failure.code, problems: failure.problems });
      return false;
    } finally {
      saving = false;
    }
    const document: OpenDocument = { projectId, name: target.name, file: saved.file, format: saved.format, revision: saved.revision };
    // Saved as another name: the run shown was the original's.
    if (shown?.name !== target.name) forgetRunNotOf(runs, document);
    graph.getState().markSaved(document, workflow);
    editor.getState().setConflict(null);
    void refreshList(projectId);
    return true;
  };

  const refreshList = async (projectId: string): Promise<void> => {
    if (projects.getState().workflowsOf !== projectId) return;
    const list = await attempt(notices, () => client.invoke('workflows.list', { projectId }));
    if (list !== undefined) projects.getState().setWorkflows(projectId, list);
  };

  const save = async (): Promise<boolean> => {
    const shown = graph.getState().shown;
    if (shown === null) return false;
    return write({ name: shown.name, baseRevision: shown.revision });
  };

  const saveAs = async (): Promise<boolean> => {
    const shown = graph.getState().shown;
    if (shown === null) return false;
    const name = await askName(shown.projectId, 'Save workflow as', 'Save', `${shown.name}-copy`);
    return name === null ? false : write({ name, baseRevision: null });
  };

  /** Opens an empty workflow for `projectId` (the editor's project — the header's choice — unless the caller names another). */
  const newWorkflow = async (projectId: string | null = editorProjectId()): Promise<boolean> => {
    if (projectId === null || !(await mayDiscard())) return false;
    const name = await askName(projectId, 'New workflow', 'Create');
    if (name === null) return false;
    const document: OpenDocument = { projectId, name, file: '', format: 'yaml', revision: null };
    forgetRunNotOf(runs, document);
    // No steps, so nothing to place (see place-steps.ts).
    graph.getState().open(document, emptyWorkflow(name), [], { dirty: true });
    editor.getState().setConflict(null);
    app.getState().showView('editor');
    return true;
  };

  const importFile = async (file: { name: string; text(): Promise<string> }): Promise<boolean> => {
    const projectId = editorProjectId();
    if (projectId === null || !(await mayDiscard())) return false;
    const text = await file.text();
    const parsed = await attempt(notices, () => client.invoke('workflows.parse', { text, fileName: file.name }));
    if (parsed === undefined) return false;
    if (parsed.workflow === null) {
      notices.getState().report({ message: `${file.name} is not a workflow`, code: 'invalid-workflow', problems: parsed.problems });
      return false;
    }
    const wanted = file.name.replace(/\.(ya?ml|json)$/i, '').replace(/[^A-Za-z0-9_.-]+/g, '-') || parsed.workflow.name;
    // An import is a new workflow: named after an existing one, its first save would be refused as a conflict.
    const existing = projects.getState().workflowsOf === projectId ? projects.getState().workflows.map((entry) => entry.name) : [];
    const name = uniqueName(wanted, new Set(existing));
    const { placeSteps } = await import('../canvas/place-steps.js');
    const placed = tidyGroups(placeSteps(parsed.workflow, graph.getState().direction), notices);
    const document: OpenDocument = { projectId, name, file: '', format: 'yaml', revision: null };
    forgetRunNotOf(runs, document);
    graph.getState().open(document, placed, [], { dirty: true });
    editor.getState().setConflict(null);
    app.getState().showView('editor');
    return true;
  };

  const exportText = async (format: 'yaml' | 'json'): Promise<{ text: string; fileName: string } | undefined> => {
    const { workflow, shown } = graph.getState();
    if (workflow === null || shown === null) return undefined;
    const rendered = await attempt(notices, () => client.invoke('workflows.render', { workflow: { ...workflow } as Record<string, unknown>, format }));
    return rendered === undefined ? undefined : { text: rendered.text, fileName: `${shown.name}.${format}` };
  };

  const reloadTheirs = async (): Promise<void> => {
    const shown = graph.getState().shown;
    if (shown === null) return;
    // The user chose theirs: the open edits are dropped without asking again.
    editor.getState().setConflict(null);
    await reload(shown.name, shown.projectId);
  };

  const keepMine = async (): Promise<boolean> => {
    const shown = graph.getState().shown;
    if (shown === null) return false;
    return write({ name: shown.name, baseRevision: shown.revision, force: true });
  };

  const onDiskChange = async (change: DiskChange): Promise<void> => {
    if (saving) return;
    const state = graph.getState();
    const response = respondToDiskChange(state.shown, selectDirty(state), change);
    if (response === 'conflict') editor.getState().setConflict(change);
    if (response === 'reload' && change.revision !== null) {
      await reload(change.name, change.projectId);
      info(`${change.name} changed on disk and was reloaded`);
    }
  };

  return { save, saveAs, newWorkflow, importFile, exportText, reloadTheirs, keepMine, onDiskChange, askName };
}
