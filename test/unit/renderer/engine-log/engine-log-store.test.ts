import { describe, expect, it } from 'vitest';
import type { EngineLogPage, EngineLogRecord } from '../../../../shared/engine-log.js';
import { createEngineLogStore, ENGINE_LOG_CAP, filterEngineLog } from '../../../../renderer/engine-log/engine-log-store.js';

const record = (msg: string, level: EngineLogRecord['level'], extra: Partial<EngineLogRecord> = {}): EngineLogRecord => ({ time: 1_764_583_200_000, level, msg, pid: 1, fields: {}, ...extra });
const page = (records: EngineLogRecord[], offset: number, damaged = 0): EngineLogPage => ({ records, cursor: { file: '/h/logs/codomyrmex.1.log', offset }, damaged, path: '/h/logs/codomyrmex.log' });

describe('the engine log view’s records', () => {
  const records = [
    record('run started', 'info', { workflow: 'ci' }),
    record('step command', 'debug', { workflow: 'ci', step: 'build', fields: { command: 'npm run build' } }),
    record('step retrying', 'info', { workflow: 'ci', step: 'test' }),
    record('damaged run record', 'warning'),
    record('step failed', 'error', { workflow: 'ci', step: 'test', fields: { exitCode: 3 } }),
    record('database lost', 'critical'),
  ];

  it('a level filter keeps that level and the ones above it', () => {
    expect(filterEngineLog(records, 'debug', '')).toHaveLength(6);
    expect(filterEngineLog(records, 'info', '').map((r) => r.msg)).toEqual(['run started', 'step retrying', 'damaged run record', 'step failed', 'database lost']);
    expect(filterEngineLog(records, 'warning', '').map((r) => r.level)).toEqual(['warning', 'error', 'critical']);
    expect(filterEngineLog(records, 'critical', '').map((r) => r.msg)).toEqual(['database lost']);
  });

  it('search looks in the message, the workflow › step and the fields, ignoring case', () => {
    expect(filterEngineLog(records, 'debug', 'CI › TEST').map((r) => r.msg)).toEqual(['step retrying', 'step failed']);
    expect(filterEngineLog(records, 'debug', 'exitCode=3').map((r) => r.msg)).toEqual(['step failed']);
    expect(filterEngineLog(records, 'info', 'npm run build')).toEqual([]);
  });

  it('a first page replaces what is held, following pages append, and the oldest go past the cap', () => {
    const store = createEngineLogStore();
    store.getState().receive(page([record('a', 'info')], 10, 1), true);
    store.getState().receive(page([record('b', 'info')], 20, 2), false);
    expect(store.getState().records.map((r) => r.msg)).toEqual(['a', 'b']);
    expect(store.getState()).toMatchObject({ damaged: 3, cursor: { offset: 20 }, loaded: true });
    store.getState().receive(page(Array.from({ length: ENGINE_LOG_CAP }, (_, i) => record(`r${i}`, 'info')), 30), false);
    expect(store.getState().records).toHaveLength(ENGINE_LOG_CAP);
    expect(store.getState().records[0]!.msg).toBe('r0');
    store.getState().receive(page([record('fresh', 'info')], 5), true);
    expect(store.getState().records.map((r) => r.msg)).toEqual(['fresh']);
    expect(store.getState().damaged).toBe(0);
  });
});
