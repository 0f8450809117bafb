// The run as a Gantt chart: one row per step, a bar from its start to its end (growing while it runs), coloured by
// status, with the host of the worker that ran it beside the bar; a queued step has no bar yet, only why it waits
// ("queued: no worker in pool gpu"); a step restored from the cache has a hatched bar (a marker without times) marked
// "cached"; a step a re-run kept from an earlier run has no bar, only a note naming that run. Retries show as a striped bar with its attempt count: the engine records one start and end per step, and
// the log's "--- attempt N ---" markers carry no times, so attempt boundaries cannot be placed honestly.
import { memo, useMemo, type CSSProperties, type ReactElement } from 'react';
import type { WorkerRef } from '../../shared/model.js';
import { formatDuration } from '../app/format-time.js';
import { useActions, useRunStore, useRunViewStore } from '../app/hooks.js';
import { useNow } from '../app/use-now.js';
import { notePlace, timelineBars, timelineSpan, timelineTicks, type NotePlace, type TimelineBar } from './timeline-geometry.js';
import { waitingText, workerLabel } from './worker-words.js';
import { isRunActive, selectShownRun } from './run-selectors.js';

const percent = (fraction: number): string => `${(fraction * 100).toFixed(3)}%`;

/** The worker's host beside its bar (or inside a bar that fills the track). */
function WorkerNote({ bar, worker }: { bar: TimelineBar; worker: WorkerRef }): ReactElement {
  const place = notePlace(bar);
  return <span className="timeline__note" data-side={place.side} data-worker={worker.id} title={workerLabel(worker)} style={noteStyle(place)}>{worker.host}</span>;
}

/** A note's place beside (or inside) its bar as CSS. */
function noteStyle(place: NotePlace): CSSProperties {
  return place.side === 'before' ? { right: `calc(${percent(1 - place.at)} + 6px)` } : { left: `calc(${percent(place.at)} + 6px)` };
}

/** A step restored from the cache: a hatched bar over the restore's time (a marker where it has none), "cached" beside it. */
function CachedMark({ bar }: { bar: TimelineBar }): ReactElement {
  const place = notePlace(bar);
  return (
    <>
      <span className="timeline__bar timeline__bar--cached" data-status="cached" data-marker={bar.startTime === null || undefined} style={{ left: percent(bar.left), width: percent(bar.width) }} />
      <span className="timeline__note timeline__note--cached" data-side={place.side} style={noteStyle(place)}>cached</span>
    </>
  );
}

/** What a row's label tells a screen reader: status, duration, attempts, and where it ran. */
function rowLabel(bar: TimelineBar, now: number): string {
  if (bar.notSelected) return `${bar.step}: not selected`;
  if (bar.reused !== undefined) return `${bar.step}: reused from run ${bar.reused.slice(0, 8)}`;
  if (bar.cached === true && bar.startTime === null) return `${bar.step}: cached, restored from cache`;
  const attempts = bar.attempts > 1 ? `, ${bar.attempts} attempts` : '';
  const worker = bar.worker !== undefined ? `, on ${workerLabel(bar.worker)}` : '';
  return `${bar.step}: ${bar.status}, ${formatDuration(bar.startTime === null ? null : (bar.endTime ?? now) - bar.startTime)}${attempts}${worker}`;
}

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
            <button type="button" className="timeline__label" onClick={() => selectRunStep(bar.step)} aria-label={rowLabel(bar, now)}>{bar.step}</button>
            <div className="timeline__track">
              {bar.notSelected && <span className="timeline__reused muted" data-status="not-selected">not selected</span>}
              {bar.reused !== undefined && <span className="timeline__reused muted">reused from run {bar.reused.slice(0, 8)}</span>}
              {bar.startTime === null && waitingText(steps.get(bar.step)) !== null && <span className="timeline__note" data-waiting>{waitingText(steps.get(bar.step))}</span>}
              {bar.cached === true && <CachedMark bar={bar} />}
              {bar.startTime !== null && bar.cached !== true && (
                <span className="timeline__bar" data-status={bar.status} data-retried={bar.attempts > 1 || undefined} style={{ left: percent(bar.left), width: percent(bar.width) }}>
                  {bar.attempts > 1 && <span className="timeline__attempts">×{bar.attempts}</span>}
                </span>
              )}
              {bar.startTime !== null && bar.cached !== true && bar.worker !== undefined && <WorkerNote bar={bar} worker={bar.worker} />}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
});
