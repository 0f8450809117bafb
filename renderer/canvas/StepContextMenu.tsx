// A step's context menu on the editor's canvas (right-click, the context-menu key or Shift+F10 on a focused step):
// run this step only, run from here, run up to here, run forcing this step (past its cache); grouping and subflows.
import type { KeyboardEvent, ReactElement } from 'react';
import { SELECTION_MODES } from '../../shared/model.js';
import { SELECTION_LABELS } from '../../shared/step-selection.js';
import { useActions } from '../app/hooks.js';
import { GroupMenuItems, isGroupMenu, StepGroupMenuItems } from './GroupMenuItems.js';
import { SubflowMenuItems } from '../editor/SubflowMenuItems.js';
import { ForceMenuItem } from '../runs/RunMenu.js';
import { Menu, MenuItem } from '../ui/Menu.js';

export interface StepMenuAt {
  step: string;
  /** Where it opens, in viewport pixels (the pointer, or the focused step's corner). */
  x: number;
  y: number;
}

const HINTS = {
  only: 'Its inputs come from the latest successful run',
  from: 'This step and everything downstream',
  to: 'This step and everything it depends on',
} as const;

export function StepContextMenu({ at, onClose }: { at: StepMenuAt; onClose: () => void }): ReactElement {
  const { runPart } = useActions();
  const group = isGroupMenu(at.step);
  return (
    <Menu at={at} label={group ? 'Group' : `Step ${at.step}`} title={group ? 'Group' : at.step} onClose={onClose}>
      {group ? <GroupMenuItems nodeId={at.step} onClose={onClose} /> : SELECTION_MODES.map((mode) => (
        <MenuItem key={mode} label={SELECTION_LABELS[mode]} hint={HINTS[mode]} data={{ 'data-mode': mode }} onClose={onClose} onSelect={() => runPart(at.step, mode)} />
      ))}
      {!group && <ForceMenuItem step={at.step} onClose={onClose} />}
      {!group && <StepGroupMenuItems step={at.step} onClose={onClose} />}
      {!group && <SubflowMenuItems step={at.step} onClose={onClose} />}
    </Menu>
  );
}

/** The context-menu key or Shift+F10 on a focused step opens its menu at the step's lower-left corner. */
export function menuFromKey(event: KeyboardEvent<HTMLElement>): StepMenuAt | null {
  if (event.key !== 'ContextMenu' && !(event.shiftKey && event.key === 'F10')) return null;
  const node = (event.target as HTMLElement).closest<HTMLElement>('.react-flow__node');
  const step = node?.dataset.id;
  if (node == null || step === undefined) return null;
  const box = node.getBoundingClientRect();
  return { step, x: box.left, y: box.bottom + 4 };
}
