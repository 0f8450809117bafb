// Browser mode's first view, rendered by the server (`codomyrmex serve`) into the app's page: the app's own frame and
// dashboard, from the same components, with the cards the page carries, their charts as SVG. The browser paints it as
// the page arrives, before any script has run; the app's first render replaces it whole. Until then it is inert: seen,
// not used. Built on its own for Node (scripts/build.mjs): React's server renderer and the stores, nothing of the
// browser's.
import { renderToString } from 'react-dom/server';
import type { ProjectCard } from '../../shared/dashboard.js';
import { App } from '../app/App.js';
import type { Actions } from '../app/create-actions.js';
import { AppContext } from '../app/hooks.js';
import { createStores } from '../app/stores.js';
import { StaticCharts } from '../ui/charts/static-charts.js';

/** A render runs no effect and no event handler: an action reached on the server is a bug, said as one. */
const serverActions = new Proxy({} as Actions, {
  get: (_target, name) => () => {
    throw new Error(`the server's render of the first view called the action ${String(name)}`);
  },
});

/**
 * The app's markup for `#root` with these cards on its dashboard, as the app's first render draws them, marked inert:
 * nothing in it works until the app has started. Throws where the view could not be rendered (the page then keeps its
 * plain frame).
 */
export function renderFirstView(cards: readonly ProjectCard[]): string {
  const stores = createStores(null);
  stores.dashboard.getState().setCards(cards);
  // On the server, zustand's hooks read a store's initial state (its server snapshot), not its current one: here they
  // are one, the state set for this render.
  for (const store of Object.values(stores)) store.getInitialState = store.getState;
  const html = renderToString(
    <AppContext.Provider value={{ stores, actions: serverActions }}>
      <StaticCharts.Provider value>
        <App />
      </StaticCharts.Provider>
    </AppContext.Provider>,
  );
  // A view that threw is left, by React, to the client as its Suspense fallback ("Loading…"): that is no first view.
  if (html.includes('<!--$!-->') || !html.startsWith('<div class="app"')) throw new Error('the dashboard could not be rendered on the server');
  // Inert and hidden from assistive technology alike (as the plain frame is): a reader meets the app once it works.
  return `<div class="app" inert="" aria-hidden="true"${html.slice('<div class="app"'.length)}`;
}
