// `codomyrmex validate FILE`: every problem listed, nothing run.
import { resolve } from 'node:path';
import { formatProblem, ValidationError } from '../../../shared/errors.js';
import { OrchestrationEngine } from '../../engine/orchestration-engine.js';
import { loadWorkflowFile } from '../../engine/workflow-file.js';
import { EXIT } from './main.js';

export function validateCommand(file: string): number {
  const path = resolve(file);
  let problems;
  try {
    const { workflow } = loadWorkflowFile(path);
    problems = new OrchestrationEngine().workflowManager.validateWorkflow(workflow, path);
    if (problems.length === 0) {
      process.stdout.write(`✓ ${file}: workflow "${workflow.name}" is valid (${workflow.steps.length} steps)\n`);
      return EXIT.ok;
    }
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    problems = error.problems;
  }
  process.stderr.write(`✗ ${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n`);
  for (const problem of problems) process.stderr.write(`  ${formatProblem(problem)}\n`);
  return EXIT.invalid;
}
