// A card's last 30 days as a small chart: runs per day by status as bars, the median duration as a line — drawn on a
// plain canvas with every other card's in one pass (sparkline.ts, canvas-painter.ts), not a chart library instance each.
// In the server's first view, the same shapes as SVG: in the page's first paint, before any script has run.
import { memo, useContext, useLayoutEffect, useMemo, useRef, type ReactElement } from 'react';
import type { DailyRuns } from '../../shared/dashboard.js';
import { forgetCanvas, paintCanvas } from '../ui/charts/canvas-painter.js';
import { stackedDaily, type Aligned } from '../ui/charts/chart-data.js';
import { SPARKLINE_CSS_COLOURS } from '../ui/charts/chart-colours.js';
import { useChartTheme } from '../ui/charts/chart-theme.js';
import { barColours, drawSparkline, SPARKLINE_LINE_WIDTH, sparklinePaths } from '../ui/charts/sparkline.js';
import { StaticCharts } from '../ui/charts/static-charts.js';

export const ProjectSparkline = memo(function ProjectSparkline({ daily, label }: { daily: readonly DailyRuns[]; label: string }): ReactElement {
  const data = useMemo(() => stackedDaily(daily), [daily]);
  const chart = useContext(StaticCharts) ? <SparklineSvg data={data} /> : <SparklineCanvas data={data} />;
  return <div className="sparkline" role="img" aria-label={label}>{chart}</div>;
});

function SparklineCanvas({ data }: { data: Aligned }): ReactElement {
  const theme = useChartTheme();
  const canvas = useRef<HTMLCanvasElement>(null);
  useLayoutEffect(() => {
    const element = canvas.current!;
    return () => forgetCanvas(element);
  }, []);
  // In the commit, not after the frame: the chart is drawn in the first frame that shows its card.
  useLayoutEffect(() => {
    paintCanvas(canvas.current!, (context, width, height, ratio) => drawSparkline(context, width, height, ratio, data, theme));
  }, [data, theme]);
  return <canvas ref={canvas} className="sparkline__canvas" />;
}

/** The view box: about a card's chart width, and its height (the sparkline's 44 px less its border). */
const VIEW_WIDTH = 250;
const VIEW_HEIGHT = 43;
const BAR_COLOURS = barColours(SPARKLINE_CSS_COLOURS);

/**
 * The static chart, stretched to the sparkline's box. Its colours are the theme's variables the canvas reads
 * (chart-colours.ts), so it follows the page's light or dark theme with no script; the line keeps its width however
 * the box stretches it.
 */
function SparklineSvg({ data }: { data: Aligned }): ReactElement {
  const paths = sparklinePaths(data, VIEW_WIDTH, VIEW_HEIGHT);
  return (
    <svg className="sparkline__svg" viewBox={`0 0 ${VIEW_WIDTH} ${VIEW_HEIGHT}`} preserveAspectRatio="none" aria-hidden="true">
      {paths?.bars.map((bars, index) => bars !== '' && <path key={index} d={bars} stroke={BAR_COLOURS[index]} strokeWidth={paths.barWidth} />)}
      {paths !== null && paths.line !== '' && <path d={paths.line} fill="none" stroke={SPARKLINE_CSS_COLOURS.accent} strokeWidth={SPARKLINE_LINE_WIDTH} strokeLinejoin="round" vectorEffect="non-scaling-stroke" />}
    </svg>
  );
}
