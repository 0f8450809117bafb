// The resource monitor: the machine's live charts, every running step's usage, the queue and its workers, the step cache, and the
// declared resources with their allocations and waiting steps (add, edit and remove user-defined ones).
import { useEffect, useState, type ReactElement } from 'react';
import type { ResourceDeclaration } from './resource-actions.js';
import { useActions } from '../app/hooks.js';
import '../styles/monitor.css';
import { MonitorCharts } from './MonitorCharts.js';
import { ResourceForm } from './ResourceForm.js';
import { ResourceTable } from './ResourceTable.js';
import { StepUsageTable } from './StepUsageTable.js';
import { WorkersSection } from './WorkersSection.js';
import { CacheSection } from './CacheSection.js';

export function ResourcesView(): ReactElement {
  const { loadResources, loadMonitorHistory, watchResources } = useActions();
  // null: no form; 'new': adding; a declaration: editing it.
  const [editing, setEditing] = useState<ResourceDeclaration | 'new' | null>(null);
  useEffect(() => {
    void loadResources();
    void loadMonitorHistory();
    return watchResources();
  }, [loadResources, loadMonitorHistory, watchResources]);
  return (
    <section className="view" aria-labelledby="resources-title">
      <header className="view__header">
        <h1 id="resources-title">Resources</h1>
        <button type="button" className="button" onClick={() => void loadResources()}>Refresh</button>
      </header>
      <MonitorCharts />
      <section aria-labelledby="steps-usage-title">
        <h2 id="steps-usage-title" className="section-title">Running steps</h2>
        <StepUsageTable />
      </section>
      <WorkersSection />
      <CacheSection />
      <section aria-labelledby="declared-title">
        <div className="section-title section-title--bar">
          <h2 id="declared-title">Declared resources</h2>
          {editing === null && <button type="button" className="button button--small" onClick={() => setEditing('new')}>Add resource</button>}
        </div>
        {editing !== null && <ResourceForm key={editing === 'new' ? 'new' : editing.id} initial={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />}
        <ResourceTable onEdit={setEditing} />
      </section>
    </section>
  );
}
