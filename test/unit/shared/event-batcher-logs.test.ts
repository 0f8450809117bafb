import { describe, expect, it } from 'vitest';
import { EventBatcher, LIVE_LOG_CHARS } from '../../../shared/event-batcher.js';
import { utf8Length } from '../../../shared/utf8-length.js';
import { liveLogMarker, type EngineEvent } from '../../../shared/events.js';

type StepLogEvent = Extract<EngineEvent, { type: 'step.log' }>;
const log = (text: string, offset: number, skipped?: number): EngineEvent => ({
  type: 'step.log', executionId: 'e1', step: 'a', text: (skipped ? liveLogMarker(skipped) : '') + text, offset, ...(skipped ? { skipped } : {}),
});

function pushOnce(events: EngineEvent[]): StepLogEvent {
  const batches: EngineEvent[][] = [];
  const batcher = new EventBatcher((pushed) => batches.push(pushed));
  for (const event of events) batcher.add(event);
  batcher.flush();
  expect(batches).toHaveLength(1);
  return batches[0]![0] as StepLogEvent;
}

describe("a step's live log in one push", () => {
  it('is the concatenated text from the first offset when it is small', () => {
    expect(pushOnce([log('one\n', 0), log('two\n', 4)])).toEqual({ type: 'step.log', executionId: 'e1', step: 'a', text: 'one\ntwo\n', offset: 0 });
  });

  it('keeps only the last 64 Ki characters, from a line start, behind a marker counting the bytes left out', () => {
    const line = 'é'.repeat(99) + '\n'; // 199 bytes, 100 characters
    const events = Array.from({ length: 2000 }, (_, i) => log(line, i * 199));
    const pushed = pushOnce(events);
    const content = pushed.text.slice(liveLogMarker(pushed.skipped!).length);
    expect(pushed.text.startsWith(liveLogMarker(pushed.skipped!))).toBe(true);
    expect(content.length).toBeLessThanOrEqual(LIVE_LOG_CHARS);
    expect(content.startsWith('é')).toBe(true);
    expect(pushed.skipped! + utf8Length(content)).toBe(2000 * 199);
    expect(pushed.offset).toBe(pushed.skipped);
  });

  it('after a gap keeps the later text only, counting the earlier one as not shown', () => {
    const pushed = pushOnce([log('early\n', 0), log('late\n', 1006, 1000)]);
    expect(pushed).toMatchObject({ text: `${liveLogMarker(1006)}late\n`, offset: 1006, skipped: 1006 });
  });

  it('never splits a character outside the BMP', () => {
    const pushed = pushOnce([log('😀'.repeat(LIVE_LOG_CHARS), 0)]);
    const content = pushed.text.slice(liveLogMarker(pushed.skipped!).length);
    expect(content.codePointAt(0)).toBe(0x1f600);
    expect(pushed.skipped! + utf8Length(content)).toBe(4 * LIVE_LOG_CHARS);
  });
});
