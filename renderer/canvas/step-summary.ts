// What a step does, in one line for its node on the canvas: the command of a shell step, the method and URL of an
// http step, the path of a file step… The node ellipsises it and shows it whole on hover.
import type { WorkflowStep } from '../../shared/model.js';

type Parameters = Readonly<Record<string, unknown>>;

const text = (value: unknown): string | null => {
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : null;
};

/** One line: a multi-line command reads as its lines joined, with runs of blanks collapsed. */
const oneLine = (value: string): string => value.replace(/\s*\n\s*/g, ' ⏎ ').replace(/[ \t]+/g, ' ').trim();

const SUMMARIES: Record<string, (parameters: Parameters) => string | null> = {
  'shell.run': (p) => text(p.command),
  'http.request': (p) => {
    const url = text(p.url);
    return url === null ? null : `${text(p.method)?.toUpperCase() ?? 'GET'} ${url}`;
  },
  'file.write': (p) => {
    const path = text(p.path);
    return path === null ? null : `${p.append === true ? 'append to' : 'write'} ${path}`;
  },
  'file.read': (p) => {
    const path = text(p.path);
    return path === null ? null : `read ${path}`;
  },
  'control.delay': (p) => {
    const seconds = text(p.seconds);
    return seconds === null ? null : `wait ${seconds} s`;
  },
  'control.fail': (p) => text(p.message) ?? 'fail on purpose',
  'control.noop': () => null,
  'workflow.run': (p) => {
    const target = text(p.file) ?? text(p.name);
    return target === null ? null : `run ${target}`;
  },
  'static_analysis.analyze_code': (p) => `analyse ${text(p.path) ?? '.'}`,
  'environment_setup.check_environment': (p) => {
    const tools = Array.isArray(p.requirements) ? p.requirements.map(text).filter((item) => item !== null) : [];
    return tools.length === 0 ? null : `needs ${tools.join(', ')}`;
  },
};

/** An action the summaries do not know (a plug-in's): its first parameter that reads as text, named. */
function firstParameter(parameters: Parameters): string | null {
  for (const [key, value] of Object.entries(parameters)) {
    const shown = text(value);
    if (shown !== null) return `${key}: ${shown}`;
  }
  return null;
}

/** The step's one-line summary, or null when there is nothing to say beyond its action (control.noop, no command yet). */
export function stepSummary(step: Pick<WorkflowStep, 'module' | 'action' | 'parameters'>): string | null {
  const key = `${step.module}.${step.action}`;
  const known = SUMMARIES[key];
  const summary = known !== undefined ? known(step.parameters) : firstParameter(step.parameters);
  return summary === null ? null : oneLine(summary);
}
