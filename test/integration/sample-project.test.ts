// The first run's sample project: real files from samples/, valid for the engine's own validator, and a run of its
// workflow succeeds here, showing parallel branches, a resource queue, a retry and outputs passed on.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSampleProject, findSampleDir } from '../../electron/engine/projects/sample-project.js';
import { loadWorkflowFile } from '../../electron/engine/workflows/workflow-file.js';
import type { EngineEvent } from '../../shared/events.js';
import { newEngine } from '../helpers.js';

const SOURCE = findSampleDir()!;
const WORKFLOW = join(SOURCE, '.codomyrmex', 'workflows', 'sample-pipeline.yaml');

describe('the sample project', () => {
  it('is a folder of real files, and its workflow passes the engine\'s validator', () => {
    expect(SOURCE).toBe(join(process.cwd(), 'samples', 'sample-project'));
    const { workflow } = loadWorkflowFile(WORKFLOW);
    expect(newEngine().workflowManager.validateWorkflow(workflow, WORKFLOW)).toEqual([]);
  });

  it('shows what it says: three branches after one step, a one-slot resource two steps need, a retry, outputs passed on', () => {
    const { workflow } = loadWorkflowFile(WORKFLOW);
    const byName = new Map(workflow.steps.map((step) => [step.name, step]));
    expect(workflow.steps.filter((step) => step.dependencies.join() === 'prepare').map((step) => step.name)).toEqual(['count-words', 'count-lines', 'fetch-mirror']);
    expect(workflow.resources['sample-db']).toMatchObject({ capacity: 1 });
    expect(workflow.steps.filter((step) => step.resources['sample-db'] === 1).map((step) => step.name)).toEqual(['count-words', 'count-lines']);
    expect(byName.get('fetch-mirror')!.retry).toMatchObject({ count: 2 });
    expect(String(byName.get('report')!.parameters.command)).toContain('${{ steps.count-words.outputs.words }}');
  });

  it('is created in the data folder, registered, and asked again is the same project', () => {
    const engine = newEngine();
    const project = createSampleProject(engine.projectManager, engine.paths.home);
    expect(project).toMatchObject({ name: 'sample-project', path: join(engine.paths.home, 'projects', 'sample-project') });
    expect(readFileSync(join(project.path, 'scripts', 'count.sh'), 'utf8')).toBe(readFileSync(join(SOURCE, 'scripts', 'count.sh'), 'utf8'));
    expect(createSampleProject(engine.projectManager, engine.paths.home).id).toBe(project.id);
  });

  it('forgotten and made again, keeps the user\'s edits to its folder', () => {
    const engine = newEngine();
    const first = createSampleProject(engine.projectManager, engine.paths.home);
    writeFileSync(join(first.path, 'data', 'mine.txt'), 'my own words\n');
    engine.projectManager.removeProject(first.id);
    const again = createSampleProject(engine.projectManager, engine.paths.home);
    expect(again.path).toBe(first.path);
    expect(existsSync(join(again.path, 'data', 'mine.txt'))).toBe(true);
  });

  it('says so when the installation lacks its files', () => {
    const engine = newEngine();
    expect(() => createSampleProject(engine.projectManager, engine.paths.home, null)).toThrow('the sample project\'s files are missing from this installation');
  });

  it('runs to success: count-lines waits in the queue for sample-db, fetch-mirror succeeds on its retry, report gets every output', async () => {
    const engine = newEngine();
    const project = createSampleProject(engine.projectManager, engine.paths.home);
    const seen: string[] = [];
    engine.events.on((event: EngineEvent) => {
      if (event.type === 'step.updated') seen.push(`${event.step}:${event.run.status}`);
    });
    const { sessionId } = engine.createSession('sample', { projectId: project.id });
    const execution = await engine.executeWorkflowInSession(sessionId, 'sample-pipeline');
    const statuses = Object.fromEntries(Object.entries(execution.steps).map(([name, run]) => [name, run.status]));
    expect(statuses).toEqual({ 'prepare': 'succeeded', 'count-words': 'succeeded', 'count-lines': 'succeeded', 'fetch-mirror': 'succeeded', 'report': 'succeeded' });
    expect(execution.status).toBe('completed');
    expect(seen).toContain('count-lines:queued');
    expect(execution.steps['fetch-mirror']!.attempts).toBe(2);
    expect(readFileSync(join(project.path, 'out', 'report.txt'), 'utf8')).toBe('files:  3\nwords:  74\nlines:  7\nmirror: answered on the second attempt\n');
  }, 60_000);
});
