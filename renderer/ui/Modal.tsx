// A modal dialog on the native <dialog>: focus kept inside (first on [data-autofocus]), Escape closes, labelled by its
// heading.
import { useEffect, useId, useRef, type ReactElement, type ReactNode } from 'react';

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
    </dialog>
  );
}
