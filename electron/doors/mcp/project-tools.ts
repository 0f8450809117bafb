// Projects (upstream: create_project, list_projects), their templates, and sessions over MCP.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { readdirSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import type { Project, Session } from '../../../shared/model.js';
import { nameSchema } from '../../../shared/workflow-schema.js';
import { baseName, workflowFiles } from '../../engine/workflows/find-workflows.js';
import type { McpContext } from './mcp-context.js';
import { defineTool, tool } from './tool-kit.js';

/** The upstream's default template for create_project. */
const DEFAULT_TEMPLATE = 'ai_analysis';

const projectShape = {
  id: z.string(), name: z.string(), type: z.string(), template: z.string().nullable(), status: z.string(), path: z.string(), description: z.string(), created_at: z.string(),
  /** Set when the status follows the project's runs (off: absent). */
  status_follows_runs: z.object({ health_check: z.string().nullable(), resting_status: z.string() }).optional(),
  /** The last change runs made to the status, and why. */
  last_status_change: z.object({ from: z.string(), to: z.string(), reason: z.string(), execution_id: z.string().nullable(), time: z.string() }).optional(),
};
const sessionShape = { sessionId: z.string(), name: z.string(), projectId: z.string().nullable(), status: z.string(), createdAt: z.number(), variables: z.record(z.string(), z.string()), env: z.record(z.string(), z.string()) };

const projectView = (project: Project) => ({
  id: project.id, name: project.name, type: project.template ?? 'custom', template: project.template, status: project.status,
  path: project.path, description: project.description, created_at: new Date(project.createdAt).toISOString(),
  ...(project.statusFollowsRuns ? { status_follows_runs: { health_check: project.statusFollowsRuns.healthCheck, resting_status: project.statusFollowsRuns.restingStatus } } : {}),
  ...(project.lastStatusChange ? { last_status_change: { ...lastChange(project.lastStatusChange) } } : {}),
});
const lastChange = ({ from, to, reason, executionId, time }: NonNullable<Project['lastStatusChange']>) => ({ from, to, reason, execution_id: executionId, time: new Date(time).toISOString() });
const sessionView = (session: Session) => ({ ...session, variables: session.variables ?? {}, env: session.env ?? {} });

export function registerProjectTools(server: McpServer, ctx: McpContext): void {
  const templateNames = (): string => ctx.engine.projectManager.listTemplates().map((t) => t.name).join(', ');

  defineTool(server, 'create_project', tool({
    description: `Upstream tool. Creates a project folder from a template (its files, .codomyrmex/config.json and workflows) and registers it, so the app lists it. template defaults to "${DEFAULT_TEMPLATE}" as upstream; "none" makes an empty project. path defaults to <CODOMYRMEX_HOME>/projects/<name>; a relative path is taken from the server's project folder. A folder that exists and is not empty is refused.`,
    input: z.object({
      name: nameSchema('project'),
      template: z.string().min(1).optional().describe('A template name (list_templates), or "none".'),
      description: z.string().optional(),
      path: z.string().min(1).optional().describe('The new project\'s folder.'),
    }).strict(),
    output: { project_name: z.string(), project_type: z.string(), project_path: z.string(), template_used: z.string().nullable(), workflows: z.array(z.string()), files: z.array(z.string()), project: z.object(projectShape) },
    run({ name, template, description, path }) {
      const chosen = template ?? DEFAULT_TEMPLATE;
      const folder = path === undefined ? join(ctx.engine.paths.home, 'projects', name) : isAbsolute(path) ? path : resolve(ctx.project.path, path);
      const project = ctx.engine.projectManager.createProject({
        name, path: folder, ...(chosen !== 'none' ? { template: chosen } : {}), ...(description !== undefined ? { description } : {}),
      });
      const workflowsDir = ctx.engine.projectManager.workflowsDir(project);
      const workflows = workflowFiles(workflowsDir).map(baseName).sort();
      return {
        project_name: project.name, project_type: project.template ?? 'custom', project_path: project.path, template_used: project.template,
        workflows, files: listFiles(project.path), project: projectView(project),
      };
    },
  }));

  defineTool(server, 'list_projects', tool({
    description: 'Upstream tool. Every registered project (the app\'s project list), with its folder, template and status; status_follows_runs and last_status_change say when and why runs set the status.',
    input: z.object({}).strict(),
    output: { projects: z.array(z.object(projectShape)), count: z.number() },
    annotations: { readOnlyHint: true },
    async run() {
      const projects = (await ctx.call('projects.list', {})).map(projectView);
      return { projects, count: projects.length };
    },
  }));

  defineTool(server, 'list_templates', tool({
    description: `The project templates create_project can use (now: ${templateNames()}), with the files and workflows each starts with.`,
    input: z.object({}).strict(),
    output: { templates: z.array(z.object({ name: z.string(), description: z.string(), workflows: z.array(z.string()), files: z.array(z.string()) })), count: z.number() },
    annotations: { readOnlyHint: true },
    run() {
      const templates = ctx.engine.projectManager.listTemplates().map((t) => ({ name: t.name, description: t.description, workflows: Object.keys(t.workflows), files: Object.keys(t.files) }));
      return { templates, count: templates.length };
    },
  }));

  defineTool(server, 'list_sessions', tool({
    description: 'Sessions: working contexts (a project, variables, environment overrides) that runs can belong to (session_id of execute_workflow).',
    input: z.object({}).strict(),
    output: { sessions: z.array(z.object(sessionShape)), count: z.number() },
    annotations: { readOnlyHint: true },
    async run() {
      const sessions = (await ctx.call('sessions.list', {})).map(sessionView);
      return { sessions, count: sessions.length };
    },
  }));

  defineTool(server, 'create_session', tool({
    description: 'Creates a session bound to a project (default: the server\'s): runs started with its session_id are grouped under it, with its environment overrides.',
    input: z.object({
      name: nameSchema('session'),
      project: z.string().min(1).optional().describe('Project id, name or folder; default: the server\'s project.'),
      env: z.record(z.string().min(1), z.string()).optional().describe('Environment overrides for the session\'s runs.'),
      variables: z.record(z.string().min(1), z.string()).optional(),
    }).strict(),
    output: sessionShape,
    async run({ name, project, env, variables }) {
      const projectId = ctx.resolveProject(project).id;
      const session = await ctx.call('sessions.create', { name, projectId, ...(env !== undefined ? { env } : {}), ...(variables !== undefined ? { variables } : {}) });
      return sessionView(session);
    },
  }));
}

/** The files a new project holds, relative to it (at most 200: enough to see what the template wrote). */
function listFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string, prefix: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (files.length >= 200) return;
      const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
      if (entry.isDirectory()) walk(join(dir, entry.name), relative);
      else files.push(relative);
    }
  };
  walk(root, '');
  return files;
}
