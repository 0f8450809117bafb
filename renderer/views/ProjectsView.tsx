// The dashboard: the projects the engine knows and, for the current one, its workflows.
import type { ReactElement } from 'react';
import { useActions, useAppStore, useProjectsStore } from '../app/hooks.js';
import { WorkflowList } from './WorkflowList.js';

export function ProjectsView(): ReactElement {
  const projects = useProjectsStore((state) => state.projects);
  const currentId = useAppStore((state) => state.projectId);
  const { selectProject } = useActions();
  const current = projects.find((project) => project.id === currentId);
  return (
    <section className="view" aria-labelledby="projects-title">
      <header className="view__header">
        <h1 id="projects-title">Projects</h1>
      </header>
      <div className="projects">
        <ul className="project-list" aria-label="Projects">
          {projects.map((project) => (
            <li key={project.id}>
              <button type="button" className="project-item" aria-current={project.id === currentId ? 'true' : undefined} onClick={() => void selectProject(project.id)}>
                <span className="project-item__name">{project.name}</span>
                <span className="project-item__path">{project.path}</span>
              </button>
            </li>
          ))}
          {projects.length === 0 && <li className="muted">No projects yet.</li>}
        </ul>
        <div className="projects__workflows">
          {current !== undefined && (
            <div className="section-title">
              <h2>Workflows</h2>
              <span className="muted" title={current.path}>{current.name}</span>
            </div>
          )}
          <WorkflowList />
        </div>
      </div>
    </section>
  );
}
