// What a partial run selected, in the run's header: "Run this step only: report · outputs from run 07a7e37b".
import type { ReactElement } from 'react';
import type { RunSelection } from '../../shared/model.js';
import { SELECTION_LABELS } from '../../shared/step-selection.js';

export function SelectionNote({ selection }: { selection: RunSelection }): ReactElement {
  return (
    <span className="run-summary__selection" data-selection={selection.mode} title={`Steps run: ${selection.selected.join(', ')}`}>
      {SELECTION_LABELS[selection.mode]}: {selection.steps.join(', ')}
      {selection.sourceExecutionId !== null && <span className="muted"> · outputs from run {selection.sourceExecutionId.slice(0, 8)}</span>}
    </span>
  );
}
