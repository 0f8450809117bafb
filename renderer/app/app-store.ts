// Navigation and the app's frame: which view is shown, the current project, AppInfo and the connection state.
import { createStore } from 'zustand/vanilla';
import type { AppInfo } from '../../shared/ipc.js';
import type { ConnectionState } from '../api/client.js';

export const VIEWS = ['projects', 'editor', 'runs', 'sessions', 'resources', 'logs'] as const;
export type View = (typeof VIEWS)[number];

export interface AppState {
  view: View;
  projectId: string | null;
  info: AppInfo | null;
  connection: ConnectionState;
  showView(view: View): void;
  selectProject(projectId: string | null): void;
  setInfo(info: AppInfo): void;
  setConnection(connection: ConnectionState): void;
}

export function createAppStore(initial: Partial<Pick<AppState, 'view' | 'connection'>> = {}) {
  return createStore<AppState>()((set) => ({
    view: initial.view ?? 'projects',
    projectId: null,
    info: null,
    connection: initial.connection ?? 'connecting',
    showView: (view) => set({ view }),
    selectProject: (projectId) => set({ projectId }),
    setInfo: (info) => set((state) => ({ info, projectId: state.projectId ?? info.projectId })),
    setConnection: (connection) => set({ connection }),
  }));
}

export type AppStore = ReturnType<typeof createAppStore>;
