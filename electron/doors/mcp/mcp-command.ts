// `codomyrmex mcp [DIR]`: the orchestration tools over MCP on stdio — stdout carries the protocol only, words go to stderr.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { EngineApi } from '../../engine/api.js';
import { OrchestrationEngine } from '../../engine/orchestration-engine.js';
import { EXIT, UsageError, type CliValues } from '../cli/command-line.js';
import { onStopSignal, STOP_SIGNALS, type StopSignal } from '../cli/stop-signals.js';
import { packageVersion } from '../package-version.js';
import { McpContext } from './mcp-context.js';
import { createMcpServer } from './server.js';
import { stdioTransport } from './stdio-transport.js';

export async function mcpCommand(folder: string, _values: CliValues): Promise<number> {
  const dir = resolve(folder);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`codomyrmex mcp: ${dir} is not a folder`);
  // A stray console.log anywhere (ours or a library's) would corrupt the protocol; it goes to stderr instead.
  console.log = console.error;
  console.info = console.error;

  const engine = new OrchestrationEngine();
  // Named on the command line (or where the user started it): that is the confirmation a broad folder needs.
  const project = engine.projectManager.addProject(dir, undefined, { confirmBroadFolder: true });
  // The queue setting (the app's Settings): its steps go to workers from the first run on.
  await engine.startQueueFromSettings();
  const version = packageVersion();
  const api = new EngineApi(engine, { mode: 'browser', version, projectId: project.id, origin: 'mcp' });
  const server = createMcpServer(new McpContext(engine, api, project), version);
  const transport = stdioTransport();

  const stopped = new Promise<StopSignal | 'stdin closed' | 'transport closed'>((resolveStop) => {
    process.stdin.once('end', () => resolveStop('stdin closed'));
    onStopSignal(resolveStop);
    transport.onclose = () => resolveStop('transport closed');
  });
  // A failure inside a tool is answered as that tool's error; one that escapes a callback is reported, never fatal.
  const report = (error: unknown): void => void process.stderr.write(`codomyrmex mcp: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.on('uncaughtException', report);
  process.on('unhandledRejection', report);

  await server.connect(transport);
  process.stderr.write(`codomyrmex mcp: serving project "${project.name}" (${project.path}) on stdio; data in ${engine.paths.home}\n`);
  const why = await stopped;
  process.stderr.write(`codomyrmex mcp: stopping (${why}); running steps are cancelled\n`);
  await server.close().catch(report);
  // Cancels the runs still going — each step's whole process tree ended — and records them as cancelled.
  await engine.close();
  return why in STOP_SIGNALS ? STOP_SIGNALS[why as StopSignal] : EXIT.ok;
}
