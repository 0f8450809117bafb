// Actions that change the project registry: add a folder, create from a template, set a status, forget a project,
// open its folder or a terminal there, save it as a template. Each refreshes the dashboard it changes.
import type { OrchestratorApi } from '../../shared/ipc.js';
import type { ProjectStatus } from '../../shared/model.js';
import type { Stores } from '../stores/stores.js';
import { attempt } from './attempt.js';
import type { Dialogs } from './dialogs.js';

export interface NewProject {
  name: string;
  parentDir: string;
  template: string;
  description?: string;
}

export const forgetQuestion = (name: string): string =>
  `Forget the project "${name}"? It leaves the dashboard; its folder and files are untouched.`;

export function createProjectActions(client: OrchestratorApi, stores: Stores, dialogs: Dialogs, reload: () => Promise<void>, openPage: (projectId: string) => Promise<void>) {
  const { app, projects, dashboard, notices } = stores;
  const info = (message: string): void => notices.getState().report({ message, code: 'info', problems: [] });

  const addFolder = async (path: string): Promise<boolean> => {
    const trimmed = path.trim();
    if (trimmed === '') return false;
    const project = await attempt(notices, () => client.invoke('projects.add', { path: trimmed }));
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

  const setProjectStatus = async (projectId: string, status: ProjectStatus): Promise<void> => {
    const project = await attempt(notices, () => client.invoke('projects.update', { projectId, status }));
    if (project === undefined) return;
    projects.getState().upsertProjects([project]);
    dashboard.getState().setCards(dashboard.getState().cards.map((card) => (card.project.id === projectId ? { ...card, project } : card)));
  };

  const forgetProject = async (projectId: string): Promise<boolean> => {
    const card = dashboard.getState().cards.find((candidate) => candidate.project.id === projectId);
    if (!dialogs.confirm(forgetQuestion(card?.project.name ?? projectId))) return false;
    const removed = await attempt(notices, () => client.invoke('projects.remove', { projectId }));
    if (removed === undefined) return false;
    projects.getState().setProjects(projects.getState().projects.filter((project) => project.id !== projectId));
    dashboard.getState().setCards(dashboard.getState().cards.filter((candidate) => candidate.project.id !== projectId));
    if (dashboard.getState().page?.projectId === projectId) dashboard.getState().openPage(null);
    if (app.getState().projectId === projectId) app.getState().selectProject(null);
    info(`Forgot ${card?.project.name ?? 'the project'}; its files are untouched.`);
    return true;
  };

  /** On the machine the engine runs on; its refusal (no file manager, no terminal) becomes a notice. */
  const openProjectIn = async (projectId: string, target: 'folder' | 'terminal'): Promise<void> => {
    await attempt(notices, () => client.invoke('projects.open', { projectId, target }));
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

  return { addFolder, createProject, setProjectStatus, forgetProject, openProjectIn, saveAsTemplate };
}
