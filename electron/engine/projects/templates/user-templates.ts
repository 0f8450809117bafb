// Templates users make from their own projects: a project's workflows (and config) saved as JSON under
// $CODOMYRMEX_HOME/templates, loaded beside the built-in ones at start.
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { OrchestrationError } from '../../../../shared/errors.js';
import { writeFileAtomic } from '../../workflows/workflow-file.js';
import type { ProjectTemplate } from './template.js';

const TEMPLATE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

const templateSchema = z.object({
  name: z.string().regex(TEMPLATE_NAME),
  description: z.string(),
  directories: z.array(z.string()),
  files: z.record(z.string(), z.string()),
  config: z.record(z.string(), z.unknown()),
  workflows: z.record(z.string(), z.string()),
});

/** Reads every saved template; a broken file is skipped with a warning naming it. */
export function loadUserTemplates(dir: string, warn: (message: string) => void = () => {}): ProjectTemplate[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((file) => file.endsWith('.json')).sort().flatMap((file) => {
    const path = join(dir, file);
    try {
      return [templateSchema.parse(JSON.parse(readFileSync(path, 'utf8')))];
    } catch (error) {
      warn(`templates: skipped ${path}: ${error instanceof z.ZodError ? error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : (error as Error).message}`);
      return [];
    }
  });
}

/** The template a project makes: its workflow files as they are (comments kept) and its config, no other files. */
export function templateFromProject(projectPath: string, workflowsDir: string, name: string, description: string): ProjectTemplate {
  if (!TEMPLATE_NAME.test(name)) throw new OrchestrationError(`template name "${name}" must start with a letter or digit and hold only letters, digits, "_" or "-" (64 at most)`);
  const workflows: Record<string, string> = {};
  if (existsSync(workflowsDir)) {
    for (const file of readdirSync(workflowsDir).filter((f) => /\.ya?ml$/i.test(f)).sort()) {
      workflows[basename(file).replace(/\.ya?ml$/i, '')] = readFileSync(join(workflowsDir, file), 'utf8');
    }
  }
  if (Object.keys(workflows).length === 0) throw new OrchestrationError(`${projectPath} has no YAML workflows in ${workflowsDir} to make a template of`);
  const configFile = join(projectPath, '.codomyrmex', 'config.json');
  const config = existsSync(configFile) ? (JSON.parse(readFileSync(configFile, 'utf8')) as Record<string, unknown>) : {};
  return { name, description, directories: [], files: {}, config, workflows };
}

export function saveUserTemplate(dir: string, template: ProjectTemplate): void {
  mkdirSync(dir, { recursive: true });
  writeFileAtomic(join(dir, `${template.name}.json`), `${JSON.stringify(template, null, 2)}\n`);
}
