// Test helpers: temporary data folders and projects, engines on them, and small workflow builders.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { OrchestrationEngine, type EngineOptions } from '../electron/engine/orchestration-engine.js';
import type { StepInput } from '../electron/engine/workflows/workflow-manager.js';
import { parseWorkflow } from '../shared/workflow-schema.js';
import type { Workflow } from '../shared/model.js';

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Runs `cleanup` after the test, before what was set up earlier (last in, first out, as tempDir and newEngine). */
export function defer(cleanup: () => Promise<void> | void): void {
  cleanups.push(cleanup);
}

export function tempDir(prefix = 'codomyrmex-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Every file below a folder, as sorted "/"-separated paths relative to it; none when it does not exist. */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1).split('\\').join('/')).sort();
}

/** A temporary folder holding these files (path → text; folders made as needed). */
export function folderWith(files: Record<string, string>, prefix?: string): string {
  const dir = tempDir(prefix);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

export function newEngine(home = tempDir('codomyrmex-home-'), options: Omit<EngineOptions, 'home'> = {}): OrchestrationEngine {
  const engine = new OrchestrationEngine({ ...options, home });
  cleanups.push(() => engine.close());
  return engine;
}

export function workflow(steps: StepInput[], extra: Partial<Workflow> = {}): Workflow {
  return parseWorkflow({ version: 1, name: 'test', ...extra, steps });
}

export function sh(name: string, command: string, extra: Partial<StepInput> = {}): StepInput {
  return { name, module: 'shell', action: 'run', parameters: { command }, ...extra };
}

/** Runs a workflow in a temporary folder and waits for the record. */
export async function run(engine: OrchestrationEngine, wf: Workflow, options: { cwd?: string; concurrency?: number; params?: Record<string, unknown> } = {}) {
  const handle = engine.runWorkflow(wf, { cwd: options.cwd ?? tempDir(), origin: 'api', ...options });
  return handle.done;
}
