// A card's last 30 days as a small chart: runs per day by status as bars, the median duration as a line.
import { memo, useMemo, type ReactElement } from 'react';
import type { DailyRuns } from '../../shared/dashboard.js';
import { UPlotChart } from '../ui/charts/UPlotChart.js';
import { stackedDaily } from '../ui/charts/chart-data.js';
import { sparklineOptions } from '../ui/charts/chart-options.js';
import { useChartTheme } from '../ui/charts/chart-theme.js';

export const ProjectSparkline = memo(function ProjectSparkline({ daily, label }: { daily: readonly DailyRuns[]; label: string }): ReactElement {
  const theme = useChartTheme();
  const options = useMemo(() => sparklineOptions(theme), [theme]);
  const data = useMemo(() => stackedDaily(daily), [daily]);
  return <UPlotChart className="sparkline" options={options} data={data} height={44} label={label} />;
});
