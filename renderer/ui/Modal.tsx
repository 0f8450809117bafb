// A modal dialog on the native <dialog>: focus kept inside (first on [data-autofocus]), Escape closes, labelled by its
// heading.
import { useEffect, useId, useRef, useState, type ReactElement, type ReactNode } from 'react';
import { useNoticeStore } from '../app/hooks.js';
import { isError } from '../app/notice-store.js';

interface Props {
  title: string;
  onClose(): void;
  children: ReactNode;
  /** The id of the text that says what the dialog asks, read out after the title. */
  describedBy?: string;
  className?: string;
}

export function Modal({ title, onClose, children, describedBy, className }: Props): ReactElement {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  // An error reported while the dialog is open (what it asked was refused) is said inside it: the notices beside the
  // page lie under a modal dialog's backdrop, greyed, where nobody reads them.
  const notices = useNoticeStore((state) => state.notices);
  // What was shown when it opened: the same error reported again only counts up its notice.
  const [before] = useState(() => new Map(notices.map((notice) => [notice.id, notice.count])));
  const refusal = [...notices].reverse().find((notice) => isError(notice) && notice.count > (before.get(notice.id) ?? 0));
  useEffect(() => {
    const element = dialog.current;
    if (element !== null && !element.open) {
      element.showModal();
      // React's autoFocus runs before showModal and is lost; the dialog's own choice of first focus is taken here.
      element.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    }
    return () => element?.close();
  }, []);
  return (
    <dialog ref={dialog} className={className === undefined ? 'modal' : `modal ${className}`} aria-labelledby={titleId} aria-describedby={describedBy} onClose={onClose} onCancel={(event) => {
      event.preventDefault();
      onClose();
    }}>
      <h2 id={titleId} className="modal__title">{title}</h2>
      {children}
      {refusal !== undefined && <p className="modal__error" role="alert">{refusal.message}</p>}
    </dialog>
  );
}
