// The `codomyrmex` entry: runs the command line, sets the exit code and reports a failure (as JSON too with --json).
import './zod-jitless.js';
import { closeProcessHosts } from '../../engine/processes/process-host-pool.js';
import { errorCode, NotFoundError, OrchestrationError, ResourceError, ValidationError, WorkflowError } from '../../../shared/errors.js';
import { EXIT, UsageError } from './command-line.js';
import { closeCommandLineLog, runCommandLine } from './commands.js';
import { ignoreClosedOutput, stopBeforeCommandListens } from './stop-signals.js';

function jsonError(error: unknown, usage: boolean): Record<string, unknown> {
  const err = error instanceof Error ? error : new Error(String(error));
  return {
    code: usage ? 'usage-error' : errorCode(error),
    name: err.name,
    message: err.message,
    timestamp: (error instanceof OrchestrationError ? error.timestamp : new Date()).toISOString(),
    ...(error instanceof ValidationError ? { problems: error.problems } : {}),
  };
}

const argv = process.argv.slice(2);
ignoreClosedOutput();
stopBeforeCommandListens(closeProcessHosts);
runCommandLine(argv).then(
  // The hosts go before the command does: none outlives it, in its process group or out of it.
  async (code) => {
    process.exitCode = code;
    await closeProcessHosts();
    await closeCommandLineLog();
  },
  async (error: unknown) => {
    const debug = argv.includes('--debug');
    const err = error as Error & { code?: string };
    const usage = error instanceof UsageError || err.code?.startsWith('ERR_PARSE_ARGS') === true;
    const invalid = usage || [ValidationError, WorkflowError, ResourceError, NotFoundError].some((type) => error instanceof type);
    process.stderr.write(`codomyrmex: ${debug && err.stack ? err.stack : err.message}\n`);
    // With --json, a script reads the refusal too: its stable code (README "Error codes"), message and when it arose.
    if (argv.includes('--json')) process.stdout.write(`${JSON.stringify({ error: jsonError(error, usage) })}\n`);
    process.exitCode = invalid ? EXIT.invalid : EXIT.failed;
    await closeProcessHosts();
    await closeCommandLineLog();
  },
);
