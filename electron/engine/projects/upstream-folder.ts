// Reads a Python Codomyrmex data folder as its WorkflowManager, ProjectManager and sessions leave it: what is there, and
// which files cannot be read (each with its reason). Reads only: nothing in the folder is written.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';

/**
 * Where the upstream saves, relative to the folder its managers ran in (their working directory):
 * `WorkflowManager._save_workflow` writes `<config_dir>/<name>.json`, config_dir being `.codomyrmex/workflows`
 * (releases up to 2025) or `config/workflows/production` (later ones); `Project.save` writes
 * `<path>/.codomyrmex/project.json` and `ProjectManager.load_projects` reads every `projects/<dir>/` that has one.
 * Sessions (`OrchestrationSession`) live in memory upstream; saved with `to_dict()` they are read from `sessions/`.
 */
export const UPSTREAM_WORKFLOW_DIRS = [join('.codomyrmex', 'workflows'), join('config', 'workflows', 'production')];
export const UPSTREAM_PROJECTS_DIR = 'projects';
export const UPSTREAM_PROJECT_FILE = join('.codomyrmex', 'project.json');
export const UPSTREAM_SESSION_DIRS = ['sessions', join('.codomyrmex', 'sessions')];

/** `Project.to_dict()`: the fields we carry over; the rest (type, config, tags, milestones, metrics) stay upstream. */
const upstreamProject = z.looseObject({
  name: z.string().min(1),
  description: z.string().nullish(),
  status: z.enum(['planning', 'active', 'paused', 'completed', 'archived', 'failed']).nullish(),
  template: z.string().nullish(),
  workflows: z.array(z.string()).nullish(),
  created_at: z.string().nullish(),
});

/** `OrchestrationSession.to_dict()`. */
const upstreamSession = z.looseObject({
  session_id: z.string().min(1),
  name: z.string().nullish(),
  status: z.enum(['pending', 'active', 'completed', 'cancelled', 'failed']).nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
  created_at: z.string().nullish(),
});

export type UpstreamProject = z.infer<typeof upstreamProject>;
export type UpstreamSession = z.infer<typeof upstreamSession>;

export interface UpstreamWorkflowFile {
  file: string;
  text: string;
  /** The upstream project folder it was saved in (its own `.codomyrmex/workflows/`), or null for the data folder's. */
  projectDir: string | null;
}

export interface UpstreamFolder {
  root: string;
  workflows: UpstreamWorkflowFile[];
  projects: { dir: string; file: string; project: UpstreamProject }[];
  sessions: { file: string; session: UpstreamSession }[];
  /** Files that belong to the layout but cannot be read: broken JSON, a shape the upstream never writes. */
  unreadable: { kind: 'workflow' | 'project' | 'session'; file: string; reason: string }[];
}

/** The folder's contents, or null when it holds none of the upstream's places (not an upstream data folder). */
export function readUpstreamFolder(root: string): UpstreamFolder | null {
  const found: UpstreamFolder = { root, workflows: [], projects: [], sessions: [], unreadable: [] };
  let layout = false;
  for (const dir of UPSTREAM_WORKFLOW_DIRS) {
    const files = jsonFiles(join(root, dir));
    if (files === null) continue;
    layout = true;
    for (const file of files) readText(found, 'workflow', file, (text) => found.workflows.push({ file, text, projectDir: null }));
  }
  const projectsDir = join(root, UPSTREAM_PROJECTS_DIR);
  for (const name of isFolder(projectsDir) ? readdirSync(projectsDir).sort() : []) {
    const dir = join(projectsDir, name);
    const file = join(dir, UPSTREAM_PROJECT_FILE);
    if (!isFolder(dir) || !existsSync(file)) continue;
    layout = true;
    readJson(found, 'project', file, upstreamProject, (project) => found.projects.push({ dir, file, project }));
    for (const workflowFile of jsonFiles(join(dir, UPSTREAM_WORKFLOW_DIRS[0]!)) ?? []) {
      readText(found, 'workflow', workflowFile, (text) => found.workflows.push({ file: workflowFile, text, projectDir: dir }));
    }
  }
  for (const dir of UPSTREAM_SESSION_DIRS) {
    const files = jsonFiles(join(root, dir));
    if (files === null) continue;
    layout = true;
    for (const file of files) readJson(found, 'session', file, upstreamSession, (session) => found.sessions.push({ file, session }));
  }
  return layout ? found : null;
}

/** What the folder would need to be an upstream data folder, for the refusal's message. */
export function upstreamLayoutHint(): string {
  const places = [...UPSTREAM_WORKFLOW_DIRS.map((dir) => `${dir}/*.json`), `${UPSTREAM_PROJECTS_DIR}/*/${UPSTREAM_PROJECT_FILE}`, `${UPSTREAM_SESSION_DIRS[0]}/*.json`];
  return `an upstream Codomyrmex data folder holds at least one of ${places.join(', ')}`;
}

export function relativeTo(root: string, file: string): string {
  return relative(root, file) || '.';
}

function jsonFiles(dir: string): string[] | null {
  if (!isFolder(dir)) return null;
  return readdirSync(dir)
    .filter((name) => name.toLowerCase().endsWith('.json'))
    .sort()
    .map((name) => join(dir, name))
    .filter((file) => statSync(file).isFile());
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function readText(found: UpstreamFolder, kind: UpstreamFolder['unreadable'][number]['kind'], file: string, use: (text: string) => void): void {
  try {
    use(readFileSync(file, 'utf8'));
  } catch (error) {
    found.unreadable.push({ kind, file, reason: `cannot read: ${(error as Error).message}` });
  }
}

function readJson<T>(found: UpstreamFolder, kind: 'project' | 'session', file: string, schema: z.ZodType<T>, use: (value: T) => void): void {
  readText(found, kind, file, (text) => {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      found.unreadable.push({ kind, file, reason: `invalid JSON: ${(error as Error).message}` });
      return;
    }
    const parsed = schema.safeParse(raw);
    if (parsed.success) use(parsed.data);
    else found.unreadable.push({ kind, file, reason: `not an upstream ${kind} file: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'top level'}: ${issue.message}`).join('; ')}` });
  });
}
