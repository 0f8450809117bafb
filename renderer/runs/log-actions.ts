// Actions over step logs: read a step's log tail from disk the first time it is shown, load earlier output, and read
// the whole log in slices for download or copy.
import type { OrchestratorApi } from '../../shared/ipc.js';
import { LOG_CAP, logKey } from './log-store.js';
import type { Stores } from '../app/stores.js';
import { attempt } from '../app/attempt.js';

/** What one runs.log request asks for when reading a whole log (the contract's maximum). */
const SLICE = 4 * 1024 * 1024;
/** How much earlier output one "load more" brings. */
const EARLIER = 256 * 1024;

export function createLogActions(client: OrchestratorApi, stores: Stores) {
  const { logs, notices } = stores;
  /** Buffers read from disk already (or being read): live text is enough for them from then on. */
  const seeded = new Set<string>();

  /** Reads the end of a step's log from disk once, so a run opened after a reload or from history shows its past. */
  const ensureLog = async (executionId: string, step: string): Promise<void> => {
    const key = logKey(executionId, step);
    if (seeded.has(key) && logs.getState().buffers.has(key)) return;
    seeded.add(key);
    logs.getState().startSeeding(executionId, step);
    try {
      let slice = await client.invoke('runs.log', { executionId, step, offset: 0, length: LOG_CAP });
      if (slice.size > LOG_CAP) slice = await client.invoke('runs.log', { executionId, step, offset: slice.size - LOG_CAP, length: LOG_CAP });
      logs.getState().seed(executionId, step, slice.text, slice.offset);
    } catch {
      // No log yet (the step has not started) or none kept: live text is all there is.
      seeded.delete(key);
      logs.getState().endSeeding(executionId, step);
    }
  };

  const loadEarlierLog = async (executionId: string, step: string): Promise<void> => {
    const start = logs.getState().buffers.get(logKey(executionId, step))?.startOffset ?? 0;
    if (start === 0) return;
    const offset = Math.max(0, start - EARLIER);
    const slice = await attempt(notices, () => client.invoke('runs.log', { executionId, step, offset, length: start - offset }));
    if (slice !== undefined) logs.getState().prepend(executionId, step, slice.text, slice.offset);
  };

  /** The whole log from disk, slice by slice (a 100 MB log never travels in one message). */
  const readWholeLog = async (executionId: string, step: string): Promise<string[] | undefined> => {
    const parts: string[] = [];
    let offset = 0;
    for (;;) {
      const slice = await attempt(notices, () => client.invoke('runs.log', { executionId, step, offset, length: SLICE }));
      if (slice === undefined) return undefined;
      parts.push(slice.text);
      if (slice.text === '' || slice.capped) return parts;
      // The engine may drop a character cut at the slice's edge; continue after what it covered.
      offset = slice.offset + SLICE;
      if (offset >= slice.size) return parts;
    }
  };

  return { ensureLog, loadEarlierLog, readWholeLog };
}
