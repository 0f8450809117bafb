// What every MCP tool works with: the engine, the contract's validated handlers, the server's project, and errors that read well.
import type { Command, RequestOf, ResponseOf } from '../../../shared/ipc.js';
import type { Project } from '../../../shared/model.js';
import type { EngineApi } from '../../engine/api.js';
import type { OrchestrationEngine } from '../../engine/orchestration-engine.js';

/** A tool's refusal: its message goes back to the agent as an `isError` result, the server keeps answering. */
export class ToolError extends Error {
  override name = 'ToolError';
}

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
    throw new ToolError(reply.error.message);
  }

  /** A project by id, name or folder; the server's own project when none is given. */
  resolveProject(ref: string | undefined, field = 'project'): Project {
    if (ref === undefined || ref === '') return this.project;
    const manager = this.engine.projectManager;
    const byId = manager.getProject(ref);
    if (byId !== null) return byId;
    const byPath = manager.findProjectByPath(ref);
    if (byPath !== null) return byPath;
    const projects = manager.listProjects();
    const named = projects.filter((project) => project.name === ref);
    if (named.length === 1) return named[0]!;
    if (named.length > 1) throw new ToolError(`${field}: ${named.length} projects are named "${ref}"; give its id (${named.map((p) => p.id).join(', ')})`);
    throw new ToolError(`${field}: unknown project "${ref}" (known: ${projects.map((p) => `${p.name} [${p.id}]`).join(', ') || 'none'})`);
  }
}

