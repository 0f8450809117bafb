// The app's frame: navigation on the left, the current view beside it, errors and connection state on top.
import type { ReactElement } from 'react';
import { EditorView } from '../views/EditorView.js';
import { ProjectsView } from '../views/ProjectsView.js';
import { ResourcesView } from '../views/ResourcesView.js';
import { RunsView } from '../views/RunsView.js';
import { SessionsView } from '../views/SessionsView.js';
import { ConnectionBanner } from './ConnectionBanner.js';
import { useAppStore } from './hooks.js';
import { Nav } from './Nav.js';
import { NoticeList } from './NoticeList.js';
import { ViewErrorBoundary } from './ViewErrorBoundary.js';

const VIEW_COMPONENTS = {
  projects: ProjectsView,
  editor: EditorView,
  runs: RunsView,
  sessions: SessionsView,
  resources: ResourcesView,
} as const;

export function App(): ReactElement {
  const view = useAppStore((state) => state.view);
  const Current = VIEW_COMPONENTS[view];
  return (
    <div className="app">
      <Nav />
      <main className="main">
        <ConnectionBanner />
        <ViewErrorBoundary resetKey={view}>
          <Current />
        </ViewErrorBoundary>
      </main>
      <NoticeList />
    </div>
  );
}
