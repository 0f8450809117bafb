// Resource leases every process on this machine shares (in $CODOMYRMEX_HOME's database): several CLIs, serve, MCP and the
// app admit `cpu`, `memory` and user resources against one count. A lease whose holder died is reclaimed.
import type { Db } from '../store/database.js';
import { storageErrorKind } from '../store/storage-error.js';
import { stillRunning } from '../processes/process-liveness.js';
import { thisProcess } from '../store/process-identity.js';

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
const SCHEMA = `CREATE TABLE IF NOT EXISTS machine_leases (
  resource_id TEXT NOT NULL,
  holder_host TEXT NOT NULL,
  holder_pid INTEGER NOT NULL,
  holder_start TEXT,
  amount REAL NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (holder_host, resource_id, holder_pid)
) WITHOUT ROWID;`;

/**
 * One row per process and resource: the amount this process holds on the machine. Steps take from it and give back
 * to it; the row grows (in an IMMEDIATE transaction, against every live process's rows) only when a step needs more
 * than the process holds, and shrinks at the end of the event-loop turn. A step that ends and lets the next one start
 * in the same turn — the usual case in a DAG — so costs no database write at all.
 */
export class MachineLeases {
  private readonly holder = thisProcess();
  private prepared: { db: Db; statements: ReturnType<typeof prepare> } | null = null;
  /** What this process's rows say it holds, by resource. */
  private readonly held = new Map<string, number>();
  /** What its steps (and allocate_resources callers) use now, by resource. */
  private readonly used = new Map<string, number>();
  private readonly byTask = new Map<string, Map<string, number>>();
  private shrinkScheduled = false;

  constructor(private readonly open: () => Db) {}

  /** Takes every amount or none; null when taken, else the first resource that does not fit on the machine. */
  acquire(taskId: string, request: Readonly<Record<string, number>>, capacity: (resourceId: string) => number): LeaseShortfall | null {
    const grow = Object.entries(request).filter(([id, amount]) => this.amount(this.used, id) + amount > this.amount(this.held, id));
    if (grow.length > 0) {
      let short: LeaseShortfall | null = null;
      try {
        short = this.grow(grow, capacity);
      } catch (error) {
        // A database that cannot be written (a full or read-only disk) must not stop the run: this process admits on
        // its own count until the disk is back, and the machine-wide rows catch up at the next grow.
        if (storageErrorKind(error) === 'other') throw error;
      }
      if (short !== null) return short;
    }
    const task = this.byTask.get(taskId) ?? new Map<string, number>();
    this.byTask.set(taskId, task);
    for (const [id, amount] of Object.entries(request)) {
      task.set(id, (task.get(id) ?? 0) + amount);
      this.used.set(id, this.amount(this.used, id) + amount);
    }
    return null;
  }

  /** Gives back what a task holds (of one resource, or all); the machine's row shrinks at the end of this turn. */
  release(taskId: string, resourceId?: string): void {
    const task = this.byTask.get(taskId);
    if (task === undefined) return;
    for (const [id, amount] of task) {
      if (resourceId !== undefined && id !== resourceId) continue;
      this.used.set(id, this.amount(this.used, id) - amount);
      task.delete(id);
    }
    if (task.size === 0) this.byTask.delete(taskId);
    if (!this.shrinkScheduled) {
      this.shrinkScheduled = true;
      setImmediate(() => this.flushQuietly());
    }
  }

  /** As flush, from the end of a turn: a failing disk leaves the rows as they are, shrunk at the next release. */
  private flushQuietly(): void {
    try {
      this.flush();
    } catch (error) {
      if (storageErrorKind(error) === 'other') throw error;
    }
  }

  /** Writes the rows down to what is used now (the engine calls it before closing the database). */
  flush(): void {
    this.shrinkScheduled = false;
    const shrink = [...this.held].filter(([id, amount]) => amount > this.amount(this.used, id));
    if (shrink.length === 0) return;
    const { db, statements } = this.statements();
    db.transaction(() => {
      for (const [id] of shrink) this.write(statements, id, this.amount(this.used, id));
    }).immediate();
  }

  private grow(grow: [string, number][], capacity: (resourceId: string) => number): LeaseShortfall | null {
    const { db, statements } = this.statements();
    return db.transaction((): LeaseShortfall | null => {
      let short = this.shortfall(grow, capacity);
      // Only when something does not fit are the holders' lives checked.
      if (short !== null && this.reclaimDead() > 0) short = this.shortfall(grow, capacity);
      if (short !== null) return short;
      for (const [id, amount] of grow) this.write(statements, id, this.amount(this.used, id) + amount);
      return null;
    }).immediate();
  }

  private shortfall(grow: [string, number][], capacity: (resourceId: string) => number): LeaseShortfall | null {
    const { statements } = this.statements();
    for (const [resourceId, amount] of grow) {
      const others = (statements.others.get({ resourceId, host: this.holder.host, pid: this.holder.pid }) as { used: number | null }).used ?? 0;
      const available = capacity(resourceId) - others - this.amount(this.used, resourceId);
      if (amount > available) return { resourceId, amount, available: Math.max(0, available) };
    }
    return null;
  }

  private write(statements: ReturnType<typeof prepare>, resourceId: string, amount: number): void {
    const row = { resourceId, host: this.holder.host, pid: this.holder.pid, start: this.holder.start, amount, now: Date.now() };
    if (amount > 0) statements.upsert.run(row);
    else statements.remove.run(row);
    this.held.set(resourceId, amount);
  }

  /** Deletes the rows of processes on this machine that are gone (a zombie counts as gone); returns how many. */
  private reclaimDead(): number {
    const { statements } = this.statements();
    let reclaimed = 0;
    for (const holder of statements.holders.all({ host: this.holder.host, pid: this.holder.pid }) as Holder[]) {
      if (!stillRunning(holder.holder_pid, holder.holder_start)) reclaimed += statements.reclaim.run({ pid: holder.holder_pid, host: this.holder.host }).changes;
    }
    return reclaimed;
  }

  private amount(map: Map<string, number>, id: string): number {
    return map.get(id) ?? 0;
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
    upsert: db.prepare(`INSERT INTO machine_leases (resource_id, holder_host, holder_pid, holder_start, amount, updated_at)
      VALUES (@resourceId, @host, @pid, @start, @amount, @now)
      ON CONFLICT (holder_host, resource_id, holder_pid) DO UPDATE SET holder_start = excluded.holder_start, amount = excluded.amount, updated_at = excluded.updated_at`),
    remove: db.prepare('DELETE FROM machine_leases WHERE holder_host = @host AND resource_id = @resourceId AND holder_pid = @pid'),
    others: db.prepare('SELECT SUM(amount) AS used FROM machine_leases WHERE holder_host = @host AND resource_id = @resourceId AND holder_pid != @pid'),
    holders: db.prepare('SELECT DISTINCT holder_pid, holder_start FROM machine_leases WHERE holder_host = @host AND holder_pid != @pid'),
    reclaim: db.prepare('DELETE FROM machine_leases WHERE holder_host = @host AND holder_pid = @pid'),
  };
}
