// What every MCP tool works with: the engine, the contract's validated handlers, the server's project, and errors that read well.
import { NotFoundError } from '../../../shared/errors.js';
import type { Command, IpcErrorCode, RequestOf, ResponseOf } from '../../../shared/ipc.js';
import type { Project } from '../../../shared/model.js';
import type { EngineApi } from '../../engine/api.js';
import type { OrchestrationEngine } from '../../engine/orchestration-engine.js';

/**
 * A tool's refusal: its message and code go back to the agent as an `isError` result, the server keeps answering.
 * The code is one of README "Error codes": `not-found` when what was asked for does not exist (a resource read answers
 * it with MCP's not-found code), an engine error's own code, or `refused`.
 */
export class ToolError extends Error {
  override name = 'ToolError';
  readonly timestamp = new Date();

  constructor(message: string, readonly code: string = 'refused') {
    super(message);
  }
}

/** The contract's coarse reply codes as the error codes the engine's own errors carry. */
const CODE_OF_REPLY: Record<IpcErrorCode, string> = {
  'invalid-workflow': 'validation-error',
  conflict: 'workflow-conflict',
  'needs-confirmation': 'confirmation-needed',
  'not-found': 'not-found',
  'invalid-request': 'invalid-request',
  'unknown-command': 'invalid-request',
  failed: 'refused',
};

export class McpContext {
  constructor(
    readonly engine: OrchestrationEngine,
    readonly api: EngineApi,
    /** The project `codomyrmex mcp DIR` opened on: tools act on it unless told otherwise. */
    readonly project: Project,
  ) {}

  /** Runs a contract command through the same validated path as every other door; a refusal becomes a ToolError. */
  async call<C extends Command>(command: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
    const reply = await this.api.dispatch(command, request);
    if (reply.ok) return reply.value as ResponseOf<C>;
    // The contract's messages already name the field and, for a workflow, every problem (a cycle names its steps).
    throw new ToolError(reply.error.message, CODE_OF_REPLY[reply.error.code]);
  }

  /** A project by id, name or folder; the server's own project when none is given. */
  resolveProject(ref: string | undefined, field = 'project'): Project {
    if (ref === undefined || ref === '') return this.project;
    try {
      return this.engine.projectManager.resolveProject(ref);
    } catch (error) {
      // A missing project, as toIpcError maps it: a resource read answers it as not found.
      throw new ToolError(`${field}: ${(error as Error).message}`, error instanceof NotFoundError ? 'not-found' : 'refused');
    }
  }
}

