// Each step's last key on this machine — what it was the hash of, the output files it left on disk, and why it was not
// stored when storing failed — to say why a step ran. Read once per run for the whole workflow, written in batches.
import type { CacheDb } from './cache-db.js';
import type { LastKey } from './cache-key.js';

interface Row {
  step: string;
  key: string;
  manifest: string;
  outputs: string;
  failure: string | null;
}

export class LastKeys {
  /** Per workflow: the run that read its rows, and the rows (their JSON parsed when first used). */
  private readonly loaded = new Map<string, { executionId: string; rows: Map<string, LastKey> }>();
  /** Per workflow, step → its new last key, not written yet. */
  private pending = new Map<string, Map<string, LastKey>>();
  private readonly write = (): void => this.writePending();

  constructor(private readonly db: CacheDb) {}

  /**
   * The step's last key, or null when it has none. The workflow's rows are read again when another run asks: a run
   * elsewhere may have stored since.
   */
  get(workflow: string, step: string, executionId: string): LastKey | null {
    let known = this.loaded.get(workflow);
    if (known?.executionId !== executionId) this.loaded.set(workflow, (known = { executionId, rows: this.read(workflow) }));
    return known.rows.get(step) ?? null;
  }

  set(workflow: string, step: string, last: LastKey): void {
    this.loaded.get(workflow)?.rows.set(step, last);
    let steps = this.pending.get(workflow);
    if (steps === undefined) this.pending.set(workflow, (steps = new Map()));
    steps.set(step, last);
    this.db.later(this.write);
  }

  private read(workflow: string): Map<string, LastKey> {
    const rows = new Map<string, LastKey>();
    const query = this.db.statement('SELECT step, key, manifest, outputs, failure FROM last_keys WHERE workflow = ?');
    try {
      for (const row of (query?.all(workflow) ?? []) as Row[]) rows.set(row.step, fromRow(row));
    } catch {
      // Busy past the timeout: this run's misses are explained as first runs.
    }
    // Ours, not written yet, are newer than the file's.
    for (const [step, last] of this.pending.get(workflow) ?? []) rows.set(step, last);
    return rows;
  }

  private writePending(): void {
    const pending = this.pending;
    this.pending = new Map();
    const put = this.db.statement('INSERT OR REPLACE INTO last_keys (workflow, step, key, manifest, outputs, failure) VALUES (?, ?, ?, ?, ?, ?)');
    if (put === null) return;
    for (const [workflow, steps] of pending) {
      for (const [step, last] of steps) put.run(workflow, step, last.key, JSON.stringify(last.manifest), JSON.stringify(last.outputs), last.failure);
    }
  }
}

/** A row as a LastKey whose manifest and outputs are parsed only if asked for: a hit needs neither. */
function fromRow(row: Row): LastKey {
  let manifest: LastKey['manifest'] | undefined;
  let outputs: LastKey['outputs'] | undefined;
  return {
    key: row.key,
    failure: row.failure,
    get manifest() {
      return (manifest ??= parsed(row.manifest, { action: '', version: '', params: '', cwd: '', inputs: {}, env: {}, upstream: {} }));
    },
    get outputs() {
      return (outputs ??= parsed(row.outputs, {}));
    },
  };
}

/** A garbled row (a failing disk) reads as knowing nothing: it costs an explanation or a restore, never a run. */
function parsed<T>(json: string, otherwise: T): T {
  try {
    return JSON.parse(json) as T;
  } catch {
    return otherwise;
  }
}
