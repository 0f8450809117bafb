// The pools steps go to: how many workers and slots each has, and — marked — a pool that steps wait for but that
// no worker serves (they show "queued: no worker in pool NAME" until one starts).
import type { ReactElement } from 'react';
import { noWorkerReason } from '../../shared/workers.js';
import { useWorkersStore } from '../app/hooks.js';
import { poolSummaries } from './workers-store.js';
import { StepLink } from './StepLink.js';

export function PoolList(): ReactElement | null {
  const workers = useWorkersStore((state) => state.workers);
  const waiting = useWorkersStore((state) => state.waiting);
  const pools = poolSummaries(workers, waiting);
  if (pools.length === 0) return null;
  return (
    <ul className="pool-list" aria-label="Pools">
      {pools.map((pool) => {
        const orphan = pool.workers === 0;
        return (
          <li key={pool.pool} className="pool" data-pool={pool.pool} data-no-worker={orphan || undefined}>
            <div className="pool__head">
              <span className="mono pool__name">{pool.pool}</span>
              {orphan ? <span className="badge badge--failed">no worker</span>
                : <span className="muted">{pool.workers} {pool.workers === 1 ? 'worker' : 'workers'}, {pool.busy} of {pool.slots} slots busy</span>}
            </div>
            {pool.waiting.length > 0 && (
              <ul className="cell-list" aria-label={`Waiting for pool ${pool.pool}`}>
                {pool.waiting.map((entry) => (
                  <li key={`${entry.executionId}/${entry.step}`} className="waiting" data-waiting-step={entry.step}>
                    <StepLink executionId={entry.executionId} step={entry.step} />
                    {orphan && <span className="muted"> — queued: {noWorkerReason(pool.pool)}</span>}
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ul>
  );
}
