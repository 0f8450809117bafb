// Pruning old runs for the engine: on demand (`codomyrmex prune`) and by the `retention` setting, at most once a day,
// after a run has started (or when the process ends), so a run's start never waits on it.
import { closeSync, openSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import type { SettingsStore } from '../store/settings-store.js';
import type { RunStore } from '../store/run-store.js';
import { pruneRuns, readRetention, runsOlderThan, runsOverSize, type PruneResult, type RetentionPolicy } from '../store/retention.js';
import { makeFolders } from '../make-folders.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** How long after a run's start the due prune waits: its first steps are spawned by then. */
const AFTER_START_MS = 100;
const HOUR_MS = 60 * 60 * 1000;
/** Touched after each automatic prune: its age says whether the next one is due, for one `stat`. */
export const RETENTION_STAMP = 'retention.stamp';

export class RunRetention {
  private pending: NodeJS.Timeout | null = null;
  private hourly: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: RunStore,
    private readonly logsRoot: string,
    private readonly home: string,
    private readonly settings: SettingsStore,
    private readonly warn: (message: string) => void,
  ) {}

  policy(): RetentionPolicy {
    return readRetention(this.settings.get('retention'), this.warn);
  }

  /** Finished runs that started more than `ageMs` ago: listed only with `dryRun`, else removed with their logs. */
  olderThan(ageMs: number, dryRun: boolean, now = Date.now()): PruneResult {
    return this.prune(() => this.store.read((db) => runsOlderThan(db, now - ageMs)), dryRun);
  }

  /** What the setting keeps: runs younger than its days, and the logs' total under its size (oldest runs go first). */
  bySettings(dryRun: boolean, now = Date.now()): PruneResult {
    const policy = this.policy();
    return this.prune(() => this.store.read((db) => {
      const old = runsOlderThan(db, now - policy.keepDays * DAY_MS);
      return policy.maxLogBytes === null ? old : [...old, ...runsOverSize(db, this.logsRoot, policy.maxLogBytes, old)];
    }), dryRun);
  }

  /** Prunes by the setting shortly (after a run's first steps started) when the last automatic prune is a day old. */
  scheduleIfDue(now = Date.now()): void {
    if (this.pending !== null || !this.due(now)) return;
    this.pending = setTimeout(() => this.runDue(), AFTER_START_MS);
    this.pending.unref();
  }

  /** A long-lived door (serve): due now, then checked every hour, so it prunes once a day while it stays up. */
  keepPruning(): void {
    this.scheduleIfDue();
    this.hourly ??= setInterval(() => this.scheduleIfDue(), HOUR_MS);
    this.hourly.unref();
  }

  /** A prune still waiting (the process ends first, a short run): done now, as the last thing. */
  finish(): void {
    if (this.hourly !== null) clearInterval(this.hourly);
    this.hourly = null;
    if (this.pending === null) return;
    clearTimeout(this.pending);
    this.runDue();
  }

  private runDue(): void {
    this.pending = null;
    try {
      this.touchStamp();
      this.bySettings(false);
    } catch (error) {
      this.warn(`could not prune old runs by the retention setting: ${(error as Error).message}`);
    }
  }

  private prune(select: () => ReturnType<typeof runsOlderThan>, dryRun: boolean): PruneResult {
    this.store.flush();
    // A run whose process died is `interrupted`, finished: it may go. A live one is never selected.
    this.store.reconcileInterrupted();
    const runs = select();
    if (dryRun) return { runs, removedLogFiles: 0, removedLogBytes: 0 };
    return this.store.read((db) => pruneRuns(db, this.logsRoot, runs));
  }

  private due(now: number): boolean {
    try {
      return now - statSync(join(this.home, RETENTION_STAMP)).mtimeMs >= DAY_MS;
    } catch {
      return true;
    }
  }

  private touchStamp(): void {
    const file = join(this.home, RETENTION_STAMP);
    makeFolders(this.home);
    closeSync(openSync(file, 'a'));
    const now = new Date();
    utimesSync(file, now, now);
  }
}
