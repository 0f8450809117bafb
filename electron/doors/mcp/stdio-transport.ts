// The MCP SDK's stdio transport, made to answer the lines it cannot read. On its own it drops them silently (the
// client waits forever); JSON-RPC asks for -32700 to a line that is no JSON and -32600 to JSON that is no JSON-RPC
// message. The server reads on after either, as before.
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { ErrorCode, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

export function stdioTransport(): StdioServerTransport {
  const transport = new StdioServerTransport();
  // Set before connect: the SDK's Protocol keeps an onerror it finds and calls it before its own.
  transport.onerror = (error) => {
    const reply = errorReply(error);
    if (reply === null) return;
    process.stderr.write(`codomyrmex mcp: answered a line that is ${reply.code === ErrorCode.ParseError ? 'not JSON' : 'not a JSON-RPC message'} with ${reply.code}\n`);
    // JSON-RPC: when the request's id cannot be read, the reply's id is null (the SDK's types leave null out).
    const message = { jsonrpc: '2.0', id: null, error: reply } as unknown as JSONRPCMessage;
    transport.send(message).catch(() => undefined);
  };
  return transport;
}

/** The reply to what the transport's reader threw for one line; null for errors that are not about a line. */
function errorReply(error: Error): { code: number; message: string } | null {
  // The reader parses each line with JSON.parse (a SyntaxError), then checks its shape with zod (a ZodError).
  if (error instanceof SyntaxError) return { code: ErrorCode.ParseError, message: `Parse error: ${error.message}` };
  if (error.name === 'ZodError') return { code: ErrorCode.InvalidRequest, message: 'Invalid Request: the line is JSON but not a JSON-RPC 2.0 message' };
  return null;
}
