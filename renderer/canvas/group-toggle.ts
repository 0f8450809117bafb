// How a group node's collapse button reaches whoever owns the groups: the editor records an undoable edit, a run's
// canvas only changes its own view. Each canvas provides its own; a node without one draws no button.
import { createContext, useContext } from 'react';

export type GroupToggle = (groupId: string, collapsed: boolean) => void;

export const GroupToggleContext = createContext<GroupToggle | null>(null);

export const useGroupToggle = (): GroupToggle | null => useContext(GroupToggleContext);
