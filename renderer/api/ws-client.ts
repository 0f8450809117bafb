// Browser mode's client: the contract over one WebSocket — numbered requests and their replies, pushed event batches,
// and reconnection with backoff when the socket drops.
import type { Command, EventBatch, RequestOf, ResponseOf, WsClientMessage, WsServerMessage } from '../../shared/ipc.js';
import { ApiError } from './api-error.js';
import type { ConnectionState, RendererClient } from './client.js';

/** The part of the DOM WebSocket the client uses, so tests can hand it a fake. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export interface WsClientOptions {
  url: string;
  createSocket?: (url: string) => SocketLike;
  /** Reconnect delays: initialMs, doubled per failed attempt up to maxMs, with ±25 % jitter. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  requestTimeoutMs?: number;
  random?: () => number;
}

interface Pending {
  command: string;
  resolve(value: unknown): void;
  reject(error: ApiError): void;
  timer: ReturnType<typeof setTimeout>;
}

const OPEN = 1;

export class WsClient implements RendererClient {
  private socket: SocketLike | null = null;
  private state: ConnectionState = 'connecting';
  private nextId = 1;
  private failures = 0;
  private closed = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  /** Sent, waiting for their reply. */
  private readonly inFlight = new Map<number, Pending>();
  /** Asked for while the socket was down; sent as soon as it opens. */
  private queue: WsClientMessage[] = [];
  private readonly eventListeners = new Set<(batch: EventBatch) => void>();
  private readonly connectionListeners = new Set<(state: ConnectionState) => void>();
  private readonly options: Required<WsClientOptions>;

  constructor(options: WsClientOptions) {
    this.options = {
      createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
      initialDelayMs: 250,
      maxDelayMs: 5000,
      requestTimeoutMs: 30_000,
      random: Math.random,
      ...options,
    };
    this.connect();
  }

  get connection(): ConnectionState {
    return this.state;
  }

  invoke<C extends Command>(command: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
    if (this.closed) return Promise.reject(new ApiError('disconnected', `cannot run "${command}": the client is closed`));
    const message: WsClientMessage = { id: this.nextId++, command, request };
    return new Promise<ResponseOf<C>>((resolve, reject) => {
      const timer = setTimeout(() => this.settle(message.id, null, new ApiError('timeout', `"${command}" got no reply in ${this.options.requestTimeoutMs / 1000} s`)), this.options.requestTimeoutMs);
      this.inFlight.set(message.id, { command, resolve: resolve as (value: unknown) => void, reject, timer });
      if (this.socket?.readyState === OPEN) this.socket.send(JSON.stringify(message));
      else this.queue.push(message);
    });
  }

  onEvents(listener: (batch: EventBatch) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  onConnection(listener: (state: ConnectionState) => void): () => void {
    this.connectionListeners.add(listener);
    return () => this.connectionListeners.delete(listener);
  }

  /** Stops for good: no reconnect, every waiting request rejected. */
  close(): void {
    this.closed = true;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.socket?.close(1000, 'client closed');
    this.socket = null;
    this.rejectAll('the client was closed');
  }

  private connect(): void {
    const socket = this.options.createSocket(this.options.url);
    this.socket = socket;
    socket.onopen = () => this.opened(socket);
    socket.onmessage = (event) => this.received(event.data);
    socket.onclose = () => this.dropped(socket);
    // An error is always followed by close, which is where reconnection happens.
    socket.onerror = () => {};
  }

  private opened(socket: SocketLike): void {
    if (socket !== this.socket) return;
    this.failures = 0;
    const queued = this.queue;
    this.queue = [];
    for (const message of queued) if (this.inFlight.has(message.id)) socket.send(JSON.stringify(message));
    this.setState('open');
  }

  private dropped(socket: SocketLike): void {
    if (socket !== this.socket || this.closed) return;
    this.socket = null;
    // Requests already sent may or may not have run (a run may have started): fail them rather than send twice.
    const sent = new Set(this.queue.map((message) => message.id));
    for (const [id, pending] of [...this.inFlight]) {
      if (!sent.has(id)) this.settle(id, null, new ApiError('disconnected', `the connection dropped while running "${pending.command}"`));
    }
    this.setState('reconnecting');
    const base = Math.min(this.options.maxDelayMs, this.options.initialDelayMs * 2 ** this.failures);
    this.failures++;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.closed) this.connect();
    }, Math.round(base * (0.75 + this.options.random() * 0.5)));
  }

  private received(data: unknown): void {
    let message: WsServerMessage;
    try {
      message = JSON.parse(String(data)) as WsServerMessage;
    } catch {
      return; // Not a contract frame; nothing in it can be acted on.
    }
    if ('events' in message) {
      const batch: EventBatch = { events: message.events };
      for (const listener of this.eventListeners) listener(batch);
    } else if ('id' in message && message.reply !== undefined) {
      const reply = message.reply;
      if (reply.ok) this.settle(message.id, { value: reply.value }, null);
      else this.settle(message.id, null, ApiError.from(reply.error));
    }
  }

  private settle(id: number, result: { value: unknown } | null, error: ApiError | null): void {
    const pending = this.inFlight.get(id);
    if (pending === undefined) return;
    this.inFlight.delete(id);
    clearTimeout(pending.timer);
    if (error !== null) pending.reject(error);
    else pending.resolve(result?.value);
  }

  private rejectAll(reason: string): void {
    for (const [id, pending] of [...this.inFlight]) this.settle(id, null, new ApiError('disconnected', `${reason} before "${pending.command}" was answered`));
    this.queue = [];
  }

  private setState(state: ConnectionState): void {
    if (state === this.state) return;
    this.state = state;
    for (const listener of this.connectionListeners) listener(state);
  }
}
