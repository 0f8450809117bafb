// The app's frame: navigation on the left (notices at its foot), the current view beside it, connection state on top,
// and the question dialogs.
import { Suspense, useDeferredValue, type ReactElement } from 'react';
import { ProjectsView } from '../projects/ProjectsView.js';
import { QuestionDialogs } from '../ui/QuestionDialogs.js';
import { ConnectionBanner } from './ConnectionBanner.js';
import { useAppStore } from './hooks.js';
import { EditorView, EngineLogView, ResourcesView, RunsView, SessionsView } from './lazy-views.js';
import { Nav } from './Nav.js';
import { ViewErrorBoundary } from './ViewErrorBoundary.js';

const VIEW_COMPONENTS = {
  projects: ProjectsView,
  editor: EditorView,
  runs: RunsView,
  sessions: SessionsView,
  resources: ResourcesView,
  logs: EngineLogView,
} as const;

export function App(): ReactElement {
  // Deferred: a view whose chunk is still loading keeps the one shown until it is ready, rather than showing the
  // fallback, which React then holds for at least 300 ms (its reveal throttle) — a workflow clicked on the dashboard
  // before the editor's chunk had loaded opened 300 ms later than the chunk allowed (issue 16).
  const view = useDeferredValue(useAppStore((state) => state.view));
  const Current = VIEW_COMPONENTS[view];
  return (
    <div className="app">
      <Nav />
      <main className="main">
        <ConnectionBanner />
        <ViewErrorBoundary resetKey={view}>
          <Suspense fallback={<div className="view"><p className="muted empty" role="status">Loading…</p></div>}>
            <Current />
          </Suspense>
        </ViewErrorBoundary>
      </main>
      <QuestionDialogs />
    </div>
  );
}
