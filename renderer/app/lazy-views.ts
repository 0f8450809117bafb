// The views besides Projects, each its own chunk: the dashboard's first paint does not wait on React Flow, the log
// panel or the editor's forms.
import { lazy } from 'react';

const loaders = {
  editor: () => import('../editor/EditorView.js').then((module) => ({ default: module.EditorView })),
  runs: () => import('../runs/RunsView.js').then((module) => ({ default: module.RunsView })),
  sessions: () => import('../sessions/SessionsView.js').then((module) => ({ default: module.SessionsView })),
  resources: () => import('../resources/ResourcesView.js').then((module) => ({ default: module.ResourcesView })),
  logs: () => import('../engine-log/EngineLogView.js').then((module) => ({ default: module.EngineLogView })),
};

export const EditorView = lazy(loaders.editor);
export const RunsView = lazy(loaders.runs);
export const SessionsView = lazy(loaders.sessions);
export const ResourcesView = lazy(loaders.resources);
export const EngineLogView = lazy(loaders.logs);

/** Fetches views' chunks ahead of a click (once the first view is drawn), so switching rarely shows a fallback. */
export function preloadViews(views: readonly (keyof typeof loaders)[] = ['editor', 'runs', 'sessions', 'resources']): void {
  for (const view of views) void loaders[view]().catch(() => undefined);
}
