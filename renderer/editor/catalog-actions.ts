// Loads the action catalogue and the editor context, and keeps the open workflow's live validation current:
// at most once per microtask, however many edits a gesture makes.
import type { OrchestratorApi } from '../../shared/ipc.js';
import type { Workflow } from '../../shared/model.js';
import type { ValidationContext } from '../../shared/validate.js';
import type { ValidationResult } from './live-validation.js';
import type { Stores } from '../app/stores.js';
import { attempt } from '../app/attempt.js';

export function createCatalogActions(client: OrchestratorApi, stores: Stores) {
  const { graph, editor, validation, notices } = stores;
  let context: ValidationContext | null = null;
  let validate: ((workflow: Workflow, context: ValidationContext) => ValidationResult) | null = null;
  let validated: Workflow | null = null;
  let scheduled = false;

  const validateNow = (): void => {
    scheduled = false;
    const workflow = graph.getState().workflow;
    if (context === null || validate === null || workflow === null) {
      if (workflow === null) validation.getState().reset();
      validated = null;
      return;
    }
    if (workflow === validated) return;
    validated = workflow;
    validation.getState().setResult(validate(workflow, context));
  };

  const scheduleValidation = (): void => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(validateNow);
  };

  const loadCatalog = async (): Promise<boolean> => {
    // The validator (zod and the catalogue's schemas) is its own chunk, fetched alongside the replies: the dashboard's
    // first paint never parses it.
    const [infos, editorContext, catalogModule, validationModule] = await Promise.all([
      attempt(notices, () => client.invoke('actions.list', {})),
      attempt(notices, () => client.invoke('editor.context', {})),
      import('../../shared/action-catalog.js'),
      import('./live-validation.js'),
    ]);
    if (infos === undefined) return false;
    const resolved = editorContext ?? { resources: {}, env: [] };
    editor.getState().setCatalog(infos, resolved);
    validate = validationModule.validateForEditor;
    context = validationModule.validationContext(catalogModule.catalogFromActionInfos(infos), resolved);
    validated = null;
    scheduleValidation();
    return true;
  };

  /** Starts following the graph store; returns the function that stops. */
  const watchGraph = (): (() => void) => graph.subscribe((state, previous) => {
    if (state.workflow !== previous.workflow) scheduleValidation();
  });

  return { loadCatalog, watchGraph, validateNow };
}
