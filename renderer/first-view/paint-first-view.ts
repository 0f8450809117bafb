// The charts of the server's first view (render-first-view.tsx), drawn by the page's first script (main.tsx) before
// the app's code has loaded: each card's sparkline on screen, from the cards the page carries, as ProjectSparkline
// draws it. Canvases cannot be drawn on the server; without this, the first view's cards would show empty charts until
// the app's first render.
import type { ProjectCard } from '../../shared/dashboard.js';
import { paintCanvas } from '../ui/charts/canvas-painter.js';
import { readChartTheme } from '../ui/charts/chart-colours.js';
import { projectDaily, stackedDaily } from '../ui/charts/chart-data.js';
import { drawSparkline } from '../ui/charts/sparkline.js';

/** Draws them; false where the page has no server's first view of these cards (its plain frame: nothing to draw). */
export function paintFirstView(cards: readonly ProjectCard[]): boolean {
  const canvases = document.querySelectorAll<HTMLCanvasElement>('#root > .app[inert] .project-card .sparkline__canvas');
  if (canvases.length === 0 || canvases.length !== cards.length) return false;
  const colours = readChartTheme();
  // Drawn as the app draws its own (canvas-painter.ts): those laid out at once, the others as they are, each again if
  // its size changes (the page's styles may come after this script), until the app's first render replaces them.
  canvases.forEach((canvas, index) => {
    const data = stackedDaily(projectDaily(cards[index]!));
    paintCanvas(canvas, (context, width, height, ratio) => drawSparkline(context, width, height, ratio, data, colours));
  });
  return true;
}

/**
 * Resolves once the browser has had a frame to show the first view (or after `ms`, where it draws none: a page in a
 * background tab). The app's start (its module's evaluation and first render, a few hundred ms of main thread) waits
 * for it: started at once, it can take the main thread before any frame has shown what was drawn.
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
