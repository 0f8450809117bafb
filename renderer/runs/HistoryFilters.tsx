// The history's filters: project (all by default), workflow, status, origin (who started it) and time range.
import { useMemo, type ReactElement } from 'react';
import { EXECUTION_STATUSES, RUN_ORIGINS, type ExecutionStatus, type RunOrigin } from '../../shared/model.js';
import { useActions, useRunHistoryStore, useProjectsStore } from '../app/hooks.js';
import type { TimeRange } from './run-history-store.js';

const RANGES: { value: TimeRange; label: string }[] = [
  { value: 'any', label: 'Any time' }, { value: 'hour', label: 'Last hour' }, { value: 'day', label: 'Last 24 hours' }, { value: 'week', label: 'Last 7 days' },
];

export function HistoryFilters(): ReactElement {
  const filters = useRunHistoryStore((state) => state.filters);
  const projects = useProjectsStore((state) => state.projects);
  const names = useRunHistoryStore((state) => state.workflowNames);
  // One project's workflows, or every name any project has (the project column tells same-named ones apart).
  const workflows = useMemo(() => {
    const lists = filters.projectId === null ? [...names.values()] : [names.get(filters.projectId) ?? []];
    return [...new Set(lists.flat())].sort();
  }, [names, filters.projectId]);
  const { filterHistory } = useActions();
  const orNull = <T extends string>(value: string): T | null => (value === '' ? null : (value as T));
  return (
    <div className="filters" role="group" aria-label="Filter runs">
      <select className="input input--small" aria-label="Project" value={filters.projectId ?? ''} onChange={(event) => void filterHistory({ projectId: orNull(event.target.value) })}>
        <option value="">All projects</option>
        {projects.map((project) => <option key={project.id} value={project.id}>{project.name}</option>)}
      </select>
      <select className="input input--small" aria-label="Workflow" value={filters.workflowName ?? ''} onChange={(event) => void filterHistory({ workflowName: orNull(event.target.value) })}>
        <option value="">All workflows</option>
        {workflows.map((name) => <option key={name} value={name}>{name}</option>)}
      </select>
      <select className="input input--small" aria-label="Status" value={filters.status ?? ''} onChange={(event) => void filterHistory({ status: orNull<ExecutionStatus>(event.target.value) })}>
        <option value="">Any status</option>
        {EXECUTION_STATUSES.map((status) => <option key={status} value={status}>{status}</option>)}
      </select>
      <select className="input input--small" aria-label="Started by" value={filters.origin ?? ''} onChange={(event) => void filterHistory({ origin: orNull<RunOrigin>(event.target.value) })}>
        <option value="">Started anywhere</option>
        {RUN_ORIGINS.map((origin) => <option key={origin} value={origin}>{origin}</option>)}
      </select>
      <select className="input input--small" aria-label="Time range" value={filters.range} onChange={(event) => void filterHistory({ range: event.target.value as TimeRange })}>
        {RANGES.map((range) => <option key={range.value} value={range.value}>{range.label}</option>)}
      </select>
    </div>
  );
}
