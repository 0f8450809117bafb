// A project's page: its workflows with their health, its history as charts, its runs and its sessions.
import { lazy, Suspense, useEffect, type ReactElement } from 'react';
import { sessionAppliesTo } from '../../shared/session-scope.js';
import { formatDuration, formatStartTime } from '../app/format-time.js';
import { useActions, useDashboardStore, useProjectsStore, useSessionsStore } from '../app/hooks.js';
import { StatusBadge } from '../ui/StatusBadge.js';
import { ProjectStatusFollow } from './ProjectStatusFollow.js';
import { WorkflowHealthRow } from './WorkflowHealthRow.js';

// The history charts (and uPlot under them) are their own chunk: the dashboard's first paint does not load them.
const ProjectHistoryCharts = lazy(() => import('./ProjectHistoryCharts.js').then((module) => ({ default: module.ProjectHistoryCharts })));

export function ProjectPage({ projectId }: { projectId: string }): ReactElement {
  const card = useDashboardStore((state) => state.cards.find((candidate) => candidate.project.id === projectId));
  const page = useDashboardStore((state) => state.page);
  const sessions = useSessionsStore((state) => state.sessions);
  // The registry's copy follows project.updated events at once (a status set by runs); the card's, its next refetch.
  const live = useProjectsStore((state) => state.projects.find((candidate) => candidate.id === projectId));
  const project = live ?? card?.project;
  const { openProjectPage, loadProjectPage, openRun, loadSessions, switchSession, showView } = useActions();
  useEffect(() => {
    void loadSessions();
  }, [loadSessions]);
  // However the page was opened (a card, "Create project", a reload), showing a project is what loads its data.
  useEffect(() => {
    void loadProjectPage(projectId);
  }, [loadProjectPage, projectId]);
  const name = card?.project.name ?? 'Project';
  // The sessions its runs may run in: its own, and those for any project (each marked so).
  const own = sessions.filter((session) => sessionAppliesTo(session, projectId));
  return (
    <section className="view project-page" aria-labelledby="project-page-title">
      <header className="view__header">
        <div className="view__title">
          <button type="button" className="link-button muted" onClick={() => void openProjectPage(null)}>← All projects</button>
          <h1 id="project-page-title">{name}</h1>
          {card !== undefined && <span className="mono muted">{card.project.path}</span>}
        </div>
        {project !== undefined && <span className={`badge badge--${project.status}`} role="status" aria-label={`Project status: ${project.status}`} data-status={project.status}>{project.status}</span>}
      </header>
      {project !== undefined && <ProjectStatusFollow project={project} workflows={card?.workflows.map((health) => health.workflowName) ?? []} disabled={card?.missing === true} />}
      <section aria-labelledby="page-workflows">
        <h2 id="page-workflows" className="section-title">Workflows</h2>
        {card === undefined || card.workflows.length === 0
          ? <p className="muted">No workflows.</p>
          : <ul className="health-list health-list--page" aria-label={`Workflows of ${name}`}>{card.workflows.map((health) => <WorkflowHealthRow key={health.workflowName} projectId={projectId} health={health} disabled={card.missing} />)}</ul>}
      </section>
      <section aria-labelledby="page-history">
        <h2 id="page-history" className="section-title">History, last 30 days</h2>
        {page?.history == null
          ? <p className="muted">Loading history…</p>
          : <Suspense fallback={<p className="muted">Loading history…</p>}><ProjectHistoryCharts history={page.history} /></Suspense>}
      </section>
      <div className="project-page__lists">
        <section aria-labelledby="page-runs">
          <h2 id="page-runs" className="section-title">Runs</h2>
          {page?.runs == null ? <p className="muted">Loading runs…</p> : page.runs.length === 0 ? <p className="muted">No runs yet.</p> : (
            <ul className="page-list" aria-label={`Runs of ${name}`}>
              {page.runs.map((run) => (
                <li key={run.executionId}>
                  <button type="button" className="page-row" data-run-status={run.status} onClick={() => void openRun(run.executionId)}>
                    <StatusBadge status={run.status} />
                    <span className="page-row__name">{run.workflowName}</span>
                    <span className="muted">{formatStartTime(run.startTime)}</span>
                    <span className="muted">{formatDuration(run.endTime === null ? null : run.endTime - run.startTime)}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="page-sessions">
          <h2 id="page-sessions" className="section-title">Sessions</h2>
          {own.length === 0 ? <p className="muted">No session applies to this project: create one in Sessions, for this project or any.</p> : (
            <ul className="page-list" aria-label={`Sessions of ${name}`}>
              {own.map((session) => (
                <li key={session.sessionId}>
                  <button type="button" className="page-row page-row--session" onClick={() => {
                    switchSession(session.sessionId);
                    showView('sessions');
                  }}>
                    <StatusBadge status={session.status} />
                    <span className="page-row__name">{session.name}{session.projectId === null && <span className="muted"> · any project</span>}</span>
                    <span className="muted">{formatStartTime(session.createdAt)}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </section>
  );
}
