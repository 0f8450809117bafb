// Watches every project's workflows folder while someone listens, and announces each file written or removed.
import { existsSync, watch, type FSWatcher } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Project } from '../../../shared/model.js';
import type { EventBus } from '../event-bus.js';
import { formatOf, readWorkflowRevision } from './workflow-file.js';
import { readWithRevision } from './workflow-revision.js';
import { baseName, isWorkflowFile, workflowFiles } from './find-workflows.js';

/** Editors and tools write a file in bursts (truncate, write, rename): one announcement per burst. */
const DEBOUNCE_MS = 50;

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
  /** Watchers on a folder above a workflows folder that does not exist yet, by the awaited folder. */
  private readonly waiting = new Map<string, FSWatcher>();
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

  /**
   * Watches a project's workflows folder while someone listens. A folder that does not exist yet is waited for, by
   * watching the nearest folder above it inside the project, so a folder made later (by a save, git or a tool) is seen.
   */
  watchProject(project: Project, appeared = false): void {
    if (!this.watching) return;
    const dir = this.projects.workflowsDir(project);
    const current = this.folders.get(dir);
    if (current !== undefined) {
      current.project = project;
      return;
    }
    this.stopWaiting(dir);
    if (!existsSync(dir)) {
      this.waitFor(project, dir);
      return;
    }
    const watcher = this.open(dir, (file) => this.changed(dir, file));
    if (watcher === null) return;
    this.folders.set(dir, { watcher, project });
    // Files already in a folder that just appeared are news; in a folder watched from the start they are the baseline.
    for (const file of workflowFiles(dir)) {
      if (appeared) this.settle(project, join(dir, file));
      else this.remember(join(dir, file));
    }
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
    for (const dir of [...this.waiting.keys()]) this.stopWaiting(dir);
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    this.known.clear();
  }

  private waitFor(project: Project, dir: string): void {
    let parent = dirname(dir);
    while (!existsSync(parent) && parent.startsWith(project.path) && parent !== project.path) parent = dirname(parent);
    if (!parent.startsWith(project.path) || !existsSync(parent)) return;
    // Closer to the folder, or the folder itself, exists now: watch from there (checked again once watching, so a
    // folder made between the check and the watch is not missed).
    const closer = (): boolean => existsSync(dir) || (parent !== dirname(dir) && existsSync(dirname(dir)));
    const watcher = this.open(parent, () => closer() && this.watchProject(project, true));
    if (watcher === null) return;
    this.waiting.set(dir, watcher);
    if (closer()) this.watchProject(project, true);
  }

  private stopWaiting(dir: string): void {
    this.waiting.get(dir)?.close();
    this.waiting.delete(dir);
  }

  /** A watcher that never keeps the process alive on its own; null (with a warning) where the folder cannot be watched. */
  private open(dir: string, onChange: (file: string | null) => void): FSWatcher | null {
    try {
      const watcher = watch(dir, { persistent: false }, (_event, file) => onChange(file === null ? null : String(file)));
      // A folder removed under us ends its watcher; it is watched again when the project is next updated or saved into.
      watcher.on('error', () => {
        watcher.close();
        for (const [key, folder] of this.folders) if (folder.watcher === watcher) this.folders.delete(key);
        for (const [key, waiting] of this.waiting) if (waiting === watcher) this.waiting.delete(key);
      });
      watcher.unref();
      return watcher;
    } catch (error) {
      process.emitWarning(`cannot watch ${dir}: ${(error as Error).message}`);
      return null;
    }
  }

  private unwatch(dir: string): void {
    this.folders.get(dir)?.watcher.close();
    this.folders.delete(dir);
  }

  private changed(dir: string, file: string | null): void {
    const project = this.folders.get(dir)?.project;
    if (project === undefined) return;
    // Without a file name (some platforms, overflow) every file of the folder may have changed.
    const files = file === null ? [...new Set([...workflowFiles(dir), ...this.knownIn(dir)])] : isWorkflowFile(file) ? [file] : [];
    for (const name of files) {
      const path = join(dir, name);
      clearTimeout(this.pending.get(path));
      const timer = setTimeout(() => {
        this.pending.delete(path);
        this.settle(project, path);
      }, DEBOUNCE_MS);
      timer.unref();
      this.pending.set(path, timer);
    }
    // The folder itself went away (a checkout, rm -rf): its watcher is dead; wait for the folder to come back.
    if (!existsSync(dir)) {
      this.unwatch(dir);
      this.watchProject(project);
    }
  }

  private settle(project: Project, file: string): void {
    let read: ReturnType<typeof readWithRevision>;
    try {
      read = readWithRevision(file);
    } catch {
      return; // unreadable for a moment (permissions, a half-made file): the next event tells
    }
    const name = read === null ? (this.known.get(file)?.name ?? baseName(file)) : nameIn(read.text, file, read.revision);
    this.announce(project.id, file, name, read?.revision ?? null);
  }

  private remember(file: string): void {
    try {
      const read = readWithRevision(file);
      if (read !== null) this.known.set(file, { name: nameIn(read.text, file, read.revision), revision: read.revision });
    } catch {
      // an unreadable file is announced once it can be read
    }
  }

  private knownIn(dir: string): string[] {
    return [...this.known.keys()].filter((file) => file.startsWith(`${dir}/`) || file.startsWith(`${dir}\\`)).map((file) => file.slice(dir.length + 1));
  }
}

/** The workflow's own name when the file reads as one, else its file name (as `workflows.list` shows it). */
function nameIn(text: string | null, file: string, revision: string): string {
  // A file refused before parsing (too large, not UTF-8) is announced by its file name; the list says what is wrong.
  if (text === null) return baseName(file);
  try {
    return readWorkflowRevision(text, file, formatOf(file), revision).workflow.name;
  } catch {
    return baseName(file);
  }
}
