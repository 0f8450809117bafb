// The app's stores, one per concern, created together so tests and the app each get their own set.
import { createAppStore } from './app-store.js';
import { createDashboardStore } from './dashboard-store.js';
import { createDialogStore } from './dialog-store.js';
import { createEditorStore } from './editor-store.js';
import { createGraphStore } from './graph-store.js';
import { createHistoryStore } from './history-store.js';
import { createLogStore } from './log-store.js';
import { createMonitorStore } from './monitor-store.js';
import { createNoticeStore } from './notice-store.js';
import { createProjectsStore } from './projects-store.js';
import { createResourcesStore } from './resources-store.js';
import { createRunStore } from './run-store.js';
import { createRunViewStore } from './run-view-store.js';
import { createSessionsStore, type KeyValueStorage } from './sessions-store.js';
import { createValidationStore } from './validation-store.js';

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
    runs: createRunStore(),
    runView: createRunViewStore(),
    logs: createLogStore(),
    history: createHistoryStore(),
    resources: createResourcesStore(),
    dashboard: createDashboardStore(),
    monitor: createMonitorStore(),
    sessions: createSessionsStore(storage),
  };
}

export type Stores = ReturnType<typeof createStores>;
