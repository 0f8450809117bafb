import { closeSync, mkdtempSync, openSync, readFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EngineEvent } from '../../../../shared/events.js';
import { EventBus } from '../../../../electron/engine/event-bus.js';
import { LogTailer } from '../../../../electron/engine/runs/log-tailer.js';
import { LogCap } from '../../../../electron/engine/store/log-cap.js';

type StepLog = Extract<EngineEvent, { type: 'step.log' }>;

function followed(capBytes: number) {
  const path = join(mkdtempSync(join(tmpdir(), 'tailer-')), 'step.log');
  const outputFd = openSync(path, 'a+');
  const events = new EventBus();
  const pushed: StepLog[] = [];
  events.on((event) => {
    if (event.type === 'step.log') pushed.push(event);
  });
  const tailer = new LogTailer(events, capBytes);
  tailer.acquire();
  const log = { path, outputFd };
  tailer.track(log, 'run-1', 'flood');
  return { path, write: (text: string) => writeSync(outputFd, text), tailer, log, pushed, close: () => closeSync(outputFd) };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('following a capped log', () => {
  it("pushes the step's last line when the step wrote it between the follower's look and the cut", () => {
    const step = followed(1024);
    step.write('x'.repeat(4000) + '\n');
    // The step writes its last line just after the follower read the file's size, before the cut reads it again.
    const enforce = LogCap.prototype.enforce;
    vi.spyOn(LogCap.prototype, 'enforce').mockImplementationOnce(function (this: LogCap, fd: number) {
      step.write('THE-END\n');
      return enforce.call(this, fd);
    });
    expect(step.tailer.untrack(step.log)).toEqual({ capped: true });
    step.close();
    expect(readFileSync(step.path, 'utf8').endsWith('THE-END\n')).toBe(true);
    const text = step.pushed.map((e) => e.text).join('');
    expect(text.endsWith('x\nTHE-END\n')).toBe(true);
    // Offsets stay those of the step's output: the last push starts where the earlier one ended.
    const [first, last] = [step.pushed[0]!, step.pushed.at(-1)!];
    expect(last.offset).toBe(4001);
    expect(first.offset! + Buffer.byteLength(first.text)).toBe(4001);
  });

  it('counts what it cannot push any more as skipped, with the marker, and never repeats a byte', () => {
    const step = followed(1024);
    step.write('a'.repeat(2000) + '\n');
    const enforce = LogCap.prototype.enforce;
    vi.spyOn(LogCap.prototype, 'enforce').mockImplementationOnce(function (this: LogCap, fd: number) {
      step.write('b'.repeat(10_000) + '\nTHE-END\n');
      return enforce.call(this, fd);
    });
    step.tailer.untrack(step.log);
    step.close();
    const last = step.pushed.at(-1)!;
    expect(last.skipped).toBeGreaterThan(0);
    expect(last.text).toMatch(/^… \d+ bytes not shown live — the full log is on disk\nb+\nTHE-END\n$/);
    expect(last.offset).toBe(2001 + last.skipped!);
    expect(last.offset! + Buffer.byteLength(last.text.slice(last.text.indexOf('\n') + 1))).toBe(2001 + 10_001 + 8);
  });
});
