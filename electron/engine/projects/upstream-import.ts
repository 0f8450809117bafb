// Converts a read upstream Codomyrmex data folder into registered projects, YAML workflow files and sessions. The
// projects' folders are copied under `into` (the upstream folder is never written); a second import of the same folder
// finds everything already present and says so.
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { formatProblem, ValidationError } from '../../../shared/errors.js';
import type { Project, ProjectStatus, Session } from '../../../shared/model.js';
import { nameProblem } from '../../../shared/names.js';
import { workflowNameProblem } from '../../../shared/workflow-name.js';
import type { OrchestrationEngine } from '../orchestration-engine.js';
import { parseWorkflowText, renderWorkflow, writeFileAtomic } from '../workflows/workflow-file.js';
import { UPSTREAM_WORKFLOW_DIRS, type UpstreamFolder, type UpstreamProject, type UpstreamSession, type UpstreamWorkflowFile } from './upstream-folder.js';
import { makeFolders } from '../make-folders.js';

export type ImportKind = 'project' | 'workflow' | 'session';

export interface ImportItem {
  kind: ImportKind;
  name: string;
  /** The upstream file it came from. */
  file: string;
  /** Where it is now: a project's folder, a workflow's YAML file, a session's id. */
  to?: string;
  /** Why it was skipped or could not be converted. */
  reason?: string;
}

export interface ImportReport {
  source: string;
  into: string;
  converted: ImportItem[];
  /** Already there from an earlier import: left as they are. */
  skipped: ImportItem[];
  failed: ImportItem[];
  /** What the user should know that is no failure (a project naming a workflow no file holds). */
  notes: string[];
}

export function importUpstreamFolder(engine: OrchestrationEngine, folder: UpstreamFolder, into: string): ImportReport {
  return new UpstreamImport(engine, folder, into).run();
}

class UpstreamImport {
  private readonly report: ImportReport;
  /** Imported (or already present) projects by their upstream name, and by the upstream folder they came from. */
  private readonly byName = new Map<string, Project>();
  private readonly byDir = new Map<string, Project | null>();

  constructor(
    private readonly engine: OrchestrationEngine,
    private readonly folder: UpstreamFolder,
    private readonly into: string,
  ) {
    this.report = { source: folder.root, into, converted: [], skipped: [], failed: [], notes: [] };
  }

  run(): ImportReport {
    for (const { kind, file, reason } of this.folder.unreadable) this.report.failed.push({ kind, name: basename(file, '.json'), file, reason });
    for (const { dir, file, project } of this.folder.projects) this.byDir.set(dir, this.importProject(dir, file, project));
    const named = new Set<string>();
    for (const workflow of this.folder.workflows) {
      const name = workflowName(workflow);
      named.add(name);
      const text = this.convert(workflow);
      if (typeof text !== 'string') this.fail('workflow', name, workflow.file, text.reason);
      else for (const owner of this.ownersOf(workflow, name)) this.writeWorkflow(workflow.file, name, text, owner);
    }
    for (const { file, project } of this.folder.projects) {
      for (const name of project.workflows ?? []) {
        if (!named.has(name)) this.report.notes.push(`project "${project.name}" (${relative(this.folder.root, file)}) names workflow "${name}", but no workflow file of the folder holds it`);
      }
    }
    for (const { file, session } of this.folder.sessions) this.importSession(file, session);
    return this.report;
  }

