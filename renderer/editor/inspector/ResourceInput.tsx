// The resources a step needs: each row a declared resource (chosen from a list, never typed) and an amount, with the
// resource's capacity beside it; "Add a resource" offers the declared ones the step does not ask for yet.
import { useEffect, useId, useMemo, useState, type ReactElement } from 'react';
import { useEditorStore, useGraphStore } from '../../app/hooks.js';
import { amountWithUnit } from '../../../shared/resource-text.js';
import { declaredResources, type DeclaredResourceOption } from '../declared-resources.js';

export interface ResourceInputProps {
  value: Record<string, number>;
  onChange(next: Record<string, number>): void;
}

export function ResourceInput({ value, onChange }: ResourceInputProps): ReactElement {
  const id = useId();
  const context = useEditorStore((state) => state.context);
  const declarations = useGraphStore((state) => state.workflow?.resources ?? null);
  const declared = useMemo(() => declaredResources(context, declarations === null ? null : { resources: declarations }), [context, declarations]);
  const entries = Object.entries(value);
  const unused = declared.filter((option) => !(option.id in value));
  const replace = (index: number, key: string, amount: number): void =>
    onChange(Object.fromEntries(entries.map((entry, i) => (i === index ? [key, amount] : entry))));
  const remove = (index: number): void => onChange(Object.fromEntries(entries.filter((_, i) => i !== index)));
  return (
    <div className="resources-input" role="group" aria-labelledby={id}>
      <span id={id} className="field__label">Resources</span>
      <select
        className="input input--small"
        aria-label="Add a resource"
        value=""
        disabled={unused.length === 0}
        onChange={(event) => event.target.value !== '' && onChange({ ...value, [event.target.value]: 1 })}
      >
        <option value="">{unused.length === 0 ? 'All declared are listed' : 'Add a resource…'}</option>
        {unused.map((option) => <option key={option.id} value={option.id}>{option.id} — {amountWithUnit(option.capacity, option.unit)}{option.scope === 'workflow' ? ' (this workflow)' : ''}</option>)}
      </select>
      {entries.map(([key, amount], index) => {
        const option = declared.find((candidate) => candidate.id === key);
        return (
          <div className="resources-input__row" key={key} data-resource-request={key}>
            <select className="input input--small mono" aria-label={`Resource ${index + 1}`} value={key} onChange={(event) => replace(index, event.target.value, amount)}>
              <option value={key}>{key}</option>
              {unused.map((other) => <option key={other.id} value={other.id}>{other.id}</option>)}
            </select>
            <div className="resources-input__amount">
              <AmountInput label={`Amount of ${key}`} amount={amount} onChange={(next) => replace(index, key, next)} />
              <span className="resources-input__capacity" title={option === undefined ? `${key} is not declared: declare it in Resources or in the workflow file` : capacityTitle(option)}>
                {option === undefined ? <span className="resources-input__unknown">not declared</span> : `of ${amountWithUnit(option.capacity, option.unit)}`}
              </span>
              <button type="button" className="icon-button" aria-label={`Remove ${key} from Resources`} onClick={() => remove(index)}>✕</button>
            </div>
          </div>
        );
      })}
    </div>
  );
}

const capacityTitle = (option: DeclaredResourceOption): string =>
  `${option.id}: ${amountWithUnit(option.capacity, option.unit)} in all${option.scope === 'workflow' ? ', declared by this workflow' : ''}`;

/** An amount as typed: applied while it is a number above 0, marked (and kept as typed) while it is not. */
function AmountInput({ label, amount, onChange }: { label: string; amount: number; onChange(amount: number): void }): ReactElement {
  const [draft, setDraft] = useState(String(amount));
  useEffect(() => setDraft(String(amount)), [amount]);
  const parsed = Number(draft);
  const valid = draft.trim() !== '' && Number.isFinite(parsed) && parsed > 0;
  return (
    <input
      className="input input--small mono"
      aria-label={label}
      inputMode="decimal"
      aria-invalid={!valid || undefined}
      title={valid ? undefined : 'an amount above 0'}
      value={draft}
      onChange={(event) => {
        setDraft(event.target.value);
        const next = Number(event.target.value);
        if (event.target.value.trim() !== '' && Number.isFinite(next) && next > 0) onChange(next);
      }}
    />
  );
}
