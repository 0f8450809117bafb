// The embedded SQLite database: opened lazily, WAL with synchronous=NORMAL, schema migrated by user_version.
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { RUN_FIGURES_MIGRATION } from './run-figures.js';
import { retryWhileBusy } from './sqlite-busy.js';
import { makeFolders } from '../make-folders.js';

export type Db = Database.Database;

/** Each version's change, in order: a file at `user_version` N has had the first N applied. */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE executions (
     execution_id TEXT PRIMARY KEY,
     workflow_name TEXT NOT NULL,
     workflow_file TEXT,
     session_id TEXT,
     project_id TEXT,
     status TEXT NOT NULL,
     origin TEXT NOT NULL,
     start_time INTEGER NOT NULL,
     end_time INTEGER,
     params TEXT NOT NULL DEFAULT '{}',
     errors TEXT NOT NULL DEFAULT '[]',
     owner_pid INTEGER,
     owner_host TEXT,
     owner_start TEXT
   );
   CREATE INDEX executions_by_start ON executions (start_time DESC);
   CREATE INDEX executions_by_workflow ON executions (workflow_name, start_time DESC);
   CREATE INDEX executions_by_project ON executions (project_id, start_time DESC);
   CREATE INDEX executions_by_status ON executions (status);
   CREATE TABLE step_runs (
     execution_id TEXT NOT NULL,
     name TEXT NOT NULL,
     position INTEGER NOT NULL,
     status TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     start_time INTEGER,
     end_time INTEGER,
     exit_code INTEGER,
     error TEXT,
     outputs TEXT NOT NULL DEFAULT '{}',
     reason TEXT,
     log_path TEXT,
     log_tail TEXT NOT NULL DEFAULT '',
     PRIMARY KEY (execution_id, name)
   ) WITHOUT ROWID;
   CREATE TABLE sessions (
     session_id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     project_id TEXT,
     created_at INTEGER NOT NULL,
     status TEXT NOT NULL,
     variables TEXT NOT NULL DEFAULT '{}',
     env TEXT NOT NULL DEFAULT '{}'
   );
   CREATE TABLE projects (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     path TEXT NOT NULL UNIQUE,
     template TEXT,
     status TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     description TEXT NOT NULL DEFAULT ''
   );`,
  // Issue 5: the workflow as it ran (old rows keep null) and the run a re-run came from; history filters by session.
  `ALTER TABLE executions ADD COLUMN workflow TEXT;
   ALTER TABLE executions ADD COLUMN rerun_of TEXT;
   CREATE INDEX executions_by_session ON executions (session_id, start_time DESC);`,
  // Issue 6: the dashboard's last run of every workflow of every project, read from the index alone.
  `CREATE INDEX IF NOT EXISTS executions_by_project_workflow ON executions (project_id, workflow_name, start_time);`,
  // Issues 10 and 11: steps a re-run from failed kept (reused, not run again), such partial re-runs (left out of the
  // figures), and the rule's one line on how a run ended. Earlier re-runs: a step that ended before its re-run began
  // was kept from the run it re-ran.
  `ALTER TABLE step_runs ADD COLUMN reused_from TEXT;
   ALTER TABLE executions ADD COLUMN partial INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE executions ADD COLUMN outcome TEXT;
   UPDATE step_runs SET reused_from = (SELECT e.rerun_of FROM executions e WHERE e.execution_id = step_runs.execution_id)
     WHERE end_time IS NOT NULL AND end_time < (SELECT e.start_time FROM executions e WHERE e.execution_id = step_runs.execution_id AND e.rerun_of IS NOT NULL);
   UPDATE executions SET partial = 1
     WHERE rerun_of IS NOT NULL AND EXISTS (SELECT 1 FROM step_runs s WHERE s.execution_id = executions.execution_id AND s.reused_from IS NOT NULL);`,
  // Issue 13: a project's status following its runs (opt-in, JSON) and the last change runs made to it (JSON).
  `ALTER TABLE projects ADD COLUMN status_follows_runs TEXT;
   ALTER TABLE projects ADD COLUMN last_status_change TEXT;`,
  // Issue 13: a finished run's performance metrics (per step timings, CPU and memory; totals; critical path), as JSON.
  `ALTER TABLE executions ADD COLUMN performance TEXT;`,
  // Issue 15: the worker a step ran on (JSON { id, host, pool }); null for a step run in the engine's process.
  `ALTER TABLE step_runs ADD COLUMN worker TEXT;`,
  // Issue 17: what a partial run selected (only / from / to, and the run its left-out steps' outputs came from), JSON.
  `ALTER TABLE executions ADD COLUMN selection TEXT;`,
  // Issue 18: a cached step's key (hex) and, for a step that ran instead, why it missed (JSON CacheMiss).
  `ALTER TABLE step_runs ADD COLUMN cache_key TEXT;
   ALTER TABLE step_runs ADD COLUMN cache_miss TEXT;`,
  // Issue 17: a subflow's child run names its parent run and step (history nests it); a subflow step its child run (JSON).
  `ALTER TABLE executions ADD COLUMN parent_execution_id TEXT;
   ALTER TABLE executions ADD COLUMN parent_step TEXT;
   CREATE INDEX executions_by_parent ON executions (parent_execution_id, start_time DESC);
   ALTER TABLE step_runs ADD COLUMN child TEXT;`,
  // Issue 16: the dashboard's figures from a narrow summary the triggers keep, not from every run row of the window.
  RUN_FIGURES_MIGRATION,
  // Issue 18: a cached step's output hash, which a partial run or a re-run keeping the step gives its dependents' keys.
  `ALTER TABLE step_runs ADD COLUMN output_hash TEXT;`,
];

/**
 * `exclusive`: for this process alone (SQLite's exclusive locking mode): WAL without its shared-memory file, for a disk
 * that has no room to make one; any other process waits until this one closes the file.
 */
export function openDatabase(file: string, options: { exclusive?: boolean } = {}): Db {
  makeFolders(dirname(file));
  const db = new Database(file);
  try {
    // First: another process (a second run, the app) may hold the lock while this one switches the journal mode.
    db.pragma('busy_timeout = 5000');
    // Before the first read: only then does WAL keep its index in this process's memory instead of the -shm file.
    if (options.exclusive === true) db.pragma('locking_mode = EXCLUSIVE');
    // Two processes opening a new file at once: one may be told "busy" at once, whatever the timeout (sqlite-busy.ts).
    retryWhileBusy(() => {
      // WAL + NORMAL: a commit handed to the OS survives a killed process without an fsync per step.
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      migrate(db);
    });
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

function migrate(db: Db): void {
  const current = (): number => db.pragma('user_version', { simple: true }) as number;
  if (current() >= MIGRATIONS.length) return;
  // Re-read under the write lock: another process (the app and the CLI share the file) may have just migrated.
  db.transaction(() => {
    for (let next = current(); next < MIGRATIONS.length; next++) db.exec(MIGRATIONS[next]!);
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  }).immediate();
}
