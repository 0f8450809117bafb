// The app's stores, one per concern, created together so tests and the app each get their own set.
import { createAppStore } from './app-store.js';
import { createCacheStore } from '../resources/cache-store.js';
import { createDashboardStore } from '../projects/dashboard-store.js';
import { createDialogStore } from '../ui/dialog-store.js';
import { createEditorStore } from '../editor/editor-store.js';
import { createGraphStore } from '../editor/graph-store.js';
import { createRunHistoryStore } from '../runs/run-history-store.js';
import { createLogStore } from '../runs/log-store.js';
import { createMonitorStore } from '../resources/monitor-store.js';
import { createEngineLogStore } from '../engine-log/engine-log-store.js';
import { createNoticeStore } from './notice-store.js';
import { createProjectsStore } from '../projects/projects-store.js';
import { createResourcesStore } from '../resources/resources-store.js';
import { createLiveRunStore } from '../runs/live-run-store.js';
import { createRunViewStore } from '../runs/run-view-store.js';
import { createSessionsStore, type KeyValueStorage } from '../sessions/sessions-store.js';
import { createSubflowStore } from '../editor/subflow-store.js';
import { createValidationStore } from '../editor/validation-store.js';
import { createWorkersStore } from '../resources/workers-store.js';

/** `storage` keeps the current session across reloads (localStorage in the app, nothing in tests). */
export function createStores(storage: KeyValueStorage | null = null) {
  return {
    app: createAppStore(),
    notices: createNoticeStore(),
    dialogs: createDialogStore(),
    projects: createProjectsStore(),
    graph: createGraphStore(),
    validation: createValidationStore(),
    editor: createEditorStore(),
    subflows: createSubflowStore(),
    runs: createLiveRunStore(),
    runView: createRunViewStore(),
    logs: createLogStore(),
    history: createRunHistoryStore(),
    resources: createResourcesStore(),
    dashboard: createDashboardStore(),
    monitor: createMonitorStore(),
    engineLog: createEngineLogStore(),
    workers: createWorkersStore(),
    cache: createCacheStore(),
    sessions: createSessionsStore(storage),
  };
}

export type Stores = ReturnType<typeof createStores>;
