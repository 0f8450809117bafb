// The Resources view's part on other machines: the queue's setting, the pools (one with waiting steps and no worker
// marked) and the connected workers, read when the view opens and kept fresh while it is open.
import { useEffect, type ReactElement } from 'react';
import { useActions } from '../app/hooks.js';
import { PoolList } from './PoolList.js';
import { QueueSettings } from './QueueSettings.js';
import { WorkerTable } from './WorkerTable.js';

export function WorkersSection(): ReactElement {
  const { loadWorkers, watchWorkers } = useActions();
  useEffect(() => {
    void loadWorkers();
    return watchWorkers();
  }, [loadWorkers, watchWorkers]);
  return (
    <section aria-labelledby="workers-title">
      <h2 id="workers-title" className="section-title">Workers</h2>
      <QueueSettings />
      <PoolList />
      <WorkerTable />
    </section>
  );
}
