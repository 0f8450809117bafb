import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LIVE_LOG_CHARS } from '../../shared/event-batcher.js';
import { utf8Length } from '../../shared/utf8-length.js';
import type { EngineEvent } from '../../shared/events.js';
import type { EventBatch } from '../../shared/ipc.js';
import { newApi } from './run-api.js';

type StepLogEvent = Extract<EngineEvent, { type: 'step.log' }>;
const NODE = JSON.stringify(process.execPath);

function listen(api: ReturnType<typeof newApi>['api']) {
  const batches: EventBatch[] = [];
  const subscription = api.subscribe((batch) => batches.push(batch));
  const logs = (executionId: string, step: string): StepLogEvent[] =>
    batches.flatMap((b) => b.events).filter((e): e is StepLogEvent => e.type === 'step.log' && e.executionId === executionId && e.step === step);
  return { batches, logs, close: () => subscription.close() };
}

describe('live step logs', () => {
  it("arrive in order and complete for a small step, each at its place in the log file, before the step's end", async () => {
    const script = `const w = (t) => process.stdout.write(t); w('first line\\n'); setTimeout(() => { w('é😀 half'); setTimeout(() => w(' and the rest\\n'), 150); }, 250)`;
    const wf = `version: 1\nname: talk\nsteps:\n  - { name: say, module: shell, action: run, parameters: { command: ${JSON.stringify(`${NODE} -e ${JSON.stringify(script)}`)} } }\n`;
    const setup = newApi({ talk: wf });
    const live = listen(setup.api);
    const run = await setup.finished(await setup.start('talk'));
    live.close();
    const events = live.logs(run.executionId, 'say');
    const file = readFileSync(run.steps.say!.logPath!, 'utf8');
    expect(file).toBe('first line\né😀 half and the rest\n');
    expect(events.map((e) => e.text).join('')).toBe(file);
    expect(events.length).toBeGreaterThan(1);
    let offset = 0;
    for (const event of events) {
      expect(event.offset).toBe(offset);
      expect(event.skipped).toBeUndefined();
      offset += utf8Length(event.text);
    }
    // The step's last output is pushed no later than the batch that says it ended.
    const all = live.batches.flatMap((b, index) => b.events.map((e) => ({ e, index })));
    const lastLog = Math.max(...all.filter(({ e }) => e.type === 'step.log').map(({ index }) => index));
    const ended = all.find(({ e }) => e.type === 'step.updated' && e.step === 'say' && e.run.status === 'succeeded')!.index;
    expect(lastLog).toBeLessThanOrEqual(ended);
  });

  it('are read only while a door listens', async () => {
    const wf = 'version: 1\nname: quiet\nsteps:\n  - { name: say, module: shell, action: run, parameters: { command: "echo one; sleep 0.3; echo two" } }\n';
    const setup = newApi({ quiet: wf });
    const seen: EngineEvent[] = [];
    setup.engine.events.on((event) => seen.push(event));
    await setup.finished(await setup.start('quiet'));
    expect(seen.filter((e) => e.type === 'step.log')).toEqual([]);
  });

  it('a 100 MB log is capped on disk with a marker, the step goes on to its end, and live pushes stay small', async () => {
    const cap = 4 * 1024 * 1024;
    const wf = `version: 1\nname: flood\nsteps:\n  - { name: flood, module: shell, action: run, parameters: { command: "yes 0123456789abcdefghijklmnopqrstuvwxyz | head -c 100000000; echo THE-END" } }\n`;
    const setup = newApi({ flood: wf }, { logCapBytes: cap });
    const live = listen(setup.api);
    const run = await setup.finished(await setup.start('flood'));
    live.close();
    expect(run.steps.flood).toMatchObject({ status: 'succeeded', exitCode: 0 });
    const path = run.steps.flood!.logPath!;
    const size = statSync(path).size;
    expect(size).toBeGreaterThan(cap);
    expect(size).toBeLessThan(cap + 8192);
    const end = readFileSync(path).subarray(cap - 100).toString('utf8');
    expect(end).toMatch(/… log capped on disk at 4 MiB: \d+ bytes not kept; the last \d+ bytes follow\n/);
    expect(end.trimEnd().endsWith('THE-END')).toBe(true);
    expect(run.steps.flood!.logTail.trimEnd().endsWith('THE-END')).toBe(true);
    expect(run.steps.flood!.outputs.stdout).toMatch(/THE-END\n$/);

    const head = await setup.call('runs.log', { executionId: run.executionId, step: 'flood', length: 64 });
    expect(head).toMatchObject({ offset: 0, nextOffset: 64, size, capped: true });
    expect(head.text).toBe('0123456789abcdefghijklmnopqrstuvwxyz\n0123456789abcdefghijklmnopqrstuvwxyz\n'.slice(0, 64));

    const pushed = live.logs(run.executionId, 'flood');
    for (const event of pushed) expect(event.text.length).toBeLessThanOrEqual(LIVE_LOG_CHARS + 100);
    const liveBytes = pushed.reduce((sum, e) => sum + e.text.length, 0);
    expect(liveBytes).toBeLessThan(20 * 1024 * 1024);
    expect(pushed.some((e) => (e.skipped ?? 0) > 0 && /^… \d+ bytes not shown live — the full log is on disk\n/.test(e.text))).toBe(true);
    expect(pushed.at(-1)!.text.trimEnd().endsWith('THE-END')).toBe(true);
  }, 60_000);
});

describe('reading a step log', () => {
  it('returns slices that never cut a character; following nextOffset reads the whole log exactly once', async () => {
    const text = 'aé😀€\n'.repeat(300);
    const wf = `version: 1\nname: utf\nsteps:\n  - { name: write, module: shell, action: run, parameters: { command: ${JSON.stringify(`${NODE} -e ${JSON.stringify(`process.stdout.write(${JSON.stringify(text)})`)}`)} } }\n`;
    const { call, start, finished, refusal } = newApi({ utf: wf });
    const run = await finished(await start('utf'));
    let offset = 0;
    let read = '';
    for (let guard = 0; guard < 10_000; guard++) {
      const slice = await call('runs.log', { executionId: run.executionId, step: 'write', offset, length: 7 });
      expect(slice.text).not.toContain('\uFFFD');
      read += slice.text;
      offset = slice.nextOffset!;
      if (offset >= slice.size) break;
    }
    expect(read).toBe(text);
    // An offset inside "é" moves to the next character.
    const inside = await call('runs.log', { executionId: run.executionId, step: 'write', offset: 2, length: 20 });
    expect(inside.offset).toBe(3);
    expect(inside.text.startsWith('😀€\naé')).toBe(true);
    expect(inside.capped).toBe(false);
    expect((await call('runs.log', { executionId: run.executionId, step: 'write', offset: 1_000_000 })).text).toBe('');
    expect((await refusal('runs.log', { executionId: run.executionId, step: '../../etc/passwd' })).code).toBe('not-found');
    expect((await refusal('runs.log', { executionId: 'no-such-run', step: 'write' })).code).toBe('not-found');
  });
});
