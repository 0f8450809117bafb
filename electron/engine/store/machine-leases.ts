// Resource leases every process on this machine shares (in $CODOMYRMEX_HOME's database): several CLIs, serve, MCP and the
// app admit `cpu`, `memory` and user resources against one count. A lease whose holder died is reclaimed.
import { hostname } from 'node:os';
import { isAlive } from '../process-runner.js';
import type { Db } from './database.js';
import { processStartToken } from './process-identity.js';

export interface LeaseShortfall {
  resourceId: string;
  amount: number;
  /** Free on the machine now, after every live process's leases. */
  available: number;
}

interface Holder {
  holder_pid: number;
  holder_start: string | null;
}

// Created here rather than in the migrations: the table holds only live leases, so it needs no history or upgrade.
const SCHEMA = `CREATE TABLE IF NOT EXISTS resource_leases (
  resource_id TEXT NOT NULL,
  task_id TEXT NOT NULL,
  amount REAL NOT NULL,
  holder_pid INTEGER NOT NULL,
  holder_host TEXT NOT NULL,
  holder_start TEXT,
  acquired_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS resource_leases_by_resource ON resource_leases (holder_host, resource_id);`;

export class MachineLeases {
  private readonly holder = { pid: process.pid, host: hostname(), start: processStartToken(process.pid) };
  private prepared: { db: Db; statements: ReturnType<typeof prepare> } | null = null;

  constructor(private readonly open: () => Db) {}

  /**
   * Takes every amount or none, in one IMMEDIATE transaction (no other process can admit in between). Only when
   * something does not fit are the holders' lives checked, so the usual admission costs one short write.
   */
  acquire(taskId: string, request: Readonly<Record<string, number>>, capacity: (resourceId: string) => number): LeaseShortfall | null {
    const { db, statements } = this.statements();
    return db.transaction((): LeaseShortfall | null => {
      let short = this.shortfall(request, capacity);
      if (short !== null && this.reclaimDead() > 0) short = this.shortfall(request, capacity);
      if (short !== null) return short;
      const now = Date.now();
      for (const [resourceId, amount] of Object.entries(request)) {
        statements.insert.run({ resourceId, taskId, amount, pid: this.holder.pid, host: this.holder.host, start: this.holder.start, now });
      }
      return null;
    }).immediate();
  }

  release(taskId: string, resourceId?: string): void {
    const { statements } = this.statements();
    const holder = { taskId, pid: this.holder.pid, host: this.holder.host };
    if (resourceId === undefined) statements.releaseTask.run(holder);
    else statements.releaseOne.run({ ...holder, resourceId });
  }

  /** Amount of a resource leased by live processes on this machine (this one included). */
  inUse(resourceId: string): number {
    return (this.statements().statements.used.get({ resourceId, host: this.holder.host }) as { used: number | null }).used ?? 0;
  }

  private shortfall(request: Readonly<Record<string, number>>, capacity: (resourceId: string) => number): LeaseShortfall | null {
    for (const [resourceId, amount] of Object.entries(request)) {
      const available = capacity(resourceId) - this.inUse(resourceId);
      if (amount > available) return { resourceId, amount, available };
    }
    return null;
  }

  /** Deletes the leases of processes on this machine that are gone (a zombie counts as gone); returns how many. */
  private reclaimDead(): number {
    const { statements } = this.statements();
    let reclaimed = 0;
    for (const holder of statements.holders.all({ host: this.holder.host }) as Holder[]) {
      if (holder.holder_pid === this.holder.pid && holder.holder_start === this.holder.start) continue;
      const alive = isAlive(holder.holder_pid) && (holder.holder_start === null || processStartToken(holder.holder_pid) === holder.holder_start);
      if (!alive) reclaimed += statements.reclaim.run({ pid: holder.holder_pid, host: this.holder.host, start: holder.holder_start }).changes;
    }
    return reclaimed;
  }

  private statements(): { db: Db; statements: ReturnType<typeof prepare> } {
    const db = this.open();
    if (this.prepared?.db !== db) {
      db.exec(SCHEMA);
      this.prepared = { db, statements: prepare(db) };
    }
    return this.prepared;
  }
}

function prepare(db: Db) {
  return {
    insert: db.prepare(`INSERT INTO resource_leases (resource_id, task_id, amount, holder_pid, holder_host, holder_start, acquired_at)
      VALUES (@resourceId, @taskId, @amount, @pid, @host, @start, @now)`),
    used: db.prepare('SELECT SUM(amount) AS used FROM resource_leases WHERE holder_host = @host AND resource_id = @resourceId'),
    releaseTask: db.prepare('DELETE FROM resource_leases WHERE task_id = @taskId AND holder_pid = @pid AND holder_host = @host'),
    releaseOne: db.prepare('DELETE FROM resource_leases WHERE task_id = @taskId AND resource_id = @resourceId AND holder_pid = @pid AND holder_host = @host'),
    holders: db.prepare('SELECT DISTINCT holder_pid, holder_start FROM resource_leases WHERE holder_host = @host'),
    reclaim: db.prepare('DELETE FROM resource_leases WHERE holder_pid = @pid AND holder_host = @host AND holder_start IS @start'),
  };
}
