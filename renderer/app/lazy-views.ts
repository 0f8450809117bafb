// The views besides Projects, each its own chunk: the dashboard's first paint does not wait on React Flow, the log
// panel or the editor's forms.
import { lazy, type ComponentType } from 'react';

type ViewModule = { default: ComponentType };

/**
 * A view's loader for React.lazy that, once its chunk has loaded (preloaded, or shown before), answers with a thenable
 * that calls back at once. React.lazy suspends on any promise, however settled, and React then holds the Suspense
 * fallback for its 300 ms reveal throttle: a preloaded editor took 300 ms to replace "Loading…" (issue 16).
 */
function viewLoader(load: () => Promise<ComponentType>): () => Promise<ViewModule> {
  let loaded: ViewModule | null = null;
  return () => {
    if (loaded !== null) {
      const done = loaded;
      // React.lazy only calls then(); its type asks for a whole Promise.
      const settled: PromiseLike<ViewModule> = { then: (resolve) => resolve?.(done) as never };
      return settled as Promise<ViewModule>;
    }
    return load().then((component) => (loaded = { default: component }));
  };
}

const loaders = {
  editor: viewLoader(() => import('../editor/EditorView.js').then((module) => module.EditorView)),
  runs: viewLoader(() => import('../runs/RunsView.js').then((module) => module.RunsView)),
  sessions: viewLoader(() => import('../sessions/SessionsView.js').then((module) => module.SessionsView)),
  resources: viewLoader(() => import('../resources/ResourcesView.js').then((module) => module.ResourcesView)),
  logs: viewLoader(() => import('../engine-log/EngineLogView.js').then((module) => module.EngineLogView)),
};

export const EditorView = lazy(loaders.editor);
export const RunsView = lazy(loaders.runs);
export const SessionsView = lazy(loaders.sessions);
export const ResourcesView = lazy(loaders.resources);
export const EngineLogView = lazy(loaders.logs);

/** Fetches views' chunks ahead of a click (once the first view is drawn), so switching rarely shows a fallback. */
export function preloadViews(views: readonly (keyof typeof loaders)[] = ['editor', 'runs', 'sessions', 'resources']): void {
  for (const view of views) void Promise.resolve(loaders[view]()).catch(() => undefined);
}
