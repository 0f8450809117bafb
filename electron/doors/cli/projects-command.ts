// `codomyrmex projects [--json]` lists the registered projects with their status and why runs last changed it;
// `codomyrmex projects set NAME [--status S] [--status-follows-runs on|off] [--health-check WORKFLOW|none]` changes them.
import { NotFoundError } from '../../../shared/errors.js';
import { PROJECT_STATUSES, type Project, type ProjectStatus } from '../../../shared/model.js';
import { OrchestrationEngine } from '../../engine/orchestration-engine.js';
import { EXIT, UsageError, type CliValues } from './command-line.js';

export async function projectsCommand(rest: string[], values: CliValues): Promise<number> {
  const [action, name, ...extra] = rest;
  if (action !== undefined && action !== 'set') throw new UsageError(`codomyrmex projects takes "set NAME" or nothing, got ${rest.join(' ')}`);
  if (action === 'set' && (name === undefined || extra.length > 0)) throw new UsageError(`codomyrmex projects set takes one project (its name, id or folder), got ${name === undefined ? 'none' : [name, ...extra].join(' ')}`);
  const changes = action === 'set' ? projectChanges(values) : null;
  const engine = new OrchestrationEngine();
  try {
    if (changes !== null) {
      let target: Project;
      try {
        target = engine.projectManager.resolveProject(name!);
      } catch (error) {
        // Exit 2 either way; --json says not-found when no project is of that name.
        if (error instanceof NotFoundError) throw error;
        throw new UsageError((error as Error).message);
      }
      const project = engine.projectManager.updateProject(target.id, changes);
      if (values.json) process.stdout.write(`${JSON.stringify(project)}\n`);
      else process.stdout.write(`${describe(project).join('\n')}\n`);
      return EXIT.ok;
    }
    const projects = engine.projectManager.listProjects();
    if (values.json) process.stdout.write(`${JSON.stringify(projects)}\n`);
    else if (projects.length === 0) process.stdout.write('No projects registered.\n');
    else process.stdout.write(`${projects.flatMap(describe).join('\n')}\n`);
    return EXIT.ok;
  } finally {
    await engine.close();
  }
}

function projectChanges(values: CliValues): Parameters<OrchestrationEngine['projectManager']['updateProject']>[1] {
  const changes: Parameters<OrchestrationEngine['projectManager']['updateProject']>[1] = {};
  if (values.status !== undefined) {
    if (!(PROJECT_STATUSES as readonly string[]).includes(values.status)) throw new UsageError(`--status ${values.status}: a project status is one of ${PROJECT_STATUSES.join(', ')}`);
    changes.status = values.status as ProjectStatus;
  }
  const follows = values['status-follows-runs'];
  const healthCheck = values['health-check'];
  if (follows !== undefined && follows !== 'on' && follows !== 'off') throw new UsageError(`--status-follows-runs ${follows}: say on or off`);
  if (follows === 'off' && healthCheck !== undefined) throw new UsageError('--health-check needs the status to follow runs (--status-follows-runs on)');
  if (follows === 'off') changes.statusFollowsRuns = null;
  else if (follows === 'on' || healthCheck !== undefined) changes.statusFollowsRuns = { healthCheck: healthCheck === undefined || healthCheck === 'none' ? null : healthCheck };
  if (Object.keys(changes).length === 0) throw new UsageError('codomyrmex projects set: nothing to change (--status S, --status-follows-runs on|off, --health-check WORKFLOW|none)');
  return changes;
}

function describe(project: Project): string[] {
  const lines = [`${project.name}  ${project.status}  ${project.path}`];
  const follows = project.statusFollowsRuns;
  lines.push(follows === undefined
    ? '  status: set by hand'
    : `  status follows runs: active while they go, then ${follows.healthCheck === null ? '' : `failed if health check "${follows.healthCheck}" failed, else `}${follows.restingStatus}`);
  const change = project.lastStatusChange;
  if (change !== undefined) lines.push(`  last change by runs: ${change.from} → ${change.to} at ${new Date(change.time).toISOString().replace('T', ' ').slice(0, 19)}: ${change.reason}`);
  return lines;
}
