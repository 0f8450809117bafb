// A project's workflow files as the editor sees them: list, open, save (create, overwrite, save-as), delete, each with
// its revision; a save against a revision the file no longer has is a conflict, never a silent overwrite.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ConflictError, NotFoundError, ValidationError, type Problem } from '../../../shared/errors.js';
import type { RequestOf, WorkflowDocument, WorkflowEntry } from '../../../shared/ipc.js';
import type { Project, Workflow } from '../../../shared/model.js';
import { workflowNameProblem } from '../../../shared/workflow-name.js';
import { parseWorkflow } from '../../../shared/workflow-schema.js';
import { formatOf, loadWorkflowFile, parseWorkflowText, readWorkflowRevision, renderWorkflow, writeFileAtomic, type LoadedWorkflow, type WorkflowFormat } from './workflow-file.js';
import { renderJsonOver } from './workflow-json-merge.js';
import { readWithRevision, revisionOf } from './workflow-revision.js';
import { baseName, workflowFiles } from './find-workflows.js';
import { makeFolders } from '../make-folders.js';

/** Refused because the file on disk is not the one the caller thinks it is; doors reply with the code `conflict`. */
export class WorkflowConflictError extends ConflictError {
  override name = 'WorkflowConflictError';
  override readonly code: string = 'workflow-conflict';
}

export interface DocumentHost {
  workflowsDir(project: Project): string;
  /** Problems that keep a workflow from running (the engine's own validation). */
  validate(workflow: Workflow, file: string): Problem[];
  /** Tells listeners a file was written or removed (revision null). */
  announce(project: Project, file: string, name: string, revision: string | null): void;
  /** A save may have created the workflows folder: watch it from now on. */
  folderCreated(project: Project): void;
}

type SaveRequest = Omit<RequestOf<'workflows.save'>, 'projectId'>;

/** Names become file names: the rule is shared with the editor's name dialog. */
export function assertSafeName(name: string, field: string): void {
  const problem = workflowNameProblem(name);
  if (problem !== null) throw new ValidationError([{ field, message: `the workflow's name "${name}" cannot be a file name: ${problem}` }]);
}

export class WorkflowDocuments {
  constructor(private readonly host: DocumentHost) {}

  /** Every workflow file of the project, valid or not: an invalid one is listed with its problems, never hidden. */
  list(project: Project): WorkflowEntry[] {
    return this.files(project).map((file) => {
      const document = this.read(file);
      const { workflow } = document;
      const name = workflow?.name ?? baseName(file);
      return { name, description: workflow?.description ?? '', steps: workflow?.steps.length ?? 0, file, revision: document.revision, problems: document.problems };
    });
  }

  /** The file holding the workflow of that name (or, for a file that is no workflow, of that file name); null if none. */
  locate(project: Project, name: string): string | null {
    return this.find(project, name)?.file ?? null;
  }

  /** The workflow of that name as a run starts it: read and parsed once, its file named; a file that is no workflow throws its problems. */
  load(project: Project, name: string): LoadedWorkflow {
    const found = this.find(project, name) ?? this.notFound(project, name);
    // A run's workflow is its own to change; find() read the one kept for every reader.
    return found.loaded === null ? loadWorkflowFile(found.file) : { ...found.loaded, workflow: structuredClone(found.loaded.workflow) };
  }

  require(project: Project, name: string): string {
    return (this.find(project, name) ?? this.notFound(project, name)).file;
  }

  get(project: Project, name: string): WorkflowDocument {
    const found = this.find(project, name) ?? this.notFound(project, name);
    if (found.loaded === null) return this.read(found.file);
    // find() has read and parsed the file already: parsing it again doubled the server's part of opening a big
    // workflow (issue 16).
    const { workflow, file, format, revision } = found.loaded;
    return { workflow, file, format, revision, problems: this.host.validate(workflow, file) };
  }

  /**
   * Creates `<name>.yaml` (baseRevision null) or overwrites the file of workflow `name` read at baseRevision. `name`
   * decides the file, and the workflow saved takes it as its name field, so the file is found again by the name the
   * editor holds; a rename is a save under the new name (a new file) and a delete of the old one. A workflow that
   * cannot run yet still saves; its problems come back with it.
   */
  save(project: Project, request: SaveRequest): WorkflowDocument {
    const workflow = { ...parseWorkflow(request.workflow), name: request.name };
    const fresh = join(this.host.workflowsDir(project), `${request.name}.yaml`);
    if (request.baseRevision === null) {
      this.assertNameFree(project, request.name, fresh);
      return this.write(project, fresh, workflow, null);
    }
    const source = this.locate(project, request.name);
    const current = source === null ? null : readWithRevision(source);
    if (current?.revision !== request.baseRevision && request.force !== true) {
      const what = current === null ? 'was removed from disk' : 'changed on disk';
      throw new WorkflowConflictError(`workflow "${request.name}" (${source ?? fresh}) ${what} since it was opened; reload it, or save again with force to keep this version`);
    }
    // Forced over a file removed meanwhile: it is made again where a new one would go.
    if (source === null) assertSafeName(request.name, 'name');
    return this.write(project, source ?? fresh, workflow, current?.text ?? null);
  }

