// Actions that change the project registry: add a folder, create from a template or the sample, set a status, forget a project,
// open its folder or a terminal there, save it as a template. Each refreshes the dashboard it changes.
import type { OrchestratorApi, RequestOf } from '../../shared/ipc.js';
import type { ProjectStatus } from '../../shared/model.js';
import { toApiError } from '../api/api-error.js';
import type { Stores } from '../app/stores.js';
import { attempt } from '../app/attempt.js';
import type { ConfirmQuestion, Dialogs } from '../ui/dialogs.js';

export interface NewProject {
  name: string;
  parentDir: string;
  template: string;
  description?: string;
}

export const forgetQuestion = (name: string): ConfirmQuestion => ({
  title: `Forget "${name}"?`,
  message: `Forget the project "${name}"? It leaves the dashboard; its folder and files are untouched.`,
  confirmLabel: 'Forget project',
  danger: true,
});

/** Asked before a file system root or the home folder becomes a project; the engine's refusal says what the folder is. */
export const broadFolderQuestion = (path: string, why: string): ConfirmQuestion => ({
  title: `Add ${path} as a project?`,
  message: `${why}.`,
  confirmLabel: 'Add anyway',
});

export function createProjectActions(client: OrchestratorApi, stores: Stores, dialogs: Dialogs, reload: () => Promise<void>, select: (projectId: string) => Promise<void>, openWorkflow: (name: string, projectId: string) => Promise<boolean>, openPage: (projectId: string) => Promise<void>) {
  const { app, projects, dashboard, notices } = stores;
  const info = (message: string): void => notices.getState().report({ message, code: 'info', problems: [] });

  const addFolder = async (path: string): Promise<boolean> => {
    const trimmed = path.trim();
    if (trimmed === '') return false;
    const add = (confirmBroadFolder: boolean) => client.invoke('projects.add', { path: trimmed, ...(confirmBroadFolder ? { confirmBroadFolder } : {}) });
    // A file system root or the home folder is added only once the user says so: the engine names what it is.
    const project = await attempt(notices, () =>
      add(false).catch(async (error: unknown) => {
        const failure = toApiError(error);
        if (failure.code !== 'needs-confirmation') throw failure;
        return (await dialogs.confirm(broadFolderQuestion(trimmed, failure.message))) ? add(true) : undefined;
      }),
    );
    if (project === undefined) return false;
    projects.getState().upsertProjects([project]);
    await reload();
    return true;
  };

  /** Writes the template's files and workflows into `<parentDir>/<name>`, then opens the new project's page. */
  const createProject = async ({ name, parentDir, template, description }: NewProject): Promise<boolean> => {
    const request = { name: name.trim(), parentDir: parentDir.trim(), template, ...(description !== undefined && description.trim() !== '' ? { description: description.trim() } : {}) };
    if (request.name === '' || request.parentDir === '') return false;
    const project = await attempt(notices, () => client.invoke('projects.create', request));
    if (project === undefined) return false;
    projects.getState().upsertProjects([project]);
    await reload();
    // Its page (and the project made current) as any page is opened: its history and runs load as it shows.
    await openPage(project.id);
    return true;
  };

  /** The first run's one click: the sample project made in the data folder, its workflow open in the editor to Run. */
  const createSampleProject = async (): Promise<boolean> => {
    const project = await attempt(notices, () => client.invoke('projects.createSample', {}));
    if (project === undefined) return false;
    projects.getState().upsertProjects([project]);
    await select(project.id);
    await reload();
    const first = projects.getState().workflowsOf === project.id ? projects.getState().workflows[0] : undefined;
    if (first !== undefined) await openWorkflow(first.name, project.id);
    return true;
  };

  const updateProject = async (projectId: string, changes: Omit<RequestOf<'projects.update'>, 'projectId'>): Promise<void> => {
    const project = await attempt(notices, () => client.invoke('projects.update', { projectId, ...changes }));
    if (project === undefined) return;
    projects.getState().upsertProjects([project]);
    dashboard.getState().setCards(dashboard.getState().cards.map((card) => (card.project.id === projectId ? { ...card, project } : card)));
  };
  const setProjectStatus = (projectId: string, status: ProjectStatus): Promise<void> => updateProject(projectId, { status });
  /** Lets the status follow the project's runs (with the workflow whose last run decides `failed`), or not (null). */
  const setStatusFollowsRuns = (projectId: string, follows: { healthCheck: string | null } | null): Promise<void> => updateProject(projectId, { statusFollowsRuns: follows });

  const forgetProject = async (projectId: string): Promise<boolean> => {
    const card = dashboard.getState().cards.find((candidate) => candidate.project.id === projectId);
    if (!(await dialogs.confirm(forgetQuestion(card?.project.name ?? projectId)))) return false;
    const removed = await attempt(notices, () => client.invoke('projects.remove', { projectId }));
    if (removed === undefined) return false;
    projects.getState().setProjects(projects.getState().projects.filter((project) => project.id !== projectId));
    dashboard.getState().setCards(dashboard.getState().cards.filter((candidate) => candidate.project.id !== projectId));
    if (dashboard.getState().page?.projectId === projectId) dashboard.getState().openPage(null);
    if (app.getState().projectId === projectId) app.getState().selectProject(null);
    info(`Forgot ${card?.project.name ?? 'the project'}; its files are untouched.`);
    return true;
  };

  /** On the machine the engine runs on. Where that cannot be done (no file manager, no terminal, as in a container),
   * a dialog says why and shows the path to copy, rather than a raw error. */
  const openProjectIn = async (projectId: string, target: 'folder' | 'terminal'): Promise<boolean> => {
    try {
      await client.invoke('projects.open', { projectId, target });
      return true;
    } catch (error) {
      const failure = toApiError(error);
      const path = projects.getState().projects.find((project) => project.id === projectId)?.path
        ?? dashboard.getState().cards.find((card) => card.project.id === projectId)?.project.path;
      // A lost connection is not the machine lacking a tool: that is said as any other failure is.
      if (path === undefined || failure.code === 'disconnected' || failure.code === 'timeout') {
        notices.getState().report({ message: failure.message, code: failure.code, problems: failure.problems });
        return false;
      }
      const title = target === 'folder' ? 'Cannot open the folder here' : 'Cannot open a terminal here';
      await dialogs.showPath({ title, reason: failure.message, path });
      return false;
    }
  };

  const saveAsTemplate = async (projectId: string, name: string, description: string): Promise<boolean> => {
    const request = { projectId, name: name.trim(), ...(description.trim() !== '' ? { description: description.trim() } : {}) };
    if (request.name === '') return false;
    const template = await attempt(notices, () => client.invoke('templates.saveFromProject', request));
    if (template === undefined) return false;
    dashboard.getState().setTemplates([...dashboard.getState().templates.filter((t) => t.name !== template.name), template]);
    info(`Saved template ${template.name} (${template.workflows.length} workflows).`);
    return true;
  };

  return { addFolder, createProject, createSampleProject, setProjectStatus, setStatusFollowsRuns, forgetProject, openProjectIn, saveAsTemplate };
}
