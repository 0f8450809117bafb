// A run or step status as a small coloured label.
import { memo, type ReactElement } from 'react';

export const StatusBadge = memo(function StatusBadge({ status }: { status: string }): ReactElement {
  // `not-selected` reads as two words.
  return <span className={`badge badge--${status}`}>{status.replace('-', ' ')}</span>;
});
