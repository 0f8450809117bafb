// How components reach the stores and actions: a context carries them, typed selector hooks read them.
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { Actions } from './create-actions.js';
import type { AppState } from './app-store.js';
import type { CacheState } from '../resources/cache-store.js';
import type { DashboardState } from '../projects/dashboard-store.js';
import type { DialogState } from '../ui/dialog-store.js';
import type { EditorState } from '../editor/editor-store.js';
import type { EngineLogState } from '../engine-log/engine-log-store.js';
import type { GraphState } from '../editor/graph-store.js';
import type { RunHistoryState } from '../runs/run-history-store.js';
import type { LogState } from '../runs/log-store.js';
import type { MonitorState } from '../resources/monitor-store.js';
import type { NoticeState } from './notice-store.js';
import type { ProjectsState } from '../projects/projects-store.js';
import type { ResourcesState } from '../resources/resources-store.js';
import type { RunState } from '../runs/live-run-store.js';
import type { RunViewState } from '../runs/run-view-store.js';
import type { SessionsState } from '../sessions/sessions-store.js';
import type { SubflowState } from '../editor/subflow-store.js';
import type { ValidationState } from '../editor/validation-store.js';
import type { WorkersState } from '../resources/workers-store.js';
import type { Stores } from './stores.js';

export interface AppContextValue {
  stores: Stores;
  actions: Actions;
}

export const AppContext = createContext<AppContextValue | null>(null);

function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (value === null) throw new Error('a view was rendered outside <AppContext.Provider>');
  return value;
}

export const useActions = (): Actions => useApp().actions;
export const useAppStore = <T>(selector: (state: AppState) => T): T => useStore(useApp().stores.app, selector);
export const useNoticeStore = <T>(selector: (state: NoticeState) => T): T => useStore(useApp().stores.notices, selector);
export const useProjectsStore = <T>(selector: (state: ProjectsState) => T): T => useStore(useApp().stores.projects, selector);
export const useGraphStore = <T>(selector: (state: GraphState) => T): T => useStore(useApp().stores.graph, selector);
export const useRunStore = <T>(selector: (state: RunState) => T): T => useStore(useApp().stores.runs, selector);
export const useResourcesStore = <T>(selector: (state: ResourcesState) => T): T => useStore(useApp().stores.resources, selector);
export const useSessionsStore = <T>(selector: (state: SessionsState) => T): T => useStore(useApp().stores.sessions, selector);
export const useEditorStore = <T>(selector: (state: EditorState) => T): T => useStore(useApp().stores.editor, selector);
export const useSubflowStore = <T>(selector: (state: SubflowState) => T): T => useStore(useApp().stores.subflows, selector);
export const useValidationStore = <T>(selector: (state: ValidationState) => T): T => useStore(useApp().stores.validation, selector);
export const useRunViewStore = <T>(selector: (state: RunViewState) => T): T => useStore(useApp().stores.runView, selector);
export const useLogStore = <T>(selector: (state: LogState) => T): T => useStore(useApp().stores.logs, selector);
export const useRunHistoryStore = <T>(selector: (state: RunHistoryState) => T): T => useStore(useApp().stores.history, selector);
export const useDashboardStore = <T>(selector: (state: DashboardState) => T): T => useStore(useApp().stores.dashboard, selector);
export const useDialogStore = <T>(selector: (state: DialogState) => T): T => useStore(useApp().stores.dialogs, selector);
export const useEngineLogStore = <T>(selector: (state: EngineLogState) => T): T => useStore(useApp().stores.engineLog, selector);
export const useWorkersStore = <T>(selector: (state: WorkersState) => T): T => useStore(useApp().stores.workers, selector);
export const useMonitorStore = <T>(selector: (state: MonitorState) => T): T => useStore(useApp().stores.monitor, selector);
export const useCacheStore = <T>(selector: (state: CacheState) => T): T => useStore(useApp().stores.cache, selector);
