// One run, live or past: its project and session, its progress and controls, its graph from the workflow it ran, the selected step's details
// and log, and the timeline.
import type { ReactElement } from 'react';
import { formatStartTime } from '../app/format-time.js';
import { useProjectsStore, useRunStore, useRunViewStore, useSessionsStore } from '../app/hooks.js';
import { stepTotal } from './run-progress.js';
import { maxAttempts } from './run-nodes.js';
import { selectShownRun } from './run-selectors.js';
import { ParentRunCrumb } from './ParentRunCrumb.js';
import { RunActionsBar } from './RunActionsBar.js';
import { RunCanvas } from './RunCanvas.js';
import { RunProgress } from './RunProgress.js';
import { RunTimeline } from './RunTimeline.js';
import { StepDetails } from './StepDetails.js';

const NO_ORDER: readonly string[] = [];

export function RunDetailView(): ReactElement {
  const executionId = useRunStore((state) => state.shownExecutionId);
  const summary = useRunStore((state) => selectShownRun(state)?.summary);
  const stepCount = useRunStore((state) => selectShownRun(state)?.steps.size ?? 0);
  const snapshot = useRunViewStore((state) => (executionId === null ? undefined : state.snapshots.get(executionId)));
  const selected = useRunViewStore((state) => state.selectedStep);
  const project = useProjectsStore((state) => state.projects.find((candidate) => candidate.id === summary?.projectId));
  const session = useSessionsStore((state) => state.sessions.find((candidate) => candidate.sessionId === summary?.sessionId));
  if (executionId === null || summary == null) return <p className="muted empty">Loading the run…</p>;
  const order = snapshot?.steps.map((step) => step.name) ?? NO_ORDER;
  return (
    <div className="run-detail" data-execution={executionId} data-run-status={summary.status}>
      <header className="run-detail__header">
        <div className="view__title">
          {summary.parent != null && <ParentRunCrumb parent={summary.parent} />}
          <h2>{summary.workflowName} <span className="mono muted">{executionId.slice(0, 8)}</span></h2>
          <p className="muted">
            {project !== undefined ? <>in <span className="run-detail__project" title={project.path}>{project.name}</span>, </> : summary.projectId === null ? 'in no project, ' : ''}
            started {formatStartTime(summary.startTime)} from {summary.origin}{summary.sessionId !== null ? ` in session ${session?.name ?? summary.sessionId.slice(0, 8)}` : ''}
          </p>
        </div>
        <RunActionsBar summary={summary} />
      </header>
      <RunProgress total={stepTotal(stepCount, snapshot)} />
      {summary.damaged != null && <p className="run-damaged" role="note">This run's stored record is damaged — {summary.damaged}. What could be read is shown; the figures leave it out.</p>}
      {summary.outcome != null && <p className="run-outcome" data-status={summary.status} role="note">{summary.outcome}</p>}
      {summary.errors.length > 0 && <ul className="problems problems--banner">{summary.errors.map((error, index) => <li key={index}>{error}</li>)}</ul>}
      <div className="run-detail__body">
        {snapshot != null ? <RunCanvas workflow={snapshot} /> : <p className="muted canvas canvas--empty">{snapshot === null ? 'This run was recorded before workflows were kept with runs: its graph is not known.' : 'Loading the graph…'}</p>}
        {selected !== null && <StepDetails key={`${executionId}/${selected}`} executionId={executionId} step={selected} most={maxAttempts(snapshot, selected)} />}
      </div>
      <RunTimeline order={order} />
    </div>
  );
}
