// The editor's project in its header, shown and switchable: the open workflow's project (else the current one), where
// New and Import put a workflow. Switching closes the open workflow of the project left (asking first if unsaved).
import type { ReactElement } from 'react';
import { useActions, useAppStore, useGraphStore, useProjectsStore } from '../app/hooks.js';

export function ProjectSwitcher(): ReactElement {
  const projects = useProjectsStore((state) => state.projects);
  const selected = useAppStore((state) => state.projectId);
  const open = useGraphStore((state) => state.shown?.projectId ?? null);
  const current = open ?? selected;
  const { switchProject } = useActions();
  const shown = projects.find((project) => project.id === current);
  // A narrow header cuts a long name short: the tooltip says it whole, and where the project's workflows are saved.
  return (
    <label className="project-switcher">
      <span className="project-switcher__caption">Project</span>
      <select className="input input--small" aria-label="Current project" title={shown === undefined ? undefined : `${shown.name}\nWorkflows are saved in ${shown.path}`} value={current ?? ''} onChange={(event) => void switchProject(event.target.value)}>
        {current === null && <option value="" disabled>Choose a project</option>}
        {projects.map((project) => <option key={project.id} value={project.id}>{project.name}</option>)}
      </select>
    </label>
  );
}
