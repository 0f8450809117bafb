// The "Worker" line of a step's facts: the machine and pool that ran its last attempt, when a worker ran it.
import type { ReactElement } from 'react';
import type { WorkerRef } from '../../shared/model.js';
import { workerLabel } from './worker-words.js';

export function WorkerFact({ worker }: { worker: WorkerRef | null | undefined }): ReactElement | null {
  if (worker == null) return null;
  return <><dt>Worker</dt><dd data-worker={worker.id} title={`worker ${worker.id}`}>{workerLabel(worker)}</dd></>;
}
