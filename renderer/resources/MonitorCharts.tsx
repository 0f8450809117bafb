// The machine's live charts — CPU (total and per core), memory and load over the last hour — each with its latest
// figure beside it. Samples arrive once a second; the charts take them with setData, never re-created.
import { memo, useMemo, type ReactElement } from 'react';
import type { SystemSample } from '../../shared/monitor.js';
import { useMonitorStore } from '../app/hooks.js';
import { UPlotChart } from '../ui/charts/UPlotChart.js';
import { systemSeries, type Aligned } from '../ui/charts/chart-data.js';
import { monitorOptions, type LineSpec } from '../ui/charts/chart-options.js';
import { useChartTheme } from '../ui/charts/chart-theme.js';

interface PanelProps {
  title: string;
  figure: string;
  figureName: string;
  lines: readonly LineSpec[];
  unit: string;
  max?: number;
  data: Aligned;
}

const MonitorPanel = memo(function MonitorPanel({ title, figure, figureName, lines, unit, max, data }: PanelProps): ReactElement {
  const theme = useChartTheme();
  // `lines` keeps its identity across samples (memoised by the parent): the chart is updated in place until it changes.
  const options = useMemo(() => monitorOptions(theme, lines, unit, max), [theme, lines, unit, max]);
  return (
    <figure className="chart-panel monitor-panel">
      <figcaption className="monitor-panel__head">
        <span>{title}</span>
        <output className="monitor-panel__figure" data-figure={figureName} aria-label={`${title} now`}>{figure}</output>
      </figcaption>
      <UPlotChart options={options} data={data} height={150} label={`${title} over the last hour`} />
    </figure>
  );
});

const pct = (share: number | undefined): string => (share === undefined ? '—' : `${(share * 100).toFixed(1)} %`);

export function MonitorCharts(): ReactElement {
  const system = useMonitorStore((state) => state.system);
  const theme = useChartTheme();
  const series = useMemo(() => systemSeries(system), [system]);
  const latest: SystemSample | undefined = system[system.length - 1];
  const coreCount = series.cores.length - 1;
  const lines = useMemo(() => ({
    cpu: [{ label: 'CPU', colour: theme.running, fill: true }],
    cores: Array.from({ length: coreCount }, (_, core) => ({ label: `core ${core}`, colour: theme.palette[core % theme.palette.length]! })),
    memory: [{ label: 'Used', colour: theme.accent, fill: true }],
    load: [{ label: '1 min', colour: theme.running }, { label: '5 min', colour: theme.warning }, { label: '15 min', colour: theme.other }],
  }), [theme, coreCount]);
  return (
    <div className="monitor-charts" aria-label="Machine" role="group">
      <MonitorPanel title="CPU" figureName="cpu" figure={pct(latest?.cpu)} lines={lines.cpu} unit="%" max={100} data={series.cpu} />
      <MonitorPanel title="CPU per core" figureName="cores" figure={latest === undefined ? '—' : latest.cores.map((core) => `${Math.round(core * 100)}`).join(' / ') + ' %'} lines={lines.cores} unit="%" max={100} data={series.cores} />
      <MonitorPanel title="Memory" figureName="memory" figure={latest === undefined ? '—' : `${Math.round(latest.memUsedMB).toLocaleString('en')} / ${Math.round(latest.memTotalMB).toLocaleString('en')} MB`} lines={lines.memory} unit="" max={latest?.memTotalMB} data={series.memory} />
      <MonitorPanel title="Load" figureName="load" figure={latest === undefined ? '—' : latest.load.map((value) => value.toFixed(2)).join('  ')} lines={lines.load} unit="" data={series.load} />
    </div>
  );
}
