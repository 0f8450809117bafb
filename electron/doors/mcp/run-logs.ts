// A step's full log on disk, in slices: through the contract's runs.log where the engine answers it, else from the file.
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { ToolError, type McpContext } from './mcp-context.js';
import { requireExecution } from './run-summary.js';

/** A slice of a log: where it starts, where the next one starts, and how big the log is now. */
export interface LogSlice {
  text: string;
  offset: number;
  nextOffset: number;
  size: number;
  capped: boolean;
}

/** Bytes one read returns unless asked otherwise: a log resource stays readable in an agent's context. */
export const DEFAULT_LOG_SLICE = 256 * 1024;

export async function readStepLog(ctx: McpContext, executionId: string, step: string, offset?: number, length?: number): Promise<LogSlice> {
  const execution = requireExecution(ctx.engine, executionId);
  const run = Object.hasOwn(execution.steps, step) ? execution.steps[step] : undefined;
  if (run === undefined) throw new ToolError(`run ${executionId} (${execution.workflowName}) has no step "${step}" (steps: ${Object.keys(execution.steps).join(', ')})`, 'not-found');
  const request = { executionId, step, ...(offset !== undefined ? { offset } : {}), length: length ?? DEFAULT_LOG_SLICE };
  const reply = await ctx.api.dispatch('runs.log', request);
  if (reply.ok) {
    const slice = reply.value as Omit<LogSlice, 'nextOffset'> & { nextOffset?: number };
    return { ...slice, nextOffset: slice.nextOffset ?? slice.offset + Buffer.byteLength(slice.text) };
  }
  // An engine without a runs.log handler still records where each log is; read it there.
  if (run.logPath === null || !existsSync(run.logPath)) return { text: run.logTail, offset: 0, nextOffset: Buffer.byteLength(run.logTail), size: Buffer.byteLength(run.logTail), capped: false };
  return readSlice(run.logPath, offset ?? 0, length ?? DEFAULT_LOG_SLICE);
}

function readSlice(path: string, offset: number, length: number): LogSlice {
  const size = statSync(path).size;
  const start = Math.min(offset, size);
  const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - start)));
  const fd = openSync(path, 'r');
  try {
    readSync(fd, buffer, 0, buffer.length, start);
  } finally {
    closeSync(fd);
  }
  let text = buffer.toString('utf8');
  // A multi-byte character cut at the slice's end is dropped rather than garbled.
  if (start + buffer.length < size) text = text.replace(/\uFFFD+$/, '');
  return { text, offset: start, nextOffset: start + Buffer.byteLength(text), size, capped: false };
}
