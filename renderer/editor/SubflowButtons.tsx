// The toolbar's subflow command, one button for both ways: with one subflow step selected it unpacks it, with other
// steps selected it converts them to a subflow.
import type { ReactElement } from 'react';
import { isSubflowStep } from '../../shared/subflow-transform.js';
import { useActions, useGraphStore } from '../app/hooks.js';

export function SubflowButtons(): ReactElement {
  const count = useGraphStore((state) => state.selectedSteps.length);
  const subflow = useGraphStore((state) => {
    const [only, more] = state.selectedSteps;
    if (only === undefined || more !== undefined) return null;
    const step = state.workflow?.steps.find((candidate) => candidate.name === only);
    return step !== undefined && isSubflowStep(step) ? only : null;
  });
  const { convertSelection, unpack } = useActions();
  if (subflow !== null) {
    return <button type="button" className="button button--small" onClick={() => void unpack(subflow)} title="Put the selected subflow's steps back in its place (Alt+U)">Unpack</button>;
  }
  return <button type="button" className="button button--small" onClick={() => void convertSelection()} disabled={count === 0} title="Move the selected steps into a new workflow run by one step (Alt+S)">To subflow…</button>;
}
