// The workflow being shown: its definition, problems and laid-out nodes and edges. Run status never lands here.
import type { Edge } from '@xyflow/react';
import { createStore } from 'zustand/vanilla';
import type { Problem } from '../../shared/errors.js';
import type { Workflow } from '../../shared/model.js';
import { layoutSteps, type StepNode } from '../canvas/layout.js';

export interface ShownWorkflow {
  projectId: string;
  name: string;
  file: string;
  workflow: Workflow | null;
  problems: Problem[];
}

export interface GraphState {
  shown: ShownWorkflow | null;
  loading: { projectId: string; name: string } | null;
  nodes: StepNode[];
  edges: Edge[];
  /** The step whose details and log are open beside the canvas. */
  selectedStep: string | null;
  startLoading(projectId: string, name: string): void;
  setWorkflow(shown: ShownWorkflow): void;
  clear(): void;
  selectStep(step: string | null): void;
}

export function createGraphStore() {
  return createStore<GraphState>()((set) => ({
    shown: null,
    loading: null,
    nodes: [],
    edges: [],
    selectedStep: null,
    startLoading: (projectId, name) => set({ loading: { projectId, name } }),
    setWorkflow: (shown) => {
      const { nodes, edges } = layoutSteps(shown.workflow?.steps ?? []);
      set({ shown, nodes, edges, loading: null, selectedStep: null });
    },
    clear: () => set({ shown: null, nodes: [], edges: [], loading: null, selectedStep: null }),
    selectStep: (selectedStep) => set({ selectedStep }),
  }));
}

export type GraphStore = ReturnType<typeof createGraphStore>;
