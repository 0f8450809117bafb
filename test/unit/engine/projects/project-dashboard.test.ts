import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectCards, projectHistory } from '../../../../electron/engine/projects/project-dashboard.js';
import { newEngine, tempDir } from '../../../helpers.js';

const FIXTURE = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'e2e-project');

describe('the projects dashboard', () => {
  it('shows every workflow file with its last run, and a project whose folder vanished as missing', async () => {
    const engine = newEngine();
    const folder = tempDir();
    cpSync(FIXTURE, folder, { recursive: true });
    const project = engine.projectManager.addProject(folder);
    const gone = engine.projectManager.addProject(tempDir());
    rmSync(gone.path, { recursive: true });
    const run = await engine.runWorkflowFile(join(folder, '.codomyrmex', 'workflows', 'diamond.yaml'), { origin: 'app', projectId: project.id }).done;
    const cards = projectCards(engine.store.database, engine.projectManager);
    const card = cards.find((c) => c.project.id === project.id)!;
    expect(card.missing).toBe(false);
    expect(card.workflows.map((w) => w.workflowName)).toEqual(['broken', 'diamond']);
    const diamond = card.workflows.find((w) => w.workflowName === 'diamond')!;
    expect(diamond).toMatchObject({ hasFile: true, runs: 1, successRate: 1, lastRun: { executionId: run.executionId, status: 'completed' } });
    expect(card.workflows.find((w) => w.workflowName === 'broken')!.daily).toHaveLength(30);
    expect(cards.find((c) => c.project.id === gone.id)).toMatchObject({ missing: true, workflows: [] });
    const history = projectHistory(engine.store.database, project);
    expect(history.daily.at(-1)!.completed).toBe(1);
    expect(history.durations).toEqual([expect.objectContaining({ executionId: run.executionId, workflowName: 'diamond', status: 'completed' })]);
  });
});
