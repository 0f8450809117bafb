// Actions over the resource monitor and declared resources: seed the charts from the last hour, declare, change and
// remove user resources, and keep the resources table fresh on resource events (debounced).
import type { OrchestratorApi } from '../../shared/ipc.js';
import type { ResourceType } from '../../shared/model.js';
import type { Stores } from '../app/stores.js';
import { attempt } from '../app/attempt.js';
import { trailingCall } from '../app/trailing-call.js';

export const RESOURCES_REFRESH_MS = 300;

export interface ResourceDeclaration {
  id: string;
  capacity: number;
  type: ResourceType;
  unit: string;
}

export function createResourceActions(client: OrchestratorApi, stores: Stores, loadResources: () => Promise<void>, loadCatalog: () => Promise<boolean>) {
  const { monitor, resources, notices } = stores;

  const loadMonitorHistory = async (): Promise<void> => {
    const history = await attempt(notices, () => client.invoke('resources.history', {}));
    if (history !== undefined) monitor.getState().seed(history.system);
  };

  /** The editor validates steps against the declared resources, so its context is re-read after a change. */
  const afterChange = async (): Promise<void> => {
    await Promise.all([loadResources(), loadCatalog()]);
  };

  const defineResource = async ({ id, capacity, type, unit }: ResourceDeclaration): Promise<boolean> => {
    const trimmed = id.trim();
    if (trimmed === '' || !(capacity > 0)) return false;
    const defined = await attempt(notices, () => client.invoke('resources.define', { id: trimmed, capacity, type, ...(unit.trim() !== '' ? { unit: unit.trim() } : {}) }));
    if (defined === undefined) return false;
    await afterChange();
    return true;
  };

  const removeResource = async (id: string): Promise<void> => {
    const removed = await attempt(notices, () => client.invoke('resources.remove', { id }));
    if (removed !== undefined) await afterChange();
  };

  /** Refetches the table (debounced) while the Resources view is open; returns the function that stops. */
  const watchResources = (delayMs = RESOURCES_REFRESH_MS): (() => void) => {
    const refresh = trailingCall(() => void loadResources(), delayMs);
    const off = resources.subscribe((state, previous) => {
      if (state.changes !== previous.changes) refresh.schedule();
    });
    return () => {
      off();
      refresh.cancel();
    };
  };

  return { loadMonitorHistory, defineResource, removeResource, watchResources };
}
