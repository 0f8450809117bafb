// A valid request for every command of the contract, for the doors' contract tests: the type makes a new command
// without a sample a compile error, so "every channel is bound" stays true as the contract grows.
import type { Command, RequestOf } from '../shared/ipc.js';

export interface SampleIds {
  projectId: string;
  workflowName: string;
  /** A finished run of workflowName, and one of its steps: the run commands succeed on it. */
  executionId: string;
  step: string;
  sessionId: string;
  /** The project's folder, and an empty folder a sample may create a project in. */
  projectPath: string;
  scratchDir: string;
}

/** Samples that would forget the project under test, open windows or remove what others use: they name things that
 * do not exist, so a door shows them bound by answering not-found, and nothing changes. */
export const NOT_FOUND_SAMPLES: ReadonlySet<Command> = new Set(['projects.remove', 'projects.open', 'resources.remove']);

/** The workflow the `workflows.save` sample creates in the project (each sample succeeds on a fresh project). */
export const SAMPLE_NEW_WORKFLOW = 'contract-sample';

const sampleWorkflow = (name: string) => ({
  version: 1,
  name,
  steps: [{ name: 'hello', module: 'shell', action: 'run', parameters: { command: 'echo hello' } }],
});

export function sampleRequests(ids: SampleIds): { [C in Command]: RequestOf<C> } {
  return {
    'app.info': {},
    'projects.list': {},
    'workflows.list': { projectId: ids.projectId },
    'workflows.get': { projectId: ids.projectId, name: ids.workflowName },
    'workflows.save': { projectId: ids.projectId, name: SAMPLE_NEW_WORKFLOW, workflow: sampleWorkflow(SAMPLE_NEW_WORKFLOW), baseRevision: null },
    'workflows.delete': { projectId: ids.projectId, name: 'no-such-workflow' },
    'workflows.parse': { text: 'version: 1\nname: imported\nsteps:\n  - { name: a, module: control, action: noop }\n', fileName: 'imported.yaml' },
    'workflows.render': { workflow: sampleWorkflow('exported'), format: 'yaml' },
    'editor.context': {},
    'runs.start': { projectId: ids.projectId, workflowName: ids.workflowName },
    'runs.planSelection': { projectId: ids.projectId, workflowName: ids.workflowName, selection: { mode: 'only', steps: [ids.step] } },
    'runs.cancel': { executionId: ids.executionId },
    'runs.cancelStep': { executionId: ids.executionId, step: ids.step },
    'runs.rerun': { executionId: ids.executionId, from: 'start' },
    'runs.log': { executionId: ids.executionId, step: ids.step, offset: 0, length: 65_536 },
    'runs.stats': { workflowName: ids.workflowName, projectId: ids.projectId, limit: 20 },
    'runs.get': { executionId: ids.executionId },
    'runs.list': { projectId: ids.projectId, workflowName: ids.workflowName, status: 'completed', origin: 'app', since: 0, until: 4_102_444_800_000, parent: null, limit: 10, offset: 0 },
    'sessions.list': {},
    'sessions.create': { name: 'contract test', projectId: ids.projectId, env: { CI: '1' }, variables: { target: 'dist' } },
    'sessions.update': { sessionId: ids.sessionId, name: 'renamed', projectId: null, env: {}, variables: { target: 'out' } },
    'sessions.close': { sessionId: ids.sessionId },
    'resources.list': {},
    'resources.define': { id: 'sample-gpu', capacity: 1, type: 'gpu', unit: 'cards' },
    'resources.remove': { id: 'no-such-resource' },
    'resources.history': {},
    'workers.list': {},
    'queue.configure': { redisUrl: null },
    'projects.dashboard': { days: 7 },
    'projects.history': { projectId: ids.projectId },
    'projects.add': { path: ids.projectPath },
    'projects.createSample': {},
    'projects.create': { name: 'sample', parentDir: ids.scratchDir, template: 'node_package' },
    'projects.update': { projectId: ids.projectId, status: 'active' },
    'projects.remove': { projectId: 'no-such-project' },
    'projects.open': { projectId: 'no-such-project', target: 'folder' },
    'templates.list': {},
    'templates.saveFromProject': { projectId: ids.projectId, name: 'sample-template' },
    'actions.list': {},
    'engineLog.read': { cursor: null, limit: 100 },
    'cache.stats': {},
    'cache.clear': {},
  };
}

