// Errors from the client as visible, dismissible messages in a corner of the frame.
import type { ReactElement } from 'react';
import { formatProblem } from '../../shared/errors.js';
import { useActions, useNoticeStore } from './hooks.js';

export function NoticeList(): ReactElement | null {
  const notices = useNoticeStore((state) => state.notices);
  const { dismissNotice } = useActions();
  if (notices.length === 0) return null;
  return (
    <div className="notices" aria-label="Notices">
      {notices.map((notice) => (
        <div key={notice.id} className="notice" data-kind={notice.code} role={notice.code === 'info' ? 'status' : 'alert'}>
          <div className="notice__body">
            <p className="notice__message">{notice.message}</p>
            {notice.problems.length > 1 && (
              <ul className="notice__problems">
                {notice.problems.map((problem, index) => <li key={index}>{formatProblem(problem)}</li>)}
              </ul>
            )}
          </div>
          <button type="button" className="icon-button" aria-label={`Dismiss: ${notice.message}`} onClick={() => dismissNotice(notice.id)}>✕</button>
        </div>
      ))}
    </div>
  );
}
