// The open workflow's problems as the engine's validator sees them, refreshed after every edit.
import { createStore } from 'zustand/vanilla';
import type { Problem } from '../../shared/errors.js';
import type { ValidationResult } from './live-validation.js';

export interface ValidationState {
  /** False until the action catalogue is known: only then can parameters be checked. */
  ready: boolean;
  problems: Problem[];
  byStep: ReadonlyMap<string, string>;
  setResult(result: ValidationResult): void;
  reset(): void;
}

export function createValidationStore() {
  return createStore<ValidationState>()((set) => ({
    ready: false,
    problems: [],
    byStep: new Map(),
    setResult: ({ problems, byStep }) => set({ ready: true, problems, byStep }),
    reset: () => set({ ready: false, problems: [], byStep: new Map() }),
  }));
}

export type ValidationStore = ReturnType<typeof createValidationStore>;
