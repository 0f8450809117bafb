// The start-up requests in order of need: the dashboard alone first when it is the view shown (the server answers a
// burst in arrival order, so anything sent beside it delays its cards), the rest once its cards are painted, and the
// editor's catalogue when idle or as soon as the editor is opened, whichever comes first; the editor's chunk right after
// the first paint, the other views' chunks when the page is truly idle.
import type { Actions } from './create-actions.js';
import type { Stores } from './stores.js';
import { preloadViews } from './lazy-views.js';

/** Resolves after the next paint: a frame, then a task, so the paint itself is not delayed by what follows. */
const afterPaint = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/**
 * Resolves once the loaded dashboard has been committed to the page, or the app shows another view. The dashboard's
 * reply can come before React's first render of it (the early request): waiting for the reply alone let the other
 * requests and the editor's chunk go out before the cards' first frame, ~20 ms of work in its way, in half the loads.
 */
const dashboardShown = (stores: Stores): Promise<void> => new Promise((resolve) => {
  const done = (): boolean => stores.dashboard.getState().shown || stores.app.getState().view !== 'projects';
  if (done()) return resolve();
  const offDashboard = stores.dashboard.subscribe(check);
  const offApp = stores.app.subscribe(check);
  function check(): void {
    if (!done()) return;
    offDashboard();
    offApp();
    resolve();
  }
});

/** When the page is idle, but no later than `timeoutMs` (if given); a timer where the browser has no idle callback. */
const whenIdle = (run: () => void, timeoutMs?: number): void => {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, timeoutMs === undefined ? undefined : { timeout: timeoutMs });
  else setTimeout(run, 0);
};

export function startUp(stores: Stores, actions: Actions): () => void {
  let catalogAsked = false;
  const loadCatalogOnce = (): void => {
    if (catalogAsked) return;
    catalogAsked = true;
    void actions.loadCatalog();
  };
  // The editor never waits on idle time: its Run button stays disabled until validation is ready.
  const offView = stores.app.subscribe((state) => {
    if (state.view === 'editor') loadCatalogOnce();
  });
  if (stores.app.getState().view === 'editor') loadCatalogOnce();

  // A failed load has no cards to wait for.
  const first = stores.app.getState().view === 'projects' ? actions.loadDashboard().then(() => (stores.dashboard.getState().loaded ? dashboardShown(stores) : undefined)).then(afterPaint) : Promise.resolve();
  void first.then(() => {
    void actions.loadProjects();
    void actions.findLiveRuns();
    void actions.loadSessions();
    // The editor's chunk at once: a workflow clicked on the first screen then opens without fetching and compiling
    // it. The other views only in true idle time (no deadline): parsing their chunks must not hold up a big canvas
    // that is opening or panning (issue 16).
    preloadViews(['editor']);
    whenIdle(loadCatalogOnce, 1000);
    whenIdle(() => preloadViews(['runs', 'sessions', 'resources']));
  });
  return offView;
}
