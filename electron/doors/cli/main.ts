// The `codomyrmex` command: parses arguments and loads only the code the chosen command needs.
import { parseArgs } from 'node:util';
import { closeProcessHosts, processHost } from '../../engine/processes/process-host-pool.js';
import { errorCode, NotFoundError, OrchestrationError, ResourceError, ValidationError, WorkflowError } from '../../../shared/errors.js';
import { ignoreClosedOutput } from './stop-signals.js';

export const EXIT = { ok: 0, failed: 1, invalid: 2, interrupted: 130 } as const;

const HELP = `Codomyrmex Orchestrator — run workflow DAGs for local projects.

Usage:
  codomyrmex run FILE [--param k=v]... [--concurrency N] [--cwd DIR] [--json]
                 [--only STEP... | --from STEP | --to STEP]   run part of the workflow
  codomyrmex rerun ID [--from-failed] [--json]   run a past run again (--from-failed: keep what succeeded)
  codomyrmex validate FILE
  codomyrmex history [--json] [--limit N] [--project P] [--workflow NAME] [--status STATUS]
  codomyrmex prune [--older-than AGE] [--dry-run] [--json]   remove finished runs' records and logs (AGE: 7d,
                                      12h, 2w; 0d every finished run; without it, the retention setting)
  codomyrmex projects [--json]        the registered projects: status, and why runs last changed it
  codomyrmex projects set NAME [--status S] [--status-follows-runs on|off] [--health-check WORKFLOW|none]
                                      set the status by hand, or let it follow the project's runs: active while
                                      they go, then failed when the health check's last run failed
  codomyrmex import UPSTREAM-DIR [--into DIR] [--json]   convert a Python Codomyrmex data folder (its workflows,
                                      projects, sessions) into projects under DIR; the folder itself is only read
  codomyrmex serve [DIR] [--port N]   the app in a browser, on 127.0.0.1 behind a token (DIR registered as a
                                      project; without it, the projects already registered)
  codomyrmex mcp [DIR]                the orchestration tools for AI agents (MCP over stdio)
  codomyrmex worker --redis URL [--pool NAME] [--concurrency N] [--workdir DIR] [--resources LIST]
                                      run steps from the queue on this machine (README "Scale out")

Options:
  --param k=v        set a workflow param (repeatable)
  --concurrency N    steps running at once (default: the workflow's, else logical cores)
  --cwd DIR          where the steps run (default: the project root for a file under
                     .codomyrmex/workflows/, else the file's folder; a step's cwd is relative to it)
  --redis URL        run: send steps to workers through Redis (redis://[:password@]host:port,
                     rediss://… for TLS, unix:///path/redis.sock); worker: the Redis to serve
  --pool NAME        worker: the pool it serves (default: default); steps choose one with runsOn
  --workdir DIR      worker: where projects not on this machine run, as DIR/<project> (default: .)
  --resources LIST   worker: what it offers steps, e.g. cores=4,memory=8G,gpu=1 (default: the machine's)
  --only STEP        run this step only (repeatable, or a,b,c for several): the steps it
                     reads get their outputs from the latest successful run of the workflow
  --from STEP        run this step and everything downstream of it
  --to STEP          run this step and everything it depends on
                     (the steps left out are "not selected"; a step whose inputs no earlier
                     run has is refused before anything runs, exit 2)
  --from-failed      rerun: keep the succeeded steps and their outputs, run the others
                     (how an interrupted run is resumed)
  --project P        history: only runs of this project (its id, name or folder)
  --older-than AGE   prune: runs that started longer ago than AGE (h, d or w)
  --dry-run          prune: list the runs it would remove (id, workflow), remove nothing
  --into DIR         import: where the projects' folders go (default: UPSTREAM-DIR-imported beside it)
  --json             print the final record(s) as JSON on stdout
  --port N           serve: the port to listen on (default: a free one)
  --log-level LEVEL  the engine's log: debug, info, warning, error, critical or off (default info, to
                     $CODOMYRMEX_HOME/logs/codomyrmex.log; a level chosen here or in $CODOMYRMEX_LOG_LEVEL
                     is shown on stderr too)
  --debug            show stack traces
  -h, --help         this help

Data (run history, logs) lives in $CODOMYRMEX_HOME, default the platform's app-data folder.
Exit codes: 0 completed, 1 the workflow failed, 2 invalid input (nothing ran), 130 interrupted (Ctrl-C),
143 stopped by SIGTERM, 129 by SIGHUP (a closed terminal): running steps are cancelled, their process trees ended.`;

