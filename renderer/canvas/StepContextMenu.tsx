// A step's context menu on the editor's canvas (right-click, the context-menu key or Shift+F10 on a focused step):
// run this step only, run from here, run up to here. A menu by the ARIA pattern: arrows move, Escape closes.
import { useEffect, useLayoutEffect, useRef, type KeyboardEvent, type ReactElement } from 'react';
import { SELECTION_MODES } from '../../shared/model.js';
import { SELECTION_LABELS } from '../../shared/step-selection.js';
import { useActions } from '../app/hooks.js';
import { GroupMenuItems, isGroupMenu, StepGroupMenuItems } from './GroupMenuItems.js';
import { SubflowMenuItems } from '../editor/SubflowMenuItems.js';

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
  const menu = useRef<HTMLDivElement>(null);

  // Kept inside the window: a right-click near the bottom or right edge opens it upwards or leftwards.
  useLayoutEffect(() => {
    const element = menu.current;
    if (element === null) return;
    const { width, height } = element.getBoundingClientRect();
    element.style.left = `${Math.max(4, Math.min(at.x, window.innerWidth - width - 4))}px`;
    element.style.top = `${Math.max(4, Math.min(at.y, window.innerHeight - height - 4))}px`;
    element.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus();
  }, [at]);

  useEffect(() => {
    const outside = (event: Event): void => {
      if (!menu.current?.contains(event.target as Node)) onClose();
    };
    // As a native menu: a click elsewhere, leaving the window or resizing it closes it (its step may have moved).
    window.addEventListener('pointerdown', outside, true);
    window.addEventListener('blur', onClose);
    window.addEventListener('resize', onClose);
    return () => {
      window.removeEventListener('pointerdown', outside, true);
      window.removeEventListener('blur', onClose);
      window.removeEventListener('resize', onClose);
    };
  }, [onClose]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const items = [...(menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];
    const index = items.indexOf(document.activeElement as HTMLButtonElement);
    const move = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: items.length - 1 }[event.key];
    if (move !== undefined) {
      event.preventDefault();
      items[(move + items.length) % items.length]?.focus();
    } else if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
    }
  };

  return (
    <div ref={menu} role="menu" aria-label={isGroupMenu(at.step) ? 'Group' : `Step ${at.step}`} className="context-menu" style={{ left: at.x, top: at.y }} onKeyDown={onKeyDown} onContextMenu={(event) => event.preventDefault()}>
      <div className="context-menu__title" aria-hidden="true">{isGroupMenu(at.step) ? 'Group' : at.step}</div>
      {isGroupMenu(at.step) ? <GroupMenuItems nodeId={at.step} onClose={onClose} /> : SELECTION_MODES.map((mode) => (
        <button
          key={mode}
          type="button"
          role="menuitem"
          className="context-menu__item"
          data-mode={mode}
          aria-label={SELECTION_LABELS[mode]}
          aria-description={HINTS[mode]}
          onClick={() => {
            onClose();
            void runPart(at.step, mode);
          }}
        >
          <span>{SELECTION_LABELS[mode]}</span>
          <span className="context-menu__hint">{HINTS[mode]}</span>
        </button>
      ))}
      {!isGroupMenu(at.step) && <StepGroupMenuItems step={at.step} onClose={onClose} />}
      {!isGroupMenu(at.step) && <SubflowMenuItems step={at.step} onClose={onClose} />}
    </div>
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