  private importProject(dir: string, file: string, upstream: UpstreamProject): Project | null {
    const name = upstream.name;
    const problem = nameProblem('project', name);
    if (problem !== null) return this.fail('project', name, file, `the project's name ${problem}`);
    if (this.byName.has(name)) return this.fail('project', name, file, `another project named "${name}" is imported from this folder already`);
    const dest = join(this.into, name);
    const present = this.engine.projectManager.findProjectByPath(dest);
    if (present !== null) return this.keep(name, present, { kind: 'project', name, file, to: dest, reason: 'already present (registered at this folder)' });
    const copied = !existsSync(dest) || readdirSync(dest).length === 0;
    try {
      // The project's own workflow JSON files are converted to YAML, not copied beside them.
      const ownWorkflows = join(dir, UPSTREAM_WORKFLOW_DIRS[0]!);
      if (copied) cpSync(dir, dest, { recursive: true, verbatimSymlinks: true, filter: (source) => !(dirname(source) === ownWorkflows && source.toLowerCase().endsWith('.json')) });
      const project = this.engine.projectManager.addProject(dest, name, { details: projectDetails(upstream) });
      this.report.converted.push({ kind: 'project', name, file, to: dest, ...(copied ? {} : { reason: 'its folder was there already: registered as it is, nothing copied' }) });
      return this.keep(name, project);
    } catch (error) {
      return this.fail('project', name, file, (error as Error).message);
    }
  }

  /** The projects a workflow goes to: the one whose folder saved it, else each project naming it, else the folder's own. */
  private ownersOf(workflow: UpstreamWorkflowFile, name: string): (Project | string)[] {
    if (workflow.projectDir !== null) {
      const project = this.byDir.get(workflow.projectDir);
      return [project ?? `its project (${relative(this.folder.root, workflow.projectDir)}) could not be imported`];
    }
    const naming = this.folder.projects.filter(({ project }) => (project.workflows ?? []).includes(name));
    if (naming.length > 0) return naming.map(({ dir, project }) => this.byDir.get(dir) ?? `its project "${project.name}" could not be imported`);
    return [this.folderProject() ?? 'the project for workflows no project names could not be made'];
  }

  private folderProjectMade: Project | null | undefined;

  /** The project named after the data folder, holding the workflows no upstream project names; made when first needed. */
  private folderProject(): Project | null {
    if (this.folderProjectMade !== undefined) return this.folderProjectMade;
    const name = basename(this.folder.root);
    const dest = join(this.into, name);
    let made: Project | null = this.byName.get(name) ?? null;
    try {
      const present = made ?? this.engine.projectManager.findProjectByPath(dest);
      if (made === null && present !== null) {
        made = present;
        this.report.skipped.push({ kind: 'project', name, file: this.folder.root, to: dest, reason: 'already present (registered at this folder)' });
      } else if (made === null) {
        makeFolders(join(dest, UPSTREAM_WORKFLOW_DIRS[0]!));
        const description = `Workflows imported from ${this.folder.root} that no project named`;
        made = this.engine.projectManager.addProject(dest, name, { details: { description } });
        this.report.converted.push({ kind: 'project', name, file: this.folder.root, to: dest, reason: 'made for the workflows no project names' });
      }
    } catch (error) {
      this.fail('project', name, this.folder.root, (error as Error).message);
    }
    this.folderProjectMade = made;
    return made;
  }

  /** The workflow as our YAML, or why it cannot be converted (bad JSON, a step we cannot run, a name no file can have). */
  private convert(workflow: UpstreamWorkflowFile): string | { reason: string } {
    try {
      const { workflow: parsed } = parseWorkflowText(workflow.text, workflow.file, 'json');
      const problems = this.engine.workflowManager.validateWorkflow(parsed, workflow.file);
      if (problems.length > 0) throw new ValidationError(problems);
      const nameTrouble = workflowNameProblem(parsed.name);
      if (nameTrouble !== null) throw new Error(`the workflow's name "${parsed.name}" cannot be a file name: ${nameTrouble}`);
      return renderWorkflow(parsed, 'yaml');
    } catch (error) {
      return { reason: error instanceof ValidationError ? error.problems.map(({ file: _file, ...problem }) => formatProblem(problem)).join('; ') : (error as Error).message };
    }
  }

