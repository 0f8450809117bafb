// Watches every project's workflows folder while someone listens, and announces each file written or removed.
import { existsSync, readdirSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import type { Project } from '../../shared/model.js';
import type { EventBus } from './event-bus.js';
import { formatOf, parseWorkflowText } from './workflow-file.js';
import { readWithRevision } from './workflow-revision.js';

/** Editors and tools write a file in bursts (truncate, write, rename): one announcement per burst. */
const DEBOUNCE_MS = 50;
const WORKFLOW_FILE = /^[^.].*\.(ya?ml|json)$/i;

export interface WatchedProjects {
  listProjects(): Project[];
  workflowsDir(project: Project): string;
}

interface Known {
  name: string;
  revision: string | null;
}

export class WorkflowWatcher {
  private readonly folders = new Map<string, { watcher: FSWatcher; project: Project }>();
  private readonly known = new Map<string, Known>();
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private subscribers = 0;
  private offProjects: (() => void) | null = null;

  constructor(
    private readonly events: EventBus,
    private readonly projects: WatchedProjects,
  ) {}

  get watching(): boolean {
    return this.subscribers > 0;
  }

  /** Starts watching (with the first subscriber); returns the function that ends this subscription. */
  acquire(): () => void {
    if (this.subscribers++ === 0) this.start();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.subscribers === 0) this.stop();
    };
  }

  /** Watches a project's folder if someone listens and it exists (a save that creates the folder calls this again). */
  watchProject(project: Project): void {
    if (!this.watching) return;
    const dir = this.projects.workflowsDir(project);
    const current = this.folders.get(dir);
    if (current !== undefined) {
      current.project = project;
      return;
    }
    if (!existsSync(dir)) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(dir, { persistent: false }, (_event, file) => this.changed(dir, file === null ? null : String(file)));
    } catch (error) {
      process.emitWarning(`cannot watch ${dir}: ${(error as Error).message}`);
      return;
    }
    // A folder removed under us ends its watcher; it is watched again when the project is next updated or saved into.
    watcher.on('error', () => this.unwatch(dir));
    watcher.unref();
    this.folders.set(dir, { watcher, project });
    for (const file of workflowFiles(dir)) this.remember(join(dir, file));
  }

  /**
   * Announces a file's new revision (null: removed) unless it was already announced: our own saves call this first,
   * so the watcher's echo of the same write is silent and every change is announced once.
   */
  announce(projectId: string, file: string, name: string, revision: string | null): void {
    const previous = this.known.get(file);
    if (previous !== undefined && previous.revision === revision) return;
    this.known.set(file, { name, revision });
    this.events.emit({ type: 'workflow.changed', projectId, name, file, revision });
  }

  /** Stops every watcher and timer, whoever still holds a subscription. */
  close(): void {
    this.subscribers = 0;
    this.stop();
  }

  private start(): void {
    this.offProjects = this.events.on((event) => {
      if (event.type === 'project.updated') this.watchProject(event.project);
    }, ['project.updated']);
    for (const project of this.projects.listProjects()) this.watchProject(project);
  }

  private stop(): void {
    this.offProjects?.();
    this.offProjects = null;
    for (const dir of [...this.folders.keys()]) this.unwatch(dir);
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    this.known.clear();
  }

  private unwatch(dir: string): void {
    this.folders.get(dir)?.watcher.close();
    this.folders.delete(dir);
  }

  private changed(dir: string, file: string | null): void {
    // Without a file name (some platforms, overflow) every file of the folder may have changed.
    const files = file === null ? [...new Set([...workflowFiles(dir), ...this.knownIn(dir)])] : WORKFLOW_FILE.test(file) ? [file] : [];
    for (const name of files) {
      const path = join(dir, name);
      clearTimeout(this.pending.get(path));
      const timer = setTimeout(() => {
        this.pending.delete(path);
        this.settle(dir, path);
      }, DEBOUNCE_MS);
      timer.unref();
      this.pending.set(path, timer);
    }
  }

  private settle(dir: string, file: string): void {
    const folder = this.folders.get(dir);
    if (folder === undefined) return;
    let read: ReturnType<typeof readWithRevision>;
    try {
      read = readWithRevision(file);
    } catch {
      return; // unreadable for a moment (permissions, a half-made file): the next event tells
    }
    const name = read === null ? (this.known.get(file)?.name ?? baseName(file)) : nameIn(read.text, file);
    this.announce(folder.project.id, file, name, read?.revision ?? null);
  }

  private remember(file: string): void {
    try {
      const read = readWithRevision(file);
      if (read !== null) this.known.set(file, { name: nameIn(read.text, file), revision: read.revision });
    } catch {
      // an unreadable file is announced once it can be read
    }
  }

  private knownIn(dir: string): string[] {
    return [...this.known.keys()].filter((file) => file.startsWith(`${dir}/`) || file.startsWith(`${dir}\\`)).map((file) => file.slice(dir.length + 1));
  }
}

function workflowFiles(dir: string): string[] {
  try {
    return readdirSync(dir).filter((file) => WORKFLOW_FILE.test(file));
  } catch {
    return [];
  }
}

/** The workflow's own name when the file reads as one, else its file name (as `workflows.list` shows it). */
function nameIn(text: string, file: string): string {
  try {
    return parseWorkflowText(text, file, formatOf(file)).workflow.name;
  } catch {
    return baseName(file);
  }
}

export function baseName(file: string): string {
  return file.replace(/^.*[\\/]/, '').replace(/\.(ya?ml|json)$/i, '');
}
