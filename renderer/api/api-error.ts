// The renderer's one error type for a failed command: the contract's code, message and problems, or a lost connection.
import { OrchestrationError, type Problem } from '../../shared/errors.js';
import type { IpcError, IpcErrorCode } from '../../shared/ipc.js';

/** The contract's codes plus the two a transport adds on its own. */
export type ApiErrorCode = IpcErrorCode | 'disconnected' | 'timeout';

export class ApiError extends OrchestrationError {
  override name = 'ApiError';
  override readonly code: ApiErrorCode;
  readonly problems: Problem[];

  constructor(code: ApiErrorCode, message: string, problems: Problem[] = []) {
    super(message);
    this.code = code;
    this.problems = problems;
  }

  static from(error: IpcError): ApiError {
    return new ApiError(error.code, error.message, error.problems ?? []);
  }
}

/** Any thrown value as an ApiError, so views show one shape of error. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError('failed', error instanceof Error ? error.message : String(error));
}
