// Runs the built `codomyrmex mcp` as a real process and speaks raw JSON-RPC lines to it, as a client would.
import { spawn, type ChildProcess } from 'node:child_process';
import { BIN } from './cli.js';

export interface JsonRpcReply {
  jsonrpc: '2.0';
  id: number | string | null;
  result?: Record<string, unknown>;
  error?: { code: number; message: string; data?: unknown };
}

/** Starts `codomyrmex mcp DIR`, initialised; `line` writes one raw line, `next` waits for the next reply. */
export async function mcpProcess(project: string, home: string) {
  const child: ChildProcess = spawn(process.execPath, [BIN, 'mcp', project], { env: { ...process.env, CODOMYRMEX_HOME: home }, stdio: ['pipe', 'pipe', 'pipe'] });
  const replies: JsonRpcReply[] = [];
  const waiting: ((reply: JsonRpcReply) => void)[] = [];
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += String(chunk);
    for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n')) {
      const reply = JSON.parse(buffer.slice(0, end)) as JsonRpcReply;
      buffer = buffer.slice(end + 1);
      const waiter = waiting.shift();
      if (waiter) waiter(reply);
      else replies.push(reply);
    }
  });
  const next = (): Promise<JsonRpcReply> => {
    const queued = replies.shift();
    return queued ? Promise.resolve(queued) : new Promise((resolve) => waiting.push(resolve));
  };
  const line = (text: string): void => void child.stdin!.write(`${text}\n`);
  let id = 0;
  const call = async (method: string, params: Record<string, unknown> = {}): Promise<JsonRpcReply> => {
    line(JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params }));
    return next();
  };
  await call('initialize', { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'faults-test', version: '1.0.0' } });
  line(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }));
  /** Stops the server and waits for its exit: it writes its last records as it ends, into a home a test then removes. */
  const stop = (): Promise<void> => new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else {
      child.once('exit', () => resolve());
      child.kill();
    }
  });
  return { child, line, next, call, stop };
}
