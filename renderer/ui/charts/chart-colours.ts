// Chart colours from the theme's CSS variables. No React: the page's start-up (main.tsx) draws the server's first view
// with them before the app's code has loaded; chart-theme.ts follows them as they change.

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

/** The theme's colours, as the page's styles set them (none: each colour's fallback, the light theme's). */
export function readChartTheme(style: Pick<CSSStyleDeclaration, 'getPropertyValue'> | null = getComputedStyle(document.documentElement)): ChartTheme {
  const v = (name: string, fallback: string): string => style?.getPropertyValue(name).trim() || fallback;
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
