// A workflow file's parsed and checked form, kept under $CODOMYRMEX_HOME/parsed-workflows/ by the file's content hash:
// `codomyrmex run` of a file that did not change skips js-yaml and zod (a few ms of every start). One entry per file
// path, replaced by its next version. An entry that cannot be read, was made by another build of the engine or from
// other bytes, or is not a workflow's shape is ignored: the file is parsed again and the entry written over.
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Workflow } from '../../../shared/model.js';
import { makeFolders } from '../make-folders.js';

interface Entry {
  build: string;
  revision: string;
  length: number;
  workflow: Workflow;
}

/**
 * The engine's build, as the bundle this code runs from names it (its size and time): a new build may parse the same
 * text otherwise. Null when it runs from its sources (tests, a dev server), which change without a build: no cache.
 */
function bundleBuild(): string | null {
  try {
    const self = fileURLToPath(import.meta.url);
    if (self.endsWith('.ts')) return null;
    const stat = statSync(self);
    return `${stat.size}-${stat.mtimeMs}`;
  } catch {
    return null;
  }
}

export class ParsedWorkflowCache {
  private readonly build: string | null;

  constructor(
    private readonly dir: string,
    build: string | null = bundleBuild(),
  ) {
    this.build = build;
  }

  /** The workflow parsed from these bytes of `file` (its revision and length, as read), if an entry holds it. */
  get(file: string, revision: string, length: number): Workflow | null {
    if (this.build === null) return null;
    let entry: Partial<Entry>;
    try {
      entry = JSON.parse(readFileSync(this.entryFile(file), 'utf8')) as Partial<Entry>;
    } catch {
      return null; // none yet, or a torn or foreign file: parsed again, and written over
    }
    if (entry === null || typeof entry !== 'object' || entry.build !== this.build || entry.revision !== revision || entry.length !== length) return null;
    const workflow = entry.workflow;
    return isWorkflowShape(workflow) ? workflow : null;
  }

  /** Keeps the workflow parsed from these bytes; one that JSON cannot carry as it is (a YAML date) is not kept. */
  set(file: string, revision: string, length: number, workflow: Workflow): void {
    if (this.build === null || !jsonExact(workflow)) return;
    const target = this.entryFile(file);
    const partial = `${target}.${process.pid}.tmp`;
    try {
      makeFolders(this.dir);
      writeFileSync(partial, JSON.stringify({ build: this.build, revision, length, workflow } satisfies Entry));
      renameSync(partial, target);
    } catch {
      // A read-only or full data folder: every run parses, as without the cache.
      rmSync(partial, { force: true });
    }
  }

  private entryFile(file: string): string {
    return join(this.dir, `${createHash('sha1').update(file).digest('hex').slice(0, 20)}.json`);
  }
}

/** What every entry's workflow has (parseWorkflow's output): enough to refuse a file that is not one. */
function isWorkflowShape(value: unknown): value is Workflow {
  if (typeof value !== 'object' || value === null) return false;
  const workflow = value as Partial<Workflow>;
  return typeof workflow.name === 'string' && Array.isArray(workflow.steps) && workflow.steps.every((step) => typeof step === 'object' && step !== null && typeof step.name === 'string' && typeof step.module === 'string' && typeof step.action === 'string' && Array.isArray(step.dependencies))
    && typeof workflow.env === 'object' && typeof workflow.params === 'object' && typeof workflow.resources === 'object';
}

/** True when JSON gives the value back exactly: plain objects and arrays of strings, finite numbers, booleans, null. */
function jsonExact(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (typeof value !== 'object') return false;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) if (!(index in value) || !jsonExact(value[index])) return false;
    return true;
  }
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return false;
  for (const key in value) if (key === '__proto__' || !jsonExact((value as Record<string, unknown>)[key])) return false;
  return true;
}
