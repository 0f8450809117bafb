// ProjectManager: projects are folders on disk, created from templates or added as they are, kept in a registry.
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, parse, resolve } from 'node:path';
import { ConfirmationNeededError, NotFoundError, OrchestrationError } from '../../../shared/errors.js';
import { PROJECT_STATUSES, type Project, type ProjectStatus } from '../../../shared/model.js';
import { assertName } from '../../../shared/names.js';
import type { EventBus } from '../event-bus.js';
import type { ProjectStore } from '../store/registry-store.js';
import type { ProjectTemplate } from './templates/template.js';
import { writeFileAtomic } from '../workflows/workflow-file.js';
import { makeFolders } from '../make-folders.js';

export const PROJECT_WORKFLOWS_DIR = join('.codomyrmex', 'workflows');

export interface CreateProjectOptions {
  name: string;
  /** The project's folder; created if missing. Defaults to `<parentDir>/<name>`. */
  path?: string;
  parentDir?: string;
  template?: string;
  description?: string;
  status?: ProjectStatus;
}

export class ProjectManager {
  private known: Map<string, ProjectTemplate> | null = null;

  /** `templates` is read on first use: a `codomyrmex run` never needs them, and user templates are files to read. */
  constructor(
    private readonly store: ProjectStore,
    private readonly events: EventBus,
    private readonly templateSource: () => readonly ProjectTemplate[],
    /** Called once for each newly registered project: runs made in its folder before are linked to it. */
    private readonly onAdded: (project: Project) => void = () => {},
  ) {}

  private get templates(): Map<string, ProjectTemplate> {
    return (this.known ??= new Map(this.templateSource().map((template) => [template.name, template])));
  }

  listTemplates(): ProjectTemplate[] {
    return [...this.templates.values()];
  }

  getTemplate(name: string): ProjectTemplate | undefined {
    return this.templates.get(name);
  }

  registerTemplate(template: ProjectTemplate): void {
    this.templates.set(template.name, template);
  }

  /** Creates the folder (refusing to write into a non-empty one), lays out the template, registers the project. */
  createProject(options: CreateProjectOptions): Project {
    // The name becomes the folder's name under parentDir: ".." or a separator would put the project somewhere else.
    assertName('project', options.name);
    const path = resolve(options.path ?? join(options.parentDir ?? process.cwd(), options.name));
    const template = options.template === undefined ? undefined : this.templates.get(options.template);
    if (options.template !== undefined && template === undefined) {
      throw new NotFoundError('template', `unknown template "${options.template}" (known: ${[...this.templates.keys()].join(', ')})`);
    }
    if (this.store.findByPath(path) !== null) throw new OrchestrationError(`${path} is already a registered project`);
    if (existsSync(path) && readdirSync(path).length > 0) {
      throw new OrchestrationError(`${path} already exists and is not empty; add it as an existing project instead`);
    }
    makeFolders(path);
    if (template !== undefined) writeTemplate(path, options.name, template);
    else makeFolders(join(path, PROJECT_WORKFLOWS_DIR));
    return this.registerNew({
      id: randomUUID(),
      name: options.name,
      path,
      template: template?.name ?? null,
      status: options.status ?? 'planning',
      createdAt: Date.now(),
      description: options.description ?? template?.description ?? '',
    });
  }

  /**
   * Registers an existing folder as a project (or returns the project already registered there). A file system root or
   * the home folder itself holds far more than one project: adding one needs `confirmBroadFolder`.
   */
  addProject(folder: string, name?: string, options: { confirmBroadFolder?: boolean; details?: Partial<Pick<Project, 'template' | 'status' | 'description' | 'createdAt'>> } = {}): Project {
    if (name !== undefined) assertName('project', name);
    const path = resolve(folder);
    const existing = this.store.findByPath(path);
    if (existing !== null) return existing;
    if (!existsSync(path) || !statSync(path).isDirectory()) throw new OrchestrationError(`${path} is not a folder`);
    const broad = broadFolder(path);
    if (broad !== null && options.confirmBroadFolder !== true) {
      throw new ConfirmationNeededError(`${path} is ${broad}, not one project's folder: every workflow run there works on all of it; add the project's own folder, or confirm to add ${path} anyway`);
    }
    return this.registerNew({ id: randomUUID(), name: name ?? basename(path), path, template: null, status: 'active', createdAt: Date.now(), description: '', ...options.details });
  }

  getProject(id: string): Project | null {
    return this.store.get(id);
  }

  findProjectByPath(path: string): Project | null {
    return this.store.findByPath(resolve(path));
  }

  /** The registered project whose folder holds `path` (the nearest, when projects nest), or null. */
  findProjectContaining(path: string): Project | null {
    for (let dir = resolve(path); ; dir = dirname(dir)) {
      const project = this.store.findByPath(dir);
      if (project !== null || dirname(dir) === dir) return project;
    }
  }

