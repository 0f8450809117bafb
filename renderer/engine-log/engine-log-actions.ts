// Actions over the engine's log: read its last records, then follow what is appended (by any process) while shown.
import type { OrchestratorApi } from '../../shared/ipc.js';
import type { Stores } from '../app/stores.js';
import { attempt } from '../app/attempt.js';

/** How often the shown log looks for new records: the file is shared with CLI runs, so it is read, not pushed. */
export const FOLLOW_INTERVAL_MS = 1000;

export function createEngineLogActions(client: OrchestratorApi, stores: Stores) {
  const { engineLog, notices } = stores;

  const loadEngineLog = async (): Promise<void> => {
    const page = await attempt(notices, () => client.invoke('engineLog.read', { cursor: null }));
    if (page !== undefined) engineLog.getState().receive(page, true);
  };

  /** Reads the log, then what is appended to it, until the returned function is called. */
  const followEngineLog = (): (() => void) => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const next = async (): Promise<void> => {
      const cursor = engineLog.getState().cursor;
      try {
        const page = await client.invoke('engineLog.read', { cursor });
        if (!stopped) engineLog.getState().receive(page, cursor === null);
      } catch {
        // A dropped connection: the next look tries again (the banner says the connection is gone).
      }
      if (!stopped) timer = setTimeout(() => void next(), FOLLOW_INTERVAL_MS);
    };
    void loadEngineLog().then(() => {
      if (!stopped) timer = setTimeout(() => void next(), FOLLOW_INTERVAL_MS);
    });
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  };

  return {
    loadEngineLog,
    followEngineLog,
    setEngineLogLevel: engineLog.getState().setMinLevel,
    setEngineLogQuery: engineLog.getState().setQuery,
  };
}
