// Workflow files: load YAML or JSON with located errors; save atomically, keeping YAML comments, order and unknown keys.
// Reading uses js-yaml (a fast parser: the run path loads files of hundreds of steps); saving edits the original text
// through the \`yaml\` library's document model, which keeps comments. Every read is held to WORKFLOW_LIMITS.
import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { load as loadYaml, YAMLException } from 'js-yaml';
import type { Document, Node as YamlNode } from 'yaml';
import { ValidationError } from '../../../shared/errors.js';
import type { Workflow, WorkflowStep } from '../../../shared/model.js';
import { sizeProblem, TOO_DEEP } from '../../../shared/workflow-limits.js';
import { parseWorkflow, STEP_KEYS } from '../../../shared/workflow-schema.js';
import { deepFreeze } from '../deep-freeze.js';
import type { ParsedWorkflowCache } from './parsed-workflow-cache.js';
import { readWithRevision } from './workflow-revision.js';
import { parseYamlDocument, yamlLibrary } from './yaml-document.js';

export type WorkflowFormat = 'yaml' | 'json';

export interface LoadedWorkflow {
  workflow: Workflow;
  file: string;
  format: WorkflowFormat;
  /** The file's text as read, so a save edits it in place and its comments survive. */
  text: string;
}

export function formatOf(file: string): WorkflowFormat {
  return extname(file).toLowerCase() === '.json' ? 'json' : 'yaml';
}

/** Reads and parses a workflow file; with `cache`, a file whose bytes did not change since it was last parsed is not. */
export function loadWorkflowFile(file: string, cache?: ParsedWorkflowCache): LoadedWorkflow {
  let read: ReturnType<typeof readWithRevision>;
  try {
    read = readWithRevision(file);
  } catch (error) {
    throw new ValidationError([{ file, message: `cannot read: ${(error as Error).message}` }]);
  }
  if (read === null) throw new ValidationError([{ file, message: 'no such file' }]);
  if (read.text === null) throw new ValidationError([{ file, message: read.refused }]);
  const format = formatOf(file);
  const cached = cache?.get(file, read.revision, read.text.length);
  if (cached != null) return { workflow: cached, file, format, text: read.text };
  const loaded = parseWorkflowText(read.text, file, format);
  cache?.set(file, read.revision, read.text.length, loaded.workflow);
  return loaded;
}

/** Files whose last parse is kept: past it the least recently parsed is dropped. */
const PARSES_KEPT = 256;

/** The outcome of parsing a file at one revision: its workflow (frozen, shared by every reader) or its problems. */
interface KeptParse {
  revision: string;
  format: WorkflowFormat;
  workflow: Workflow | null;
  failure: ValidationError | null;
}

/** Per file, its last revision parsed. */
const lastParses = new Map<string, KeptParse>();

/**
 * parseWorkflowText for a file's text read at `revision`, for callers that only read: bytes already parsed are not
 * parsed again. Listing a project, watching it and opening one of its workflows each read every file; js-yaml and zod
 * took ~0.3 s a pass for a 10,000-step file. The workflow is the one kept for every reader, frozen (a change throws):
 * a caller that changes it takes a copy (structuredClone), as copying every time cost more than the listing itself.
 */
export function readWorkflowRevision(text: string, file: string, format: WorkflowFormat, revision: string): LoadedWorkflow {
  return { workflow: keptParse(text, file, format, revision), file, format, text };
}

function keptParse(text: string, file: string, format: WorkflowFormat, revision: string): Workflow {
  let kept = lastParses.get(file);
  if (kept === undefined || kept.revision !== revision || kept.format !== format) {
    try {
      // Fresh from the parser, held by no one yet: kept as it is, frozen.
      kept = { revision, format, workflow: deepFreeze(parseWorkflowText(text, file, format).workflow), failure: null };
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      kept = { revision, format, workflow: null, failure: error };
    }
  }
  // Most recently used last: the first key is the one dropped.
  lastParses.delete(file);
  lastParses.set(file, kept);
  if (lastParses.size > PARSES_KEPT) lastParses.delete(lastParses.keys().next().value!);
  if (kept.failure !== null) throw new ValidationError(kept.failure.problems);
  return kept.workflow!;
}

/** Parses a workflow's text within WORKFLOW_LIMITS; every failure is a ValidationError naming the file. */
export function parseWorkflowText(text: string, file: string, format: WorkflowFormat): LoadedWorkflow {
  // Texts that come from no file (an import, a request) are held to the files' limit too.
  const tooLarge = text.length > WORKFLOW_TEXT_CHECK ? sizeProblem(Buffer.byteLength(text)) : null;
  if (tooLarge !== null) throw new ValidationError([{ file, message: tooLarge }]);
  // Aliases come back as shared objects (js-yaml expands nothing); parseWorkflow counts what they would expand to.
  return { workflow: parseWorkflow(parseRaw(text, file, format), file), file, format, text };
}

/** Below this many characters a text cannot reach the byte limit (a character is at most 4 bytes): no need to count. */
const WORKFLOW_TEXT_CHECK = 2 * 1024 * 1024;

