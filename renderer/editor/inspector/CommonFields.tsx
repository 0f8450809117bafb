// The fields every step has: timeout, retry, runWhen, priority, continueOnError and the resources it needs.
import type { ReactElement } from 'react';
import { RUN_WHEN, STEP_PRIORITIES, type RunWhen, type StepPriority, type WorkflowStep } from '../../../shared/model.js';
import { useActions } from '../../app/hooks.js';
import { setRetry, setTimeout } from '../step-fields.js';
import { InspectorRow } from './InspectorRow.js';
import { ResourceInput } from './ResourceInput.js';

const toNumber = (text: string): number | undefined => (text.trim() === '' || !Number.isFinite(Number(text)) ? undefined : Number(text));

function NumberField({ id, label, value, onChange }: { id: string; label: string; value: number | undefined; onChange(value: number | undefined): void }): ReactElement {
  return (
    <InspectorRow label={label} htmlFor={id}>
      <input id={id} className="input input--small" type="number" min={0} value={value ?? ''} onChange={(event) => onChange(toNumber(event.target.value))} />
    </InspectorRow>
  );
}

export function CommonFields({ step }: { step: WorkflowStep }): ReactElement {
  const { changeStep } = useActions();
  const change = (field: string, update: (current: WorkflowStep) => WorkflowStep): void => void changeStep(step.name, field, update);
  return (
    <div className="inspector__section inspector__grid">
      <h3>Step</h3>
      <NumberField id="inspector-timeout" label="Timeout (s)" value={step.timeout} onChange={(value) => change('timeout', (s) => setTimeout(s, value))} />
      <NumberField id="inspector-retry-count" label="Retries" value={step.retry?.count} onChange={(value) => change('retry.count', (s) => setRetry(s, 'count', value))} />
      <NumberField id="inspector-retry-delay" label="Retry delay (s)" value={step.retry?.delay} onChange={(value) => change('retry.delay', (s) => setRetry(s, 'delay', value))} />
      <NumberField id="inspector-retry-backoff" label="Backoff ×" value={step.retry?.backoff} onChange={(value) => change('retry.backoff', (s) => setRetry(s, 'backoff', value))} />
      <InspectorRow label="Run when" htmlFor="inspector-run-when">
        <select id="inspector-run-when" className="input input--small" value={step.runWhen} onChange={(event) => change('runWhen', (s) => ({ ...s, runWhen: event.target.value as RunWhen }))}>
          {RUN_WHEN.map((value) => <option key={value} value={value}>{value}</option>)}
        </select>
      </InspectorRow>
      <InspectorRow label="Priority" htmlFor="inspector-priority">
        <select id="inspector-priority" className="input input--small" value={step.priority} onChange={(event) => change('priority', (s) => ({ ...s, priority: event.target.value as StepPriority }))}>
          {STEP_PRIORITIES.map((value) => <option key={value} value={value}>{value}</option>)}
        </select>
      </InspectorRow>
      <InspectorRow label="Continue on error" htmlFor="inspector-continue">
        <input id="inspector-continue" type="checkbox" checked={step.continueOnError} onChange={(event) => change('continueOnError', (s) => ({ ...s, continueOnError: event.target.checked }))} />
      </InspectorRow>
      <ResourceInput value={step.resources} onChange={(next) => change('resources', (s) => ({ ...s, resources: next }))} />
    </div>
  );
}
