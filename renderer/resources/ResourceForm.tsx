// Declares or changes a user-defined resource: id, capacity, type and unit (an id already declared is changed).
// The form checks what it can before sending and says what is wrong in plain words beside the field.
import { useState, type FormEvent, type ReactElement } from 'react';
import type { ResourceType } from '../../shared/model.js';
import { resourceIdProblem } from '../../shared/resource-text.js';
import type { ResourceDeclaration } from './resource-actions.js';
import { useActions, useResourcesStore } from '../app/hooks.js';

const TYPES: ResourceType[] = ['custom', 'gpu', 'cpu', 'memory'];

export function ResourceForm({ initial, onDone }: { initial: ResourceDeclaration | null; onDone(): void }): ReactElement {
  const { defineResource } = useActions();
  const declared = useResourcesStore((state) => state.resources);
  const [id, setId] = useState(initial?.id ?? '');
  const [capacity, setCapacity] = useState(String(initial?.capacity ?? 1));
  const [type, setType] = useState<ResourceType>(initial?.type ?? 'custom');
  const [unit, setUnit] = useState(initial?.unit ?? '');
  // A field's problem shows once the user has left it or tried to save, not while they type its first letter.
  const [shown, setShown] = useState({ id: false, capacity: false });
  const trimmed = id.trim();
  const idProblem = initial !== null ? null
    : declared.some((resource) => resource.id === trimmed && !resource.userDefined) ? `"${trimmed}" is declared already (built in, or by a workflow file) and cannot be changed here; choose another id.` : resourceIdProblem(trimmed);
  const amount = Number(capacity);
  const capacityProblem = capacity.trim() !== '' && Number.isFinite(amount) && amount > 0 ? null : 'Capacity must be a number above 0, e.g. 1 or 4.';
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setShown({ id: true, capacity: true });
    if (idProblem !== null || capacityProblem !== null) return;
    void defineResource({ id: trimmed, capacity: amount, type, unit }).then((done) => {
      if (done) onDone();
    });
  };
  const problems = [shown.id ? idProblem : null, shown.capacity ? capacityProblem : null];
  return (
    <form className="resource-form" aria-label={initial === null ? 'Add a resource' : `Edit ${initial.id}`} onSubmit={submit} noValidate>
      <label className="field">Id
        <input
          className="input mono" value={id} readOnly={initial !== null} autoComplete="off" spellCheck={false}
          aria-invalid={problems[0] !== null || undefined} aria-describedby={problems[0] !== null ? 'resource-id-problem' : undefined}
          onChange={(event) => setId(event.target.value)} onBlur={() => setShown((current) => ({ ...current, id: trimmed !== '' || current.id }))}
        />
      </label>
      <label className="field">Capacity
        <input
          className="input" type="number" min="0" step="any" value={capacity}
          aria-invalid={problems[1] !== null || undefined} aria-describedby={problems[1] !== null ? 'resource-capacity-problem' : undefined}
          onChange={(event) => setCapacity(event.target.value)} onBlur={() => setShown((current) => ({ ...current, capacity: true }))}
        />
      </label>
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
      {problems[0] !== null && <p id="resource-id-problem" className="resource-form__problem" role="alert">{problems[0]}</p>}
      {problems[1] !== null && <p id="resource-capacity-problem" className="resource-form__problem" role="alert">{problems[1]}</p>}
    </form>
  );
}
