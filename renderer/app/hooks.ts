// How components reach the stores and actions: a context carries them, typed selector hooks read them.
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { Actions } from '../actions/create-actions.js';
import type { AppState } from '../stores/app-store.js';
import type { DashboardState } from '../stores/dashboard-store.js';
import type { DialogState } from '../stores/dialog-store.js';
import type { EditorState } from '../stores/editor-store.js';
import type { GraphState } from '../stores/graph-store.js';
import type { HistoryState } from '../stores/history-store.js';
import type { LogState } from '../stores/log-store.js';
import type { MonitorState } from '../stores/monitor-store.js';
import type { NoticeState } from '../stores/notice-store.js';
import type { ProjectsState } from '../stores/projects-store.js';
import type { ResourcesState } from '../stores/resources-store.js';
import type { RunState } from '../stores/run-store.js';
import type { RunViewState } from '../stores/run-view-store.js';
import type { SessionsState } from '../stores/sessions-store.js';
import type { ValidationState } from '../stores/validation-store.js';
import type { Stores } from '../stores/stores.js';

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
export const useValidationStore = <T>(selector: (state: ValidationState) => T): T => useStore(useApp().stores.validation, selector);
export const useRunViewStore = <T>(selector: (state: RunViewState) => T): T => useStore(useApp().stores.runView, selector);
export const useLogStore = <T>(selector: (state: LogState) => T): T => useStore(useApp().stores.logs, selector);
export const useHistoryStore = <T>(selector: (state: HistoryState) => T): T => useStore(useApp().stores.history, selector);
export const useDashboardStore = <T>(selector: (state: DashboardState) => T): T => useStore(useApp().stores.dashboard, selector);
export const useDialogStore = <T>(selector: (state: DialogState) => T): T => useStore(useApp().stores.dialogs, selector);
export const useMonitorStore = <T>(selector: (state: MonitorState) => T): T => useStore(useApp().stores.monitor, selector);
