// A real ActionContext for unit tests: logs go to an array, a controller stands in for cancel and timeout.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ActionContext, ActionDefinition, ActionResult, LogStream } from '../../../../electron/engine/actions/action.js';

export interface TestContext extends ActionContext {
  logs: { stream: LogStream; text: string }[];
  controller: AbortController;
  /** Everything logged, in order, as one string. */
  logText(): string;
}

export function createContext(options: { cwd?: string; env?: Record<string, string> } = {}): TestContext {
  const logs: { stream: LogStream; text: string }[] = [];
  const controller = new AbortController();
  const logText = (): string => logs.map((entry) => entry.text).join('');
  return {
    executionId: 'test-execution',
    step: 'test-step',
    attempt: 1,
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? (process.env as Record<string, string>),
    signal: controller.signal,
    controller,
    logs,
    logText,
    log(stream, text) {
      logs.push({ stream, text });
    },
    get outputFd(): number {
      throw new Error('outputFd is not available in unit tests');
    },
    get logPath(): string {
      throw new Error('logPath is not available in unit tests');
    },
    outputTail: () => logText().slice(-4096),
    runWorkflow: () => Promise.reject(new Error('runWorkflow is not available in unit tests')),
  };
}

/** Checks the parameters the way the executor does, then runs the action. */
export function runAction(definition: ActionDefinition, parameters: unknown, context: ActionContext): Promise<ActionResult> {
  return definition.run(definition.params.parse(parameters), context);
}

export function findAction(actions: readonly ActionDefinition[], name: string): ActionDefinition {
  const found = actions.find((definition) => `${definition.module}.${definition.action}` === name);
  if (found === undefined) throw new Error(`no action ${name}`);
  return found;
}

export async function makeTempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'codomyrmex-actions-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
