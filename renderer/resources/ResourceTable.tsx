// The declared resources: capacity, what is allocated now and to which step, what is available, which steps wait
// for it (with their reason); user-defined ones can be edited or removed, built-in ones are read-only.
import { memo, type ReactElement } from 'react';
import { amountWithUnit } from '../../shared/resource-text.js';
import type { ResourceDeclaration } from './resource-actions.js';
import { useActions, useResourcesStore, useRunStore } from '../app/hooks.js';
import type { ResourceEntry } from './resources-store.js';
import { StepLink } from './StepLink.js';

const round = (value: number): string => String(Math.round(value * 100) / 100);

const WaitingStep = memo(function WaitingStep({ executionId, step, amount, unit }: { executionId: string; step: string; amount: number; unit: string }): ReactElement {
  const reason = useRunStore((state) => state.runs.get(executionId)?.steps.get(step)?.reason ?? null);
  return (
    <li className="waiting" data-waiting-step={step}>
      <StepLink executionId={executionId} step={step} />
      <span className="muted"> — {reason ?? `needs ${amountWithUnit(amount, unit)}`}</span>
    </li>
  );
});

/** Who declared a resource the user cannot edit here: the engine (cpu, memory) or a workflow file it ran. */
function ResourceOrigin({ resource }: { resource: ResourceEntry }): ReactElement | null {
  if (resource.userDefined) return null;
  if (resource.builtin) return <span className="badge resource-builtin">built-in</span>;
  return <span className="badge resource-builtin" title="Declared under resources: in a workflow file that ran; edit it there">from a workflow</span>;
}

function ResourceRow({ resource, onEdit }: { resource: ResourceEntry; onEdit(declaration: ResourceDeclaration): void }): ReactElement {
  const { removeResource } = useActions();
  const used = resource.capacity - resource.available;
  return (
    <tr data-resource={resource.id}>
      <td className="mono">{resource.id}<ResourceOrigin resource={resource} /></td>
      <td>{resource.type}</td>
      <td>{amountWithUnit(resource.capacity, resource.unit)}</td>
      <td>
        <meter className="meter" min={0} max={resource.capacity} value={used} aria-label={`${resource.id} in use`}>{round(used)}</meter>
        <ul className="cell-list" aria-label={`Allocations of ${resource.id}`}>
          {resource.allocations.map((allocation) => <li key={`${allocation.taskId}/${allocation.allocatedAt}`} className="mono">{allocation.holder ?? allocation.taskId} ({amountWithUnit(allocation.amount, resource.unit)})</li>)}
        </ul>
      </td>
      <td data-column="available">{amountWithUnit(resource.available, resource.unit)}</td>
      <td>
        {resource.waiting.length === 0 ? <span className="muted">—</span> : (
          <ul className="cell-list" aria-label={`Waiting for ${resource.id}`}>
            {resource.waiting.map((entry) => <WaitingStep key={`${entry.executionId}/${entry.step}`} {...entry} unit={resource.unit} />)}
          </ul>
        )}
      </td>
      <td className="table__actions">
        {resource.userDefined && <>
          <button type="button" className="button button--small" aria-label={`Edit ${resource.id}`} onClick={() => onEdit({ id: resource.id, capacity: resource.capacity, type: resource.type, unit: resource.unit })}>Edit</button>
          <button type="button" className="button button--small button--quiet" aria-label={`Remove ${resource.id}`} onClick={() => void removeResource(resource.id)}>Remove</button>
        </>}
      </td>
    </tr>
  );
}

export function ResourceTable({ onEdit }: { onEdit(declaration: ResourceDeclaration): void }): ReactElement {
  const resources = useResourcesStore((state) => state.resources);
  const loaded = useResourcesStore((state) => state.loaded);
  if (resources.length === 0) return <p className="muted empty">{loaded ? 'No resources defined.' : 'Loading resources…'}</p>;
  return (
    <table className="table" aria-label="Declared resources">
      <thead>
        <tr><th scope="col">Resource</th><th scope="col">Type</th><th scope="col">Capacity</th><th scope="col">Allocated now</th><th scope="col">Available</th><th scope="col">Waiting</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr>
      </thead>
      <tbody>
        {resources.map((resource) => <ResourceRow key={resource.id} resource={resource} onEdit={onEdit} />)}
      </tbody>
    </table>
  );
}
