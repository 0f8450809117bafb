// Start-up: pick the door and ask for the dashboard at once (the first view; the engine answers while the browser
// fetches and compiles the app), then load the app itself — its chunk holds React, the views' code and the styles.
// The theme and the frame's styles are the page's own stylesheet (linked in its head, a few kB): the frame index.html
// draws before any script has run looks as the app's does, and the app's first render changes nothing of it.
import './styles/theme.css';
import './styles/app.css';
// The dashboard's too: browser mode's page comes with it drawn (the server's render of the first view), styled from the
// first paint, before the app's own styles have loaded.
import './styles/dashboard.css';
import { FIRST_VIEW_ID, type ProjectCard } from '../shared/dashboard.js';
import { createClient } from './api/create-client.js';
import { startEarly } from './api/start-early.js';
import { afterNextFrame } from './first-view/first-frame.js';

/**
 * The page's localStorage (null where refused), opened while the app's code loads: its first use waits on the browser
 * process to load it (a synchronous round trip, 2–65 ms measured on a loaded machine), which the app's start would
 * otherwise spend between the dashboard's reply and its first frame. Any read loads the whole of it.
 */
function openStorage(): Storage | null {
  try {
    const storage = window.localStorage;
    void storage.length;
    return storage;
  } catch {
    return null;
  }
}

/** Browser mode's page ends with the dashboard's cards, read as it was served (first-view-prefetch.ts); else none. */
function cardsInPage(): ProjectCard[] | undefined {
  const element = document.getElementById(FIRST_VIEW_ID);
  element?.remove();
  try {
    const cards: unknown = element === null ? undefined : JSON.parse(element.textContent ?? '');
    return Array.isArray(cards) ? (cards as ProjectCard[]) : undefined;
  } catch {
    return undefined;
  }
}

/** Where the app's code failed to load: the page says so where the frame says it is loading. */
function showLoadFailure(error: unknown, firstView: boolean): void {
  const message = document.createElement('p');
  message.className = 'empty load-failure';
  message.setAttribute('role', 'alert');
  message.textContent = `The app could not be loaded (${error instanceof Error ? error.message : String(error)}). Reload the page to try again.`;
  // The server's first view goes whole (its controls would never work, and a reader does not see it): the message takes
  // its place. The plain frame keeps its navigation.
  const root = document.getElementById('root');
  const place = firstView ? root : (document.querySelector('#root .main .view') ?? root);
  place?.replaceChildren(message);
}

/**
 * The app's start: the cards the page came with, the dashboard's request, the app's code and the page's storage, in
 * that order (the storage's first use blocks on the browser while the code loads). The request still goes out with
 * cards in the page: its reply (the same read, unless something changed since) is what the dashboard keeps, and the
 * events that follow it are the ones the app hears.
 */
function start(firstView: boolean): void {
  let cards = cardsInPage();
  const client = startEarly(createClient(), 'projects.dashboard', {}, (reply) => (cards ??= reply));
  const app = import('./app/start-app.js');
  const storage = openStorage();
  app.then(({ startApp }) => startApp(client, storage, cards), (error: unknown) => showLoadFailure(error, firstView));
}

// The server's render of the app came with the page: all of the start waits until a frame has shown it. Run as soon as
// the page is parsed, its work (reading the page's 250 kB of cards, opening the socket, the storage's first round
// trip: 2–65 ms here) could come before that frame, as the browser's scheduler picks.
if (document.querySelector('#root > .app[inert]') !== null) void afterNextFrame().then(() => start(true));
else start(false);
