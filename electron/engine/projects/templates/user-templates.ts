// Templates users make from their own projects: a project's workflows (and config) saved as a template folder under
// $CODOMYRMEX_HOME/templates, loaded beside the built-in ones at start by the same loader (template-folder.ts).
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { OrchestrationError } from '../../../../shared/errors.js';
import { baseName, workflowFiles } from '../../workflows/find-workflows.js';
import { formatOf } from '../../workflows/workflow-file.js';
import type { ProjectTemplate } from './template.js';
import { TEMPLATE_NAME, writeTemplateFolder } from './template-folder.js';
import { makeFolders } from '../../make-folders.js';

/** The template a project makes: its workflow files as they are (comments kept) and its config, no other files. */
export function templateFromProject(projectPath: string, workflowsDir: string, name: string, description: string): ProjectTemplate {
  if (!TEMPLATE_NAME.test(name)) throw new OrchestrationError(`template name "${name}" must start with a letter or digit and hold only letters, digits, "_" or "-" (64 at most)`);
  const workflows: Record<string, string> = {};
  // A template's workflows are written back as YAML: a JSON one would not read as what its name says.
  for (const file of workflowFiles(workflowsDir).filter((f) => formatOf(f) === 'yaml')) {
    workflows[baseName(file)] = readFileSync(join(workflowsDir, file), 'utf8');
  }
  if (Object.keys(workflows).length === 0) throw new OrchestrationError(`${projectPath} has no YAML workflows in ${workflowsDir} to make a template of`);
  const configFile = join(projectPath, '.codomyrmex', 'config.json');
  const config = existsSync(configFile) ? (JSON.parse(readFileSync(configFile, 'utf8')) as Record<string, unknown>) : {};
  return { name, description, directories: [], files: {}, config, workflows };
}

/** Saved as a folder, the built-in templates' shape; the same template in the older single-file form goes, so the two
 * cannot disagree. */
export function saveUserTemplate(dir: string, template: ProjectTemplate): void {
  makeFolders(dir);
  writeTemplateFolder(join(dir, template.name), template);
  rmSync(join(dir, `${template.name}.json`), { force: true });
}
