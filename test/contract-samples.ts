// A valid request for every command of the contract, for the doors' contract tests: the type makes a new command
// without a sample a compile error, so "every channel is bound" stays true as the contract grows.
import type { Command, RequestOf } from '../shared/ipc.js';

export interface SampleIds {
  projectId: string;
  workflowName: string;
  executionId: string;
}

export function sampleRequests(ids: SampleIds): { [C in Command]: RequestOf<C> } {
  return {
    'app.info': {},
    'projects.list': {},
    'workflows.list': { projectId: ids.projectId },
    'workflows.get': { projectId: ids.projectId, name: ids.workflowName },
    'runs.start': { projectId: ids.projectId, workflowName: ids.workflowName },
    'runs.cancel': { executionId: ids.executionId },
    'runs.get': { executionId: ids.executionId },
    'runs.list': { projectId: ids.projectId, limit: 10 },
    'sessions.list': {},
    'sessions.create': { name: 'contract test', projectId: ids.projectId },
    'resources.list': {},
    'actions.list': {},
  };
}

/** Payloads every door must refuse with `invalid-request`, never a crash: [command, payload, what is wrong]. */
export const INVALID_PAYLOADS: [string, unknown, string][] = [
  ['workflows.list', {}, 'projectId'],
  ['workflows.list', { projectId: 42 }, 'projectId'],
  ['workflows.get', { projectId: 'p', name: '' }, 'name'],
  ['runs.start', { projectId: 'p', workflowName: 'w', extra: true }, 'extra'],
  ['runs.start', { projectId: 'p', workflowName: 'w', params: { a: { nested: 1 } } }, 'params'],
  ['runs.list', { limit: -1 }, 'limit'],
  ['runs.list', { status: 'exploded' }, 'status'],
  ['runs.get', 'not an object', 'request'],
  ['sessions.create', { name: 'x'.repeat(500) }, 'name'],
];
