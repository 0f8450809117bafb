// The app's stores, one per concern, created together so tests and the app each get their own set.
import { createAppStore } from './app-store.js';
import { createEditorStore } from './editor-store.js';
import { createGraphStore } from './graph-store.js';
import { createNoticeStore } from './notice-store.js';
import { createProjectsStore } from './projects-store.js';
import { createResourcesStore } from './resources-store.js';
import { createRunStore } from './run-store.js';
import { createSessionsStore } from './sessions-store.js';
import { createValidationStore } from './validation-store.js';

export function createStores() {
  return {
    app: createAppStore(),
    notices: createNoticeStore(),
    projects: createProjectsStore(),
    graph: createGraphStore(),
    validation: createValidationStore(),
    editor: createEditorStore(),
    runs: createRunStore(),
    resources: createResourcesStore(),
    sessions: createSessionsStore(),
  };
}

export type Stores = ReturnType<typeof createStores>;
