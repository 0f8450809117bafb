// A uPlot chart as a React component: created once its box has a width, fed new data with setData (never re-created
// per update), resized with its box, and re-created only when its options change (e.g. the theme flipped).
import { useEffect, useRef, type ReactElement } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Aligned } from './chart-data.js';

export type ChartOptions = Omit<uPlot.Options, 'width' | 'height'>;

interface Props {
  options: ChartOptions;
  data: Aligned;
  height: number;
  /** What the chart shows, for screen readers (the canvas itself says nothing). */
  label: string;
  className?: string;
}

export function UPlotChart({ options, data, height, label, className }: Props): ReactElement {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const latest = useRef(data);
  latest.current = data;

  useEffect(() => {
    const element = box.current;
    if (element === null) return undefined;
    // Created from the observer's first report: the width comes without forcing a layout per chart.
    const observer = new ResizeObserver(([entry]) => {
      const width = Math.floor(entry?.contentRect.width ?? 0);
      if (width <= 0) return;
      if (chart.current === null) chart.current = new uPlot({ ...options, width, height }, latest.current as uPlot.AlignedData, element);
      else if (chart.current.width !== width) chart.current.setSize({ width, height });
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.current?.destroy();
      chart.current = null;
    };
  }, [options, height]);

  useEffect(() => {
    chart.current?.setData(data as uPlot.AlignedData);
  }, [data]);

  return <div ref={box} className={className ?? 'chart'} role="img" aria-label={label} style={{ minHeight: height }} />;
}
