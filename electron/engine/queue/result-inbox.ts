// One engine's durable results queue: workers push each step's outcome on a Redis list; the engine moves one at a time
// to a `taken` list (BLMOVE), settles it, then drops it — an outcome is never lost between the two, unlike a
// pub/sub message or QueueEvents before its first read (bullmq#2874). The reconcile loop covers the rest.
import type { Redis } from 'ioredis';
import type { StepOutcome } from './queue-protocol.js';
import { resultsList, resultsTaken } from './queue-protocol.js';

/** The worker's side: one command per outcome. */
export async function sendOutcome(redis: Redis, engineId: string, outcome: StepOutcome): Promise<void> {
  await redis.lpush(resultsList(engineId), JSON.stringify(outcome));
}

export class ResultInbox {
  private stopped = false;
  private readonly loop: Promise<void>;

  constructor(
    /** A connection of its own: BLMOVE blocks it. */
    private readonly redis: Redis,
    private readonly engineId: string,
    private readonly settle: (outcome: StepOutcome) => Promise<void>,
  ) {
    this.loop = this.run();
  }

  /** Stops reading and removes the lists: nobody will read them after this engine. */
  async stop(commands: Redis): Promise<void> {
    this.stopped = true;
    this.redis.disconnect();
    await this.loop;
    await commands.del(resultsList(this.engineId), resultsTaken(this.engineId)).catch(() => {});
  }

  private async take(raw: string): Promise<void> {
    let outcome: StepOutcome;
    try {
      outcome = JSON.parse(raw) as StepOutcome;
    } catch {
      // An outcome that does not parse settles nothing: the reconcile loop reads the job's own result instead.
      return;
    }
    await this.settle(outcome).catch(() => {});
  }

  private async run(): Promise<void> {
    const list = resultsList(this.engineId);
    const taken = resultsTaken(this.engineId);
    while (!this.stopped) {
      let raw: string | null;
      try {
        raw = await this.redis.blmove(list, taken, 'RIGHT', 'LEFT', 1);
      } catch {
        if (!this.stopped) await new Promise((resolve) => setTimeout(resolve, 200));
        continue;
      }
      if (raw === null) continue;
      // Not awaited: one step waiting for the last of its output must not hold up the others' outcomes.
      void this.take(raw).finally(() => this.redis.lrem(taken, 1, raw).catch(() => {}));
    }
  }
}
