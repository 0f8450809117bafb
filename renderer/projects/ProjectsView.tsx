// The Projects dashboard: a card per project (kept fresh as runs finish), "Add folder" and "New project"; a card's
// name opens its project page in place of the cards; with no project yet, the welcome view.
import { useEffect, useLayoutEffect, useState, type ReactElement } from 'react';
import { useActions, useDashboardStore } from '../app/hooks.js';
import { AddFolderForm } from './AddFolderForm.js';
import { DashboardCard } from './DashboardCard.js';
import { NewProjectDialog } from './NewProjectDialog.js';
import { ProjectPage } from './ProjectPage.js';
import { WelcomeView } from './WelcomeView.js';

export function ProjectsView(): ReactElement {
  const cards = useDashboardStore((state) => state.cards);
  const loaded = useDashboardStore((state) => state.loaded);
  const page = useDashboardStore((state) => state.page?.projectId ?? null);
  const markShown = useDashboardStore((state) => state.markShown);
  const { loadDashboard, watchDashboard } = useActions();
  const [adding, setAdding] = useState(false);
  const [creating, setCreating] = useState(false);
  useEffect(() => {
    void loadDashboard();
    return watchDashboard();
  }, [loadDashboard, watchDashboard]);
  // In the commit that puts the loaded cards in the page (before it is painted): start-up's next requests and chunks
  // wait for it, or they land between the dashboard's reply and its first frame.
  useLayoutEffect(() => {
    if (loaded) markShown();
  }, [loaded, markShown]);
  if (page !== null) return <ProjectPage projectId={page} />;
  // A first run (nothing registered yet) gets a welcome rather than an empty dashboard.
  if (loaded && cards.length === 0) return <WelcomeView />;
  return (
    <section className="view" aria-labelledby="projects-title">
      <header className="view__header">
        <h1 id="projects-title">Projects</h1>
        <div className="view__actions">
          <button type="button" className="button" aria-expanded={adding} onClick={() => setAdding(!adding)}>Add folder</button>
          <button type="button" className="button button--primary" onClick={() => setCreating(true)}>New project</button>
        </div>
      </header>
      {adding && <AddFolderForm onDone={() => setAdding(false)} />}
      {cards.length === 0
        ? <p className="muted empty">Loading projects…</p>
        : <div className="dashboard" aria-label="Project cards" role="list">{cards.map((card) => <div role="listitem" key={card.project.id}><DashboardCard card={card} /></div>)}</div>}
      {creating && <NewProjectDialog onClose={() => setCreating(false)} />}
    </section>
  );
}
