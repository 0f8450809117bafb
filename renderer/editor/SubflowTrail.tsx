// The breadcrumb into subflows, between the project and the open workflow's name: each parent a button that goes back
// to it as it was left (Project / parent › child › grandchild).
import type { ReactElement } from 'react';
import { useActions, useGraphStore, useSubflowStore } from '../app/hooks.js';
import { trailTo } from './subflow-store.js';

export function SubflowTrail(): ReactElement | null {
  const shown = useGraphStore((state) => state.shown);
  const trail = trailTo(useSubflowStore((state) => state.trail), shown);
  const { leaveSubflow } = useActions();
  if (trail.length === 0) return null;
  return (
    <nav className="subflow-trail" aria-label="Subflow path">
      <ol>
        {trail.map((level, index) => (
          <li key={`${index}/${level.document.name}`}>
            <button type="button" className="subflow-trail__crumb" onClick={() => void leaveSubflow(index)} title={`Back to ${level.document.name} (its step ${level.step} runs ${level.child})`}>
              {level.document.name}
            </button>
            <span className="subflow-trail__sep" aria-hidden="true">›</span>
          </li>
        ))}
      </ol>
    </nav>
  );
}
