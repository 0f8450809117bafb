// The history's filters: workflow, status, origin (who started it) and time range.
import type { ReactElement } from 'react';
import { EXECUTION_STATUSES, RUN_ORIGINS, type ExecutionStatus, type RunOrigin } from '../../../shared/model.js';
import { useActions, useAppStore, useHistoryStore, useProjectsStore } from '../../app/hooks.js';
import type { TimeRange } from '../../stores/history-store.js';

const RANGES: { value: TimeRange; label: string }[] = [
  { value: 'any', label: 'Any time' }, { value: 'hour', label: 'Last hour' }, { value: 'day', label: 'Last 24 hours' }, { value: 'week', label: 'Last 7 days' },
];
const NO_WORKFLOWS: { name: string }[] = [];

export function HistoryFilters(): ReactElement {
  const filters = useHistoryStore((state) => state.filters);
  const projectId = useAppStore((state) => state.projectId);
  const workflows = useProjectsStore((state) => (state.workflowsOf === projectId ? state.workflows : NO_WORKFLOWS));
  const { filterHistory } = useActions();
  const orNull = <T extends string>(value: string): T | null => (value === '' ? null : (value as T));
  return (
    <div className="filters" role="group" aria-label="Filter runs">
      <select className="input input--small" aria-label="Workflow" value={filters.workflowName ?? ''} onChange={(event) => void filterHistory({ workflowName: orNull(event.target.value) })}>
        <option value="">All workflows</option>
        {workflows.map((workflow) => <option key={workflow.name} value={workflow.name}>{workflow.name}</option>)}
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
