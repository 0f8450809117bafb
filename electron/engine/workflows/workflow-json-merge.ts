// Saving a JSON workflow over its previous text: keys we do not manage (top-level and per step) and key order survive,
// as they do for YAML (workflow-file.ts); JSON has no comments to keep.
import type { Workflow } from '../../../shared/model.js';
import { STEP_KEYS, workflowFileSchema } from '../../../shared/workflow-schema.js';
import { serializeWorkflow } from './workflow-file.js';

const WORKFLOW_KEYS: ReadonlySet<string> = new Set(Object.keys(workflowFileSchema().shape));

/** The JSON text to write: the new workflow laid over the previous file's data (null: no usable previous text). */
export function renderJsonOver(workflow: Workflow, previousText: string | null): string {
  const data = serializeWorkflow(workflow);
  let previous: unknown = null;
  try {
    previous = previousText === null ? null : JSON.parse(previousText);
  } catch {
    // A previous file that is no JSON has nothing to keep: write the workflow as it is.
  }
  if (!isPlainObject(previous)) return `${JSON.stringify(data, null, 2)}\n`;
  const oldSteps = new Map<string, Record<string, unknown>>();
  for (const step of Array.isArray(previous.steps) ? previous.steps : []) {
    if (isPlainObject(step) && typeof step.name === 'string') oldSteps.set(step.name, step);
  }
  const steps = (data.steps as Record<string, unknown>[]).map((step) => overlay(oldSteps.get(step.name as string), step, STEP_KEYS));
  return `${JSON.stringify(overlay(previous, { ...data, steps }, WORKFLOW_KEYS), null, 2)}\n`;
}

/** `next` in `previous`'s key order, with the keys of `previous` that `managed` does not name kept as they were. */
function overlay(previous: Record<string, unknown> | undefined, next: Record<string, unknown>, managed: ReadonlySet<string>): Record<string, unknown> {
  if (previous === undefined) return next;
  const merged: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(previous)) {
    if (key in next) merged[key] = next[key];
    else if (!managed.has(key)) merged[key] = value;
  }
  for (const [key, value] of Object.entries(next)) if (!(key in merged)) merged[key] = value;
  return merged;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
