// The run view's own state: the runs open side by side (tabs), the step picked in it, each run's workflow snapshot,
// past-run figures per workflow, and which runs were started from this page (they notify when they finish).
import { createStore } from 'zustand/vanilla';
import type { RunStats } from '../../shared/ipc.js';
import type { Workflow } from '../../shared/model.js';

export interface RunViewState {
  /** The Runs view shows the history or one run (the run store's shown run). */
  page: 'history' | 'run';
  tabs: readonly string[];
  selectedStep: string | null;
  /** The workflow each run ran (null when the record predates snapshots); absent until fetched. */
  snapshots: ReadonlyMap<string, Workflow | null>;
  /** Past-run figures by workflow, keyed by statsKey: same-named workflows of two projects are two workflows. */
  stats: ReadonlyMap<string, RunStats>;
  startedHere: ReadonlySet<string>;
  showPage(page: 'history' | 'run'): void;
  openTab(executionId: string): void;
  closeTab(executionId: string): void;
  selectStep(step: string | null): void;
  setSnapshot(executionId: string, workflow: Workflow | null): void;
  setStats(key: string, stats: RunStats): void;
  markStartedHere(executionId: string): void;
}

/** Where a workflow's past-run figures are kept. */
export const statsKey = (projectId: string | null, workflowName: string): string => `${projectId ?? ''}/${workflowName}`;

/** Tabs kept at once; opening another drops the oldest. */
const MAX_TABS = 8;

export function createRunViewStore() {
  return createStore<RunViewState>()((set) => ({
    page: 'history',
    tabs: [],
    selectedStep: null,
    snapshots: new Map(),
    stats: new Map(),
    startedHere: new Set(),
    showPage: (page) => set({ page }),
    openTab: (executionId) => set((state) => (state.tabs.includes(executionId) ? {} : { tabs: [...state.tabs, executionId].slice(-MAX_TABS) })),
    closeTab: (executionId) => set((state) => ({ tabs: state.tabs.filter((id) => id !== executionId) })),
    selectStep: (selectedStep) => set({ selectedStep }),
    setSnapshot: (executionId, workflow) => set((state) => ({ snapshots: new Map(state.snapshots).set(executionId, workflow) })),
    setStats: (key, stats) => set((state) => ({ stats: new Map(state.stats).set(key, stats) })),
    markStartedHere: (executionId) => set((state) => ({ startedHere: new Set(state.startedHere).add(executionId) })),
  }));
}

export type RunViewStore = ReturnType<typeof createRunViewStore>;
