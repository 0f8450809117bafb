// Says so while browser mode's connection is down; the client reconnects and the app re-reads its state by itself.
import type { ReactElement } from 'react';
import { useAppStore } from './hooks.js';

export function ConnectionBanner(): ReactElement | null {
  const connection = useAppStore((state) => state.connection);
  if (connection !== 'reconnecting') return null;
  return <div className="connection-banner" role="status">Connection lost — reconnecting…</div>;
}
