// One record of the engine's log: its time, level, message, project › workflow › step and the rest of its fields.
import { memo, type ReactElement } from 'react';
import type { EngineLogRecord } from '../../shared/engine-log.js';
import { recordWhere } from './engine-log-store.js';

function Row({ record, top }: { record: EngineLogRecord; top: number }): ReactElement {
  const where = recordWhere(record);
  const fields = Object.entries(record.fields).map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`).join('  ');
  return (
    <div className="engine-log__row" data-level={record.level} style={{ transform: `translateY(${top}px)` }} title={`${new Date(record.time).toISOString()}${record.executionId ? ` · run ${record.executionId}` : ''}${record.pid !== null ? ` · pid ${record.pid}` : ''}`}>
      <time className="engine-log__time" dateTime={new Date(record.time).toISOString()}>{new Date(record.time).toTimeString().slice(0, 8)}</time>
      <span className="engine-log__badge">{record.level}</span>
      <span className="engine-log__msg">{record.msg}</span>
      {where !== '' && <span className="engine-log__where">{where}</span>}
      {fields !== '' && <span className="muted engine-log__fields">{fields}</span>}
    </div>
  );
}

export const EngineLogRow = memo(Row);
