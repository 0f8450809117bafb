// Runs: the history of the project's runs, and the runs open side by side as tabs (live or past).
import type { ReactElement } from 'react';
import { useRunViewStore } from '../app/hooks.js';
import { RunDetailView } from './RunDetailView.js';
import { RunHistory } from './RunHistory.js';
import { RunTabs } from './RunTabs.js';

export function RunsView(): ReactElement {
  const page = useRunViewStore((state) => state.page);
  return (
    <section className={`view${page === 'run' ? ' view--run' : ''}`} aria-labelledby="runs-title">
      <header className="view__header">
        <h1 id="runs-title">Runs</h1>
      </header>
      <RunTabs />
      {page === 'run' ? <RunDetailView /> : <RunHistory />}
    </section>
  );
}
