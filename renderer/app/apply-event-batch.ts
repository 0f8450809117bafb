// Routes one event batch to the stores it concerns: each store changes once per batch, never once per event.
import type { EngineNotice } from '../../shared/events.js';
import type { EventBatch } from '../../shared/ipc.js';
import type { Project, Session, WorkerInfo } from '../../shared/model.js';
import type { MonitorSample } from '../../shared/monitor.js';
import type { AllocationChange } from '../resources/resources-store.js';
import type { RunEvent } from '../runs/live-run-store.js';
import type { Stores } from './stores.js';

export function applyEventBatch(stores: Stores, batch: EventBatch): void {
  const runEvents: RunEvent[] = [];
  const logs: { executionId: string; step: string; text: string }[] = [];
  const allocations: AllocationChange[] = [];
  const sessions: Session[] = [];
  const projects: Project[] = [];
  const samples: MonitorSample[] = [];
  const notices: { notice: EngineNotice; resolves?: string }[] = [];
  const runProjects = new Set<string>();
  let resourcesChanged = false;
  let workers: WorkerInfo[] | null = null;
  let poolWaitChanged = false;
  for (const event of batch.events) {
    // The dashboard and the resources table refetch (debounced) on these; they never read step events one by one.
    if (event.type === 'execution.updated' && event.execution.projectId !== null) runProjects.add(event.execution.projectId);
    if (event.type === 'resource.changed' || event.type === 'resource.allocated' || event.type === 'resource.released') resourcesChanged = true;
    if (event.type === 'step.updated' && event.run.status === 'queued') resourcesChanged = true;
    // A step queued for a pool, or one leaving the queue, moves the workers view's waiting list.
    if (event.type === 'step.updated' && (event.run.status === 'queued' || event.run.status === 'running')) poolWaitChanged = true;
    if (event.type === 'workers.updated') workers = event.workers;
    if (event.type === 'resource.sample') samples.push(event.sample);
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
      case 'notice':
        notices.push(event);
        break;
    }
  }
  // Called from one socket message or IPC callback: React batches these sets into a single commit.
  if (runEvents.length > 0) stores.runs.getState().applyEvents(runEvents);
  if (logs.length > 0) stores.logs.getState().append(logs);
  if (allocations.length > 0 && stores.resources.getState().loaded) stores.resources.getState().applyAllocations(allocations);
  if (sessions.length > 0) stores.sessions.getState().upsertSessions(sessions);
  if (projects.length > 0) stores.projects.getState().upsertProjects(projects);
  if (samples.length > 0) stores.monitor.getState().append(samples);
  // Only the latest list counts; the view then refetches the waiting steps (debounced).
  if (workers !== null) stores.workers.getState().setWorkers(workers);
  else if (poolWaitChanged && stores.workers.getState().loaded && stores.workers.getState().queue.url !== null) stores.workers.getState().noteChange();
  if (notices.length > 0) stores.notices.getState().fromEngine(notices);
  if (runProjects.size > 0 && stores.dashboard.getState().loaded) stores.dashboard.getState().markStale(runProjects);
  // applyAllocations counts as a change itself: the store still changes once per batch.
  if (resourcesChanged && allocations.length === 0 && stores.resources.getState().loaded) stores.resources.getState().noteChange();
}
