// Which workflow a `workflow.run` step runs: a file (against the run's working directory), or a name (the project's
// workflows folder first, then the workflows the engine knows) — one rule for the run and for the recursion check.
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { NotFoundError } from '../../../shared/errors.js';
import type { Workflow, WorkflowStep } from '../../../shared/model.js';
import { hasTemplate } from '../../../shared/templating.js';
import { PROJECT_WORKFLOWS_DIR } from '../projects/project-manager.js';
import { baseName, workflowFiles } from './find-workflows.js';
import { loadWorkflowFile } from './workflow-file.js';

export interface SubflowRef {
  file?: string;
  name?: string;
}

export interface SubflowTarget {
  workflow: Workflow;
  /** The file it was read from; null for a workflow the engine holds in memory. */
  file: string | null;
}

/** The workflows the engine knows by name (created in code, or loaded), with their files when they have one. */
export type KnownWorkflows = (name: string) => SubflowTarget | undefined;

/** What a `workflow.run` step names without a template (known before the run); null for other steps and templated names. */
export function staticSubflowRef(step: WorkflowStep): SubflowRef | null {
  if (step.module !== 'workflow' || step.action !== 'run') return null;
  const { file, name } = step.parameters;
  if (typeof file === 'string') return hasTemplate(file) ? null : { file };
  if (typeof name === 'string') return hasTemplate(name) ? null : { name };
  return null;
}

/** The child a step names statically, or null when it cannot be known (templated) or found before the run. */
export function staticSubflow(ref: SubflowRef | null, cwd: string | null, known: KnownWorkflows): SubflowTarget | null {
  if (ref === null) return null;
  try {
    return findSubflow(ref, cwd, known);
  } catch {
    // Missing or unreadable: the run says so, naming the file.
    return null;
  }
}

/**
 * The child workflow of a `workflow.run` step, `cwd` being where the run works (null when unknown: only the engine's
 * workflows are looked at); throws NotFoundError (or the file's ValidationError) when there is none.
 */
export function findSubflow(ref: SubflowRef, cwd: string | null, known: KnownWorkflows): SubflowTarget {
  if (ref.file !== undefined) {
    if (cwd === null && !isAbsolute(ref.file)) throw new NotFoundError('workflow', `workflow file ${ref.file}: no working directory to find it in`);
    const file = isAbsolute(ref.file) ? ref.file : resolve(cwd!, ref.file);
    if (!existsSync(file)) throw new NotFoundError('workflow', `workflow file ${ref.file} not found (looked for ${file})`);
    return { workflow: loadWorkflowFile(file).workflow, file };
  }
  const name = ref.name!;
  const folder = cwd === null ? null : join(cwd, PROJECT_WORKFLOWS_DIR);
  const inProject = folder === null ? null : findInFolder(folder, name);
  if (inProject !== null) return inProject;
  const found = known(name);
  if (found === undefined) throw new NotFoundError('workflow', `unknown workflow "${name}" (looked in ${folder ?? 'no project folder'} and among the engine's workflows)`);
  return found;
}

/** The workflow named `name` in a workflows folder: `<name>.yaml` first, then any file holding that name. */
function findInFolder(dir: string, name: string): SubflowTarget | null {
  const files = workflowFiles(dir);
  const ordered = [...files.filter((file) => baseName(file) === name), ...files.filter((file) => baseName(file) !== name)];
  for (const entry of ordered) {
    const file = join(dir, entry);
    try {
      const { workflow } = loadWorkflowFile(file);
      if (workflow.name === name) return { workflow, file };
    } catch {
      // A file that does not read as a workflow holds no workflow of that name; its own validation says why.
    }
  }
  return null;
}
