// A step of a run named as the canvas and the runs list name it — "workflow › step" — opening that run when clicked.
import { memo, type ReactElement } from 'react';
import { useActions, useRunStore } from '../app/hooks.js';

export const StepLink = memo(function StepLink({ executionId, step }: { executionId: string; step: string }): ReactElement {
  const workflow = useRunStore((state) => state.runs.get(executionId)?.summary?.workflowName ?? null);
  const { openRun } = useActions();
  return (
    <button type="button" className="link-button mono" aria-label={`Open the run of ${step}`} title={`Run ${executionId}`} onClick={() => void openRun(executionId)}>
      {workflow === null ? step : `${workflow} › ${step}`}
    </button>
  );
});
