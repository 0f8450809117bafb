// Which runs a session applies to: those of its own project (a session bound to no project applies to any run).
// One rule for the engine, which refuses a start that breaks it, and the renderer, which never asks for one.
import type { Session } from './model.js';

/** Whether a run of `projectId` may run in `session` (its environment and variables, recorded under it). */
export function sessionAppliesTo(session: Pick<Session, 'projectId'>, projectId: string | null): boolean {
  return session.projectId === null || session.projectId === projectId;
}
