// Every run, newest first, each naming its project (and how much came from the step cache, where its steps are known), filtered and paged; runs starting now join the first page live.
import { memo, useEffect, useMemo, type ReactElement } from 'react';
import { formatDuration, formatStartTime } from '../app/format-time.js';
import { useActions, useRunHistoryStore, useProjectsStore, useRunStore } from '../app/hooks.js';
import { useNow } from '../app/use-now.js';
import { matchesFilters, PAGE_SIZE } from './run-history-store.js';
import { cacheShare } from './cache-words.js';
import { isRunActive } from './run-selectors.js';
import { StatusBadge } from '../ui/StatusBadge.js';
import { HistoryFilters } from './HistoryFilters.js';

export function RunHistory(): ReactElement {
  const { loadHistory, pageHistory, loadWorkflowNames } = useActions();
  const projects = useProjectsStore((state) => state.projects);
  const page = useRunHistoryStore((state) => state.page);
  const hasMore = useRunHistoryStore((state) => state.hasMore);
  const loading = useRunHistoryStore((state) => state.loading);
  const ids = useLiveHistoryIds();
  useEffect(() => {
    void loadHistory();
  }, [loadHistory]);
  useEffect(() => {
    void loadWorkflowNames();
  }, [loadWorkflowNames, projects]);
  return (
    <>
      <div className="view__header history-header">
        <HistoryFilters />
        <button type="button" className="button" onClick={() => void loadHistory()}>Refresh</button>
      </div>
      {ids.length === 0 ? <p className="muted empty">{loading ? 'Loading runs…' : 'No runs match. Open a workflow and click Run.'}</p> : (
        <ul className="run-list" aria-label="Run history">
          <li className="run-row run-row--head" aria-hidden="true">
            <span>Status</span><span>Workflow</span><span>Project</span><span>Started</span><span>Duration</span><span>By</span>
          </li>
          {ids.map((executionId) => <RunRow key={executionId} executionId={executionId} />)}
        </ul>
      )}
      <nav className="pager" aria-label="Pages">
        <button type="button" className="button button--small" disabled={page === 0} onClick={() => void pageHistory(page - 1)}>Newer</button>
        <span className="muted">page {page + 1}</span>
        <button type="button" className="button button--small" disabled={!hasMore} onClick={() => void pageHistory(page + 1)}>Older</button>
      </nav>
    </>
  );
}

/** The page's runs; on the first page, runs the store learnt of since (started now, here or elsewhere) too. */
function useLiveHistoryIds(): readonly string[] {
  const fetched = useRunHistoryStore((state) => state.ids);
  const page = useRunHistoryStore((state) => state.page);
  const filters = useRunHistoryStore((state) => state.filters);
  const order = useRunStore((state) => state.order);
  const runs = useRunStore((state) => state.runs);
  return useMemo(() => {
    if (page > 0) return fetched;
    const now = Date.now();
    const known = new Set(fetched);
    const fresh = order.filter((id) => {
      const summary = runs.get(id)?.summary;
      return !known.has(id) && summary != null && matchesFilters(summary, filters, now);
    });
    if (fresh.length === 0) return fetched;
    const start = (id: string): number => runs.get(id)?.summary?.startTime ?? 0;
    return [...fresh, ...fetched].sort((a, b) => start(b) - start(a)).slice(0, PAGE_SIZE);
  }, [fetched, page, filters, order, runs]);
}

const RunRow = memo(function RunRow({ executionId }: { executionId: string }): ReactElement | null {
  const record = useRunStore((state) => state.runs.get(executionId));
  const active = isRunActive(record);
  const now = useNow(active);
  const { openRun } = useActions();
  const summary = record?.summary;
  // A subflow's child run names the run and step that started it (the nesting the CLI's history indents).
  const parentName = useRunStore((state) => (summary?.parent == null ? null : state.runs.get(summary.parent.executionId)?.summary?.workflowName ?? null));
  const project = useProjectsStore((state) => (summary?.projectId == null ? null : state.projects.find((candidate) => candidate.id === summary.projectId) ?? null));
  if (summary == null) return null;
  const end = summary.endTime ?? (active ? now : null);
  // A run outside every registered project (a CLI run of a loose file), or of a project forgotten since.
  const projectName = project?.name ?? (summary.projectId === null ? 'no project' : 'a removed project');
  const fromCache = cacheShare(record?.steps.values() ?? [], summary.cacheShare);
  return (
    <li>
      <button type="button" className="run-row" data-execution={executionId} data-run-status={summary.status} data-project={summary.projectId ?? ''} data-damaged={summary.damaged != null || undefined} onClick={() => void openRun(executionId)} aria-label={`${summary.workflowName} of ${projectName}, ${summary.status}${summary.damaged != null ? ', damaged record' : ''}${summary.selection != null ? `, part (${summary.selection.mode} ${summary.selection.steps.join(', ')})` : ''}${fromCache === null ? '' : `, ${fromCache}`}${summary.parent != null ? `, child run of step ${summary.parent.step}` : ''}, started ${formatStartTime(summary.startTime)}`}>
        <span><StatusBadge status={summary.status} />{summary.damaged != null && <span className="run-row__damaged" title={summary.damaged}>damaged</span>}{summary.selection != null && <span className="run-row__selection" title={`Part of the workflow: ${summary.selection.selected.join(', ')}`}>{summary.selection.mode}</span>}</span>
        <span className="run-row__workflow" title={summary.workflowName}>{summary.workflowName}{fromCache !== null && <span className="run-row__cached" data-cached={fromCache}>{fromCache}</span>}{summary.parent != null && <span className="run-row__child" data-parent={summary.parent.executionId} title={`A subflow's child run: started by step "${summary.parent.step}" of run ${summary.parent.executionId}`}>↳ {parentName ?? summary.parent.executionId.slice(0, 8)} › {summary.parent.step}</span>}</span>
        <span className={project === null ? 'run-row__project muted' : 'run-row__project'} title={project === null ? undefined : `${project.name} — ${project.path}`}>{project?.name ?? `(${projectName})`}</span>
        <span className="muted">{formatStartTime(summary.startTime)}</span>
        <span className="muted">{formatDuration(end === null ? null : Math.max(0, end - summary.startTime))}</span>
        <span className="muted">{summary.origin}{summary.sessionId !== null ? ' · session' : ''}</span>
      </button>
    </li>
  );
});