  /** Removes the workflow's file; false when there was none. */
  delete(project: Project, name: string): boolean {
    const file = this.locate(project, name);
    if (file === null) return false;
    rmSync(file, { force: true });
    this.host.announce(project, file, name, null);
    return true;
  }

  /** An imported file's text as a workflow and its problems; nothing is written and nothing throws. */
  parse(text: string, fileName: string): { workflow: Workflow | null; problems: Problem[] } {
    try {
      const { workflow } = parseWorkflowText(text, fileName, formatOf(fileName));
      return { workflow, problems: this.host.validate(workflow, fileName) };
    } catch (error) {
      if (error instanceof ValidationError) return { workflow: null, problems: error.problems };
      return { workflow: null, problems: [{ file: fileName, message: `cannot read: ${(error as Error).message}` }] };
    }
  }

  /** The text an export writes: the workflow as a fresh file of that format. */
  render(raw: Record<string, unknown>, format: WorkflowFormat): string {
    return renderWorkflow(parseWorkflow(raw), format);
  }

  private write(project: Project, file: string, workflow: Workflow, previousText: string | null): WorkflowDocument {
    const format = formatOf(file);
    const text = format === 'json' ? renderJsonOver(workflow, previousText) : renderWorkflow(workflow, format, previousText);
    const dir = this.host.workflowsDir(project);
    const created = !existsSync(dir);
    makeFolders(dir);
    writeFileAtomic(file, text);
    if (created) this.host.folderCreated(project);
    const revision = revisionOf(text);
    const saved = parseWorkflowText(text, file, format).workflow;
    this.host.announce(project, file, saved.name, revision);
    return { workflow: saved, file, format, revision, problems: this.host.validate(saved, file) };
  }

  /** A new file is about to be made for this name: it must be a file name, and no other file may hold the name. */
  private assertNameFree(project: Project, name: string, target: string): void {
    assertSafeName(name, 'name');
    const holder = existsSync(target) ? target : this.locate(project, name);
    if (holder !== null) {
      throw new WorkflowConflictError(`a workflow named "${name}" already exists (${holder}); open it, or choose another name`);
    }
  }

  private read(file: string): WorkflowDocument {
    const format = formatOf(file);
    const current = readWithRevision(file);
    if (current === null) throw new NotFoundError('workflow', `unknown workflow file ${file}: it was removed from disk`);
    if (current.text === null) return { workflow: null, file, format, revision: current.revision, problems: [{ file, message: current.refused }] };
    try {
      const { workflow } = readWorkflowRevision(current.text, file, format, current.revision);
      return { workflow, file, format, revision: current.revision, problems: this.host.validate(workflow, file) };
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return { workflow: null, file, format, revision: current.revision, problems: error.problems };
    }
  }

  /** The file of workflow `name` with what it read as; `loaded` is null for a file of that name that is no workflow. */
  private find(project: Project, name: string): { file: string; loaded: ReadWorkflow | null } | null {
    const files = this.files(project);
    const named = files.filter((file) => baseName(file) === name);
    // The usual case first: `<name>.yaml` holds the workflow `name`; reading every file is for the rest.
    for (const file of [...named, ...files.filter((f) => !named.includes(f))]) {
      const loaded = readWorkflow(file);
      if (loaded?.workflow.name === name) return { file, loaded };
    }
    const unreadable = named.find((file) => readWorkflow(file) === null);
    return unreadable === undefined ? null : { file: unreadable, loaded: null };
  }

  private notFound(project: Project, name: string): never {
    const known = this.files(project).map((f) => readWorkflow(f)?.workflow.name ?? baseName(f));
    throw new NotFoundError('workflow', `unknown workflow "${name}" in project "${project.name}" (known: ${known.join(', ') || 'none'})`);
  }

  private files(project: Project): string[] {
    const dir = this.host.workflowsDir(project);
    return workflowFiles(dir).map((file) => join(dir, file));
  }
}

/** The workflow a file holds, or null when it does not read as one. */
/** A workflow file parsed, with the revision of the bytes it was parsed from. */
type ReadWorkflow = LoadedWorkflow & { revision: string };

function readWorkflow(file: string): ReadWorkflow | null {
  const current = readWithRevision(file);
  if (current?.text == null) return null;
  try {
    return { ...readWorkflowRevision(current.text, file, formatOf(file), current.revision), revision: current.revision };
  } catch {
    return null;
  }
}
