// Each step's last key on this machine — what it was the hash of, the output files it left on disk, and why it was not
// stored when storing failed — to say why a step ran. Read once per run for the whole workflow, written in batches.
import type { CacheDb } from './cache-db.js';
import type { LastKey } from './cache-key.js';

interface Row {
  step: string;
  key: string;
  failure: string | null;
}

/** The columns a hit never needs (what the key was the hash of, the outputs it left): read on the first miss. */
interface Detail {
  key: string;
  manifest: string;
  outputs: string;
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
    const query = this.db.statement('SELECT step, key, failure FROM last_keys WHERE workflow = ?');
    let details: Map<string, Detail> | null = null;
    const detailOf = (step: string): Detail | undefined => (details ??= this.readDetails(workflow)).get(step);
    try {
      for (const row of (query?.all(workflow) ?? []) as Row[]) rows.set(row.step, new StoredLastKey(row, detailOf));
    } catch {
      // Busy past the timeout: this run's misses are explained as first runs.
    }
    // Ours, not written yet, are newer than the file's.
    for (const [step, last] of this.pending.get(workflow) ?? []) rows.set(step, last);
    return rows;
  }

  private readDetails(workflow: string): Map<string, Detail> {
    const details = new Map<string, Detail>();
    const query = this.db.statement('SELECT step, key, manifest, outputs FROM last_keys WHERE workflow = ?');
    try {
      for (const row of (query?.all(workflow) ?? []) as (Detail & { step: string })[]) details.set(row.step, row);
    } catch {
      // Busy past the timeout: the misses are explained as if nothing was known.
    }
    return details;
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

const NO_MANIFEST: LastKey['manifest'] = { action: '', version: '', params: '', cwd: '', inputs: {}, env: {}, upstream: {} };

/**
 * A row as a LastKey whose manifest and outputs are read and parsed only if asked for: a hit needs neither. Read
 * later, they are used only if the row still holds the same key (another run may have stored since).
 */
class StoredLastKey implements LastKey {
  readonly key: string;
  readonly failure: string | null;
  private readonly step: string;
  private parsedManifest: LastKey['manifest'] | undefined;
  private parsedOutputs: LastKey['outputs'] | undefined;

  constructor(
    row: Row,
    private readonly detailOf: (step: string) => Detail | undefined,
  ) {
    this.step = row.step;
    this.key = row.key;
    this.failure = row.failure;
  }

  get manifest(): LastKey['manifest'] {
    return (this.parsedManifest ??= parsed(this.detail()?.manifest, NO_MANIFEST));
  }

  get outputs(): LastKey['outputs'] {
    return (this.parsedOutputs ??= parsed(this.detail()?.outputs, {}));
  }

  private detail(): Detail | undefined {
    const detail = this.detailOf(this.step);
    return detail?.key === this.key ? detail : undefined;
  }
}

/** A garbled row (a failing disk) reads as knowing nothing: it costs an explanation or a restore, never a run. */
function parsed<T>(json: string | undefined, otherwise: T): T {
  if (json === undefined) return otherwise;
  try {
    return JSON.parse(json) as T;
  } catch {
    return otherwise;
  }
}
