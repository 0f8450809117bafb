// One parameter's input, chosen from its JSON Schema: text, command editor, number, checkbox, select, map or list.
import { useEffect, useState, type ReactElement } from 'react';
import { parseNumberInput, type ParamField } from '../param-fields.js';
import { KeyValueInput } from './KeyValueInput.js';

export interface ParamInputProps {
  field: ParamField;
  value: unknown;
  /** undefined removes the parameter (the action's default applies). */
  onChange(value: unknown): void;
  id: string;
}

export function ParamInput({ field, value, onChange, id }: ParamInputProps): ReactElement {
  const text = value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  const placeholder = field.defaultValue !== undefined && typeof field.defaultValue !== 'object' ? String(field.defaultValue) : undefined;
  switch (field.kind) {
    case 'multiline':
      return <textarea id={id} className="input textarea mono" rows={4} value={text} placeholder={placeholder} spellCheck={false} onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)} />;
    case 'number':
      // Text, not type=number: a number parameter may hold a `${{ … }}` template.
      return <input id={id} className="input mono" inputMode="decimal" value={typeof value === 'number' ? String(value) : text} placeholder={placeholder} onChange={(event) => onChange(parseNumberInput(event.target.value))} />;
    case 'boolean':
      return <input id={id} type="checkbox" checked={value === true} onChange={(event) => onChange(event.target.checked)} />;
    case 'enum':
      return (
        <select id={id} className="input" value={typeof value === 'string' ? value : ''} onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}>
          <option value="">{placeholder === undefined ? '(not set)' : `(default: ${placeholder})`}</option>
          {field.options.map((option) => <option key={option} value={option}>{option}</option>)}
        </select>
      );
    case 'map':
      return <KeyValueInput label={field.key} value={isRecord(value) ? value : {}} onChange={(next) => onChange(Object.keys(next).length === 0 ? undefined : next)} />;
    case 'list':
      return <textarea id={id} className="input textarea mono" rows={3} value={Array.isArray(value) ? value.join('\n') : text} onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value.split('\n'))} />;
    case 'json':
      return <JsonInput id={id} value={value} onChange={onChange} />;
    default:
      return <input id={id} className="input mono" value={text} placeholder={placeholder} onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)} />;
  }
}

/** Any other shape, as JSON text: applied once it parses, left as typed (and marked) while it does not. */
function JsonInput({ id, value, onChange }: { id: string; value: unknown; onChange(value: unknown): void }): ReactElement {
  const [draft, setDraft] = useState(() => (value === undefined ? '' : JSON.stringify(value)));
  const [invalid, setInvalid] = useState(false);
  useEffect(() => {
    setDraft(value === undefined ? '' : JSON.stringify(value));
    setInvalid(false);
  }, [value]);
  const change = (next: string): void => {
    setDraft(next);
    if (next.trim() === '') return onChange(undefined);
    try {
      onChange(JSON.parse(next));
      setInvalid(false);
    } catch {
      setInvalid(true);
    }
  };
  return <input id={id} className="input mono" aria-invalid={invalid || undefined} value={draft} onChange={(event) => change(event.target.value)} />;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
