// Which files are workflows, and the name a file stands for: one rule for the editor's list, the watcher, the dashboard,
// the engine's folder loading, MCP and the CLI.
import { readdirSync } from 'node:fs';

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

/** `…/ci.yaml` → `ci`. */
export function baseName(file: string): string {
  return file.replace(/^.*[\\/]/, '').replace(/\.(ya?ml|json)$/i, '');
}
