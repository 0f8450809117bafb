// Opening the run history database while another process is writing to the new file (two runs started together on a
// fresh data folder): SQLite answers the switch to WAL with SQLITE_BUSY at once, whatever the busy timeout, where the
// other connection holds a write transaction. The open waits it out instead of failing the run ("database is
// locked"). The other connection is in a worker thread, so that it can let go while this thread waits.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/engine/store/database.js';
import { tempDir } from '../helpers.js';

const SQLITE = createRequire(import.meta.url).resolve('better-sqlite3');

/** A connection in another thread that holds a write transaction on `file` for `holdMs`; resolves once it holds it. */
function holdWriteLock(file: string, holdMs: number): Promise<{ released: Promise<void> }> {
  const held = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(`
    const { workerData } = require('node:worker_threads');
    const Database = require(${JSON.stringify(SQLITE)});
    const db = new Database(workerData.file);
    db.exec('BEGIN IMMEDIATE');
    db.exec('CREATE TABLE other_process (x)');
    Atomics.store(workerData.held, 0, 1);
    Atomics.notify(workerData.held, 0);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.holdMs);
    db.exec('COMMIT');
    db.close();
  `, { eval: true, workerData: { file, held, holdMs } });
  const released = new Promise<void>((resolve, reject) => {
    worker.once('exit', () => resolve());
    worker.once('error', reject);
  });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    const wait = (): void => {
      if (Atomics.load(held, 0) === 1) resolve({ released });
      else setTimeout(wait, 5);
    };
    wait();
  });
}

describe('opening the run history database', () => {
  it('waits while another connection writes to the new file, rather than failing with "database is locked"', async () => {
    const file = join(tempDir(), 'orchestrator.db');
    // A new, empty database file, as the first of two runs leaves it a moment after creating it.
    new Database(file).close();
    const other = await holdWriteLock(file, 300);
    const db = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    // Opened after the other's commit (its table is there) and migrated on top of it.
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name IN ('executions', 'other_process') ORDER BY name").all()).toEqual([{ name: 'executions' }, { name: 'other_process' }]);
    db.close();
    await other.released;
  });
});
