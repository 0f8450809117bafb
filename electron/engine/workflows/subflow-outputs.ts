// References to a subflow's child step outputs (`${{ steps.<sub>.outputs.steps.<child step>.<key> }}`), checked against
// the child workflow when it can be found statically: a child step that does not exist, or an output its action never
// sets, is a problem before the run rather than an error once the child has run.
import type { Problem } from '../../../shared/errors.js';
import type { Workflow, WorkflowStep } from '../../../shared/model.js';
import { collectRefs } from '../../../shared/templating.js';
import type { ActionCatalog } from '../../../shared/validate.js';
import { staticSubflow, staticSubflowRef, type KnownWorkflows, type SubflowTarget } from './subflow-target.js';

export function subflowOutputProblems(workflow: Workflow, file: string | null, cwd: string | null, known: KnownWorkflows, catalog: ActionCatalog): Problem[] {
  const problems: Problem[] = [];
  const subflows = new Map(workflow.steps.filter((step) => step.module === 'workflow' && step.action === 'run').map((step) => [step.name, step]));
  if (subflows.size === 0) return problems;
  const children = new Map<string, SubflowTarget | null>();
  const childOf = (step: WorkflowStep): SubflowTarget | null => {
    if (!children.has(step.name)) children.set(step.name, staticSubflow(staticSubflowRef(step), cwd, known));
    return children.get(step.name)!;
  };
  for (const step of workflow.steps) {
    for (const { path, ref } of collectRefs(step.parameters, ['parameters'])) {
      if (ref.kind !== 'steps' || !subflows.has(ref.step) || !ref.key.startsWith('steps.')) continue;
      const child = childOf(subflows.get(ref.step)!);
      if (child === null) continue;
      const [, childStep = '', ...rest] = ref.key.split('.');
      const target = child.workflow.steps.find((candidate) => candidate.name === childStep);
      const at = (message: string): void => void problems.push({ ...(file !== null ? { file } : {}), step: step.name, field: path.join('.'), message: `\${{ ${ref.text} }}: ${message}` });
      if (target === undefined) {
        at(`${child.workflow.name} has no step "${childStep}" (its steps: ${child.workflow.steps.map((s) => s.name).join(', ') || 'none'})`);
        continue;
      }
      const spec = catalog.get(target.module, target.action);
      const output = rest.join('.');
      if (spec !== undefined && !spec.openOutputs && output !== '' && !spec.outputs.includes(output) && !spec.outputs.includes(rest[0]!)) {
        at(`step "${childStep}" of ${child.workflow.name} (${target.module}.${target.action}) has no output "${output}" (it sets: ${spec.outputs.join(', ')})`);
      }
    }
  }
  return problems;
}
