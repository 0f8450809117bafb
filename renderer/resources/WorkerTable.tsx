// The connected workers: host and pool, slots in use, the steps each runs now (linking to their runs), what it
// declared, and its last heartbeat as a relative time that ticks while the view is open.
import { memo, useMemo, type ReactElement } from 'react';
import type { WorkerInfo } from '../../shared/model.js';
import { amountWithUnit } from '../../shared/resource-text.js';
import { formatAgo } from '../app/format-time.js';
import { useResourcesStore, useWorkersStore } from '../app/hooks.js';
import { useNow } from '../app/use-now.js';
import { StepLink } from './StepLink.js';

/** What the worker declared, in the units the resources table uses for the same ids (cores, MB…). */
function declared(resources: Record<string, number>, units: ReadonlyMap<string, string>): string {
  return Object.entries(resources).map(([id, amount]) => `${id} ${amountWithUnit(amount, units.get(id) ?? '')}`).join(', ');
}

const WorkerRow = memo(function WorkerRow({ worker, now, units }: { worker: WorkerInfo; now: number; units: ReadonlyMap<string, string> }): ReactElement {
  return (
    <tr data-worker={worker.id} data-pool={worker.pool}>
      <td>
        <span className="worker-host">{worker.host}</span>
        <div className="mono muted worker-id" title={worker.id}>{worker.id}</div>
      </td>
      <td className="mono">{worker.pool}</td>
      <td data-column="slots">{worker.running.length} of {worker.slots} busy</td>
      <td>
        {worker.running.length === 0 ? <span className="muted">idle</span> : (
          <ul className="cell-list" aria-label={`Steps on ${worker.host}`}>
            {worker.running.map((entry) => <li key={`${entry.executionId}/${entry.step}`} data-running-step={entry.step}><StepLink {...entry} /></li>)}
          </ul>
        )}
      </td>
      <td className="muted">{declared(worker.resources, units) || '—'}</td>
      <td data-column="heartbeat" title={new Date(worker.lastHeartbeat).toLocaleString()}>{formatAgo(worker.lastHeartbeat, now)}</td>
    </tr>
  );
});

export function WorkerTable(): ReactElement | null {
  const workers = useWorkersStore((state) => state.workers);
  const on = useWorkersStore((state) => state.queue.url !== null);
  const now = useNow(workers.length > 0);
  const resources = useResourcesStore((state) => state.resources);
  const units = useMemo(() => new Map(resources.map((resource) => [resource.id, resource.unit])), [resources]);
  // With the queue off the queue's setting above already says every step runs here.
  if (workers.length === 0) return on ? <p className="muted">No worker is connected. Start one with <span className="mono">codomyrmex worker --redis URL --pool NAME</span>.</p> : null;
  return (
    <table className="table" aria-label="Workers">
      <thead>
        <tr><th scope="col">Worker</th><th scope="col">Pool</th><th scope="col">Slots</th><th scope="col">Running</th><th scope="col">Declared</th><th scope="col">Last heartbeat</th></tr>
      </thead>
      <tbody>
        {workers.map((worker) => <WorkerRow key={worker.id} worker={worker} now={now} units={units} />)}
      </tbody>
    </table>
  );
}
