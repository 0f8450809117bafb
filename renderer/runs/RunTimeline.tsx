// The run as a Gantt chart: one row per step, a bar from its start to its end (growing while it runs), coloured by
// status; a step a re-run kept from an earlier run has no bar, only a note naming that run. Retries show as a striped bar with its attempt count: the engine records one start and end per step, and
// the log's "--- attempt N ---" markers carry no times, so attempt boundaries cannot be placed honestly.
import { memo, useMemo, type ReactElement } from 'react';
import { formatDuration } from '../app/format-time.js';
import { useActions, useRunStore, useRunViewStore } from '../app/hooks.js';
import { useNow } from '../app/use-now.js';
import { timelineBars, timelineSpan, timelineTicks } from './timeline-geometry.js';
import { isRunActive, selectShownRun } from './run-selectors.js';

const percent = (fraction: number): string => `${(fraction * 100).toFixed(3)}%`;

export const RunTimeline = memo(function RunTimeline({ order }: { order: readonly string[] }): ReactElement | null {
  const record = useRunStore(selectShownRun);
  const selected = useRunViewStore((state) => state.selectedStep);
  const now = useNow(isRunActive(record));
  const { selectRunStep } = useActions();
  const summary = record?.summary;
  const steps = record?.steps;
  const names = useMemo(() => (order.length > 0 ? order : [...(steps?.keys() ?? [])]), [order, steps]);
  if (summary == null || steps === undefined) return null;
  const span = timelineSpan(summary.startTime, summary.endTime, steps.values(), now);
  const bars = timelineBars(names, steps, span, now);
  return (
    <section className="timeline" aria-label="Timeline">
      <div className="timeline__axis" aria-hidden="true">
        {timelineTicks(span).map((tick) => <span key={tick.at} className="timeline__tick" style={{ left: percent(tick.left) }}>{tick.label}</span>)}
      </div>
      <ol className="timeline__rows">
        {bars.map((bar) => (
          <li key={bar.step} className="timeline__row" data-selected={bar.step === selected || undefined}>
            <button type="button" className="timeline__label" onClick={() => selectRunStep(bar.step)} aria-label={bar.reused !== undefined ? `${bar.step}: reused from run ${bar.reused.slice(0, 8)}` : `${bar.step}: ${bar.status}, ${formatDuration(bar.startTime === null ? null : (bar.endTime ?? now) - bar.startTime)}${bar.attempts > 1 ? `, ${bar.attempts} attempts` : ''}`}>{bar.step}</button>
            <div className="timeline__track">
              {bar.reused !== undefined && <span className="timeline__reused muted">reused from run {bar.reused.slice(0, 8)}</span>}
              {bar.startTime !== null && (
                <span className="timeline__bar" data-status={bar.status} data-retried={bar.attempts > 1 || undefined} style={{ left: percent(bar.left), width: percent(bar.width) }}>
                  {bar.attempts > 1 && <span className="timeline__attempts">×{bar.attempts}</span>}
                </span>
              )}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
});
