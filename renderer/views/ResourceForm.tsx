// Declares or changes a user-defined resource: id, capacity, type and unit (an id already declared is changed).
import { useState, type FormEvent, type ReactElement } from 'react';
import type { ResourceType } from '../../shared/model.js';
import type { ResourceDeclaration } from '../actions/resource-actions.js';
import { useActions } from '../app/hooks.js';

const TYPES: ResourceType[] = ['custom', 'gpu', 'cpu', 'memory'];

export function ResourceForm({ initial, onDone }: { initial: ResourceDeclaration | null; onDone(): void }): ReactElement {
  const { defineResource } = useActions();
  const [id, setId] = useState(initial?.id ?? '');
  const [capacity, setCapacity] = useState(String(initial?.capacity ?? 1));
  const [type, setType] = useState<ResourceType>(initial?.type ?? 'custom');
  const [unit, setUnit] = useState(initial?.unit ?? '');
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void defineResource({ id, capacity: Number(capacity), type, unit }).then((done) => {
      if (done) onDone();
    });
  };
  return (
    <form className="resource-form" aria-label={initial === null ? 'Add a resource' : `Edit ${initial.id}`} onSubmit={submit}>
      <label className="field">Id<input className="input mono" value={id} required pattern="[A-Za-z0-9_-]{1,64}" readOnly={initial !== null} onChange={(event) => setId(event.target.value)} /></label>
      <label className="field">Capacity<input className="input" type="number" min="0" step="any" value={capacity} required onChange={(event) => setCapacity(event.target.value)} /></label>
      <label className="field">Type
        <select className="select" value={type} onChange={(event) => setType(event.target.value as ResourceType)}>
          {TYPES.map((option) => <option key={option} value={option}>{option}</option>)}
        </select>
      </label>
      <label className="field">Unit<input className="input" value={unit} placeholder="slots" onChange={(event) => setUnit(event.target.value)} /></label>
      <div className="form__actions">
        <button type="button" className="button" onClick={onDone}>Cancel</button>
        <button type="submit" className="button button--primary">{initial === null ? 'Add resource' : 'Save resource'}</button>
      </div>
    </form>
  );
}
