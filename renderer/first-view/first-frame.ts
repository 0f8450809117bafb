// The page's start-up (main.tsx) with the server's first view in it (render-first-view.tsx: the dashboard, its charts
// included, drawn by the browser as the page arrives): the app's start waits for one frame to show it.

/**
 * Resolves once the browser has had a frame to show the first view (or after `ms`, where it draws none: a page in a
 * background tab). The app's start (its module's evaluation and first render, a few hundred ms of main thread) waits
 * for it: started at once, it can take the main thread before any frame has shown the first view.
 */
export function afterNextFrame(ms = 100): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    requestAnimationFrame(() => setTimeout(() => {
      clearTimeout(timer);
      resolve();
    }, 0));
  });
}
