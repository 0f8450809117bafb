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

describe("the server's render of the first view", () => {
  it('renders with the built script, up to 200 cards; more keep the plain frame (the server has one thread)', () => {
    const renderer = firstViewRenderer(distWith('exports.renderFirstView = (cards) => `<div class="app">${cards.length} cards</div>`;'));
    expect(renderer.render(cards(3))).toBe('<div class="app">3 cards</div>');
    expect(renderer.render(cards(200))).toBe('<div class="app">200 cards</div>');
    expect(renderer.render(cards(201))).toBeNull();
  });

  it('keeps the plain frame where the script is not built, cannot load, or throws, and goes on rendering none', () => {
    expect(firstViewRenderer(distWith(null)).render(cards(1))).toBeNull();
    expect(firstViewRenderer(distWith('this is not JavaScript')).render(cards(1))).toBeNull();
    const failing = firstViewRenderer(distWith('exports.renderFirstView = () => { throw new Error("broken"); };'));
    expect(failing.render(cards(1))).toBeNull();
    expect(failing.render(cards(1))).toBeNull();
  });
});
