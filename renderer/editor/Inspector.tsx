// Beside the canvas: the selected step as a form — its name, its parameters (from the action's JSON Schema), the
// common fields, its cache (and the workflow's default), and its problems. Every change is an undoable edit.
import { useMemo, type ReactElement } from 'react';
import { SELECTION_MODES, stepCacheOf } from '../../shared/model.js';
import { SELECTION_LABELS } from '../../shared/step-selection.js';
import { useActions, useEditorStore, useGraphStore, useValidationStore } from '../app/hooks.js';
import { paramFields, type FieldKind } from './param-fields.js';
import { setParameter } from './step-fields.js';
import { CacheFields } from './inspector/CacheFields.js';
import { CommonFields } from './inspector/CommonFields.js';
import { InspectorRow } from './inspector/InspectorRow.js';
import { ParamInput } from './inspector/ParamInput.js';
import { StepNameInput } from './inspector/StepNameInput.js';

const WIDE_KINDS: ReadonlySet<FieldKind> = new Set(['multiline', 'list', 'map']);

export function Inspector({ name }: { name: string }): ReactElement | null {
  const step = useGraphStore((state) => state.workflow?.steps.find((candidate) => candidate.name === name));
  const workflowCache = useGraphStore((state) => state.workflow?.cache);
  const info = useEditorStore((state) => state.actions.find((candidate) => candidate.module === step?.module && candidate.action === step?.action));
  const problems = useValidationStore((state) => state.byStep.get(name));
  const { changeStep, selectStep, runPart, startRun } = useActions();
  const fields = useMemo(() => paramFields(info?.paramsSchema), [info]);
  if (step === undefined) return null;
  return (
    <aside className="inspector" aria-label={`Inspector: ${name}`}>
      <header className="inspector__header">
        <h2>Step</h2>
        <button type="button" className="icon-button" aria-label="Close the inspector" onClick={() => selectStep(null)}>✕</button>
      </header>
      <div className="inspector__grid">
        <InspectorRow label="Name" htmlFor="inspector-name"><StepNameInput name={step.name} /></InspectorRow>
        <InspectorRow label="Action"><span className="mono" title={info?.description}>{step.module}.{step.action}</span></InspectorRow>
      </div>
      {/* The step's context menu, for those who never right-click: each asks before it runs. */}
      <div className="inspector__run" role="group" aria-label={`Run part of the workflow around ${name}`}>
        {SELECTION_MODES.map((mode) => (
          <button key={mode} type="button" className="button button--small" onClick={() => void runPart(step.name, mode)}>{SELECTION_LABELS[mode]}</button>
        ))}
        {stepCacheOf(step, { cache: workflowCache }) !== undefined && (
          <button type="button" className="button button--small" title="The whole workflow; this step runs even when the cache holds its result" onClick={() => void startRun(undefined, undefined, { force: [step.name] })}>Run, forcing this step</button>
        )}
      </div>
      {problems !== undefined && (
        <ul className="problems problems--inline" aria-label={`Problems of ${name}`}>
          {problems.split('\n').map((line, index) => <li key={index}>{line}</li>)}
        </ul>
      )}
      {fields.length > 0 && (
        <div className="inspector__section inspector__grid">
          <h3>Parameters</h3>
          {fields.map((field) => (
            <InspectorRow
              key={field.key}
              // A map labels itself (its legend); long text and lists take the whole width under their label.
              label={field.kind === 'map' ? undefined : <>{field.key}{field.required ? <span aria-hidden="true"> *</span> : null}</>}
              htmlFor={`param-${field.key}`}
              wide={WIDE_KINDS.has(field.kind)}
              hint={field.description}
            >
              <ParamInput id={`param-${field.key}`} field={field} value={step.parameters[field.key]} onChange={(value) => void changeStep(step.name, `parameters.${field.key}`, (s) => setParameter(s, field.key, value))} />
            </InspectorRow>
          ))}
        </div>
      )}
      <CommonFields step={step} />
      <CacheFields step={step} shared={workflowCache} />
    </aside>
  );
}
