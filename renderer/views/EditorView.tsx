// The Editor: the shown workflow's DAG on the canvas, its problems, the run controls and the selected step's details.
import type { ReactElement } from 'react';
import { formatProblem } from '../../shared/errors.js';
import { useGraphStore } from '../app/hooks.js';
import { WorkflowCanvas } from '../canvas/WorkflowCanvas.js';
import { RunControls } from './RunControls.js';
import { StepPanel } from './StepPanel.js';

export function EditorView(): ReactElement {
  const shown = useGraphStore((state) => state.shown);
  const loading = useGraphStore((state) => state.loading);
  const selectedStep = useGraphStore((state) => state.selectedStep);
  if (shown === null) {
    return (
      <section className="view" aria-labelledby="editor-title">
        <header className="view__header"><h1 id="editor-title">Editor</h1></header>
        <p className="muted empty">{loading !== null ? `Opening ${loading.name}…` : 'Open a workflow from Projects to see its steps here.'}</p>
      </section>
    );
  }
  return (
    <section className="view view--editor" aria-labelledby="editor-title">
      <header className="view__header">
        <div className="view__title">
          <h1 id="editor-title">{shown.name}</h1>
          {shown.workflow?.description ? <p className="muted">{shown.workflow.description}</p> : null}
        </div>
        <RunControls />
      </header>
      {shown.problems.length > 0 && (
        <ul className="problems problems--banner" aria-label="Problems">
          {shown.problems.map((problem, index) => <li key={index}>{formatProblem({ ...problem, file: undefined })}</li>)}
        </ul>
      )}
      <div className="editor">
        <WorkflowCanvas key={shown.file} />
        {selectedStep !== null && <StepPanel step={selectedStep} />}
      </div>
    </section>
  );
}
