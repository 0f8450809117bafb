// The project page's status setting: whether the status follows the project's runs, which workflow is its health
// check, and the last change runs made (with why), so a status set by runs is never a surprise.
import { useId, useState, type ReactElement } from 'react';
import type { Project } from '../../shared/model.js';
import { formatStartTime } from '../app/format-time.js';
import { useActions } from '../app/hooks.js';

export function ProjectStatusFollow({ project, workflows, disabled }: { project: Project; workflows: readonly string[]; disabled: boolean }): ReactElement {
  const { setStatusFollowsRuns } = useActions();
  const hintId = useId();
  const follows = project.statusFollowsRuns;
  // The box shows the click at once; the engine's answer (or its refusal, as a notice) then decides.
  const [pending, setPending] = useState<boolean | null>(null);
  const toggle = (on: boolean): void => {
    setPending(on);
    void setStatusFollowsRuns(project.id, on ? { healthCheck: null } : null).finally(() => setPending(null));
  };
  const change = project.lastStatusChange;
  // A health check named before its workflow was renamed or removed stays listed, so the select never lies.
  const choices = follows?.healthCheck != null && !workflows.includes(follows.healthCheck) ? [...workflows, follows.healthCheck] : workflows;
  return (
    <div className="status-follow" aria-describedby={hintId}>
      <label className="status-follow__toggle">
        <input type="checkbox" checked={pending ?? follows !== undefined} disabled={disabled} onChange={(event) => toggle(event.target.checked)} />
        Status follows runs
      </label>
      <label className="status-follow__check">
        Health check
        <select className="select" value={follows?.healthCheck ?? ''} disabled={disabled || follows === undefined} onChange={(event) => void setStatusFollowsRuns(project.id, { healthCheck: event.target.value === '' ? null : event.target.value })}>
          <option value="">None</option>
          {choices.map((name) => <option key={name} value={name}>{name}</option>)}
        </select>
      </label>
      <p id={hintId} className="status-follow__hint muted">
        {follows === undefined
          ? 'Off: the status changes only when you set it.'
          : `Active while a run goes; then ${follows.healthCheck === null ? '' : `failed if the last run of ${follows.healthCheck} failed, else `}${follows.restingStatus}.`}
      </p>
      {change !== undefined && (
        <p className="status-follow__change" data-status-change={change.to}>
          Last set by runs: <strong>{change.from} → {change.to}</strong> <span className="muted">{formatStartTime(change.time)}</span> — {change.reason}
        </p>
      )}
    </div>
  );
}
