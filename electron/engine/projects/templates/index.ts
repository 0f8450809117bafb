// The templates every engine starts with: the folders of templates/ (upstream's four, plus node_package), read on
// first use by the same loader as the user's own templates.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OrchestrationError } from '../../../../shared/errors.js';
import type { ProjectTemplate } from './template.js';
import { loadTemplates, TEMPLATE_FILE } from './template-folder.js';

/** templates/ beside the code: dist/templates in a build or a package, the repo's own folder from source. The code's
 * own folder is called templates too, so the one that counts holds template folders. */
export function findTemplatesDir(from: string = dirname(fileURLToPath(import.meta.url))): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'templates');
    if (holdsTemplates(candidate)) return candidate;
    if (dirname(dir) === dir) return null;
  }
}

function holdsTemplates(dir: string): boolean {
  if (!existsSync(dir)) return false;
  return readdirSync(dir, { withFileTypes: true }).some((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, TEMPLATE_FILE)));
}

let builtin: readonly ProjectTemplate[] | null = null;

/** The built-in templates, in the order the app offers them. They are the app's own files, so a broken one is a
 * broken installation: it throws, naming the file, rather than quietly going missing. */
export function builtinTemplates(): readonly ProjectTemplate[] {
  if (builtin !== null) return builtin;
  const dir = findTemplatesDir();
  if (dir === null) throw new OrchestrationError('the built-in templates are missing from this installation (no templates/ beside the app)');
  builtin = loadTemplates(dir, (message) => {
    throw new OrchestrationError(message);
  });
  return builtin;
}

export function builtinTemplate(name: string): ProjectTemplate | undefined {
  return builtinTemplates().find((template) => template.name === name);
}

export function isBuiltinTemplate(name: string): boolean {
  return builtinTemplate(name) !== undefined;
}
