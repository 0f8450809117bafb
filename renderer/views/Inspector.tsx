// Beside the canvas: the selected step as a form — its name, its parameters (from the action's JSON Schema), the
// common fields, and its problems. Every change is an undoable edit.
import { useMemo, type ReactElement } from 'react';
import { useActions, useEditorStore, useGraphStore, useValidationStore } from '../app/hooks.js';
import { paramFields } from '../editor/param-fields.js';
import { setParameter } from '../editor/step-fields.js';
import { CommonFields } from './inspector/CommonFields.js';
import { ParamInput } from './inspector/ParamInput.js';
import { StepNameInput } from './inspector/StepNameInput.js';

export function Inspector({ name }: { name: string }): ReactElement | null {
  const step = useGraphStore((state) => state.workflow?.steps.find((candidate) => candidate.name === name));
  const info = useEditorStore((state) => state.actions.find((candidate) => candidate.module === step?.module && candidate.action === step?.action));
  const problems = useValidationStore((state) => state.byStep.get(name));
  const { changeStep, selectStep } = useActions();
  const fields = useMemo(() => paramFields(info?.paramsSchema), [info]);
  if (step === undefined) return null;
  return (
    <aside className="inspector" aria-label={`Inspector: ${name}`}>
      <header className="inspector__header">
        <h2>Step</h2>
        <button type="button" className="icon-button" aria-label="Close the inspector" onClick={() => selectStep(null)}>✕</button>
      </header>
      <div className="field">
        <label className="field__label" htmlFor="inspector-name">Name</label>
        <StepNameInput name={step.name} />
      </div>
      <p className="mono muted" title={info?.description}>{step.module}.{step.action}</p>
      {problems !== undefined && (
        <ul className="problems problems--inline" aria-label={`Problems of ${name}`}>
          {problems.split('\n').map((line, index) => <li key={index}>{line}</li>)}
        </ul>
      )}
      {fields.length > 0 && (
        <div className="inspector__section">
          <h3>Parameters</h3>
          {fields.map((field) => (
            <div className="field" key={field.key}>
              <label className="field__label" htmlFor={`param-${field.key}`}>
                {field.key}{field.required ? <span aria-hidden="true"> *</span> : null}
              </label>
              <ParamInput id={`param-${field.key}`} field={field} value={step.parameters[field.key]} onChange={(value) => void changeStep(step.name, `parameters.${field.key}`, (s) => setParameter(s, field.key, value))} />
              {field.description !== '' && <p className="field__hint">{field.description}</p>}
            </div>
          ))}
        </div>
      )}
      <CommonFields step={step} />
    </aside>
  );
}
