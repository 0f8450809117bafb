// The app once its code has loaded: the stores and actions over the client main.tsx made, events and the bench hook
// wired, the frame rendered.
// The theme and the frame's styles come with main.tsx, in the page's head: the frame index.html draws uses them.
import '@xyflow/react/dist/style.css';
import '../styles/canvas.css';
import '../styles/runs.css';
import '../styles/subflow.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { ProjectCard } from '../../shared/dashboard.js';
import type { RendererClient } from '../api/client.js';
import { createActions } from './create-actions.js';
import { App } from './App.js';
import { connect } from './connect.js';
import { AppContext } from './hooks.js';
import { createStores } from './stores.js';

/**
 * `storage`: the page's localStorage, null where refused; `cards`: the dashboard, when its early reply came before the
 * app's code had loaded (the first render draws it).
 */
export function startApp(client: RendererClient, storage: Storage | null, cards?: readonly ProjectCard[]): void {
  const stores = createStores(storage);
  // No frame of "Loading projects…" (a render, a layout and a paint of its own) when the cards are already here.
  if (cards !== undefined) stores.dashboard.getState().setCards(cards);
  const actions = createActions(client, stores);
  connect(client, stores, actions);

  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <AppContext.Provider value={{ stores, actions }}>
        <App />
      </AppContext.Provider>
    </StrictMode>,
  );
}
