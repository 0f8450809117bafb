// A workflow's declared params as the run form's values: defaults first, and the values a run starts with.
import type { WorkflowParam } from '../../shared/model.js';

export type ParamKind = 'text' | 'number' | 'boolean';
export type FormValues = Record<string, string | boolean>;

export const paramKind = (param: WorkflowParam): ParamKind =>
  typeof param.default === 'boolean' ? 'boolean' : typeof param.default === 'number' ? 'number' : 'text';

export function initialValues(params: Record<string, WorkflowParam>): FormValues {
  return Object.fromEntries(Object.entries(params).map(([key, param]) => [key, paramKind(param) === 'boolean' ? param.default === true : param.default === undefined ? '' : String(param.default)]));
}

/** The params to start with (blank optional ones left to their defaults) and the required ones still blank. */
export function runParams(params: Record<string, WorkflowParam>, values: FormValues): { params: Record<string, string | number | boolean>; missing: string[] } {
  const result: Record<string, string | number | boolean> = {};
  const missing: string[] = [];
  for (const [key, param] of Object.entries(params)) {
    const value = values[key];
    if (typeof value === 'boolean') {
      result[key] = value;
      continue;
    }
    const text = (value ?? '').trim();
    if (text === '') {
      if (param.required === true && param.default === undefined) missing.push(key);
      continue;
    }
    const number = Number(text);
    result[key] = paramKind(param) === 'number' && Number.isFinite(number) ? number : text;
  }
  return { params: result, missing };
}
