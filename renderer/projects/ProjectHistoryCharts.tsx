// A project's history as two charts: runs per day by status (stacked bars, median line) and each run's duration per
// workflow over time.
import { memo, useMemo, type ReactElement } from 'react';
import type { ProjectHistory } from '../../shared/dashboard.js';
import { UPlotChart } from '../ui/charts/UPlotChart.js';
import { durationSeries, stackedDaily } from '../ui/charts/chart-data.js';
import { dailyStatusOptions, durationOptions } from '../ui/charts/chart-options.js';
import { useChartTheme } from '../ui/charts/chart-theme.js';

export const ProjectHistoryCharts = memo(function ProjectHistoryCharts({ history }: { history: ProjectHistory }): ReactElement {
  const theme = useChartTheme();
  const daily = useMemo(() => stackedDaily(history.daily), [history.daily]);
  const durations = useMemo(() => durationSeries(history.durations), [history.durations]);
  const dailyOptions = useMemo(() => dailyStatusOptions(theme), [theme]);
  // Keyed on the names, not the array: a refresh with the same workflows updates the chart in place.
  const namesKey = durations.names.join('\n');
  const durationOpts = useMemo(() => durationOptions(theme, namesKey === '' ? [] : namesKey.split('\n')), [theme, namesKey]);
  return (
    <div className="history-charts">
      <figure className="chart-panel">
        <figcaption>Runs per day by status</figcaption>
        <UPlotChart options={dailyOptions} data={daily} height={180} label="Runs per day by status: completed, failed and other, with the median duration" />
      </figure>
      <figure className="chart-panel">
        <figcaption>Duration per workflow</figcaption>
        {durations.names.length === 0
          ? <p className="muted empty">No finished runs in the window.</p>
          : <UPlotChart options={durationOpts} data={durations.data} height={180} label={`Duration of each run over time, one series per workflow: ${durations.names.join(', ')}`} />}
      </figure>
    </div>
  );
});
