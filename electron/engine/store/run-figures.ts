// The dashboard's summary of the run store: one narrow row per run of a project (its workflow, start, how it counts,
// its duration) and the (project, workflow) pairs that have runs, kept by SQLite triggers on `executions` — so every
// write, from any process or version (a run's start and end, interrupted runs, retention's prune, a salvage's import,
// a project claiming old runs), keeps them exact without code of its own.
import { READABLE_RUN_SQL } from './run-rows.js';

/** How a run counts in the figures (`run_figures.kind`); NULL for a row whose fields do not read, left out of them. */
export const RUN_KIND = { completed: 0, failed: 1, other: 2 } as const;

/** A row of `executions` the summary holds: one of a project, with a start time the figures can place. */
const HELD = (row: string): string => `${row}.project_id IS NOT NULL AND typeof(${row}.start_time) = 'integer'`;

/** The kind of `row` (NEW, OLD or executions): partial re-runs count as other (they neither ran it all nor took its time). */
const kindOf = (row: string): string => `CASE WHEN NOT ${READABLE_RUN_SQL.replaceAll('executions.', `${row}.`)} THEN NULL
  WHEN ${row}.partial = 1 THEN ${RUN_KIND.other} WHEN ${row}.status = 'completed' THEN ${RUN_KIND.completed}
  WHEN ${row}.status = 'failed' THEN ${RUN_KIND.failed} ELSE ${RUN_KIND.other} END`;

/** The figure's columns for `row` whose kind is `kind`: the duration only a whole completed run's. */
const figureOf = (row: string, kind: string): string => `${row}.project_id, ${row}.workflow_name, ${row}.start_time, ${row}.execution_id, ${kind},
  CASE WHEN ${kind} = ${RUN_KIND.completed} THEN ${row}.end_time - ${row}.start_time END`;

/** Forgets `row`'s figure, and its pair once no run of it is left. */
const forget = (row: string): string => `
  DELETE FROM run_figures WHERE project_id = ${row}.project_id AND workflow_name = ${row}.workflow_name AND start_time = ${row}.start_time AND execution_id = ${row}.execution_id;
  DELETE FROM run_pairs WHERE project_id = ${row}.project_id AND workflow_name = ${row}.workflow_name
    AND NOT EXISTS (SELECT 1 FROM run_figures f WHERE f.project_id = ${row}.project_id AND f.workflow_name = ${row}.workflow_name);`;

const remember = (row: string): string => `
  INSERT OR IGNORE INTO run_pairs (project_id, workflow_name) SELECT ${row}.project_id, ${row}.workflow_name WHERE ${HELD(row)};
  INSERT OR REPLACE INTO run_figures (project_id, workflow_name, start_time, execution_id, kind, duration) SELECT ${figureOf(row, 'k.kind')}
    FROM (SELECT ${kindOf(row)} AS kind) k WHERE ${HELD(row)};`;

/** Issue 16: the tables, their triggers, and what the runs already stored make of them (once). */
export const RUN_FIGURES_MIGRATION = `
  CREATE TABLE IF NOT EXISTS run_pairs (
    project_id TEXT NOT NULL,
    workflow_name TEXT NOT NULL,
    PRIMARY KEY (project_id, workflow_name)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS run_figures (
    project_id TEXT NOT NULL,
    workflow_name TEXT NOT NULL,
    start_time INTEGER NOT NULL,
    execution_id TEXT NOT NULL,
    kind INTEGER,
    duration INTEGER,
    PRIMARY KEY (project_id, workflow_name, start_time, execution_id)
  ) WITHOUT ROWID;
  CREATE TRIGGER IF NOT EXISTS run_figures_after_insert AFTER INSERT ON executions WHEN ${HELD('NEW')} BEGIN ${remember('NEW')} END;
  CREATE TRIGGER IF NOT EXISTS run_figures_after_update AFTER UPDATE ON executions BEGIN ${forget('OLD')} ${remember('NEW')} END;
  CREATE TRIGGER IF NOT EXISTS run_figures_after_delete AFTER DELETE ON executions WHEN ${HELD('OLD')} BEGIN ${forget('OLD')} END;
  DELETE FROM run_pairs;
  DELETE FROM run_figures;
  INSERT INTO run_pairs (project_id, workflow_name) SELECT DISTINCT project_id, workflow_name FROM executions WHERE ${HELD('executions')};
  INSERT INTO run_figures (project_id, workflow_name, start_time, execution_id, kind, duration)
    SELECT ${figureOf('e', 'e.kind')} FROM (SELECT *, ${kindOf('executions')} AS kind FROM executions WHERE ${HELD('executions')}) e;`;
