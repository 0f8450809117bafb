// A modal dialog on the native <dialog>: focus kept inside, Escape closes, labelled by its heading.
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
    if (element !== null && !element.open) element.showModal();
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
