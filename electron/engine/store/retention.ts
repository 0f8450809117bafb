// Retention: which finished runs are old (or too big) enough to go, and removing their records and log files. A log
// file another run still points at (a step a re-run kept, `reusedFrom`) stays, so that run still reads whole.
import { readdirSync, rmSync, rmdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Db } from './database.js';
import { cappedMarkerFile } from './log-cap.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const UNIT_MS: Record<string, number> = { h: 60 * 60 * 1000, d: DAY_MS, w: 7 * DAY_MS };

/** What the settings keep (`retention` in settings.json): runs younger than `keepDays`, logs up to `maxLogBytes` in all. */
export interface RetentionPolicy {
  keepDays: number;
  /** null: no limit on the logs' total size. */
  maxLogBytes: number | null;
}

export const DEFAULT_RETENTION: RetentionPolicy = { keepDays: 30, maxLogBytes: null };

export interface PrunableRun {
  executionId: string;
  workflowName: string;
  status: string;
  startTime: number;
}

export interface PruneResult {
  runs: PrunableRun[];
  removedLogFiles: number;
  removedLogBytes: number;
}

/** `7d`, `12h`, `2w`, `0d` → milliseconds; anything else throws a message naming the value and the form expected. */
export function parseAge(text: string, option = '--older-than'): number {
  const match = /^(\d+)([hdw])$/.exec(text.trim());
  if (match === null) throw new RangeError(`${option} takes a whole number and a unit h, d or w (e.g. 7d, 12h, 2w, 0d), got "${text}"`);
  return Number(match[1]) * UNIT_MS[match[2]!]!;
}

/** The `retention` setting, checked: a wrong field is named and the default used for it. */
export function readRetention(value: unknown, warn: (message: string) => void): RetentionPolicy {
  if (value === undefined) return DEFAULT_RETENTION;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    warn(`settings: "retention" must be an object like {"keepDays": 30, "maxLogBytes": null}; the default (30 days) is used`);
    return DEFAULT_RETENTION;
  }
  const { keepDays, maxLogBytes } = value as Record<string, unknown>;
  const policy = { ...DEFAULT_RETENTION };
  if (keepDays !== undefined) {
    if (typeof keepDays === 'number' && Number.isFinite(keepDays) && keepDays >= 0) policy.keepDays = keepDays;
    else warn(`settings: "retention.keepDays" must be a number of days (0 or more), got ${JSON.stringify(keepDays)}; 30 is used`);
  }
  if (maxLogBytes !== undefined && maxLogBytes !== null) {
    if (typeof maxLogBytes === 'number' && Number.isFinite(maxLogBytes) && maxLogBytes >= 0) policy.maxLogBytes = maxLogBytes;
    else warn(`settings: "retention.maxLogBytes" must be a number of bytes or null, got ${JSON.stringify(maxLogBytes)}; no size limit is used`);
  }
  return policy;
}

/** Finished runs that started at or before `cutoff` (ms), oldest first. Pending and running runs never are. */
export function runsOlderThan(db: Db, cutoff: number): PrunableRun[] {
  return (db.prepare(`SELECT execution_id, workflow_name, status, start_time FROM executions
    WHERE status NOT IN ('pending', 'running') AND start_time <= ? ORDER BY start_time, rowid`).all(cutoff) as RunRow[]).map(toPrunable);
}

/** The oldest finished runs to remove (beyond `already`) so that the logs' total size fits in `maxBytes`. */
export function runsOverSize(db: Db, logsRoot: string, maxBytes: number, already: readonly PrunableRun[]): PrunableRun[] {
  const sizes = new Map<string, number>();
  let total = 0;
  for (const name of safeList(logsRoot)) {
    const size = treeSize(join(logsRoot, name));
    sizes.set(name, size);
    total += size;
  }
  for (const run of already) total -= sizes.get(run.executionId) ?? 0;
  if (total <= maxBytes) return [];
  const gone = new Set(already.map((run) => run.executionId));
  const more: PrunableRun[] = [];
  for (const run of runsOlderThan(db, Number.MAX_SAFE_INTEGER)) {
    if (total <= maxBytes) break;
    if (gone.has(run.executionId)) continue;
    more.push(run);
    total -= sizes.get(run.executionId) ?? 0;
  }
  return more;
}

/** Deletes the runs' records (steps first) in one transaction, then the log files no remaining run points at. */
export function pruneRuns(db: Db, logsRoot: string, runs: readonly PrunableRun[]): PruneResult {
  const result: PruneResult = { runs: [...runs], removedLogFiles: 0, removedLogBytes: 0 };
  if (runs.length === 0) return result;
  const paths = new Set<string>();
  db.transaction(() => {
    const logs = db.prepare('SELECT log_path FROM step_runs WHERE execution_id = ? AND log_path IS NOT NULL');
    const steps = db.prepare('DELETE FROM step_runs WHERE execution_id = ?');
    // Still pending or running by now (another process took it up): kept, whatever it was listed as.
    const run = db.prepare(`DELETE FROM executions WHERE execution_id = ? AND status NOT IN ('pending', 'running')`);
    result.runs = runs.filter((entry) => {
      const found = logs.all(entry.executionId) as { log_path: string }[];
      if (run.run(entry.executionId).changes === 0) return false;
      steps.run(entry.executionId);
      for (const { log_path } of found) paths.add(resolve(log_path));
      return true;
    });
  }).immediate();
  const kept = new Set((db.prepare('SELECT DISTINCT log_path FROM step_runs WHERE log_path IS NOT NULL').all() as { log_path: string }[]).map((row) => resolve(row.log_path)));
  const remove = (file: string): void => {
    const size = fileSize(file);
    if (size === null) return;
    rmSync(file, { force: true });
    result.removedLogFiles++;
    result.removedLogBytes += size;
  };
  for (const path of paths) {
    if (kept.has(path)) continue;
    remove(path);
    rmSync(cappedMarkerFile(path), { force: true });
  }
  for (const entry of result.runs) {
    const dir = join(logsRoot, entry.executionId);
    // Files the records never named (a step cut off before its path was saved) go too, unless another run reads them.
    for (const name of safeList(dir)) {
      const file = resolve(dir, name);
      if (!kept.has(file) && !(name.endsWith('.capped') && kept.has(file.slice(0, -'.capped'.length)))) remove(file);
    }
    removeIfEmpty(dir);
  }
  for (const path of paths) if (!kept.has(path)) removeIfEmpty(dirname(path));
  return result;
}

interface RunRow {
  execution_id: string;
  workflow_name: string;
  status: string;
  start_time: number;
}

function toPrunable(row: RunRow): PrunableRun {
  return { executionId: row.execution_id, workflowName: row.workflow_name, status: row.status, startTime: row.start_time };
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function fileSize(file: string): number | null {
  try {
    return statSync(file).size;
  } catch {
    return null;
  }
}

function treeSize(path: string): number {
  try {
    const stat = statSync(path);
    if (!stat.isDirectory()) return stat.size;
  } catch {
    return 0;
  }
  return safeList(path).reduce((sum, name) => sum + treeSize(join(path, name)), 0);
}

function removeIfEmpty(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // Not empty (another run's kept log is in it) or already gone.
  }
}
