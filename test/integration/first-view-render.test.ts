import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProjectCard } from '../../shared/dashboard.js';
import { firstViewRenderer } from '../../electron/doors/serve/first-view-render.js';
import { tempDir } from '../helpers.js';

/** A dist/ folder whose first-view.cjs renders how many cards it was given. */
function distWith(script: string | null): string {
  const dist = tempDir('codomyrmex-first-view-');
  mkdirSync(join(dist, 'renderer'));
  if (script !== null) writeFileSync(join(dist, 'first-view.cjs'), script);
  return join(dist, 'renderer');
}

const cards = (count: number): ProjectCard[] => Array.from({ length: count }, () => ({}) as ProjectCard);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe("the server's render of the first view", () => {
  it('loads the script once the server has been idle a moment; renders up to 200 cards, more keep the plain frame', async () => {
    const renderer = firstViewRenderer(distWith('exports.renderFirstView = (cards) => `<div class="app">${cards.length} cards</div>`;'));
    // Requests keep coming: not loaded yet, so a page gets its plain frame at once.
    for (let request = 0; request < 4; request++) {
      renderer.busy();
      expect(renderer.render(cards(3))).toBeNull();
      await sleep(100);
    }
    await sleep(400);
    expect(renderer.render(cards(3))).toBe('<div class="app">3 cards</div>');
    expect(renderer.render(cards(200))).toBe('<div class="app">200 cards</div>');
    expect(renderer.render(cards(201))).toBeNull();
  });

  it("renders a page's cards again only when they differ from the last page's", async () => {
    // Counts its renders: the server's own first (warming React's server code up) is the first.
    const renderer = firstViewRenderer(distWith('let n = 0; exports.renderFirstView = (cards) => `<div class="app">${cards.length} cards, render ${++n}</div>`;'));
    await sleep(500);
    expect(renderer.render(cards(3), '[3]')).toBe('<div class="app">3 cards, render 2</div>');
    // Nothing ran since the last page: the same cards, the same markup, no render.
    expect(renderer.render(cards(3), '[3]')).toBe('<div class="app">3 cards, render 2</div>');
    expect(renderer.render(cards(4), '[4]')).toBe('<div class="app">4 cards, render 3</div>');
    expect(renderer.render(cards(3), '[3]')).toBe('<div class="app">3 cards, render 4</div>');
    // Without a key, nothing is kept.
    expect(renderer.render(cards(3))).toBe('<div class="app">3 cards, render 5</div>');
    expect(renderer.render(cards(3), '[3]')).toBe('<div class="app">3 cards, render 6</div>');
  });

  it('keeps the plain frame where the script is not built, cannot load, or throws', async () => {
    const renderers = [null, 'this is not JavaScript', 'exports.renderFirstView = () => { throw new Error("broken"); };'].map((script) => firstViewRenderer(distWith(script)));
    await sleep(500);
    for (const renderer of renderers) expect(renderer.render(cards(1))).toBeNull();
  });
});
