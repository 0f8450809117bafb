// A SQLite file another process is opening at the same moment. Switching a file to WAL needs the write lock after
// reading it; where another connection holds a write transaction meanwhile, SQLite answers SQLITE_BUSY at once rather
// than wait (waiting could deadlock), whatever its busy timeout: two runs started together on a fresh data folder
// failed one of them with "database is locked". Opening is retried instead, for a while.
import { sleepSync } from '../sleep-sync.js';

/** How long an open keeps trying while another process holds the file's lock. */
const OPEN_RETRY_MS = 5_000;

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/** Runs `work` (idempotent: pragmas, a migration in its own transaction) again while SQLite answers busy. */
export function retryWhileBusy<T>(work: () => T, limitMs = OPEN_RETRY_MS): T {
  const deadline = Date.now() + limitMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return work();
    } catch (error) {
      if (!isBusy(error) || Date.now() >= deadline) throw error;
      // A few milliseconds, growing, jittered: the other process's switch takes about that long.
      sleepSync(Math.min(2 ** attempt, 50) + Math.random() * 5);
    }
  }
}
