// Which files in a project's workflows folder are workflows, and the name a file stands for: one rule for the list,
// the watcher and the dashboard.
import { readdirSync } from 'node:fs';

/** YAML or JSON, and not hidden: editors' and our own atomic-write temporaries start with a dot. */
export const WORKFLOW_FILE = /^[^.].*\.(ya?ml|json)$/i;

/** The workflow files of a folder, sorted; none when the folder does not exist. */
export function workflowFiles(dir: string): string[] {
  try {
    return readdirSync(dir).filter((file) => WORKFLOW_FILE.test(file)).sort();
  } catch {
    return [];
  }
}

/** `…/ci.yaml` → `ci`. */
export function baseName(file: string): string {
  return file.replace(/^.*[\\/]/, '').replace(/\.(ya?ml|json)$/i, '');
}
