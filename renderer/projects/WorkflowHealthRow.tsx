// One workflow on a project card: open it on the canvas, its last run's status and duration, its 30-day success rate
// and median duration, and Run.
import { memo, type ReactElement } from 'react';
import type { ProjectCard } from '../../shared/dashboard.js';
import { formatDuration } from '../app/format-time.js';
import { useActions } from '../app/hooks.js';

type Health = ProjectCard['workflows'][number];

const percent = (rate: number | null): string => (rate === null ? '—' : `${Math.round(rate * 100)}%`);

export const WorkflowHealthRow = memo(function WorkflowHealthRow({ projectId, health, disabled }: { projectId: string; health: Health; disabled: boolean }): ReactElement {
  const { openWorkflow, runWorkflow } = useActions();
  const name = health.workflowName;
  const last = health.lastRun;
  // Opening it makes its project the current one (see openWorkflow).
  const open = (): Promise<boolean> => openWorkflow(name, projectId);
  return (
    <li className="health-row" data-workflow={name}>
      {health.hasFile && !disabled
        ? <button type="button" className="health-row__name link-button" title={`Open ${name} on the canvas`} onClick={() => void open()}>{name}</button>
        : <span className="health-row__name" title={health.hasFile ? name : `${name}: no workflow file, only its past runs`}>{name}</span>}
      <span className="health-row__last" data-last-status={last?.status}>
        {last === null ? <span className="muted">never run</span> : <span className={`badge badge--${last.status}`} title={`Last run ${last.status}, ${formatDuration(last.durationMs)}`}>{last.status}</span>}
        {last !== null && <span className="health-row__duration muted">{formatDuration(last.durationMs)}</span>}
      </span>
      <span className="health-row__stats muted" title="Over the last 30 days: completed share of finished runs, median duration">
        {/* One text, not three: React's server render marks the seams between adjacent texts with comments. */}
        {`${percent(health.successRate)} · ${formatDuration(health.medianDurationMs)}`}
      </span>
      <button type="button" className="button button--small" disabled={disabled || !health.hasFile} aria-label={`Run ${name}`} onClick={() => void runWorkflow(projectId, name)}>▷ Run</button>
    </li>
  );
});