function parseRaw(text: string, file: string, format: WorkflowFormat): unknown {
  try {
    return format === 'json' ? JSON.parse(text) : loadYaml(text, { filename: file });
  } catch (error) {
    // Both parsers recurse once per level of nesting: a 100,000-deep file overflows the stack long before it ends.
    if (isStackOverflow(error)) throw new ValidationError([{ file, message: TOO_DEEP }]);
    if (format === 'json') throw new ValidationError([{ file, message: `invalid JSON: ${(error as Error).message}` }]);
    if (!(error instanceof YAMLException)) throw error;
    const { line, column } = error.mark ?? {};
    const at = line === undefined ? '' : ` at line ${line + 1}, column ${(column ?? 0) + 1}`;
    throw new ValidationError([{ file, message: `invalid YAML${at}: ${error.reason}` }]);
  }
}

export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

/** The workflow as a file holds it: defaults left out, keys in the documented order. */
export function serializeWorkflow(workflow: Workflow): Record<string, unknown> {
  return compact({
    version: 1,
    name: workflow.name,
    description: workflow.description || undefined,
    concurrency: workflow.concurrency,
    env: nonEmpty(workflow.env),
    params: nonEmpty(workflow.params),
    resources: nonEmpty(workflow.resources),
    runsOn: workflow.runsOn,
    cache: workflow.cache,
    steps: workflow.steps.map(serializeStep),
    ui: workflow.ui,
  });
}

function serializeStep(step: WorkflowStep): Record<string, unknown> {
  return compact({
    name: step.name,
    module: step.module,
    action: step.action,
    parameters: nonEmpty(step.parameters),
    dependencies: step.dependencies.length > 0 ? step.dependencies : undefined,
    timeout: step.timeout,
    retry: step.retry,
    resources: nonEmpty(step.resources),
    runWhen: step.runWhen === 'success' ? undefined : step.runWhen,
    continueOnError: step.continueOnError || undefined,
    priority: step.priority === 'normal' ? undefined : step.priority,
    runsOn: step.runsOn,
    cache: step.cache,
    ui: step.ui,
  });
}

const WORKFLOW_KEYS = new Set(['version', 'name', 'description', 'concurrency', 'env', 'params', 'resources', 'runsOn', 'cache', 'steps', 'ui']);

/** The text to write: the previous YAML text edited in place (comments kept), or a fresh rendering. */
export function renderWorkflow(workflow: Workflow, format: WorkflowFormat, previousText: string | null = null): string {
  const data = serializeWorkflow(workflow);
  if (format === 'json') return `${JSON.stringify(data, null, 2)}\n`;
  const document = previousText === null ? null : parseYamlDocument(previousText);
  if (document === null) return toYaml(data);
  document.contents = mergeNode(document, document.contents as YamlNode | null, data, WORKFLOW_KEYS) as typeof document.contents;
  return document.toString({ lineWidth: 0 });
}

function toYaml(data: unknown): string {
  const document = yamlLibrary().parseDocument('');
  document.contents = document.createNode(data) as typeof document.contents;
  return document.toString({ lineWidth: 0 });
}

/**
 * Writes the new value into an existing YAML node: scalars that did not change keep their node (and comments),
 * map keys keep their order, steps are matched by name, and keys we do not manage are left alone.
 */
function mergeNode(document: Document, node: YamlNode | null, value: unknown, managed: ReadonlySet<string> | null): unknown {
  const { isMap, isScalar, isSeq } = yamlLibrary();
  if (isMap(node) && isPlainObject(value)) {
    for (const pair of [...node.items]) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      if (!(key in value) && (managed === null || managed.has(key))) node.delete(pair.key);
    }
    for (const [key, child] of Object.entries(value)) {
      const existing = node.get(key, true) as YamlNode | undefined;
      const childManaged = key === 'steps' && managed === WORKFLOW_KEYS ? STEP_KEYS : null;
      node.set(key, existing === undefined ? document.createNode(child) : mergeNode(document, existing, child, childManaged));
    }
    return node;
  }
  if (isSeq(node) && Array.isArray(value)) {
    const byName = new Map<string, YamlNode>();
    for (const item of node.items) {
      const name = isMap(item) ? item.get('name') : undefined;
      if (typeof name === 'string') byName.set(name, item as YamlNode);
    }
    // Each old item is reused once: two entries of one name (groups in ui.groups may share one) must not become one node.
    const used = new Set<YamlNode>();
    node.items = value.map((child, index) => {
      const name = isPlainObject(child) && typeof child.name === 'string' ? child.name : undefined;
      const existing = name !== undefined ? byName.get(name) : (node.items[index] as YamlNode | undefined);
      if (existing === undefined || used.has(existing)) return document.createNode(child);
      used.add(existing);
      return mergeNode(document, existing, child, managed);
    });
    return node;
  }
  if (isScalar(node) && !isPlainObject(value) && !Array.isArray(value)) {
    if (node.value !== value) node.value = value;
    return node;
  }
  return document.createNode(value);
}

/** Writes a file so that a crash leaves either the old or the new contents, never half of one. */
export function writeFileAtomic(file: string, contents: string): void {
  const temp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, contents, { flush: true });
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

export function saveWorkflowFile(file: string, workflow: Workflow, previous: LoadedWorkflow | null = null): LoadedWorkflow {
  const format = formatOf(file);
  const text = renderWorkflow(workflow, format, previous?.format === 'yaml' ? previous.text : null);
  writeFileAtomic(file, text);
  return parseWorkflowText(text, file, format);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmpty<T extends object>(value: T): T | undefined {
  return Object.keys(value).length > 0 ? value : undefined;
}

function compact(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}
