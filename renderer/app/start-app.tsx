// The app once its code has loaded: the stores and actions over the client main.tsx made, events and the bench hook
// wired, the frame rendered.
// The theme and the frame's styles come with main.tsx, in the page's head: the frame index.html draws uses them.
import '@xyflow/react/dist/style.css';
import '../styles/canvas.css';
import '../styles/runs.css';
import '../styles/subflow.css';
import { StrictMode } from 'react';
import { flushSync } from 'react-dom';
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

  const root = createRoot(document.getElementById('root')!);
  const render = (): void => root.render(
    <StrictMode>
      <AppContext.Provider value={{ stores, actions }}>
        <App />
      </AppContext.Provider>
    </StrictMode>,
  );
  // Browser mode's page may have come with the server's first view (render-first-view.tsx), scrolled meanwhile: the
  // app's first render replaces it at once, in this task, and keeps its place.
  const firstView = document.querySelector<HTMLElement>('#root > .app[inert] .main');
  if (firstView === null || firstView.scrollTop === 0) {
    render();
    return;
  }
  const place = scrollPlace(firstView);
  flushSync(render);
  const main = document.querySelector<HTMLElement>('#root > .app .main');
  if (main !== null) keepPlace(main, place);
}

/** Where a scrolled dashboard is: its first card in view (by its place in the list) and how far it is from the top. */
interface ScrollPlace {
  scrollTop: number;
  card: number;
  offset: number;
}

function scrollPlace(main: HTMLElement): ScrollPlace {
  const top = main.getBoundingClientRect().top;
  const cards = [...main.querySelectorAll('.project-card')];
  const card = cards.findIndex((element) => element.getBoundingClientRect().bottom > top);
  return { scrollTop: main.scrollTop, card, offset: card === -1 ? 0 : cards[card]!.getBoundingClientRect().top - top };
}

/**
 * Scrolls the app's view to the same place: the same card as far from the top (cards not laid out yet have a guessed
 * height, so the same scrollTop alone can show another card), else the same scrollTop. The browser lays the new cards
 * out only once it finds them in view (`content-visibility: auto`): until then the list is shorter, and the scroll may
 * be cut short. So again once that card has its size: an observer reports it after the frame's layout, before its
 * paint, so the first frame shows the place kept.
 */
function keepPlace(main: HTMLElement, place: ScrollPlace): void {
  const card = place.card === -1 ? undefined : main.querySelectorAll('.project-card')[place.card];
  const scroll = (): void => {
    main.scrollTop = place.scrollTop;
    if (card !== undefined) main.scrollTop += card.getBoundingClientRect().top - main.getBoundingClientRect().top - place.offset;
  };
  scroll();
  if (card === undefined) return;
  const observer = new ResizeObserver(() => {
    observer.disconnect();
    scroll();
  });
  observer.observe(card);
}
