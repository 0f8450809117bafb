// The command table: each `codomyrmex` command, the arguments it takes, and the code it loads only when chosen.
import { parseArgs } from 'node:util';
import { packageVersion } from '../package-version.js';
import { EXIT, OPTIONS, UsageError, type CliValues } from './command-line.js';

const HELP = `Codomyrmex Orchestrator — run workflow DAGs for local projects.

Usage:
  codomyrmex run FILE [--param k=v]... [--concurrency N] [--cwd DIR] [--json]
                 [--only STEP... | --from STEP | --to STEP]   run part of the workflow
                 [--no-cache | --force STEP...] [--explain]   the step cache (README "Incremental runs")
  codomyrmex rerun ID [--from-failed] [--json]   run a past run again (--from-failed: keep what succeeded)
  codomyrmex validate FILE
  codomyrmex history [--json] [--limit N] [--project P] [--workflow NAME] [--status STATUS]
  codomyrmex prune [--older-than AGE] [--dry-run] [--json]   remove finished runs' records and logs (AGE: 7d,
                                      12h, 2w; 0d every finished run; without it, the retention setting)
  codomyrmex cache stats|prune|clear [--max-bytes SIZE] [--json]   the step cache: its size; evict the least
                                      recently used entries down to its cap (or SIZE); empty it
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
  --no-cache         run: steps with a cache neither read nor write it
  --force STEP       run: run this step even when its result is cached, and store the new one
                     (repeatable, or a,b,c)
  --explain          run: after the run, say per cached step whether it was restored or why it ran
  --max-bytes SIZE   cache prune: evict down to SIZE (500M, 5G) instead of the cap setting
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
  -v, --version      the version of codomyrmex

Data (run history, logs) lives in $CODOMYRMEX_HOME, default the platform's app-data folder.
Exit codes: 0 completed, 1 the workflow failed, 2 invalid input (nothing ran), 130 interrupted (Ctrl-C),
143 stopped by SIGTERM, 129 by SIGHUP (a closed terminal): running steps are cancelled, their process trees ended.`;

type Command = (rest: string[], values: CliValues) => Promise<number>;

/** Writes out the engine's log before the process ends (set once the log is set up). */
let closeLog = async (): Promise<void> => {};
export const closeCommandLineLog = (): Promise<void> => closeLog();

// A Map, so that a word like "constructor" is an unknown command, not an Object member.
const COMMANDS = new Map<string, Command>([
  ['run', async (rest, values) => (await import('./run-command.js')).runCommand(requireFile(rest, 'run'), values)],
  ['rerun', async (rest, values) => {
    if (rest.length !== 1) throw new UsageError(`codomyrmex rerun takes one run id, got ${rest.length === 0 ? 'none' : rest.join(' ')}`);
    return (await import('./rerun-command.js')).rerunCommand(rest[0]!, values);
  }],
  ['validate', async (rest) => (await import('./validate-command.js')).validateCommand(requireFile(rest, 'validate'))],
  ['history', async (_rest, values) => (await import('./history-command.js')).historyCommand(values)],
  ['prune', async (rest, values) => {
    if (rest.length > 0) throw new UsageError(`codomyrmex prune takes no arguments but options, got ${rest.join(' ')}`);
    return (await import('./prune-command.js')).pruneCommand(values);
  }],
  ['cache', async (rest, values) => (await import('./cache-command.js')).cacheCommand(rest, values)],
  ['projects', async (rest, values) => (await import('./projects-command.js')).projectsCommand(rest, values)],
  ['import', async (rest, values) => {
    if (rest.length !== 1) throw new UsageError(`codomyrmex import takes one upstream data folder, got ${rest.length === 0 ? 'none' : rest.join(' ')}`);
    return (await import('./import-command.js')).importCommand(rest[0]!, values);
  }],
  ['serve', async (rest, values) => {
    if (rest.length > 1) throw new UsageError(`codomyrmex serve takes at most one folder, got ${rest.join(' ')}`);
    return (await import('../serve/serve-command.js')).serveCommand(rest[0], values);
  }],
  ['mcp', async (rest, values) => {
    if (rest.length > 1) throw new UsageError(`codomyrmex mcp takes at most one folder, got ${rest.join(' ')}`);
    return (await import('../mcp/mcp-command.js')).mcpCommand(rest[0] ?? process.cwd(), values);
  }],
  ['worker', async (rest, values) => {
    if (rest.length > 0) throw new UsageError(`codomyrmex worker takes no arguments but options, got ${rest.join(' ')}`);
    return (await import('./worker-command.js')).workerCommand(values);
  }],
]);

/** Parses `argv` (the arguments after the program) and runs the command it names; resolves to the exit code. */
export async function runCommandLine(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  const [command, ...rest] = positionals;
  if (values.version || command === 'version') {
    process.stdout.write(`codomyrmex ${packageVersion()} (Node ${process.versions.node})\n`);
    return EXIT.ok;
  }
  if (values.help || command === undefined || command === 'help') {
    process.stdout.write(`${HELP}\n`);
    return command === undefined && !values.help ? EXIT.invalid : EXIT.ok;
  }
  // Loaded with the engine (pino is part of it), not before: `--help` and a mistyped command stay instant.
  const log = await import('./cli-log.js');
  const refused = log.setUpCliLog(values['log-level'], process.env);
  if (refused !== null) throw new UsageError(refused);
  closeLog = log.closeCliLog;
  const run = COMMANDS.get(command);
  if (run === undefined) throw new UsageError(`unknown command "${command}" (${[...COMMANDS.keys()].join(', ')}; see codomyrmex --help)`);
  return run(rest, values);
}

function requireFile(rest: string[], command: string): string {
  if (rest.length !== 1) throw new UsageError(`codomyrmex ${command} takes one workflow file, got ${rest.length === 0 ? 'none' : rest.join(' ')}`);
  return rest[0]!;
}
