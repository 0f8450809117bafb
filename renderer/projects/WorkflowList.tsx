// A project's workflows (the editor's, with nothing open): each a button that opens it on the canvas, with its
// problems when invalid.
import { memo, type ReactElement } from 'react';
import { formatProblem } from '../../shared/errors.js';
import type { WorkflowEntry } from '../../shared/ipc.js';
import type { Project } from '../../shared/model.js';
import { useActions, useProjectsStore } from '../app/hooks.js';

const NO_WORKFLOWS: readonly WorkflowEntry[] = [];

export function WorkflowList({ project }: { project: Project }): ReactElement {
  // Another project's list, still shown while this one's loads, must not pass for this one's.
  const workflows = useProjectsStore((state) => (state.workflowsOf === project.id ? state.workflows : NO_WORKFLOWS));
  const loading = useProjectsStore((state) => state.loadingWorkflows);
  if (workflows.length === 0) {
    return <p className="muted">{loading ? `Loading ${project.name}’s workflows…` : `${project.name} has no workflows in .codomyrmex/workflows yet.`}</p>;
  }
  return (
    <ul className="workflow-list" aria-label={`Workflows of ${project.name}`}>
      {workflows.map((entry) => <WorkflowItem key={entry.file} entry={entry} projectId={project.id} />)}
    </ul>
  );
}

const WorkflowItem = memo(function WorkflowItem({ entry, projectId }: { entry: WorkflowEntry; projectId: string }): ReactElement {
  const { openWorkflow } = useActions();
  const invalid = entry.problems.length > 0;
  return (
    <li className="workflow-item" data-invalid={invalid || undefined}>
      <button type="button" className="workflow-item__open" onClick={() => void openWorkflow(entry.name, projectId)}>
        <span className="workflow-item__name">{entry.name}</span>
        <span className="workflow-item__description">{entry.description || 'No description'}</span>
        <span className="workflow-item__meta">
          {entry.steps} {entry.steps === 1 ? 'step' : 'steps'}
          {invalid && <span className="badge badge--failed">{entry.problems.length} {entry.problems.length === 1 ? 'problem' : 'problems'}</span>}
        </span>
      </button>
      {invalid && (
        <ul className="problems" aria-label={`Problems in ${entry.name}`}>
          {entry.problems.map((problem, index) => <li key={index}>{formatProblem({ ...problem, file: undefined })}</li>)}
        </ul>
      )}
    </li>
  );
});
