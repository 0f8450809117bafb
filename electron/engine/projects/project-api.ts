// The contract's handlers for projects, templates and resources (the dashboard and the resource monitor's views).
import type { TemplateInfo } from '../../../shared/dashboard.js';
import { OrchestrationError } from '../../../shared/errors.js';
import type { ResourceStatus } from '../../../shared/ipc.js';
import type { OrchestrationEngine } from '../orchestration-engine.js';
import { openInOs } from '../processes/os-open.js';
import { projectCards, projectHistory } from './project-dashboard.js';
import { isBuiltinTemplate } from './templates/index.js';
import type { ProjectTemplate } from './templates/template.js';
import { saveUserTemplate, templateFromProject } from './templates/user-templates.js';

export class ProjectApi {
  constructor(private readonly engine: OrchestrationEngine) {}

  dashboard(days?: number) {
    return this.engine.store.read((db) => projectCards(db, this.engine.projectManager, { days }));
  }

  history(projectId: string, days?: number) {
    return this.engine.store.read((db) => projectHistory(db, this.engine.projectManager.requireProject(projectId), { days }));
  }

  remove(projectId: string): { removed: boolean } {
    this.engine.projectManager.requireProject(projectId);
    // The registry forgets the project; its folder and files stay exactly as they are.
    this.engine.projectManager.removeProject(projectId, { deleteFiles: false });
    return { removed: true };
  }

  async open(projectId: string, target: 'folder' | 'terminal'): Promise<{ opened: boolean }> {
    await openInOs(target, this.engine.projectManager.requireProject(projectId).path);
    return { opened: true };
  }

  templates(): TemplateInfo[] {
    return this.engine.projectManager.listTemplates().map(templateInfo);
  }

  saveTemplate(projectId: string, name: string, description?: string): TemplateInfo {
    if (isBuiltinTemplate(name)) throw new OrchestrationError(`"${name}" is a built-in template; choose another name`);
    const project = this.engine.projectManager.requireProject(projectId);
    const template = templateFromProject(project.path, this.engine.projectManager.workflowsDir(project), name, description ?? `Made from ${project.name}`);
    saveUserTemplate(this.engine.paths.templates, template);
    this.engine.projectManager.registerTemplate(template);
    return templateInfo(template);
  }

  /** Every resource with what holds it now and which queued steps wait for it. */
  resources(): ResourceStatus[] {
    const userDefined = new Set(this.engine.userResources.list().map((d) => d.id));
    const waiting = this.waitingSteps();
    const resources = this.engine.resourceManager;
    // Straight from the ResourceManager: a full system status would also ping the database and count sessions.
    return resources.listResources().map((resource) => ({
      ...resource,
      available: resources.getAvailableCapacity(resource.id),
      allocations: resources.getAllocations(resource.id),
      userDefined: userDefined.has(resource.id),
      waiting: waiting.filter((w) => w.resourceId === resource.id).map(({ executionId, step, amount }) => ({ executionId, step, amount })),
    }));
  }

  private waitingSteps(): { resourceId: string; executionId: string; step: string; amount: number }[] {
    const store = this.engine.store;
    return this.engine.taskOrchestrator.activeExecutionIds().flatMap((executionId) => {
      const execution = store.getExecution(executionId);
      const workflow = store.getWorkflowSnapshot(executionId);
      if (execution === null || workflow === null) return [];
      return workflow.steps.flatMap((step) => {
        if (execution.steps[step.name]?.status !== 'queued') return [];
        return Object.entries(step.resources).map(([resourceId, amount]) => ({ resourceId, executionId, step: step.name, amount }));
      });
    });
  }

}

function templateInfo(template: ProjectTemplate): TemplateInfo {
  return { name: template.name, description: template.description, workflows: Object.keys(template.workflows).sort(), builtin: isBuiltinTemplate(template.name) };
}
