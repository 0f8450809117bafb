// Where a step runs when the queue is on (DESIGN.md §5a): pools, the words a waiting step shows, the Redis URLs we take.
import type { Workflow, WorkflowStep } from './model.js';

/** The pool of a step that names none, in a workflow that names none; `codomyrmex worker` without `--pool` serves it. */
export const DEFAULT_POOL = 'default';
/** The pool that means "in the engine's own process", whatever the queue: `runsOn: local`. */
export const LOCAL_POOL = 'local';

/** A pool's name: it is part of a Redis key and a queue name, so letters, digits, `-`, `_` and `.` only. */
export const POOL_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
export const POOL_RULE = 'be 1–64 letters, digits, "-", "_" or "." (starting with a letter or digit)';

/** The pool a step goes to when the queue is on: its own `runsOn`, else its workflow's, else `default`. */
export function poolOf(step: Pick<WorkflowStep, 'runsOn' | 'module'>, workflow: Pick<Workflow, 'runsOn'>): string {
  // A sub-workflow is the engine's own work (it starts another run here), never a worker's.
  if (step.module === 'workflow') return LOCAL_POOL;
  return step.runsOn ?? workflow.runsOn ?? DEFAULT_POOL;
}

/** The pool a step goes to on the queue, or null when it runs in the engine's process (`runsOn: local`, sub-workflows). */
export function queuePoolOf(step: Pick<WorkflowStep, 'runsOn' | 'module'>, workflow: Pick<Workflow, 'runsOn'>): string | null {
  const pool = poolOf(step, workflow);
  return pool === LOCAL_POOL ? null : pool;
}

/** A step's reason while it waits for a worker: shown after `queued` (`queued: no worker in pool gpu`). */
export function noWorkerReason(pool: string): string {
  return `no worker in pool ${pool}`;
}

/** A reason that says a step waits for a worker of its pool to start, and which pool. */
export function poolWaitedFor(reason: string | null): string | null {
  return reason?.startsWith('no worker in pool ') ? reason.slice('no worker in pool '.length) : null;
}

/** Why a Redis URL cannot be used, or null: `redis://[:password@]host:port[/db]`, `rediss://…` (TLS), `unix:///path/redis.sock`. */
export function redisUrlProblem(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `"${text}" is not a URL (expected redis://host:port, rediss://host:port or unix:///path/to/redis.sock)`;
  }
  if (url.protocol === 'unix:') {
    if (url.pathname.length <= 1) return `"${text}" names no socket path (unix:///path/to/redis.sock)`;
    const db = url.searchParams.get('db');
    return db === null || /^\d{1,2}$/.test(db) ? null : `"${text}": db must be a database number, got "${db}"`;
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') return `"${text}" is not a Redis URL: it starts with ${url.protocol}// (expected redis://, rediss:// or unix://)`;
  if (url.hostname === '') return `"${text}" names no host (redis://host:port)`;
  const db = url.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d{1,2}$/.test(db)) return `"${text}": the path must be a database number (redis://host:port/0), got "/${db}"`;
  return null;
}

/** The URL with its password replaced by `***`, for messages, the status and logs. */
export function maskRedisUrl(text: string): string {
  try {
    const url = new URL(text);
    if (url.password !== '') url.password = '***';
    if (url.searchParams.has('password')) url.searchParams.set('password', '***');
    return url.toString();
  } catch {
    return text;
  }
}
