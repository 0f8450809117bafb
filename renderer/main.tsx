// Start-up: pick the door and ask for the dashboard at once (the first view; the engine answers while the browser
// fetches and compiles the app), then load the app itself — its chunk holds React, the views' code and the styles.
import type { ProjectCard } from '../shared/dashboard.js';
import { createClient } from './api/create-client.js';
import { startEarly } from './api/start-early.js';

let cards: ProjectCard[] | undefined;
const client = startEarly(createClient(), 'projects.dashboard', {}, (reply) => (cards = reply));
import('./app/start-app.js').then(({ startApp }) => startApp(client, cards), (error: unknown) => {
  // Without its code there is no app to tell the user: say so in the page itself.
  const message = document.createElement('p');
  message.className = 'load-failure';
  message.textContent = `The app could not be loaded (${error instanceof Error ? error.message : String(error)}). Reload the page to try again.`;
  document.getElementById('root')?.append(message);
});
