// Builders for the editor's unit tests: steps and workflows in their normalised shape.
import type { Workflow, WorkflowStep } from '../../../../shared/model.js';

export const step = (name: string, dependencies: string[] = [], parameters: Record<string, unknown> = {}, module = 'control', action = 'noop'): WorkflowStep => ({
  name, module, action, parameters, dependencies, resources: {}, runWhen: 'success', continueOnError: false, priority: 'normal', ui: { x: 0, y: 0 },
});

export const workflow = (steps: WorkflowStep[]): Workflow => ({ version: 1, name: 'w', description: '', env: {}, params: {}, resources: {}, steps });

export const DOC = { projectId: 'p1', name: 'w', file: '/p/.codomyrmex/workflows/w.yaml', format: 'yaml' as const, revision: 'r1' };

export const names = (w: Workflow): string[] => w.steps.map((s) => s.name);
export const deps = (w: Workflow, name: string): string[] => w.steps.find((s) => s.name === name)!.dependencies;
