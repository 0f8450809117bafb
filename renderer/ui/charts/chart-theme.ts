// Chart colours from the theme's CSS variables, re-read when the light/dark preference flips (canvas pixels do not
// follow CSS by themselves, so charts are redrawn with the new colours).
import { useSyncExternalStore } from 'react';

export interface ChartTheme {
  text: string;
  muted: string;
  grid: string;
  succeeded: string;
  failed: string;
  other: string;
  running: string;
  accent: string;
  warning: string;
  /** Distinct colours for one-series-per-thing charts (cores, workflows). */
  palette: string[];
}

const DARK = '(prefers-color-scheme: dark)';

function readChartTheme(): ChartTheme {
  const style = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  const running = v('--status-running', '#2f7de1');
  const accent = v('--accent', '#4f5bd5');
  const succeeded = v('--status-succeeded', '#1f9d55');
  const warning = v('--status-retrying', '#c7831b');
  const failed = v('--status-failed', '#d93f3f');
  const cancelled = v('--status-cancelled', '#9a6b2f');
  return {
    text: v('--text', '#1c2026'),
    muted: v('--text-muted', '#646b78'),
    grid: v('--border', '#e1e4ea'),
    succeeded,
    failed,
    other: v('--status-pending', '#8a919e'),
    running,
    accent,
    warning,
    palette: [running, succeeded, warning, accent, failed, cancelled, v('--text-muted', '#646b78')],
  };
}

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

/** The same object until the theme changes: charts re-create only then. */
export const useChartTheme = (): ChartTheme => useSyncExternalStore(subscribe, snapshot);
