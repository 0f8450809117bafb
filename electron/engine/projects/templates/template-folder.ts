// A template as a folder of real files — template.json, files/…, workflows/*.yaml — read and written; and the one
// loader for a folder of templates, built-in or the user's own.
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { OrchestrationError } from '../../../../shared/errors.js';
import { baseName, workflowFiles } from '../../workflows/find-workflows.js';
import type { ProjectTemplate } from './template.js';
import { makeFolders } from '../../make-folders.js';

export const TEMPLATE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
export const TEMPLATE_FILE = 'template.json';
/** npm and electron-builder leave some dot files out of a package (.gitignore, .npmrc, .github…), so a template
 * stores every leading "." of a file or folder name as "dot_": files/dot_gitignore is the project's .gitignore. */
const STORED_DOT = 'dot_';

/** The template files' schemas, built when a template is first read, not when the engine loads. */
let builtSchemas: ReturnType<typeof buildSchemas> | undefined;
const schemas = () => (builtSchemas ??= buildSchemas());

function buildSchemas() {
  /** Paths inside the project only: a template must not write to "/etc" or "../elsewhere". */
  const projectPath = z.string().min(1).refine((path) => !path.startsWith('/') && !/^[A-Za-z]:/.test(path) && !path.split(/[\\/]/).includes('..'), 'must be a path inside the project');

  const metadata = z.object({
    name: z.string().regex(TEMPLATE_NAME),
    description: z.string(),
    /** Folders created empty (files create their own parents); git keeps no empty folder, so they are listed. */
    directories: z.array(projectPath).default([]),
    config: z.record(z.string(), z.unknown()).default({}),
    /** Where the template comes in the list the app offers; templates without one follow, by name. */
    order: z.number().int().optional(),
  }).strict();

  /** The single-file JSON form user templates were saved in before they were folders; still read. */
  const singleFile = z.object({
    name: z.string().regex(TEMPLATE_NAME),
    description: z.string(),
    directories: z.array(projectPath),
    files: z.record(projectPath, z.string()),
    config: z.record(z.string(), z.unknown()),
    workflows: z.record(z.string(), z.string()),
  });
  return { metadata, singleFile };
}

export const storedName = (path: string): string => path.split('/').map((part) => (part.startsWith('.') ? STORED_DOT + part.slice(1) : part)).join('/');
const projectName = (stored: string): string => stored.split('/').map((part) => (part.startsWith(STORED_DOT) ? `.${part.slice(STORED_DOT.length)}` : part)).join('/');

/** Reads one template folder; throws naming the file at fault. */
export function loadTemplateFolder(dir: string): ProjectTemplate {
  const metadataFile = join(dir, TEMPLATE_FILE);
  const metadata = parseWith(schemas().metadata, metadataFile);
  const folderName = dir.replace(/^.*[\\/]/, '');
  if (metadata.name !== folderName) throw new OrchestrationError(`${metadataFile}: names the template "${metadata.name}" but its folder is "${folderName}"`);
  const files: Record<string, string> = {};
  for (const stored of filesUnder(join(dir, 'files'))) files[projectName(stored)] = readFileSync(join(dir, 'files', stored), 'utf8');
  const workflows: Record<string, string> = {};
  for (const file of workflowFiles(join(dir, 'workflows'))) workflows[baseName(file)] = readFileSync(join(dir, 'workflows', file), 'utf8');
  const { order, ...template } = metadata;
  return { ...template, files, workflows, ...(order === undefined ? {} : { order }) };
}

/** Writes a template as a folder, replacing any folder of that name whole: a crash leaves the old one or the new. */
export function writeTemplateFolder(dir: string, template: ProjectTemplate): void {
  const temp = join(dirname(dir), `.${template.name}.${process.pid}.tmp`);
  const old = join(dirname(dir), `.${template.name}.${process.pid}.old`);
  rmSync(temp, { recursive: true, force: true });
  const { name, description, directories, config, order } = template;
  try {
    write(join(temp, TEMPLATE_FILE), `${JSON.stringify({ name, description, directories, config, ...(order === undefined ? {} : { order }) }, null, 2)}\n`);
    for (const [path, text] of Object.entries(template.files)) write(join(temp, 'files', storedName(path)), text);
    makeFolders(join(temp, 'workflows'));
    for (const [workflow, text] of Object.entries(template.workflows)) write(join(temp, 'workflows', `${workflow}.yaml`), text);
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    throw error;
  }
  if (existsSync(dir)) renameSync(dir, old);
  renameSync(temp, dir);
  rmSync(old, { recursive: true, force: true });
}

/**
 * Every template in a folder: each subfolder holding a template.json, and each `<name>.json` in the older single-file
 * form. A broken one is skipped with a warning naming it; the rest come ordered by `order`, then by name.
 */
export function loadTemplates(dir: string, warn: (message: string) => void = () => {}): ProjectTemplate[] {
  if (!existsSync(dir)) return [];
  const templates: ProjectTemplate[] = readdirSync(dir, { withFileTypes: true }).filter((entry) => !entry.name.startsWith('.')).flatMap((entry) => {
    const path = join(dir, entry.name);
    const isFolder = entry.isDirectory() && existsSync(join(path, TEMPLATE_FILE));
    if (!isFolder && !(entry.isFile() && entry.name.endsWith('.json'))) return [];
    try {
      return [isFolder ? loadTemplateFolder(path) : parseWith(schemas().singleFile, path)];
    } catch (error) {
      warn(`templates: skipped ${path}: ${(error as Error).message}`);
      return [];
    }
  });
  return templates.sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function parseWith<T>(schema: z.ZodType<T>, file: string): T {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new OrchestrationError(`${file}: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new OrchestrationError(`${file}: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || '(top)'}: ${issue.message}`).join('; ')}`);
  return parsed.data;
}

/** Relative paths ("/"-separated) of every file under a folder, sorted; none when it does not exist. */
function filesUnder(root: string, prefix = ''): string[] {
  if (!existsSync(join(root, prefix))) return [];
  return readdirSync(join(root, prefix), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1)).flatMap((entry) => {
    const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) return filesUnder(root, path);
    return entry.isFile() ? [path] : [];
  });
}

function write(file: string, contents: string): void {
  makeFolders(dirname(file));
  writeFileSync(file, contents);
}
