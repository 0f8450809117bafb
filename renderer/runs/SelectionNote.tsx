// What a partial run selected, in the run's header: "Run this step only: report · outputs from run 07a7e37b".
import type { ReactElement } from 'react';
import type { RunSelection } from '../../shared/model.js';
import { SELECTION_LABELS } from '../../shared/step-selection.js';

export function SelectionNote({ selection }: { selection: RunSelection }): ReactElement {
  const source = selection.sourceExecutionId === null ? '' : ` · outputs from run ${selection.sourceExecutionId.slice(0, 8)}`;
  return (
    // The title holds the whole note: a narrow progress line cuts it short (runs.css).
    <span className="run-summary__selection" data-selection={selection.mode} title={`${SELECTION_LABELS[selection.mode]}: ${selection.steps.join(', ')}${source} — steps run: ${selection.selected.join(', ')}`}>
      {SELECTION_LABELS[selection.mode]}: {selection.steps.join(', ')}
      {source !== '' && <span className="muted">{source}</span>}
    </span>
  );
}
