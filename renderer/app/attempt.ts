// Runs one client call for an action: a failure becomes a visible notice instead of an uncaught rejection.
import { toApiError } from '../api/api-error.js';
import type { NoticeStore } from './notice-store.js';

export async function attempt<T>(notices: NoticeStore, work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch (error) {
    const failure = toApiError(error);
    notices.getState().report({ message: failure.message, code: failure.code, problems: failure.problems });
    return undefined;
  }
}
