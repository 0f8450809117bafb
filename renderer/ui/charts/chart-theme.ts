// Chart colours from the theme's CSS variables, re-read when the light/dark preference flips (canvas pixels do not
// follow CSS by themselves, so charts are redrawn with the new colours).
import { useSyncExternalStore } from 'react';
import { readChartTheme, type ChartTheme } from './chart-colours.js';

export type { ChartTheme } from './chart-colours.js';

const DARK = '(prefers-color-scheme: dark)';

let current: ChartTheme | null = null;

function subscribe(onChange: () => void): () => void {
  const query = window.matchMedia(DARK);
  const listener = (): void => {
    current = readChartTheme();
    onChange();
  };
  query.addEventListener('change', listener);
  return () => query.removeEventListener('change', listener);
}

const snapshot = (): ChartTheme => (current ??= readChartTheme());

/**
 * The same object until the theme changes: charts re-create only then. Browser only: the server's first view draws its
 * charts as SVG with the theme's variables (ProjectSparkline), and a canvas chart rendered there fails its render.
 */
export const useChartTheme = (): ChartTheme => useSyncExternalStore(subscribe, snapshot);
