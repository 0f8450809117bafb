// Setting one field of a step from the inspector: parameters by key, the common fields, empty meaning "not set".
import type { RetryPolicy, WorkflowStep } from '../../shared/model.js';

export function setParameter(step: WorkflowStep, key: string, value: unknown): WorkflowStep {
  if (value === undefined) {
    if (!(key in step.parameters)) return step;
    const { [key]: _removed, ...rest } = step.parameters;
    return { ...step, parameters: rest };
  }
  if (step.parameters[key] === value) return step;
  return { ...step, parameters: { ...step.parameters, [key]: value } };
}

export function setTimeout(step: WorkflowStep, seconds: number | undefined): WorkflowStep {
  if (step.timeout === seconds) return step;
  if (seconds === undefined) {
    const { timeout: _removed, ...rest } = step;
    return rest;
  }
  return { ...step, timeout: seconds };
}

/** A retry field; a count of 0 with the default delay and backoff means no retry at all. */
export function setRetry(step: WorkflowStep, field: keyof RetryPolicy, value: number | undefined): WorkflowStep {
  const current: RetryPolicy = step.retry ?? { count: 0, delay: 0, backoff: 1 };
  const fallback: RetryPolicy = { count: 0, delay: 0, backoff: 1 };
  const next = { ...current, [field]: value ?? fallback[field] };
  if (next.count === 0 && next.delay === 0 && next.backoff === 1) {
    if (step.retry === undefined) return step;
    const { retry: _removed, ...rest } = step;
    return rest;
  }
  return { ...step, retry: next };
}
