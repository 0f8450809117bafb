// Notices in the navigation column, below its controls, where they cover nothing: information as short-lived toasts,
// errors as one stack — the newest on top, a count, the others a click away — until closed.
import { useState, type ReactElement } from 'react';
import { formatProblem } from '../../shared/errors.js';
import { isError, type Notice } from './notice-store.js';
import { useActions, useNoticeStore } from './hooks.js';

export function NoticeList(): ReactElement | null {
  const notices = useNoticeStore((state) => state.notices);
  if (notices.length === 0) return null;
  const errors = notices.filter(isError);
  return (
    <div className="notices" aria-label="Notices">
      {notices.filter((notice) => !isError(notice)).map((notice) => <NoticeItem key={notice.id} notice={notice} />)}
      {errors.length > 0 && <ErrorStack errors={errors} />}
    </div>
  );
}

function ErrorStack({ errors }: { errors: Notice[] }): ReactElement {
  const { dismissErrors } = useActions();
  const [open, setOpen] = useState(false);
  const newest = errors[errors.length - 1]!;
  const older = errors.slice(0, -1).reverse();
  return (
    <section className="notice-stack" aria-label={`Errors (${errors.length})`} data-count={errors.length}>
      {errors.length > 1 && (
        <header className="notice-stack__header">
          <span className="notice-stack__count">{errors.length} errors</span>
          <button type="button" className="notice-stack__action" onClick={dismissErrors}>Dismiss all</button>
        </header>
      )}
      <NoticeItem notice={newest} />
      {open && older.map((notice) => <NoticeItem key={notice.id} notice={notice} />)}
      {older.length > 0 && (
        <button type="button" className="notice-stack__action notice-stack__more" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Show only the newest' : `Show all (${older.length} older)`}
        </button>
      )}
    </section>
  );
}

function NoticeItem({ notice }: { notice: Notice }): ReactElement {
  const { dismissNotice } = useActions();
  return (
    <div className="notice" data-kind={notice.code} role={isError(notice) ? 'alert' : 'status'}>
      <div className="notice__body">
        <p className="notice__message">{notice.message}{notice.count > 1 && <span className="notice__repeat" aria-label={`${notice.count} times`}> ×{notice.count}</span>}</p>
        {notice.action !== undefined && (
          <button type="button" className="notice-stack__action notice__action" onClick={() => {
            dismissNotice(notice.id);
            void notice.action?.run();
          }}>{notice.action.label}</button>
        )}
        {notice.problems.length > 1 && (
          <ul className="notice__problems">
            {notice.problems.map((problem, index) => <li key={index}>{formatProblem(problem)}</li>)}
          </ul>
        )}
      </div>
      <button type="button" className="icon-button" aria-label={`Dismiss: ${notice.message}`} onClick={() => dismissNotice(notice.id)}>✕</button>
    </div>
  );
}
