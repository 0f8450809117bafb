// shell.run: a command in the step's folder; its exit code, output tail and $CODOMYRMEX_OUTPUT lines become outputs.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { z } from 'zod';
import { RESERVED_KEY } from '../../../shared/names.js';
import { logStepCommand } from '../logging/step-command.js';
import { runProcess } from '../processes/process-runner.js';
import { ATTEMPT_MARKER } from '../store/step-log.js';
import { fullDiskAt } from '../store/storage-error.js';
import { ActionFailure, defineAction, type ActionContext } from './action.js';
import { stepEnvironment } from './step-env.js';

const run = defineAction({
  module: 'shell',
  action: 'run',
  description: 'Runs a command; its exit code, output tail and the key=value lines it writes to $CODOMYRMEX_OUTPUT become outputs.',
  icon: 'terminal',
  params: () => z.object({
    command: z.string().min(1, 'is required').describe('The command line. Shell syntax (pipes, &&, $VARS) runs through the shell.'),
    cwd: z.string().optional().describe("Working directory, relative to the project's folder."),
    env: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String)).default({}).describe('Extra environment variables.'),
    shell: z.union([z.boolean(), z.string()]).optional().describe('true to always use the shell, or the path of one (e.g. /bin/bash).'),
  }),
  outputs: ['exitCode', 'stdout'],
  openOutputs: true,
  async run(params, context) {
    const outputFile = join(outputDir(), `codomyrmex-${process.pid}-${context.executionId}-${context.step}-${context.attempt}.out`);
    const cwd = params.cwd === undefined ? context.cwd : isAbsolute(params.cwd) ? params.cwd : resolve(context.cwd, params.cwd);
    const env = stepEnvironment({ ...context.env, ...params.env }, cwd, params.env.PATH !== undefined);
    env.CODOMYRMEX_OUTPUT = outputFile;
    logStepCommand({ executionId: context.executionId, step: context.step, attempt: context.attempt, command: params.command, cwd, env });
    const exit = await runProcess({
      command: params.command,
      cwd,
      env,
      logPath: context.logPath,
      logFd: () => context.outputFd,
      signal: context.signal,
      ...(params.shell !== undefined ? { shell: params.shell } : {}),
      ...(context.trackProcess !== undefined ? { onStart: (pid: () => Promise<number | null>) => context.trackProcess!(pid) } : {}),
    });
    // The log keeps a coloured command's escapes (the log panel renders them); captured values are plain text.
    const outputs: Record<string, unknown> = { ...readOutputFile(outputFile), exitCode: exit.exitCode, stdout: stripVTControlCharacters(context.outputTail()) };
    if (exit.startError !== undefined) {
      context.log('stderr', `${exit.startError}\n`);
      throw new ActionFailure(exit.startError, 127, outputs);
    }
    if (exit.exitCode !== 0) throw new ActionFailure(describeExit(exit.exitCode, exit.signal, context), exit.exitCode, outputs);
    return { outputs, exitCode: 0 };
  },
});

let temp: string | undefined;
/** The system's temporary folder, asked once: os.tmpdir() reads three variables, each a handful of syscalls, per call. */
function outputDir(): string {
  return (temp ??= tmpdir());
}

/** `key=value` lines, as GitHub Actions' $GITHUB_OUTPUT; the file is removed once read. */
function readOutputFile(file: string): Record<string, string> {
  // Most commands write no outputs: a cheap existence check spares every step a thrown ENOENT.
  if (!existsSync(file)) return {};
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return {};
  }
  rmSync(file, { force: true });
  const outputs: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const eq = line.indexOf('=');
    const key = stripVTControlCharacters(line.slice(0, eq)).trim();
    // `__proto__=…` would set the object's prototype rather than an output: it is no output name.
    if (eq > 0 && key !== RESERVED_KEY) outputs[key] = stripVTControlCharacters(line.slice(eq + 1));
  }
  return outputs;
}

function describeExit(exitCode: number | null, signal: NodeJS.Signals | null, context: ActionContext): string {
  // The last line the command printed in this attempt, not the engine's marker between attempts.
  const lines = stripVTControlCharacters(context.outputTail()).trimEnd().split('\n');
  const lastLine = lines.pop()?.trim();
  const printed = lastLine !== undefined && ATTEMPT_MARKER.test(lastLine) ? undefined : lastLine;
  const how = signal !== null ? `was killed by ${signal}` : `exited with code ${exitCode}`;
  // The command's output goes straight to its log file: on a full disk its own writes fail, often its exit code with them.
  const full = fullDiskAt(dirname(context.logPath));
  const why = full === null ? '' : ` (its output could not be written: ${full})`;
  return printed ? `command ${how}${why}: ${printed}` : `command ${how}${why}`;
}

export const actions = [run];
