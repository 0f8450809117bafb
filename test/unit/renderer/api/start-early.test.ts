import { describe, expect, it } from 'vitest';
import type { EventBatch } from '../../../../shared/ipc.js';
import type { RendererClient } from '../../../../renderer/api/client.js';
import { startEarly } from '../../../../renderer/api/start-early.js';

/** A client whose requests wait until answered by hand, and whose events are pushed by hand. */
function manualClient() {
  const asked: { command: string; request: unknown; answer(value: unknown): void }[] = [];
  const listeners = new Set<(batch: EventBatch) => void>();
  const client: RendererClient = {
    connection: 'open',
    invoke: ((command: string, request: unknown) => new Promise((resolve) => asked.push({ command, request, answer: resolve }))) as RendererClient['invoke'],
    onEvents: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onConnection: () => () => {},
  };
  const push = (batch: EventBatch): void => listeners.forEach((listener) => listener(batch));
  return { client, asked, push };
}

const batch = (executionId: string): EventBatch => ({ events: [{ type: 'execution.updated', execution: { executionId } }] } as unknown as EventBatch);

describe('the early start-up request', () => {
  it('is sent at once, and its reply is what the app\'s first ask for it gets; a later ask goes to the engine', async () => {
    const { client, asked } = manualClient();
    const early = startEarly(client, 'projects.dashboard', {});
    expect(asked.map((entry) => entry.command)).toEqual(['projects.dashboard']);
    const first = early.invoke('projects.dashboard', {});
    expect(asked).toHaveLength(1);
    asked[0]!.answer([{ project: { id: 'p1' } }]);
    await expect(first).resolves.toEqual([{ project: { id: 'p1' } }]);
    void early.invoke('projects.dashboard', {});
    void early.invoke('projects.dashboard', { days: 7 });
    void early.invoke('projects.list', {});
    expect(asked.map((entry) => [entry.command, entry.request])).toEqual([
      ['projects.dashboard', {}], ['projects.dashboard', {}], ['projects.dashboard', { days: 7 }], ['projects.list', {}],
    ]);
  });

  it('holds the events that come before the app listens and hands them to its first listener, in order', () => {
    const { client, push } = manualClient();
    const early = startEarly(client, 'projects.dashboard', {});
    push(batch('e1'));
    push(batch('e2'));
    const seen: EventBatch[] = [];
    const off = early.onEvents((received) => seen.push(received));
    push(batch('e3'));
    expect(seen).toEqual([batch('e1'), batch('e2'), batch('e3')]);
    off();
    push(batch('e4'));
    expect(seen).toHaveLength(3);
  });
});
