// Before a run of a workflow that declares params: a form with each param's default and a mark on required ones.
import { useState, type FormEvent, type ReactElement } from 'react';
import type { WorkflowParam } from '../../shared/model.js';
import { initialValues, paramKind, runParams } from './param-values.js';

export function ParamsForm({ params, onStart, onCancel }: { params: Record<string, WorkflowParam>; onStart(values: Record<string, string | number | boolean>): void; onCancel(): void }): ReactElement {
  const [values, setValues] = useState(() => initialValues(params));
  const { params: ready, missing } = runParams(params, values);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (missing.length === 0) onStart(ready);
  };
  return (
    <div className="dialog-backdrop" data-editor-dialog>
      <form className="dialog params-form" role="dialog" aria-modal="true" aria-label="Run with parameters" onSubmit={submit} onKeyDown={(event) => { if (event.key === 'Escape') onCancel(); }}>
        <h2>Run with parameters</h2>
        {Object.entries(params).map(([key, param]) => {
          const kind = paramKind(param);
          const required = param.required === true && param.default === undefined;
          const value = values[key];
          return (
            <label key={key} className={kind === 'boolean' ? 'field field--inline' : 'field'}>
              <span className="field__label">{key}{required && <span aria-hidden="true" className="error-text"> *</span>}</span>
              {kind === 'boolean'
                ? <input type="checkbox" aria-label={key} checked={value === true} onChange={(event) => setValues({ ...values, [key]: event.target.checked })} />
                : <input className="input" aria-label={key} aria-required={required} inputMode={kind === 'number' ? 'decimal' : undefined} value={String(value ?? '')} onChange={(event) => setValues({ ...values, [key]: event.target.value })} />}
              {param.description !== undefined && <span className="field__hint">{param.description}</span>}
            </label>
          );
        })}
        {missing.length > 0 && <p className="error-text" role="status">Required: {missing.join(', ')}</p>}
        <div className="run-controls">
          <button type="button" className="button" onClick={onCancel}>Cancel</button>
          <button type="submit" className="button button--primary" disabled={missing.length > 0}>Start run</button>
        </div>
      </form>
    </div>
  );
}
