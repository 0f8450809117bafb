// Writes a Python Codomyrmex data folder exactly as its managers save it, field for field: `WorkflowManager._save_workflow`
// (`{"name", "steps"}` with every WorkflowStep field), `Project.to_dict()` in `projects/<dir>/.codomyrmex/project.json`,
// `OrchestrationSession.to_dict()` — all through `json.dump(..., indent=2)`.
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A `WorkflowStep` as saved: timeout None, retry_count 0 and max_retries 3 unless given. */
export function upstreamStep(name: string, module: string, action: string, parameters: Record<string, unknown>, dependencies: string[] = [], maxRetries = 3) {
  return { name, module, action, parameters, dependencies, timeout: null, retry_count: 0, max_retries: maxRetries };
}

/** `json.dump(obj, f, indent=2)`: Python writes ", " and ": " separators with indent, as JSON.stringify does. */
function dump(file: string, value: unknown): string {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, JSON.stringify(value, null, 2));
  return file;
}

export function saveUpstreamWorkflow(configDir: string, name: string, steps: ReturnType<typeof upstreamStep>[]): string {
  return dump(join(configDir, `${name}.json`), { name, steps });
}

/** `Project.to_dict()` of a project made by `ProjectManager.create_project` in `<root>/projects/<name>`. */
export function saveUpstreamProject(root: string, name: string, fields: { status?: string; template?: string | null; workflows?: string[]; description?: string; type?: string } = {}): string {
  const path = join(root, 'projects', name);
  return dump(join(path, '.codomyrmex', 'project.json'), {
    name,
    description: fields.description ?? '',
    type: fields.type ?? 'custom',
    path,
    status: fields.status ?? 'planning',
    version: '1.0.0',
    template: fields.template ?? null,
    config: {},
    workflows: fields.workflows ?? [],
    active_workflows: [],
    required_modules: [],
    author: '',
    tags: [],
    created_at: '2025-10-01T12:00:00.123456+00:00',
    updated_at: '2025-10-01T12:00:00.123456+00:00',
    milestones: {},
    metrics: {},
  });
}

/** `OrchestrationSession.to_dict()`. */
export function saveUpstreamSession(root: string, sessionId: string, name: string, metadata: Record<string, unknown>): string {
  return dump(join(root, 'sessions', `${sessionId}.json`), {
    session_id: sessionId,
    name,
    description: '',
    user_id: 'system',
    mode: 'resource_aware',
    max_parallel_tasks: 4,
    max_parallel_workflows: 2,
    timeout_seconds: null,
    resource_requirements: {},
    metadata,
    status: 'active',
    created_at: '2025-10-02T09:30:00.000001+00:00',
    started_at: null,
    updated_at: null,
    completed_at: null,
  });
}

/** One hash of a folder's every path, kind, mode and contents: equal before and after means nothing in it changed. */
export function hashTree(root: string): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const stat = lstatSync(path);
      hash.update(`${path}\0${stat.mode}\0${stat.mtimeMs}\0`);
      if (stat.isDirectory()) walk(path);
      else if (stat.isFile()) hash.update(readFileSync(path));
    }
  };
  walk(root);
  return hash.digest('hex');
}
