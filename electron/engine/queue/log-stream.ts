// A run's log stream in Redis (one per run, `XADD … MAXLEN ~`): workers append their steps' output and the word that
// they took a step; the engine reads it in order, resuming from the last id it saw, into the steps' own log files.
import { StringDecoder } from 'node:string_decoder';
import type { Redis } from 'ioredis';
import type { WorkerRef } from '../../../shared/model.js';
import type { LogSink } from '../runs/executor.js';
import { LOG_STREAM_MAX, logStream, type LogEntry } from './queue-protocol.js';

/** `1700000000000-3` < `1700000000000-10`: stream ids compare by their two numbers. */
export function streamIdAtLeast(id: string, target: string): boolean {
  const [ms, seq] = id.split('-').map(Number) as [number, number];
  const [tms, tseq] = target.split('-').map(Number) as [number, number];
  return ms > tms || (ms === tms && seq >= tseq);
}

/** The worker's side: appends entries to a run's stream and remembers the last id each job wrote. */
export class LogStreamWriter {
  constructor(private readonly redis: Redis) {}

  async started(executionId: string, jobId: string, worker: WorkerRef): Promise<string> {
    return (await this.redis.xadd(logStream(executionId), 'MAXLEN', '~', LOG_STREAM_MAX, '*', 'k', 's', 'j', jobId, 'w', JSON.stringify(worker)))!;
  }

  async output(executionId: string, jobId: string, text: string): Promise<string> {
    return (await this.redis.xadd(logStream(executionId), 'MAXLEN', '~', LOG_STREAM_MAX, '*', 'k', 'o', 'j', jobId, 'd', text))!;
  }
}

/**
 * A worker's log sink: the step's file on the worker (its processes write there by descriptor or path, as locally)
 * and a follower that sends what the file gains to the run's stream, in order, whole characters only.
 */
export class StreamedLog implements LogSink {
  private sent = 0;
  private readonly decoder = new StringDecoder('utf8');
  private timer: NodeJS.Timeout | null = null;
  private sending: Promise<void> = Promise.resolve();
  private lastId: string | null = null;
  /** Text read from the file and not yet in the stream. */
  private backlog = '';

  constructor(
    private readonly file: LogSink & { size(): number; read(from: number, length: number): Buffer; close(): void },
    private readonly writer: LogStreamWriter,
    private readonly executionId: string,
    private readonly jobId: string,
    private readonly intervalMs = 20,
  ) {
    this.timer = setInterval(() => this.pump(), intervalMs);
  }

  write(text: string): void {
    this.file.write(text);
  }

  get outputFd(): number {
    return this.file.outputFd;
  }

  prepare(): string {
    return this.file.prepare();
  }

  tail(): string {
    return this.file.tail();
  }

  /** Sends what is left and stops; resolves with the id of the job's last entry (null: it wrote nothing). */
  async finish(): Promise<string | null> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.pump();
    await this.sending;
    const rest = this.backlog + this.decoder.end();
    this.backlog = '';
    if (rest !== '') this.lastId = await this.writer.output(this.executionId, this.jobId, rest);
    this.file.close();
    return this.lastId;
  }

  private pump(): void {
    // One send at a time, chained: entries reach the stream in the order the file got them.
    this.sending = this.sending.then(async () => {
      const size = this.file.size();
      if (size > this.sent) {
        const bytes = this.file.read(this.sent, Math.min(size - this.sent, 256 * 1024));
        this.sent += bytes.length;
        this.backlog += this.decoder.write(bytes);
      }
      if (this.backlog === '') return;
      this.lastId = await this.writer.output(this.executionId, this.jobId, this.backlog);
      this.backlog = '';
    }).catch(() => {
      // Redis away for a moment: the backlog goes with the next pump, in order.
    });
  }
}

export interface StreamListener {
  entry(entry: LogEntry): void;
}

/** The engine's side: one blocking reader over every run it waits on, resuming each stream from the last id read. */
export class LogStreamReader {
  private readonly streams = new Map<string, { lastId: string; listener: StreamListener; waiters: { id: string; resolve: () => void }[] }>();
  private stopped = false;
  private loop: Promise<void> | null = null;

  constructor(private readonly redis: Redis) {}

  watch(executionId: string, listener: StreamListener): void {
    if (!this.streams.has(logStream(executionId))) this.streams.set(logStream(executionId), { lastId: '0-0', listener, waiters: [] });
    this.loop ??= this.run();
  }

  unwatch(executionId: string): void {
    const stream = this.streams.get(logStream(executionId));
    for (const waiter of stream?.waiters ?? []) waiter.resolve();
    this.streams.delete(logStream(executionId));
  }

  /** Resolves once the run's stream has been read up to `id` (or after `limitMs`, should its entries be lost). */
  readPast(executionId: string, id: string | null, limitMs = 2_000): Promise<void> {
    const stream = this.streams.get(logStream(executionId));
    if (id === null || stream === undefined || streamIdAtLeast(stream.lastId, id)) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, limitMs);
      stream.waiters.push({ id, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.redis.disconnect();
    await this.loop?.catch(() => {});
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      const keys = [...this.streams.keys()];
      if (keys.length === 0) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        continue;
      }
      let replies: [string, [string, string[]][]][] | null;
      try {
        // A short block: a run that starts meanwhile is read from its first entry on the next round.
        replies = (await this.redis.xread('COUNT', 1000, 'BLOCK', 100, 'STREAMS', ...keys, ...keys.map((k) => this.streams.get(k)!.lastId))) as typeof replies;
      } catch {
        if (!this.stopped) await new Promise((resolve) => setTimeout(resolve, 200));
        continue;
      }
      for (const [streamKey, entries] of replies ?? []) this.deliver(streamKey, entries);
    }
  }

  private deliver(streamKey: string, entries: [string, string[]][]): void {
    const stream = this.streams.get(streamKey);
    if (stream === undefined) return;
    for (const [id, fields] of entries) {
      stream.lastId = id;
      const entry = toEntry(fields);
      if (entry !== null) stream.listener.entry(entry);
    }
    stream.waiters = stream.waiters.filter((waiter) => {
      if (!streamIdAtLeast(stream.lastId, waiter.id)) return true;
      waiter.resolve();
      return false;
    });
  }
}

function toEntry(fields: string[]): LogEntry | null {
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) map.set(fields[i]!, fields[i + 1]!);
  const jobId = map.get('j');
  if (jobId === undefined) return null;
  if (map.get('k') === 'o') return { kind: 'o', jobId, text: map.get('d') ?? '' };
  if (map.get('k') === 's') {
    try {
      return { kind: 's', jobId, worker: JSON.parse(map.get('w') ?? '') as WorkerRef };
    } catch {
      return null;
    }
  }
  return null;
}
