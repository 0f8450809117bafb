// The server's render of the app's first view (renderer/first-view/render-first-view.tsx, built as dist/first-view.cjs
// beside dist/renderer). Loading it (React's server code) and a first render take ~100 ms of the server's one thread:
// done once the server has been idle a moment, never while a page loads, so the first page of a fresh `serve` comes
// with its plain frame as fast as ever, and the pages after it come drawn. Where it is not built, or fails, pages keep
// their plain frame and the app draws the dashboard itself.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ProjectCard } from '../../../shared/dashboard.js';
import { getLogger } from '../../engine/logging/engine-log.js';

const log = getLogger('serve');

type Render = (cards: readonly ProjectCard[]) => string;

/** The server is idle this long (no request) before it loads the renderer. */
const IDLE_MS = 300;

/**
 * A render takes ~0.3 ms a card on this project's 2-core machine, on the server's one thread (its other pages and
 * requests wait): past this many, the page keeps its plain frame and the app draws the cards.
 */
const MAX_CARDS = 200;

export interface FirstViewRenderer {
  /**
   * The app's markup for the page's frame with these cards, or null: not loaded yet, too many cards, not built, or it
   * failed (said once in the log). `key` is the cards as JSON (the page carries them so anyway): the same key as the
   * last render's gets the same markup, not rendered again.
   */
  render(cards: readonly ProjectCard[], key?: string): string | null;
  /** The server is busy (a request came): the renderer loads once it has been idle IDLE_MS, if it has not yet. */
  busy(): void;
  /** Stops waiting to load it (the server closes). */
  close(): void;
}

export function firstViewRenderer(rendererDir: string): FirstViewRenderer {
  const script = join(rendererDir, '..', 'first-view.cjs');
  let loaded: Render | null | undefined;
  let failed = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  /**
   * The last page's markup, by its cards' JSON. Pages mostly come with the cards the one before had (nothing has run
   * since), and the render (~14 ms for 50 cards on this project's 2-core machine) holds the server's one thread while
   * the page's styles and scripts wait to be sent: the markup depends on nothing but the cards.
   */
  let last: { key: string; html: string } | null = null;
  const render = (cards: readonly ProjectCard[]): string | null => {
    if (!loaded || failed) return null;
    try {
      return loaded(cards);
    } catch (error) {
      log.warning({ err: error }, 'the first view could not be rendered on the server: pages draw their dashboard once the app has started');
      failed = true;
      return null;
    }
  };
  const load = (): void => {
    timer = null;
    loaded = null;
    if (!existsSync(script)) return;
    try {
      const module = createRequire(import.meta.url)(script) as { renderFirstView?: unknown };
      if (typeof module.renderFirstView === 'function') loaded = module.renderFirstView as Render;
    } catch (error) {
      log.warning({ err: error }, `the first view's renderer ${script} could not be loaded: pages draw their dashboard once the app has started`);
    }
    // A first render compiles React's server code: done now, not for the next page.
    render([]);
  };
  const api: FirstViewRenderer = {
    render(cards, key) {
      if (cards.length > MAX_CARDS) return null;
      if (key !== undefined && last?.key === key) return last.html;
      const html = render(cards);
      last = html === null || key === undefined ? null : { key, html };
      return html;
    },
    busy() {
      if (loaded !== undefined) return;
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(load, IDLE_MS);
      timer.unref();
    },
    close() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
  api.busy();
  return api;
}
