// Which files are workflows, and the name a file stands for: one rule for the editor's list, the watcher, the dashboard,
// the engine's folder loading, MCP and the CLI.
import { readdirSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { PROJECT_WORKFLOWS_DIR } from '../projects/project-manager.js';

/** YAML or JSON, and not hidden: editors' and our own atomic-write temporaries start with a dot. */
const WORKFLOW_FILE = /^[^.].*\.(ya?ml|json)$/i;

/** Whether a file (a name or a path) is a workflow file by its name. */
export function isWorkflowFile(file: string): boolean {
  return WORKFLOW_FILE.test(file.replace(/^.*[\\/]/, ''));
}

/** The workflow files of a folder, sorted; none when the folder does not exist. */
export function workflowFiles(dir: string): string[] {
  try {
    return readdirSync(dir).filter(isWorkflowFile).sort();
  } catch {
    return [];
  }
}

/** `<project>/.codomyrmex/workflows/x.yaml` runs in `<project>`; any other file in its own folder. */
export function workingDirFor(file: string): string {
  const dir = dirname(resolve(file));
  return dir.endsWith(`${sep}${PROJECT_WORKFLOWS_DIR}`) ? dirname(dirname(dir)) : dir;
}

/** `…/ci.yaml` → `ci`. */
export function baseName(file: string): string {
  return file.replace(/^.*[\\/]/, '').replace(/\.(ya?ml|json)$/i, '');
}
