// A card's last 30 days as a small chart: runs per day by status as bars, the median duration as a line — drawn on a
// plain canvas with every other card's in one pass (sparkline.ts, canvas-painter.ts), not a chart library instance each.
import { memo, useLayoutEffect, useMemo, useRef, type ReactElement } from 'react';
import type { DailyRuns } from '../../shared/dashboard.js';
import { forgetCanvas, paintCanvas } from '../ui/charts/canvas-painter.js';
import { stackedDaily } from '../ui/charts/chart-data.js';
import { useChartTheme } from '../ui/charts/chart-theme.js';
import { drawSparkline } from '../ui/charts/sparkline.js';

export const ProjectSparkline = memo(function ProjectSparkline({ daily, label }: { daily: readonly DailyRuns[]; label: string }): ReactElement {
  const theme = useChartTheme();
  const canvas = useRef<HTMLCanvasElement>(null);
  const data = useMemo(() => stackedDaily(daily), [daily]);
  useLayoutEffect(() => {
    const element = canvas.current!;
    return () => forgetCanvas(element);
  }, []);
  // In the commit, not after the frame: the chart is drawn in the first frame that shows its card.
  useLayoutEffect(() => {
    paintCanvas(canvas.current!, (context, width, height, ratio) => drawSparkline(context, width, height, ratio, data, theme));
  }, [data, theme]);
  return <div className="sparkline" role="img" aria-label={label}><canvas ref={canvas} className="sparkline__canvas" /></div>;
});
