// The server's render of the app's first view (renderer/first-view/render-first-view.tsx, built as dist/first-view.cjs
// beside dist/renderer): loaded once, when the server is up and idle, so that no page waits for React's server code.
// Where it is not built, or fails, the page keeps its plain frame and the app draws the dashboard itself, as before.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ProjectCard } from '../../../shared/dashboard.js';
import { getLogger } from '../../engine/logging/engine-log.js';

const log = getLogger('serve');

type Render = (cards: readonly ProjectCard[]) => string;

/**
 * A render takes ~0.3 ms a card on this project's 2-core machine, on the server's one thread (its other pages and
 * requests wait): past this many, the page keeps its plain frame and the app draws the cards.
 */
const MAX_CARDS = 200;

export interface FirstViewRenderer {
  /** The app's markup for the page's frame with these cards, or null (too many, not built, or it failed: said once in the log). */
  render(cards: readonly ProjectCard[]): string | null;
  /** Loads the renderer after the current task, ahead of the first page. */
  warm(): void;
}

export function firstViewRenderer(rendererDir: string): FirstViewRenderer {
  const script = join(rendererDir, '..', 'first-view.cjs');
  let loaded: Render | null | undefined;
  let failed = false;
  const load = (): Render | null => {
    if (loaded !== undefined) return loaded;
    loaded = null;
    if (!existsSync(script)) return loaded;
    try {
      const module = createRequire(import.meta.url)(script) as { renderFirstView?: unknown };
      if (typeof module.renderFirstView === 'function') loaded = module.renderFirstView as Render;
    } catch (error) {
      log.warning({ err: error }, `the first view's renderer ${script} could not be loaded: pages draw their dashboard once the app has started`);
    }
    return loaded;
  };
  return {
    render(cards) {
      if (cards.length > MAX_CARDS) return null;
      const render = load();
      if (render === null) return null;
      try {
        return render(cards);
      } catch (error) {
        if (!failed) log.warning({ err: error }, 'the first view could not be rendered on the server: pages draw their dashboard once the app has started');
        failed = true;
        return null;
      }
    },
    warm() {
      setImmediate(load);
    },
  };
}
