// The engine's side of the queue (DESIGN.md §5a): whether steps go to workers, through which Redis, and who serves.
import type { QueueStatus, WorkersStatus } from '../../../shared/ipc.js';
import type { WorkerInfo } from '../../../shared/model.js';
import { maskRedisUrl } from '../../../shared/workers.js';

export class EngineQueue {
  private url: string | null = null;
  private workerList: WorkerInfo[] = [];

  status(): QueueStatus {
    return { url: this.url === null ? null : maskRedisUrl(this.url), connected: false, problem: null };
  }

  /** Turns the queue on through `url`, or off (null); resolves with the status once connected or refused. */
  async configure(url: string | null): Promise<QueueStatus> {
    this.url = url;
    return this.status();
  }

  workers(): WorkerInfo[] {
    return this.workerList;
  }

  workersStatus(): WorkersStatus {
    return { queue: this.status(), workers: this.workers(), waiting: [] };
  }
}
