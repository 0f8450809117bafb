import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_READ_BYTES, readEngineLog } from '../../../../electron/engine/logging/engine-log-reader.js';
import { tempDir } from '../../../helpers.js';

const line = (msg: string, level = 'info', extra: Record<string, unknown> = {}): string =>
  `${JSON.stringify({ level, time: 1_764_583_200_000, pid: 7, workflow: 'ci', executionId: 'e1', step: 's', msg, ...extra })}\n`;

describe('reading the engine log back', () => {
  it('has nothing (and no cursor) before anything was logged', () => {
    const dir = tempDir();
    expect(readEngineLog(dir)).toEqual({ records: [], cursor: null, damaged: 0, path: join(dir, 'codomyrmex.log') });
  });

  it('gives the last records with their workflow, run and step, other fields apart, and skips damaged lines', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'codomyrmex.1.log'), `${line('run started')}not json\n{"level":"loud","time":"t","msg":"x"}\n${line('step finished', 'info', { status: 'succeeded', durationMs: 5 })}`);
    const page = readEngineLog(dir);
    expect(page.damaged).toBe(2);
    expect(page.records.map((record) => record.msg)).toEqual(['run started', 'step finished']);
    expect(page.records[1]).toEqual({ time: 1_764_583_200_000, level: 'info', msg: 'step finished', pid: 7, workflow: 'ci', executionId: 'e1', step: 's', fields: { status: 'succeeded', durationMs: 5 } });
  });

  it('gives a run\'s project apart from its other fields, and none for a run outside every project', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'codomyrmex.1.log'), `${line('run started', 'info', { project: 'shop' })}${line('run started')}`);
    const [inProject, outside] = readEngineLog(dir).records;
    expect(inProject).toMatchObject({ project: 'shop', workflow: 'ci', fields: {} });
    expect(outside).not.toHaveProperty('project');
  });

  it('follows what another process appends after the cursor, leaving a half-written line for the next read', () => {
    const dir = tempDir();
    const file = join(dir, 'codomyrmex.1.log');
    writeFileSync(file, line('one'));
    const first = readEngineLog(dir);
    appendFileSync(file, `${line('two')}${line('three').slice(0, 20)}`);
    const second = readEngineLog(dir, { cursor: first.cursor });
    expect(second.records.map((record) => record.msg)).toEqual(['two']);
    appendFileSync(file, line('three').slice(20));
    const third = readEngineLog(dir, { cursor: second.cursor });
    expect(third.records.map((record) => record.msg)).toEqual(['three']);
    expect(third.damaged).toBe(0);
  });

  it('goes on into the file rotated in after the cursor’s, and starts over when its file was removed', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'codomyrmex.1.log'), line('old'));
    const first = readEngineLog(dir);
    appendFileSync(join(dir, 'codomyrmex.1.log'), line('last of 1'));
    writeFileSync(join(dir, 'codomyrmex.2.log'), line('first of 2'));
    const next = readEngineLog(dir, { cursor: first.cursor });
    expect(next.records.map((record) => record.msg)).toEqual(['last of 1', 'first of 2']);
    expect(next.cursor).toEqual({ file: join(dir, 'codomyrmex.2.log'), offset: line('first of 2').length });
    const gone = readEngineLog(dir, { cursor: { file: join(dir, 'codomyrmex.0.log'), offset: 3 } });
    expect(gone.records.map((record) => record.msg)).toEqual(['old', 'last of 1', 'first of 2']);
  });

  it('never reads a file the cursor names outside the log', () => {
    const dir = tempDir();
    const elsewhere = join(tempDir(), 'secret.log');
    writeFileSync(elsewhere, line('not ours'));
    writeFileSync(join(dir, 'codomyrmex.1.log'), line('ours'));
    expect(readEngineLog(dir, { cursor: { file: elsewhere, offset: 0 } }).records.map((record) => record.msg)).toEqual(['ours']);
  });

  it('reads a bounded tail of a big log, cutting no record in half, and returns at most `limit` records', () => {
    const dir = tempDir();
    const many = Array.from({ length: 12_000 }, (_, i) => line(`record ${i}`, 'info', { pad: 'x'.repeat(80) })).join('');
    expect(many.length).toBeGreaterThan(MAX_READ_BYTES);
    writeFileSync(join(dir, 'codomyrmex.1.log'), many);
    const page = readEngineLog(dir, { limit: 100 });
    expect(page.damaged).toBe(0);
    expect(page.records).toHaveLength(100);
    expect(page.records.at(-1)!.msg).toBe('record 11999');
  });
});
