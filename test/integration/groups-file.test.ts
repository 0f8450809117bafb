// Issue 17's groups in the file and in a run: `ui.groups` goes through parse and save (comments kept, two groups of one
// name kept apart), and a workflow runs to the same record with or without its groups.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseWorkflowText, renderWorkflow } from '../../electron/engine/workflows/workflow-file.js';
import type { Workflow, WorkflowExecution } from '../../shared/model.js';
import { readGroups, writeGroups, type WorkflowGroup } from '../../shared/workflow-groups.js';
import { newEngine, tempDir } from '../helpers.js';

const CHECKS = 'test/fixtures/groups-project/.codomyrmex/workflows/checks.yaml';
const FLAT = 'test/fixtures/groups-project/.codomyrmex/workflows/flat.yaml';
const load = (file: string): { workflow: Workflow; text: string } => {
  const text = readFileSync(file, 'utf8');
  return { workflow: parseWorkflowText(text, file, 'yaml').workflow, text };
};
const box = { x: 0, y: 0, width: 300, height: 150 };

/** What a run did, without what differs between any two runs (ids, times, process ids). */
function outcome(execution: WorkflowExecution): unknown {
  return {
    status: execution.status,
    errors: execution.errors,
    steps: Object.fromEntries(Object.entries(execution.steps).map(([name, run]) => [name, { status: run.status, attempts: run.attempts, exitCode: run.exitCode, error: run.error, outputs: run.outputs }])),
  };
}

describe('groups in the workflow file', () => {
  it('keeps ui.groups and the comments through a save edited in place', () => {
    const { workflow, text } = load(FLAT);
    const groups: WorkflowGroup[] = [{ id: 'g1', name: 'Middle', colour: 'green', steps: ['build', 'test'], collapsed: true, ...box }];
    const saved = renderWorkflow(writeGroups(workflow, groups), 'yaml', text);
    expect(saved).toContain('# Four steps in a row');
    expect(saved).toContain('# kept through a save');
    const back = parseWorkflowText(saved, FLAT, 'yaml').workflow;
    expect(readGroups(back)).toEqual({ groups, notices: [] });
    // Ungrouped again: the workflow's `ui` goes, the comments stay.
    const ungrouped = renderWorkflow(writeGroups(back, []), 'yaml', saved);
    expect(ungrouped).not.toContain('groups:');
    expect(ungrouped).toContain('# kept through a save');
    expect(parseWorkflowText(ungrouped, FLAT, 'yaml').workflow).toEqual(workflow);
  });

  it('keeps two groups of the same name apart when the file is edited in place', () => {
    const { workflow, text } = load(FLAT);
    const twins: WorkflowGroup[] = [
      { id: 'g1', name: 'Group', colour: 'blue', steps: ['fetch'], collapsed: false, ...box },
      { id: 'g2', name: 'Group', colour: 'red', steps: ['ship'], collapsed: true, ...box },
    ];
    const once = renderWorkflow(writeGroups(workflow, twins), 'yaml', text);
    const twice = renderWorkflow(writeGroups(parseWorkflowText(once, FLAT, 'yaml').workflow, [twins[1]!, twins[0]!]), 'yaml', once);
    expect(readGroups(parseWorkflowText(twice, FLAT, 'yaml').workflow).groups).toEqual([twins[1], twins[0]]);
  });

  it('runs a workflow to the same record with its groups and without them', async () => {
    const { workflow } = load(CHECKS);
    expect(readGroups(workflow).groups.map((group) => group.steps)).toEqual([['lint', 'unit', 'types']]);
    const ungrouped = writeGroups(workflow, []);
    expect(ungrouped.ui).toBeUndefined();
    const engine = newEngine();
    const results: unknown[] = [];
    for (const candidate of [workflow, ungrouped]) {
      const dir = tempDir();
      // unit waits for this file: made up front, it passes at once.
      await engine.runWorkflow({ ...candidate, steps: candidate.steps.map((step) => step.name === 'unit' ? { ...step, parameters: { command: 'touch release; echo unit ok' } } : step) }, { cwd: dir, origin: 'api' }).done
        .then((execution) => results.push(outcome(execution)));
    }
    expect(results[0]).toEqual(results[1]);
    expect(results[0]).toMatchObject({ status: 'failed', steps: { lint: { status: 'failed', exitCode: 3 }, unit: { status: 'succeeded' }, report: { status: 'succeeded' } } });
  });
});
