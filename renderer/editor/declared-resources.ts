// The resources a step of the open workflow may ask for: the machine's (cpu, memory), the user's own and those the
// workflow file declares — each with its capacity and unit, as the inspector offers them.
import type { EditorContext } from '../../shared/ipc.js';
import type { Workflow } from '../../shared/model.js';

export interface DeclaredResourceOption {
  id: string;
  capacity: number;
  unit: string;
  /** Where it is declared: the workflow's own declarations apply to its runs only. */
  scope: 'engine' | 'workflow';
}

/** The machine's resources first, then the rest by id; a workflow's declaration of an id it shares wins (it applies). */
export function declaredResources(context: EditorContext | null, workflow: Pick<Workflow, 'resources'> | null): DeclaredResourceOption[] {
  const byId = new Map<string, DeclaredResourceOption>();
  for (const [id, { capacity, unit }] of Object.entries(context?.resources ?? {})) byId.set(id, { id, capacity, unit, scope: 'engine' });
  for (const [id, declared] of Object.entries(workflow?.resources ?? {})) {
    byId.set(id, { id, capacity: declared.capacity, unit: declared.unit ?? byId.get(id)?.unit ?? '', scope: 'workflow' });
  }
  const machine = (id: string): number => (id === 'cpu' ? 0 : id === 'memory' ? 1 : 2);
  return [...byId.values()].sort((a, b) => machine(a.id) - machine(b.id) || a.id.localeCompare(b.id));
}
