// Start-up: pick the door, create the stores and actions, wire events and the bench hook, render the frame.
import '@xyflow/react/dist/style.css';
import './styles/theme.css';
import './styles/app.css';
import './styles/canvas.css';
import './styles/runs.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createActions } from './app/create-actions.js';
import { createClient } from './api/create-client.js';
import { App } from './app/App.js';
import { connect } from './app/connect.js';
import { AppContext } from './app/hooks.js';
import { createStores } from './app/stores.js';

const client = createClient();
let storage: Storage | null = null;
try {
  storage = window.localStorage;
} catch {
  storage = null;
}
const stores = createStores(storage);
const actions = createActions(client, stores);
connect(client, stores, actions);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppContext.Provider value={{ stores, actions }}>
      <App />
    </AppContext.Provider>
  </StrictMode>,
);