/** Payloads every door must refuse with `invalid-request`, never a crash: [command, payload, what is wrong]. */
export const INVALID_PAYLOADS: [string, unknown, string][] = [
  ['workflows.list', {}, 'projectId'],
  ['workflows.list', { projectId: 42 }, 'projectId'],
  ['workflows.get', { projectId: 'p', name: '' }, 'name'],
  ['workflows.save', { projectId: 'p', name: 'w', workflow: { name: 'w', steps: [] } }, 'baseRevision'],
  ['workflows.save', { projectId: 'p', name: 'w', workflow: 'version: 1', baseRevision: null }, 'workflow'],
  ['workflows.save', { projectId: 'p', name: 'w', workflow: {}, baseRevision: null, force: 'yes' }, 'force'],
  ['workflows.delete', { projectId: 'p' }, 'name'],
  ['workflows.parse', { text: 42, fileName: 'a.yaml' }, 'text'],
  ['workflows.parse', { text: 'version: 1' }, 'fileName'],
  ['workflows.render', { workflow: {}, format: 'toml' }, 'format'],
  ['editor.context', { env: true }, 'env'],
  ['runs.start', { projectId: 'p', workflowName: 'w', extra: true }, 'extra'],
  ['runs.start', { projectId: 'p', workflowName: 'w', params: { a: { nested: 1 } } }, 'params'],
  ['runs.list', { limit: -1 }, 'limit'],
  ['runs.list', { status: 'exploded' }, 'status'],
  ['runs.get', 'not an object', 'request'],
  ['sessions.create', { name: 'x'.repeat(500) }, 'name'],
  ['sessions.create', { name: 's', env: { PATH: 42 } }, 'env'],
  ['sessions.create', { name: 's', variables: 'a=b' }, 'variables'],
  ['sessions.update', { name: 'renamed' }, 'sessionId'],
  ['sessions.update', { sessionId: 's', status: 'closed' }, 'status'],
  ['sessions.close', {}, 'sessionId'],
  ['runs.cancelStep', { executionId: 'e' }, 'step'],
  ['runs.rerun', { executionId: 'e', from: 'middle' }, 'from'],
  ['runs.start', { projectId: 'p', workflowName: 'w', selection: { mode: 'between', steps: ['a'] } }, 'selection'],
  ['runs.planSelection', { projectId: 'p', workflowName: 'w', selection: { mode: 'only', steps: [] } }, 'selection'],
  ['runs.rerun', { executionId: 'e' }, 'from'],
  ['runs.log', { executionId: 'e', step: 'a', offset: -1 }, 'offset'],
  ['runs.log', { executionId: 'e', step: 'a', length: 64 * 1024 * 1024 }, 'length'],
  ['runs.stats', { projectId: 'p' }, 'workflowName'],
  ['runs.list', { origin: 'telepathy' }, 'origin'],
  ['runs.list', { parent: 42 }, 'parent'],
  ['runs.list', { since: 'yesterday' }, 'since'],
  ['runs.list', { offset: 1.5 }, 'offset'],
  ['resources.define', { id: 'gpu', capacity: -1 }, 'capacity'],
  ['resources.define', { id: '../gpu', capacity: 1 }, 'id'],
  ['projects.update', { projectId: 'p', status: 'exploded' }, 'status'],
  ['projects.update', { projectId: 'p', statusFollowsRuns: { healthCheck: 3 } }, 'statusFollowsRuns'],
  ['projects.update', { projectId: 'p', statusFollowsRuns: { healthCheck: 'ci', restingStatus: 'failed' } }, 'statusFollowsRuns'],
  ['projects.open', { projectId: 'p', target: 'browser' }, 'target'],
  ['projects.dashboard', { days: 0 }, 'days'],
  ['templates.saveFromProject', { projectId: 'p', name: '../evil' }, 'name'],
  ['projects.create', { name: '../x', parentDir: '/tmp' }, 'name'],
  ['projects.create', { name: 'p'.repeat(101), parentDir: '/tmp' }, 'name'],
  ['projects.add', { path: '/tmp', name: 'a/b' }, 'name'],
  ['projects.add', { path: '/', confirmBroadFolder: 'yes' }, 'confirmBroadFolder'],
  ['sessions.create', { name: 'two\nlines' }, 'name'],
  ['sessions.update', { sessionId: 's', name: '__proto__' }, 'name'],
  ['engineLog.read', { limit: 0 }, 'limit'],
  ['engineLog.read', { cursor: { file: 'codomyrmex.1.log', offset: -5 } }, 'cursor.offset'],
  ['queue.configure', {}, 'redisUrl'],
  ['queue.configure', { redisUrl: 6379 }, 'redisUrl'],
  ['queue.configure', { redisUrl: '' }, 'redisUrl'],
  ['workers.list', { pool: 'gpu' }, 'pool'],
  ['cache.stats', { location: '/tmp' }, 'location'],
  ['cache.clear', { olderThanDays: 7 }, 'olderThanDays'],
];

