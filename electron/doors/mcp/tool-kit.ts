// Registers a tool the one way every tool here works: a strict zod input, a structured output, and errors as results.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import { errorCode, OrchestrationError } from '../../../shared/errors.js';
import { ToolError } from './mcp-context.js';

export interface ToolSpec<I extends z.ZodObject, O extends z.ZodRawShape> {
  description: string;
  /** Strict, so a misspelt argument is an error naming it rather than silently ignored. */
  input: I;
  output: O;
  annotations?: ToolAnnotations;
  run(args: z.output<I>, signal: AbortSignal): Promise<z.output<z.ZodObject<O>>> | z.output<z.ZodObject<O>>;
}

export function defineTool(server: McpServer, name: string, spec: ToolSpec<z.ZodObject, z.ZodRawShape>): void {
  const callback = async (args: unknown, extra: { signal: AbortSignal }): Promise<CallToolResult> => {
    try {
      const value = (await spec.run(args as never, extra.signal)) as Record<string, unknown>;
      return { content: [{ type: 'text', text: JSON.stringify(value, null, 2) }], structuredContent: value };
    } catch (error) {
      // Whatever a tool throws comes back as its result: one agent's bad call never takes the server down.
      const message = error instanceof Error ? error.message : String(error);
      if (!(error instanceof ToolError || error instanceof OrchestrationError)) {
        process.stderr.write(`codomyrmex mcp: ${name} failed: ${error instanceof Error ? (error.stack ?? message) : message}\n`);
      }
      // The code (README "Error codes") on a line of its own for an agent, and in _meta for a program.
      const code = error instanceof ToolError ? error.code : errorCode(error);
      const timestamp = (error instanceof ToolError || error instanceof OrchestrationError ? error.timestamp : new Date()).toISOString();
      return { isError: true, content: [{ type: 'text', text: `${name}: ${message}\ncode: ${code}` }], _meta: { code, timestamp } };
    }
  };
  server.registerTool(
    name,
    { description: spec.description, inputSchema: spec.input, outputSchema: spec.output, ...(spec.annotations ? { annotations: spec.annotations } : {}) },
    callback as never,
  );
}

/**
 * The SDK answers some calls itself before any tool runs — arguments that do not fit a tool's schema, a tool that
 * does not exist — with a bare text: give those answers the code and timestamp every other tool error carries.
 */
export function codeSdkErrors(server: McpServer): void {
  const sdk = server as unknown as { createToolError(message: string): CallToolResult };
  sdk.createToolError = (message) => {
    const code = /Tool \S+ (not found|disabled)/.test(message) ? 'not-found' : /Output validation error/.test(message) ? 'internal' : 'invalid-request';
    return { isError: true, content: [{ type: 'text', text: `${message}\ncode: ${code}` }], _meta: { code, timestamp: new Date().toISOString() } };
  };
}

/** A tool spec with its input and output types tied together, for the type checker. */
export function tool<I extends z.ZodObject, O extends z.ZodRawShape>(spec: ToolSpec<I, O>): ToolSpec<z.ZodObject, z.ZodRawShape> {
  return spec as unknown as ToolSpec<z.ZodObject, z.ZodRawShape>;
}
