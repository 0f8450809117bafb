// A project on the dashboard: name (opens its page), path, status, 30-day chart and figures, its workflows with
// their last runs and Run, and the folder actions. A missing project stays, greyed, with Forget.
import { memo, useId, useMemo, useState, type ReactElement } from 'react';
import type { ProjectCard } from '../../shared/dashboard.js';
import { PROJECT_STATUSES, type ProjectStatus } from '../../shared/model.js';
import { formatDuration } from '../app/format-time.js';
import { useActions } from '../app/hooks.js';
import { projectDaily, projectSuccessRate, weightedMedian } from '../ui/charts/chart-data.js';
import { ProjectSparkline } from './ProjectSparkline.js';
import { SaveTemplateDialog } from './SaveTemplateDialog.js';
import { WorkflowHealthRow } from './WorkflowHealthRow.js';

export const DashboardCard = memo(function DashboardCard({ card }: { card: ProjectCard }): ReactElement {
  const { project, missing, workflows } = card;
  const { openProjectPage, setProjectStatus, openProjectIn, forgetProject, newWorkflow } = useActions();
  const [saving, setSaving] = useState(false);
  const titleId = useId();
  const daily = useMemo(() => projectDaily(card), [card]);
  const rate = projectSuccessRate(daily);
  const runs = daily.reduce((sum, day) => sum + day.completed + day.failed + day.other, 0);
  // The workflows' 30-day medians weighted by their runs: the card's one-figure summary.
  const median = weightedMedian(workflows.filter((w) => w.medianDurationMs !== null).map((w) => ({ value: w.medianDurationMs!, weight: w.runs })));
  return (
    <article className="project-card" aria-labelledby={titleId} data-project={project.name} data-missing={missing || undefined}>
      <header className="project-card__head">
        <button type="button" id={titleId} className="project-card__name link-button" title={`Open ${project.name}`} onClick={() => void openProjectPage(project.id)}>{project.name}</button>
        {missing && <span className="badge badge--failed" title="The folder is gone: moved or deleted">missing</span>}
        <select className="select" aria-label={`Status of ${project.name}`} value={project.status} disabled={missing} onChange={(event) => void setProjectStatus(project.id, event.target.value as ProjectStatus)}>
          {PROJECT_STATUSES.map((status) => <option key={status} value={status}>{status}</option>)}
        </select>
      </header>
      <p className="project-card__path mono" title={project.path}>{project.path}</p>
      <div className="project-card__health">
        <ProjectSparkline daily={daily} label={`${project.name}: runs per day by status and median duration, last 30 days`} />
        {/* Term over value in three columns, laid out by the list's grid: no wrapper per pair (150 fewer elements). */}
        <dl className="project-card__figures">
          <dt>Success</dt><dd data-figure="success-rate">{rate === null ? '—' : `${Math.round(rate * 100)}%`}</dd>
          <dt>Median</dt><dd>{formatDuration(median)}</dd>
          <dt>Runs</dt><dd>{runs}</dd>
        </dl>
      </div>
      {workflows.length === 0
        ? (
          <p className="muted">
            No workflows yet.{' '}
            {!missing && <button type="button" className="button button--small" aria-label={`New workflow in ${project.name}`} onClick={() => void newWorkflow(project.id)}>New workflow…</button>}
          </p>
        )
        : <ul className="health-list" aria-label={`Workflows of ${project.name}`}>{workflows.map((health) => <WorkflowHealthRow key={health.workflowName} projectId={project.id} health={health} disabled={missing} />)}</ul>}
      <footer className="project-card__actions">
        <button type="button" className="button button--small" disabled={missing} onClick={() => void openProjectIn(project.id, 'folder')}>Open folder</button>
        <button type="button" className="button button--small" disabled={missing} onClick={() => void openProjectIn(project.id, 'terminal')}>Open in terminal</button>
        <button type="button" className="button button--small" disabled={missing} aria-label={`Save ${project.name} as template`} onClick={() => setSaving(true)}>Save as template</button>
        <button type="button" className="button button--small button--quiet" aria-label={`Forget ${project.name}`} title="Removes it from the dashboard; its files are untouched" onClick={() => void forgetProject(project.id)}>Forget</button>
      </footer>
      {saving && <SaveTemplateDialog projectId={project.id} projectName={project.name} onClose={() => setSaving(false)} />}
    </article>
  );
});