  /** A project by id, folder or name, or an error naming what is known. */
  resolveProject(ref: string): Project {
    const found = this.store.get(ref) ?? this.store.findByPath(resolve(ref));
    if (found !== null) return found;
    const projects = this.listProjects();
    const named = projects.filter((project) => project.name === ref);
    if (named.length === 1) return named[0]!;
    if (named.length > 1) throw new OrchestrationError(`${named.length} projects are named "${ref}"; give its id (${named.map((p) => p.id).join(', ')})`);
    throw new NotFoundError('project', `unknown project "${ref}" (known: ${projects.map((p) => `${p.name} [${p.id}]`).join(', ') || 'none'})`);
  }

  listProjects(): Project[] {
    return this.store.list();
  }

  /** Sets the status by hand; when the status follows runs, it is also the one the project returns to after them. */
  updateProjectStatus(id: string, status: ProjectStatus): Project {
    if (!PROJECT_STATUSES.includes(status)) throw new OrchestrationError(`unknown project status "${status}" (known: ${PROJECT_STATUSES.join(', ')})`);
    const project = this.requireProject(id);
    const follows = project.statusFollowsRuns;
    return this.register({ ...project, status, ...(follows !== undefined ? { statusFollowsRuns: { ...follows, restingStatus: restingFor(status) } } : {}) });
  }

  /**
   * Turns the status following runs on (with the workflow whose last run is the health check, or none) or off (null).
   * Turned on, the status it has now is the one it returns to after runs.
   */
  setStatusFollowsRuns(id: string, follows: { healthCheck: string | null } | null): Project {
    const project = this.requireProject(id);
    if (follows?.healthCheck != null) assertName('workflow', follows.healthCheck);
    const { statusFollowsRuns: previous, ...rest } = project;
    if (follows === null) return this.register(rest);
    return this.register({ ...rest, statusFollowsRuns: { healthCheck: follows.healthCheck, restingStatus: previous?.restingStatus ?? restingFor(project.status) } });
  }

  /** What `projects.update` and `codomyrmex projects set` change: the status by hand first, then following runs. */
  updateProject(id: string, changes: { status?: ProjectStatus; statusFollowsRuns?: { healthCheck: string | null } | null }): Project {
    let project = this.requireProject(id);
    if (changes.status !== undefined) project = this.updateProjectStatus(id, changes.status);
    if (changes.statusFollowsRuns !== undefined) project = this.setStatusFollowsRuns(id, changes.statusFollowsRuns);
    return project;
  }

  /** A status change runs made (see ProjectStatusFollower): saved with its reason, and announced as any update is. */
  recordStatusChange(id: string, to: ProjectStatus, reason: string, executionId: string | null): Project {
    const project = this.requireProject(id);
    return this.register({ ...project, status: to, lastStatusChange: { from: project.status, to, reason, executionId, time: Date.now() } });
  }

  /** Removes the project from the registry; its files stay unless `deleteFiles` is set. */
  removeProject(id: string, options: { deleteFiles?: boolean } = {}): void {
    const project = this.requireProject(id);
    this.store.remove(id);
    if (options.deleteFiles) rmSync(project.path, { recursive: true, force: true });
  }

  workflowsDir(project: Project): string {
    return join(project.path, PROJECT_WORKFLOWS_DIR);
  }

  private registerNew(project: Project): Project {
    this.register(project);
    this.onAdded(project);
    return project;
  }

  private register(project: Project): Project {
    this.store.save(project);
    this.events.emit({ type: 'project.updated', project });
    return project;
  }

  /** The project, or an error naming the unknown id (every door answers it as not-found). */
  requireProject(id: string): Project {
    const project = this.store.get(id);
    if (project === null) throw new NotFoundError('project', `unknown project "${id}"`);
    return project;
  }
}

/** `failed` says what a health check found, never where the project rests: a project set failed by hand rests active. */
function restingFor(status: ProjectStatus): ProjectStatus {
  return status === 'failed' ? 'active' : status;
}

/** What a folder too broad to be a project is ("a file system root", "your home folder"), or null for any other. */
function broadFolder(path: string): string | null {
  if (path === parse(path).root) return 'a file system root';
  if (path === resolve(homedir())) return 'your home folder';
  return null;
}

function writeTemplate(root: string, projectName: string, template: ProjectTemplate): void {
  const fill = (text: string): string => text.replaceAll('{{projectName}}', projectName);
  for (const dir of template.directories) makeFolders(join(root, dir));
  for (const [relative, contents] of Object.entries(template.files)) {
    const file = join(root, relative);
    makeFolders(dirname(file));
    writeFileSync(file, fill(contents));
  }
  makeFolders(join(root, PROJECT_WORKFLOWS_DIR));
  writeFileAtomic(join(root, '.codomyrmex', 'config.json'), `${JSON.stringify({ template: template.name, ...template.config }, null, 2)}\n`);
  for (const [name, yaml] of Object.entries(template.workflows)) {
    writeFileAtomic(join(root, PROJECT_WORKFLOWS_DIR, `${name}.yaml`), fill(yaml));
  }
}
