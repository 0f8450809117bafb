import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OrchestrationError } from '../../../../shared/errors.js';
import type { WsClientMessage } from '../../../../shared/ipc.js';
import { ApiError } from '../../../../renderer/api/api-error.js';
import type { ConnectionState } from '../../../../renderer/api/client.js';
import { WsClient, type SocketLike } from '../../../../renderer/api/ws-client.js';

class FakeSocket implements SocketLike {
  readyState = 0;
  readonly sent: WsClientMessage[] = [];
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;

  constructor(readonly url: string) {}
  send(data: string): void {
    this.sent.push(JSON.parse(data) as WsClientMessage);
  }
  close(): void {
    this.drop();
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  drop(): void {
    this.readyState = 3;
    this.onerror?.({});
    this.onclose?.({});
  }
  receive(message: unknown): void {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
}

function connect() {
  const sockets: FakeSocket[] = [];
  const client = new WsClient({
    url: 'ws://127.0.0.1:4000/ws?token=t',
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    random: () => 0.5,
  });
  const latest = (): FakeSocket => sockets[sockets.length - 1]!;
  return { client, sockets, latest };
}

describe('the WebSocket client', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends a request as a numbered frame and resolves with the value of its reply', async () => {
    const { client, latest } = connect();
    latest().open();
    const answer = client.invoke('runs.start', { projectId: 'p1', workflowName: 'diamond' });
    expect(latest().sent).toEqual([{ id: 1, command: 'runs.start', request: { projectId: 'p1', workflowName: 'diamond' } }]);
    latest().receive({ id: 1, reply: { ok: true, value: { executionId: 'e1' } } });
    await expect(answer).resolves.toEqual({ executionId: 'e1' });
  });

  it('the client rejects with the contract\'s error: code, message and problems', async () => {
    const { client, latest } = connect();
    latest().open();
    const answer = client.invoke('workflows.get', { projectId: 'p1', name: 'bad' });
    const problems = [{ step: 'build', field: 'parameters.command', message: 'is required' }];
    latest().receive({ id: 1, reply: { ok: false, error: { code: 'invalid-workflow', message: 'step "build": is required', problems } } });
    const error = await answer.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(OrchestrationError);
    expect(error).toMatchObject({ code: 'invalid-workflow', message: 'step "build": is required', problems });
  });

  it('matches replies to requests by id, whatever order they arrive in', async () => {
    const { client, latest } = connect();
    latest().open();
    const first = client.invoke('runs.get', { executionId: 'a' });
    const second = client.invoke('runs.get', { executionId: 'b' });
    latest().receive({ id: 2, reply: { ok: true, value: 'second' } });
    latest().receive({ id: 1, reply: { ok: true, value: 'first' } });
    await expect(first).resolves.toBe('first');
    await expect(second).resolves.toBe('second');
  });

  it('holds requests made before the socket opens and sends them when it does', async () => {
    const { client, latest } = connect();
    const answer = client.invoke('app.info', {});
    expect(latest().sent).toEqual([]);
    latest().open();
    expect(latest().sent.map((message) => message.command)).toEqual(['app.info']);
    latest().receive({ id: 1, reply: { ok: true, value: { version: '1' } } });
    await expect(answer).resolves.toEqual({ version: '1' });
  });

  it('hands every pushed event batch to every listener, and stops after unsubscribe', () => {
    const { client, latest } = connect();
    latest().open();
    const seen: number[] = [];
    const off = client.onEvents((batch) => seen.push(batch.events.length));
    client.onEvents((batch) => seen.push(batch.events.length * 10));
    latest().receive({ events: [{ type: 'step.log', executionId: 'e', step: 's', text: 'hi' }] });
    off();
    latest().receive({ events: [] });
    expect(seen).toEqual([1, 10, 0]);
  });

  it('ignores frames that are not JSON', () => {
    const { client, latest } = connect();
    latest().open();
    const listener = vi.fn();
    client.onEvents(listener);
    latest().onmessage?.({ data: 'not json' });
    expect(listener).not.toHaveBeenCalled();
  });

  it('rejects a request in flight when the socket drops rather than sending it twice', async () => {
    const { client, latest } = connect();
    latest().open();
    const answer = client.invoke('runs.start', { projectId: 'p1', workflowName: 'diamond' });
    latest().drop();
    await expect(answer).rejects.toMatchObject({ code: 'disconnected' });
  });

  it('reconnects after a drop with growing delays, reports each state, and sends what waited', async () => {
    const { client, sockets, latest } = connect();
    const states: ConnectionState[] = [];
    client.onConnection((state) => states.push(state));
    latest().open();
    latest().drop();
    expect(client.connection).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(249);
    expect(sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sockets).toHaveLength(2);
    latest().drop(); // The server is still down: the next wait doubles.
    await vi.advanceTimersByTimeAsync(499);
    expect(sockets).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(sockets).toHaveLength(3);
    const answer = client.invoke('projects.list', {});
    latest().open();
    expect(latest().url).toBe('ws://127.0.0.1:4000/ws?token=t');
    latest().receive({ id: latest().sent[0]!.id, reply: { ok: true, value: [] } });
    await expect(answer).resolves.toEqual([]);
    expect(states).toEqual(['open', 'reconnecting', 'open']);
  });

  it('gives up on a request with no reply after the timeout', async () => {
    const { client, latest } = connect();
    latest().open();
    const answer = client.invoke('app.info', {});
    const outcome = answer.catch((caught: unknown) => caught);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(await outcome).toMatchObject({ code: 'timeout' });
  });

  it('stops reconnecting once closed', async () => {
    const { client, sockets } = connect();
    client.close();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sockets).toHaveLength(1);
    await expect(client.invoke('app.info', {})).rejects.toMatchObject({ code: 'disconnected' });
  });
});
