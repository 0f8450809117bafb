// What both canvases show of a subflow step (`workflow.run`): the child workflow it runs, resolved in the project's
// workflow list, with its step count — or what it names when no workflow there matches.
import { useMemo, type ReactElement } from 'react';
import type { WorkflowStep } from '../../shared/model.js';
import { useProjectsStore } from '../app/hooks.js';
import { findSubflowChild, type SubflowChild } from '../editor/subflow-child.js';

/** The child of a subflow step in `projectId`'s workflows; null while that list is not loaded. */
export function useSubflowChild(step: WorkflowStep, projectId: string | null | undefined): SubflowChild | null {
  const path = useProjectsStore((state) => state.projects.find((project) => project.id === projectId)?.path);
  const entries = useProjectsStore((state) => (state.workflowsOf === projectId ? state.workflows : null));
  return useMemo(() => (path === undefined || entries === null ? null : findSubflowChild(step, entries, path)), [step, entries, path]);
}

/**
 * The child's name and, at the line's end, its step count — or `progress`, a run's child progress ("2/3 · running",
 * its long form in `title`).
 */
export function subflowLine(child: SubflowChild | null, progress: { short: string; long: string } | null = null): ReactElement {
  if (child !== null && 'missing' in child) {
    return <div className="subflow-node__child" data-missing title={`No workflow ${child.missing} in this project`}>⚠ {child.missing} not found</div>;
  }
  const name = child?.entry.name ?? '…';
  const count = child === null ? '' : `${child.entry.steps} ${child.entry.steps === 1 ? 'step' : 'steps'}`;
  return (
    <div className="subflow-node__child" title={`Runs ${name}${progress !== null ? `: ${progress.long}` : `, ${count}`}`}>
      <span className="subflow-node__child-name">{name}</span>
      <span className="subflow-node__detail" data-subflow-detail>{progress?.short ?? count}</span>
    </div>
  );
}
