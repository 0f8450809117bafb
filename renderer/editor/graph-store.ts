// The workflow being edited: its definition, undo history, dirty state, selection and the canvas's nodes and edges.
// Run status never lands here; the editor's UI state (palette, dialogs, clipboard) lives in the editor store.
// Plain data only: React Flow's change-appliers and dagre stay in the editor's chunk (canvas-actions.ts,
// place-steps.ts), so the first view, which creates every store, loads neither.
import type { Edge } from '@xyflow/react';
import { createStore } from 'zustand/vanilla';
import type { Problem } from '../../shared/errors.js';
import type { Workflow } from '../../shared/model.js';
import type { LayoutDirection } from '../canvas/layout.js';
import { isStepNode, syncCanvas, type CanvasNode } from '../canvas/group-nodes.js';
import { emptyUndoHistory, record, redo, undo, type UndoHistory } from './undo-history.js';

/** Where the open workflow lives; revision null until it is first saved. */
export interface OpenDocument {
  projectId: string;
  name: string;
  file: string;
  format: 'yaml' | 'json';
  revision: string | null;
}

export interface GraphState {
  shown: OpenDocument | null;
  loading: { projectId: string; name: string } | null;
  workflow: Workflow | null;
  /** The workflow as last opened or saved: the editor is dirty exactly when `workflow !== saved`. */
  saved: Workflow | null;
  /** Why the file could not be read as a workflow at all (then `workflow` is null). */
  loadProblems: Problem[];
  /** Steps and groups (a collapsed group's steps are not among them). */
  nodes: CanvasNode[];
  edges: Edge[];
  direction: LayoutDirection;
  history: UndoHistory<Workflow>;
  selectedSteps: readonly string[];
  /** The step the inspector shows: the one selected step, or the one last clicked. */
  selectedStep: string | null;
  startLoading(projectId: string, name: string): void;
  /** `workflow` as it goes on the canvas: placed by the caller (see place-steps.ts) when the file lacks positions. */
  open(document: OpenDocument, workflow: Workflow | null, problems?: Problem[], options?: { dirty?: boolean }): void;
  clear(): void;
  /** Applies an edit as one undo entry (edits with the same key in quick succession coalesce); false if nothing changed. */
  edit(label: string, change: (workflow: Workflow) => Workflow, key?: string): boolean;
  undo(): string | null;
  redo(): string | null;
  /** Nodes after React Flow's own changes (measuring, selecting, positions while a drag is in progress); no edit. */
  setNodes(nodes: CanvasNode[], selecting: boolean): void;
  setEdges(edges: Edge[]): void;
  select(steps: readonly string[]): void;
  selectStep(step: string | null): void;
  setDirection(direction: LayoutDirection): void;
  markSaved(document: OpenDocument, workflow: Workflow): void;
}

const selectedOf = (nodes: readonly CanvasNode[]): string[] => nodes.filter((node) => node.selected === true && isStepNode(node)).map((node) => node.id);

export function createGraphStore() {
  return createStore<GraphState>()((set, get) => {
    /** Shows another version of the workflow: nodes and edges follow, reusing every unchanged one. */
    const show = (workflow: Workflow, history: UndoHistory<Workflow>): void => {
      const { nodes, edges, direction, selectedStep } = get();
      const { nodes: nextNodes, edges: nextEdges } = syncCanvas(workflow, { nodes, edges }, direction === 'TB');
      const names = new Set(workflow.steps.map((step) => step.name));
      set({
        workflow, history, nodes: nextNodes, edges: nextEdges,
        selectedSteps: selectedOf(nextNodes),
        selectedStep: selectedStep !== null && names.has(selectedStep) ? selectedStep : null,
      });
    };
    const step = (move: typeof undo): string | null => {
      const { workflow, history } = get();
      if (workflow === null) return null;
      const result = move(history, workflow);
      if (result === null) return null;
      show(result.state, result.history);
      return result.label;
    };
    return {
      shown: null,
      loading: null,
      workflow: null,
      saved: null,
      loadProblems: [],
      nodes: [],
      edges: [],
      direction: 'LR',
      history: emptyUndoHistory(),
      selectedSteps: [],
      selectedStep: null,
      startLoading: (projectId, name) => set({ loading: { projectId, name } }),
      open: (document, workflow, problems = [], options = {}) => {
        set({
          shown: document, loading: null, workflow, saved: options.dirty === true ? null : workflow, loadProblems: problems,
          nodes: [], edges: [], history: emptyUndoHistory(), selectedSteps: [], selectedStep: null,
        });
        if (workflow !== null) show(workflow, emptyUndoHistory());
      },
      clear: () => set({ shown: null, loading: null, workflow: null, saved: null, loadProblems: [], nodes: [], edges: [], history: emptyUndoHistory(), selectedSteps: [], selectedStep: null }),
      edit: (label, change, key) => {
        const { workflow, history } = get();
        if (workflow === null) return false;
        const next = change(workflow);
        if (next === workflow) return false;
        show(next, record(history, workflow, label, key ?? null, Date.now()));
        return true;
      },
      undo: () => step(undo),
      redo: () => step(redo),
      setNodes: (nodes, selecting) => {
        if (!selecting) return set({ nodes });
        const selectedSteps = selectedOf(nodes);
        const current = get().selectedStep;
        set({ nodes, selectedSteps, selectedStep: selectedSteps.length === 1 ? selectedSteps[0]! : current !== null && selectedSteps.includes(current) ? current : null });
      },
      setEdges: (edges) => set({ edges }),
      select: (steps) => {
        const wanted = new Set(steps);
        const nodes = get().nodes.map((node) => (wanted.has(node.id) === (node.selected === true) ? node : { ...node, selected: wanted.has(node.id) }));
        const edges = get().edges.map((edge) => (edge.selected === true ? { ...edge, selected: false } : edge));
        set({ nodes, edges, selectedSteps: [...steps], selectedStep: steps.length === 1 ? steps[0]! : null });
      },
      selectStep: (selectedStep) => set({ selectedStep }),
      setDirection: (direction) => set({ direction }),
      markSaved: (document, workflow) => set({ shown: document, saved: workflow }),
    };
  });
}

export type GraphStore = ReturnType<typeof createGraphStore>;

export const selectDirty = (state: GraphState): boolean => state.workflow !== null && state.workflow !== state.saved;