  private writeWorkflow(file: string, name: string, text: string, owner: Project | string): void {
    if (typeof owner === 'string') return void this.fail('workflow', name, file, owner);
    const dest = join(this.engine.projectManager.workflowsDir(owner), `${name}.yaml`);
    const item = { kind: 'workflow' as const, name, file, to: dest };
    if (existsSync(dest)) {
      if (readFileSync(dest, 'utf8') === text) this.report.skipped.push({ ...item, reason: `already present in project "${owner.name}"` });
      else this.report.failed.push({ ...item, reason: `project "${owner.name}" has a different ${name}.yaml already; left as it is` });
      return;
    }
    try {
      makeFolders(dirname(dest));
      writeFileAtomic(dest, text);
      this.report.converted.push(item);
    } catch (error) {
      this.fail('workflow', name, file, `cannot write ${dest}: ${(error as Error).message}`);
    }
  }

  private importSession(file: string, upstream: UpstreamSession): void {
    const sessionId = upstream.session_id;
    const name = upstream.name || `upstream-${sessionId.slice(0, 8)}`;
    if (this.engine.getSession(sessionId) !== null) {
      this.report.skipped.push({ kind: 'session', name, file, to: sessionId, reason: 'already present' });
      return;
    }
    const problem = nameProblem('session', name);
    if (problem !== null) return void this.fail('session', name, file, `the session's name ${problem}`);
    const { project: projectName, variables } = sessionMetadata(upstream.metadata ?? {});
    const project = projectName === null ? null : (this.byName.get(projectName) ?? null);
    if (projectName !== null && project === null) this.report.notes.push(`session "${name}" (${relative(this.folder.root, file)}) names project "${projectName}", which was not imported: it is bound to no project`);
    const session: Session = {
      sessionId,
      name,
      projectId: project?.id ?? null,
      createdAt: parseTime(upstream.created_at),
      // The upstream's pending and active sessions can still run workflows; completed, cancelled and failed ones ended.
      status: upstream.status === 'pending' || upstream.status === 'active' || upstream.status == null ? 'active' : 'closed',
      variables,
      env: {},
    };
    this.engine.restoreSession(session);
    this.report.converted.push({ kind: 'session', name, file, to: sessionId });
  }

  private keep(name: string, project: Project, skipped?: ImportItem): Project {
    this.byName.set(name, project);
    if (skipped !== undefined) this.report.skipped.push(skipped);
    return project;
  }

  private fail(kind: ImportKind, name: string, file: string, reason: string): null {
    this.report.failed.push({ kind, name, file, reason });
    return null;
  }
}

/** The workflow's own name (the upstream saves `{"name", "steps"}`), else its file's name. */
function workflowName(workflow: UpstreamWorkflowFile): string {
  try {
    const raw: unknown = JSON.parse(workflow.text);
    if (typeof raw === 'object' && raw !== null && typeof (raw as { name?: unknown }).name === 'string' && (raw as { name: string }).name !== '') return (raw as { name: string }).name;
  } catch {
    // Reported when it is converted; the file's name still says which workflow it was.
  }
  return basename(workflow.file).replace(/\.json$/i, '');
}

function projectDetails(upstream: UpstreamProject): { template: string | null; status: ProjectStatus; description: string; createdAt: number } {
  return { template: upstream.template ?? null, status: upstream.status ?? 'planning', description: upstream.description ?? '', createdAt: parseTime(upstream.created_at) };
}

/** The upstream writes `datetime.isoformat()`: without a zone it meant local time, as Date.parse reads it. */
function parseTime(text: string | null | undefined): number {
  const time = text == null ? Number.NaN : Date.parse(text);
  return Number.isNaN(time) ? Date.now() : time;
}

/** A session's project (metadata `project` or `project_name`) and its other plain metadata values as variables. */
function sessionMetadata(metadata: Record<string, unknown>): { project: string | null; variables: Record<string, string> } {
  const project = [metadata.project, metadata.project_name].find((value): value is string => typeof value === 'string') ?? null;
  const variables: Record<string, string> = {};
  for (const [key, value] of Object.entries(metadata)) {
    if (key === 'project' || key === 'project_name') continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') variables[key] = String(value);
  }
  return { project, variables };
}
