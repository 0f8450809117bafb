// A menu by the ARIA pattern, opened at a point (a right-click, a focused item's corner, a button's lower edge): kept
// inside the window, its first item focused, arrows move, Escape or Tab closes, and so does a click elsewhere, leaving
// the window or resizing it — as a native menu does.
import { useEffect, useLayoutEffect, useRef, type KeyboardEvent, type ReactElement, type ReactNode } from 'react';

export interface MenuAt {
  /** Where it opens, in viewport pixels. */
  x: number;
  y: number;
}

interface MenuProps {
  at: MenuAt;
  label: string;
  /** A line above the items (the step's name); hidden from screen readers, which hear `label`. */
  title?: string;
  onClose: () => void;
  children: ReactNode;
}

export function Menu({ at, label, title, onClose, children }: MenuProps): ReactElement {
  const menu = useRef<HTMLDivElement>(null);

  // Kept inside the window: opened near the bottom or right edge, it opens upwards or leftwards.
  useLayoutEffect(() => {
    const element = menu.current;
    if (element === null) return;
    const { width, height } = element.getBoundingClientRect();
    element.style.left = `${Math.max(4, Math.min(at.x, window.innerWidth - width - 4))}px`;
    element.style.top = `${Math.max(4, Math.min(at.y, window.innerHeight - height - 4))}px`;
    element.querySelector<HTMLButtonElement>('[role="menuitem"]:not(:disabled)')?.focus();
  }, [at]);

  useEffect(() => {
    const outside = (event: Event): void => {
      if (!menu.current?.contains(event.target as Node)) onClose();
    };
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
    const items = [...(menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not(:disabled)') ?? [])];
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
    <div ref={menu} role="menu" aria-label={label} className="context-menu" style={{ left: at.x, top: at.y }} onKeyDown={onKeyDown} onContextMenu={(event) => event.preventDefault()}>
      {title !== undefined && <div className="context-menu__title" aria-hidden="true">{title}</div>}
      {children}
    </div>
  );
}

interface ItemProps {
  label: string;
  /** A second, muted line: what the command does. */
  hint: string;
  /** Closes the menu before the command runs. */
  onClose: () => void;
  onSelect: () => unknown;
  disabled?: boolean;
  data?: Record<`data-${string}`, string>;
}

export function MenuItem({ label, hint, onClose, onSelect, disabled = false, data }: ItemProps): ReactElement {
  return (
    <button type="button" role="menuitem" className="context-menu__item" aria-label={label} aria-description={hint} disabled={disabled} {...data} onClick={() => {
      onClose();
      void onSelect();
    }}>
      <span>{label}</span>
      <span className="context-menu__hint">{hint}</span>
    </button>
  );
}
