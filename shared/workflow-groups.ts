// Visual groups of steps, kept in a workflow's `ui.groups`: read leniently from a hand-edited file (what cannot be used
// is left out, with a notice saying what and why), written back in a fixed key order. The engine never reads them.
import { SUCCESSFUL_STEP_STATUSES, type StepStatus, type Workflow } from './model.js';

/** The colours a group can take; the canvas maps each to a light and a dark shade. */
export const GROUP_COLOURS = ['blue', 'green', 'amber', 'red', 'purple', 'grey'] as const;
export type GroupColour = (typeof GROUP_COLOURS)[number];

export interface WorkflowGroup {
  id: string;
  name: string;
  colour: GroupColour;
  /** Member steps, by name; a step belongs to one group at most. */
  steps: string[];
  collapsed: boolean;
  /** The expanded group's box on the canvas (a collapsed group keeps its top-left corner). */
  x: number;
  y: number;
  width: number;
  height: number;
}

export const GROUP_NAME_MAX = 80;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** One entry of `ui.groups`, or why it cannot be a group. */
function readGroup(raw: unknown, index: number): WorkflowGroup | string {
  if (!isRecord(raw)) return `ui.groups[${index}] is not a map: left out`;
  const { id, name, colour, steps, collapsed, x, y, width, height } = raw;
  if (typeof id !== 'string' || id === '') return `ui.groups[${index}] has no id: left out`;
  if (!Array.isArray(steps)) return `group "${id}" has no list of steps: left out`;
  if (![x, y, width, height].every(finite)) return `group "${id}" has no position and size (x, y, width, height): left out`;
  return {
    id,
    name: typeof name === 'string' && name.trim() !== '' ? name.slice(0, GROUP_NAME_MAX) : id,
    colour: GROUP_COLOURS.includes(colour as GroupColour) ? (colour as GroupColour) : 'grey',
    steps: steps.filter((step): step is string => typeof step === 'string'),
    collapsed: collapsed === true,
    x: x as number, y: y as number, width: Math.max(1, width as number), height: Math.max(1, height as number),
  };
}

/**
 * The workflow's groups that can be drawn, and a notice for each thing left out: an entry that is not a group, a
 * member step the workflow no longer has, a step already in an earlier group, a group left with no steps.
 */
export function readGroups(workflow: Workflow): { groups: WorkflowGroup[]; notices: string[] } {
  const raw = workflow.ui?.groups;
  if (raw === undefined) return { groups: [], notices: [] };
  if (!Array.isArray(raw)) return { groups: [], notices: ['ui.groups is not a list: no groups shown'] };
  const names = new Set(workflow.steps.map((step) => step.name));
  const taken = new Set<string>();
  const ids = new Set<string>();
  const groups: WorkflowGroup[] = [];
  const notices: string[] = [];
  raw.forEach((entry, index) => {
    const group = readGroup(entry, index);
    if (typeof group === 'string') return void notices.push(group);
    if (ids.has(group.id)) return void notices.push(`group id "${group.id}" is used twice: the second one is left out`);
    const steps: string[] = [];
    for (const step of group.steps) {
      if (!names.has(step)) notices.push(`group "${group.name}" names step "${step}", which the workflow does not have: left out of the group`);
      else if (taken.has(step)) notices.push(`step "${step}" is in two groups: kept in the first only`);
      else {
        taken.add(step);
        steps.push(step);
      }
    }
    if (steps.length === 0) return void notices.push(`group "${group.name}" has no steps left: removed`);
    ids.add(group.id);
    groups.push({ ...group, steps });
  });
  return { groups, notices };
}

/** The workflow with `groups` as its `ui.groups` (no key at all when there are none); other `ui` keys are kept. */
export function writeGroups(workflow: Workflow, groups: readonly WorkflowGroup[]): Workflow {
  const { groups: _old, ...rest } = workflow.ui ?? {};
  const ui = groups.length === 0 ? rest : {
    ...rest,
    groups: groups.map(({ id, name, colour, steps, collapsed, x, y, width, height }) => ({
      id, name, colour, steps: [...steps], collapsed,
      x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height),
    })),
  };
  const { ui: _ui, ...withoutUi } = workflow;
  return Object.keys(ui).length === 0 ? withoutUi : { ...workflow, ui };
}

/** A group id not yet used: g1, g2, … */
export function nextGroupId(groups: readonly WorkflowGroup[]): string {
  const ids = new Set(groups.map((group) => group.id));
  let n = groups.length + 1;
  while (ids.has(`g${n}`)) n++;
  return `g${n}`;
}

/** Worst first: the status a collapsed group is coloured by is the first one any of its steps has. */
const SEVERITY: readonly StepStatus[] = ['failed', 'cancelled', 'running', 'retrying', 'queued', 'skipped', 'pending', 'not-selected', 'succeeded', 'cached'];

export interface GroupProgress {
  /** How many steps have each status, worst first; statuses no step has are left out. */
  counts: { status: StepStatus; count: number }[];
  /** Steps that ended well (succeeded or cached), and all the group's steps. */
  done: number;
  total: number;
  worst: StepStatus;
}

/** What a collapsed group says of its steps in a run: counts by status, how many are done, the worst status. */
export function groupProgress(statuses: readonly (StepStatus | undefined)[]): GroupProgress {
  const tally = new Map<StepStatus, number>();
  for (const status of statuses) tally.set(status ?? 'pending', (tally.get(status ?? 'pending') ?? 0) + 1);
  const counts = SEVERITY.filter((status) => tally.has(status)).map((status) => ({ status, count: tally.get(status)! }));
  let done = 0;
  for (const status of SUCCESSFUL_STEP_STATUSES) done += tally.get(status) ?? 0;
  return { counts, done, total: statuses.length, worst: counts[0]?.status ?? 'pending' };
}

/** The one-line summary: "running 2 · failed 1 · 5 of 9" (succeeded steps are counted in "5 of 9", not listed). */
export function progressText(progress: GroupProgress): string {
  const parts = progress.counts.filter(({ status }) => !SUCCESSFUL_STEP_STATUSES.has(status) && status !== 'pending').map(({ status, count }) => `${status} ${count}`);
  return [...parts, `${progress.done} of ${progress.total}`].join(' · ');
}

/** The workflow with what readGroups would leave out removed from `ui.groups` (after steps are deleted); else the same. */
export function pruneGroups(workflow: Workflow): Workflow {
  const { groups, notices } = readGroups(workflow);
  return notices.length === 0 ? workflow : writeGroups(workflow, groups);
}
