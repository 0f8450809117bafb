// A key–value map as rows of inputs (environment variables, resources): rename, change, remove, add.
import { useId, type ReactElement } from 'react';

export interface KeyValueInputProps {
  label: string;
  value: Record<string, unknown>;
  numeric?: boolean;
  onChange(next: Record<string, unknown>): void;
}

export function KeyValueInput({ label, value, numeric = false, onChange }: KeyValueInputProps): ReactElement {
  const id = useId();
  const entries = Object.entries(value);
  const replace = (index: number, key: string, item: unknown): void => {
    const next = entries.map((entry, i) => (i === index ? [key, item] as const : entry));
    onChange(Object.fromEntries(next));
  };
  const remove = (index: number): void => onChange(Object.fromEntries(entries.filter((_, i) => i !== index)));
  const add = (): void => {
    let key = 'KEY';
    for (let n = 2; key in value; n++) key = `KEY${n}`;
    onChange({ ...value, [key]: numeric ? 1 : '' });
  };
  const parse = (text: string): unknown => (numeric && text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text);
  return (
    <fieldset className="kv" aria-labelledby={id}>
      <legend id={id} className="field__label">{label}</legend>
      {entries.map(([key, item], index) => (
        <div className="kv__row" key={index}>
          <input className="input input--small mono" aria-label={`${label}: name ${index + 1}`} value={key} onChange={(event) => replace(index, event.target.value, item)} />
          <input className="input input--small mono" aria-label={`${label}: value of ${key}`} value={String(item ?? '')} inputMode={numeric ? 'decimal' : undefined} onChange={(event) => replace(index, key, parse(event.target.value))} />
          <button type="button" className="icon-button" aria-label={`Remove ${key} from ${label}`} onClick={() => remove(index)}>✕</button>
        </div>
      ))}
      <button type="button" className="button button--small" onClick={add}>Add {numeric ? 'resource' : 'entry'}</button>
    </fieldset>
  );
}
