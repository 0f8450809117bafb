// Projects and the current project's workflow list, as the engine last reported them.
import { createStore } from 'zustand/vanilla';
import type { WorkflowEntry } from '../../shared/ipc.js';
import type { Project } from '../../shared/model.js';

export interface ProjectsState {
  projects: Project[];
  /** The project `workflows` belongs to; null before the first load. */
  workflowsOf: string | null;
  workflows: WorkflowEntry[];
  loadingWorkflows: boolean;
  setProjects(projects: Project[]): void;
  upsertProjects(projects: Project[]): void;
  loadingWorkflowsOf(projectId: string): void;
  setWorkflows(projectId: string, workflows: WorkflowEntry[]): void;
}

export function createProjectsStore() {
  return createStore<ProjectsState>()((set) => ({
    projects: [],
    workflowsOf: null,
    workflows: [],
    loadingWorkflows: false,
    setProjects: (projects) => set({ projects }),
    upsertProjects: (updates) => set((state) => {
      const byId = new Map(state.projects.map((project) => [project.id, project]));
      for (const project of updates) byId.set(project.id, project);
      return { projects: [...byId.values()] };
    }),
    loadingWorkflowsOf: (projectId) => set((state) => ({
      loadingWorkflows: true,
      // Another project's list must not show under this one's heading while it loads.
      workflows: state.workflowsOf === projectId ? state.workflows : [],
      workflowsOf: projectId,
    })),
    setWorkflows: (projectId, workflows) => set((state) => (state.workflowsOf === projectId ? { workflows, loadingWorkflows: false } : state)),
  }));
}

export type ProjectsStore = ReturnType<typeof createProjectsStore>;
