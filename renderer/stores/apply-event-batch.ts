// Routes one event batch to the stores it concerns: each store changes once per batch, never once per event.
import type { EventBatch } from '../../shared/ipc.js';
import type { Project, Session } from '../../shared/model.js';
import type { AllocationChange } from './resources-store.js';
import type { RunEvent } from './run-store.js';
import type { Stores } from './stores.js';

export function applyEventBatch(stores: Stores, batch: EventBatch): void {
  const runEvents: RunEvent[] = [];
  const logs: { executionId: string; step: string; text: string }[] = [];
  const allocations: AllocationChange[] = [];
  const sessions: Session[] = [];
  const projects: Project[] = [];
  for (const event of batch.events) {
    switch (event.type) {
      case 'execution.updated':
      case 'step.updated':
        runEvents.push(event);
        break;
      case 'step.log':
        logs.push(event);
        break;
      case 'resource.allocated':
      case 'resource.released':
        allocations.push({ allocation: event.allocation, released: event.type === 'resource.released' });
        break;
      case 'session.updated':
        sessions.push(event.session);
        break;
      case 'project.updated':
        projects.push(event.project);
        break;
    }
  }
  // Called from one socket message or IPC callback: React batches these sets into a single commit.
  if (runEvents.length > 0) stores.runs.getState().applyEvents(runEvents);
  if (logs.length > 0) stores.logs.getState().append(logs);
  if (allocations.length > 0 && stores.resources.getState().loaded) stores.resources.getState().applyAllocations(allocations);
  if (sessions.length > 0) stores.sessions.getState().upsertSessions(sessions);
  if (projects.length > 0) stores.projects.getState().upsertProjects(projects);
}
