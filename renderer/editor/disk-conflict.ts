// What the editor does when its file changes on disk: nothing (our own save, another file), reload, or ask.
import type { OpenDocument } from './graph-store.js';

export type DiskChangeResponse = 'ignore' | 'reload' | 'conflict';

export interface DiskChange {
  projectId: string;
  name: string;
  revision: string | null;
}

/** A clean editor follows the file silently; a dirty one must never lose work, so the user chooses. */
export function respondToDiskChange(shown: OpenDocument | null, dirty: boolean, change: DiskChange): DiskChangeResponse {
  if (shown === null || shown.projectId !== change.projectId || shown.name !== change.name) return 'ignore';
  // The same content we hold (our own save echoing back), or a file we never saved: nothing to reconcile.
  if (shown.revision === null || change.revision === shown.revision) return 'ignore';
  return dirty ? 'conflict' : 'reload';
}
