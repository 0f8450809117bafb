// Chart colours from the theme's CSS variables. No React: chart-theme.ts follows them as they change; the server's first
// view (static SVG charts) names the variables themselves.
import type { SparklineColours } from './sparkline.js';

type Variable = readonly [name: string, fallback: string];
const SUCCEEDED: Variable = ['--status-succeeded', '#1f9d55'];
const FAILED: Variable = ['--status-failed', '#d93f3f'];
const OTHER: Variable = ['--status-pending', '#8a919e'];
const ACCENT: Variable = ['--accent', '#4f5bd5'];

const css = ([name, fallback]: Variable): string => `var(${name}, ${fallback})`;
/** A sparkline's colours as CSS values: markup drawn with them follows the page's theme by itself. */
export const SPARKLINE_CSS_COLOURS: SparklineColours = { succeeded: css(SUCCEEDED), failed: css(FAILED), other: css(OTHER), accent: css(ACCENT) };

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

/** The theme's colours, as the page's styles set them (each colour's fallback, the light theme's, where unset). */
export function readChartTheme(): ChartTheme {
  const style = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  const running = v('--status-running', '#2f7de1');
  const accent = v(...ACCENT);
  const succeeded = v(...SUCCEEDED);
  const warning = v('--status-retrying', '#c7831b');
  const failed = v(...FAILED);
  const cancelled = v('--status-cancelled', '#9a6b2f');
  return {
    text: v('--text', '#1c2026'),
    muted: v('--text-muted', '#646b78'),
    grid: v('--border', '#e1e4ea'),
    succeeded,
    failed,
    other: v(...OTHER),
    running,
    accent,
    warning,
    palette: [running, succeeded, warning, accent, failed, cancelled, v('--text-muted', '#646b78')],
  };
}
