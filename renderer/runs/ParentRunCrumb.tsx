// A child run's way back: the parent run and the subflow step that started it, as a breadcrumb over the run's title.
import type { ReactElement } from 'react';
import { useActions, useRunStore } from '../app/hooks.js';

export function ParentRunCrumb({ parent }: { parent: { executionId: string; step: string } }): ReactElement {
  const name = useRunStore((state) => state.runs.get(parent.executionId)?.summary?.workflowName);
  const { openRun } = useActions();
  const label = `${name ?? 'run'} ${parent.executionId.slice(0, 8)}`;
  return (
    <nav className="subflow-trail subflow-trail--run" aria-label="Parent run">
      <ol>
        <li>
          <button type="button" className="subflow-trail__crumb" onClick={() => void openRun(parent.executionId)} title={`Open the parent run ${parent.executionId}`}>{label}</button>
          <span className="subflow-trail__sep" aria-hidden="true">›</span>
        </li>
        <li><span className="muted">step <span className="mono">{parent.step}</span></span><span className="subflow-trail__sep" aria-hidden="true">›</span></li>
      </ol>
    </nav>
  );
}
