// A capped log keeps the step's last line even when the step writes it while the cut reads its newest bytes: the
// cut looks again before it truncates. The step's write is made to land inside that read (fs.readSync wrapped).
import type * as Fs from 'node:fs';
import { fstatSync, mkdtempSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LogCap, readAt } from '../../../../electron/engine/store/log-cap.js';

/** Runs `during` once, inside the next read of the file: as a step writing while the cut reads. */
let during: (() => void) | null = null;
/** Runs `afterCut` once, right after the next truncation: as a step writing just after the cut. */
let afterCut: (() => void) | null = null;
vi.mock('node:fs', async (original) => {
  const real = await original<typeof Fs>();
  return {
    ...real,
    readSync: (...args: Parameters<typeof real.readSync>) => {
      const read = real.readSync(...args);
      const then = during;
      during = null;
      then?.();
      return read;
    },
    ftruncateSync: (...args: Parameters<typeof real.ftruncateSync>) => {
      real.ftruncateSync(...args);
      const then = afterCut;
      afterCut = null;
      then?.();
    },
  };
});

afterEach(() => {
  during = null;
  afterCut = null;
});

function capped(capBytes: number) {
  const path = join(mkdtempSync(join(tmpdir(), 'log-cap-')), 'step.log');
  const fd = openSync(path, 'a+');
  return { path, fd, cap: new LogCap(path, capBytes), write: (text: string) => writeSync(fd, text) };
}

describe('a capped log', () => {
  it("keeps the step's last line when the step writes it while the cut reads its newest bytes", () => {
    const log = capped(1024);
    log.write('x'.repeat(8000) + '\n');
    log.cap.enforce(log.fd);
    const afterFirstCut = fstatSync(log.fd).size;
    log.write('y'.repeat(2000) + '\n');
    during = () => log.write('THE-END\n');
    const seen = log.cap.enforce(log.fd);
    const text = readFileSync(log.path, 'utf8');
    expect(text.endsWith('y\nTHE-END\n')).toBe(true);
    expect(text).toMatch(/… log capped on disk at 1 KiB: \d+ bytes not kept; the last \d+ bytes follow\n/);
    // The size it reports is the one it cut at, with the last line: a follower pushes it from lastOutput.
    expect(seen).toBe(afterFirstCut + 2001 + 8);
    expect(log.cap.lastOutput(8).toString()).toBe('THE-END\n');
  });

  it("keeps the step's last line when the step writes it right after the cut: after the marker, never before it", () => {
    const log = capped(1024);
    log.write('x'.repeat(8000) + '\n');
    afterCut = () => log.write('THE-END\n');
    log.cap.enforce(log.fd);
    // The step has ended: the last cut finds its last line after the marker and keeps it.
    log.cap.enforce(log.fd);
    const text = readFileSync(log.path, 'utf8');
    expect(text.endsWith('follow\nTHE-END\n')).toBe(true);
    expect(text.match(/THE-END/g)).toHaveLength(1);
  });

  it('is not cut while cutting would not make it smaller (its marker and tail would be longer than what they replace)', () => {
    const log = capped(1024);
    log.write('x'.repeat(1200) + '\n');
    log.cap.enforce(log.fd);
    expect(log.cap.capped).toBe(false);
    expect(readFileSync(log.path, 'utf8')).toBe('x'.repeat(1200) + '\n');
    log.write('y'.repeat(6000) + '\n');
    log.cap.enforce(log.fd);
    expect(log.cap.capped).toBe(true);
    expect(fstatSync(log.fd).size).toBeLessThan(1024 + 4096 + 200);
  });

  it('counts every byte the step wrote past the cap, kept or not', () => {
    const log = capped(1024);
    log.write('a'.repeat(1024));
    during = () => log.write('b'.repeat(10_000) + '\n');
    log.write('c'.repeat(500) + '\n');
    log.cap.enforce(log.fd);
    log.write('d'.repeat(100) + '\n');
    during = () => log.write('e'.repeat(50) + '\n');
    log.cap.enforce(log.fd);
    const text = readFileSync(log.path, 'utf8');
    const [, notKept, tail] = /(\d+) bytes not kept; the last (\d+) bytes follow\n/.exec(text)!;
    // Beyond the cap: 501 + 10,001 + 101 + 51 bytes, of which the tail after the marker is kept.
    expect(Number(notKept) + Number(tail)).toBe(501 + 10_001 + 101 + 51);
    expect(text.endsWith('d\n' + 'e'.repeat(50) + '\n')).toBe(true);
    expect(text.slice(text.indexOf('follow\n') + 'follow\n'.length).length).toBe(Number(tail));
  });
});

describe('a capped log whose file was removed while the step writes', () => {
  it('is still cut, through the step’s own descriptor', () => {
    const log = capped(1024);
    log.write('x'.repeat(8000) + '\n');
    log.cap.enforce(log.fd);
    unlinkSync(log.path);
    log.write('y'.repeat(5000) + '\nTHE-END\n');
    log.cap.enforce(log.fd);
    const size = fstatSync(log.fd).size;
    expect(size).toBeLessThan(1024 + 4096 + 200);
    expect(readAt(log.fd, size - 15, 15).toString()).toBe('follow\nTHE-END\n');
  });
});
