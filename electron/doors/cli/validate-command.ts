// `codomyrmex validate FILE`: every problem listed, nothing run; where the steps run, which references can read empty
// and which cached steps can never be restored.
import { resolve } from 'node:path';
import { emptyReferenceNotes } from '../../../shared/empty-references.js';
import { formatProblem, ValidationError } from '../../../shared/errors.js';
import { stepCacheOf, type Workflow } from '../../../shared/model.js';
import { containsTemplate } from '../../../shared/templating.js';
import { firstOutside } from '../../engine/cache/restore-outputs.js';
import { stepFolder } from '../../engine/cache/step-files.js';
import { OrchestrationEngine, workingDirFor } from '../../engine/orchestration-engine.js';
import { loadWorkflowFile } from '../../engine/workflows/workflow-file.js';
import { EXIT } from './command-line.js';

export function validateCommand(file: string): number {
  const path = resolve(file);
  let problems;
  try {
    const { workflow } = loadWorkflowFile(path);
    const engine = new OrchestrationEngine();
    problems = engine.workflowManager.validateWorkflow(workflow, path);
    if (problems.length === 0) {
      process.stdout.write(`✓ ${file}: workflow "${workflow.name}" is valid (${workflow.steps.length} steps)\n`);
      process.stdout.write(`  steps run in ${workingDirFor(path)} (${whereRule(path)}); a step's cwd overrides it\n`);
      for (const note of emptyReferenceNotes(workflow, engine.registry)) process.stdout.write(`  note: ${formatProblem(note)}\n`);
      for (const line of stepCwds(workflow)) process.stdout.write(`  ${line}\n`);
      for (const line of cacheOutputNotes(workflow, workingDirFor(path))) process.stdout.write(`  note: ${line}\n`);
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

function whereRule(path: string): string {
  return workingDirFor(path) === resolve(path, '..') ? "the workflow file's folder" : 'the project root, as the file is under .codomyrmex/workflows/';
}

function stepCwds(workflow: Workflow): string[] {
  return workflow.steps.flatMap((step) => (typeof step.parameters.cwd === 'string' ? [`step "${step.name}" runs in ${step.parameters.cwd} (its cwd, relative to that folder)`] : []));
}

/**
 * A cached step with an output outside the run's folder: a hit never writes there, so its result is never stored and
 * the step always runs (the run's log says so too). A step whose cwd is a template is left out: its folder is known
 * only when it runs.
 */
function cacheOutputNotes(workflow: Workflow, runDir: string): string[] {
  return workflow.steps.flatMap((step) => {
    const cache = stepCacheOf(step, workflow);
    if (cache === undefined || containsTemplate(step.parameters.cwd)) return [];
    const outside = firstOutside(cache.outputs.filter((pattern) => !pattern.startsWith('!')), stepFolder(step.parameters.cwd, runDir), runDir);
    return outside === null ? [] : [`step "${step.name}": cache output ${outside} is outside the run's folder ${runDir}; a hit never writes there, so its result is never stored and the step always runs`];
  });
}