const OPTIONS = {
  param: { type: 'string', multiple: true },
  concurrency: { type: 'string' },
  json: { type: 'boolean' },
  debug: { type: 'boolean' },
  limit: { type: 'string' },
  workflow: { type: 'string' },
  status: { type: 'string' },
  cwd: { type: 'string' },
  project: { type: 'string' },
  'from-failed': { type: 'boolean' },
  only: { type: 'string', multiple: true },
  from: { type: 'string' },
  to: { type: 'string' },
  port: { type: 'string' },
  'older-than': { type: 'string' },
  'dry-run': { type: 'boolean' },
  into: { type: 'string' },
  'status-follows-runs': { type: 'string' },
  'health-check': { type: 'string' },
  'log-level': { type: 'string' },
  redis: { type: 'string' },
  pool: { type: 'string' },
  workdir: { type: 'string' },
  resources: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export type CliValues = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

/** Writes out the engine's log before the process ends (set once the log is set up). */
let closeLog = async (): Promise<void> => {};

/** A user's mistake on the command line: one message, exit 2, no stack. */
export class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') {
    process.stdout.write(`${HELP}\n`);
    return command === undefined && !values.help ? EXIT.invalid : EXIT.ok;
  }
  // Loaded with the engine (pino is part of it), not before: `--help` and a mistyped command stay instant.
  const log = await import('./cli-log.js');
  const refused = log.setUpCliLog(values['log-level'], process.env);
  if (refused !== null) throw new UsageError(refused);
  closeLog = log.closeCliLog;
  switch (command) {
    case 'run':
      // Started first, so that the hosts' own start-up overlaps with loading the engine.
      processHost();
      return (await import('./run-command.js')).runCommand(requireFile(rest, 'run'), values);
    case 'rerun':
      processHost();
      if (rest.length !== 1) throw new UsageError(`codomyrmex rerun takes one run id, got ${rest.length === 0 ? 'none' : rest.join(' ')}`);
      return (await import('./rerun-command.js')).rerunCommand(rest[0]!, values);
    case 'validate':
      return (await import('./validate-command.js')).validateCommand(requireFile(rest, 'validate'));
    case 'history':
      return (await import('./history-command.js')).historyCommand(values);
    case 'prune':
      if (rest.length > 0) throw new UsageError(`codomyrmex prune takes no arguments but options, got ${rest.join(' ')}`);
      return (await import('./prune-command.js')).pruneCommand(values);
    case 'projects':
      return (await import('./projects-command.js')).projectsCommand(rest, values);
    case 'import':
      if (rest.length !== 1) throw new UsageError(`codomyrmex import takes one upstream data folder, got ${rest.length === 0 ? 'none' : rest.join(' ')}`);
      return (await import('./import-command.js')).importCommand(rest[0]!, values);
    case 'serve':
      if (rest.length > 1) throw new UsageError(`codomyrmex serve takes at most one folder, got ${rest.join(' ')}`);
      return (await import('../serve/serve-command.js')).serveCommand(rest[0], values);
    case 'mcp':
      if (rest.length > 1) throw new UsageError(`codomyrmex mcp takes at most one folder, got ${rest.join(' ')}`);
      return (await import('../mcp/mcp-command.js')).mcpCommand(rest[0] ?? process.cwd(), values);
    case 'worker':
      if (rest.length > 0) throw new UsageError(`codomyrmex worker takes no arguments but options, got ${rest.join(' ')}`);
      processHost();
      return (await import('./worker-command.js')).workerCommand(values);
    default:
      throw new UsageError(`unknown command "${command}" (run, rerun, validate, history, prune, projects, import, serve, mcp, worker; see codomyrmex --help)`);
  }
}

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

function requireFile(rest: string[], command: string): string {
  if (rest.length !== 1) throw new UsageError(`codomyrmex ${command} takes one workflow file, got ${rest.length === 0 ? 'none' : rest.join(' ')}`);
  return rest[0]!;
}

const argv = process.argv.slice(2);
ignoreClosedOutput();
main(argv).then(
  // The hosts go before the command does: none outlives it, in its process group or out of it.
  async (code) => {
    process.exitCode = code;
    await closeProcessHosts();
    await closeLog();
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
    await closeLog();
  },
);
