// The subflow entries of a step's context menu: convert the selection (or this step) to a subflow; on a subflow step,
// open it and unpack it.
import type { ReactElement } from 'react';
import { isSubflowStep } from '../../shared/subflow-transform.js';
import { useActions, useGraphStore } from '../app/hooks.js';
import { MenuItem } from '../ui/Menu.js';

export function SubflowMenuItems({ step, onClose }: { step: string; onClose: () => void }): ReactElement {
  const isSubflow = useGraphStore((state) => {
    const found = state.workflow?.steps.find((candidate) => candidate.name === step);
    return found !== undefined && isSubflowStep(found);
  });
  const selected = useGraphStore((state) => state.selectedSteps);
  const { convertSelection, openSubflow, unpack, select } = useActions();
  const moving = selected.includes(step) ? selected.length : 1;
  const item = (label: string, hint: string, run: () => unknown): ReactElement => <MenuItem label={label} hint={hint} onClose={onClose} onSelect={run} />;
  return (
    <>
      <div className="context-menu__separator" role="separator" />
      {item('Convert to subflow…', `Move ${moving === 1 ? 'this step' : `the ${moving} selected steps`} into a new workflow (Alt+S)`, () => {
        if (!selected.includes(step)) select([step]);
        return convertSelection();
      })}
      {isSubflow && item('Open subflow', 'Edit the workflow this step runs (double-click)', () => openSubflow(step))}
      {isSubflow && item('Unpack subflow', 'Put its steps back in its place (Alt+U)', () => unpack(step))}
    </>
  );
}
