// Test helpers for `codomyrmex serve` as a real process: start it (optionally leading its own process group, as a
// terminal starts a command), and send one contract command over its WebSocket, or many over one.
import { spawn, type ChildProcess } from 'node:child_process';
import WebSocket from 'ws';
import type { EngineEvent } from '../../shared/events.js';
import type { Reply, WsServerMessage } from '../../shared/ipc.js';
import { BIN } from '../cli.js';

export interface Served {
  child: ChildProcess;
  url: URL;
  /** Everything it wrote on stderr so far. */
  stderr: () => string;
}

/** Starts `codomyrmex serve DIR` and waits for the URL it prints first. */
export async function serve(dir: string, home: string, options: { detached?: boolean; env?: Record<string, string> } = {}): Promise<Served> {
  const child = spawn(process.execPath, [BIN, 'serve', dir], {
    env: { ...process.env, CODOMYRMEX_HOME: home, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.detached ?? false,
  });
  let output = '';
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors += String(chunk)));
  const url = await new Promise<URL>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += String(chunk);
      const match = /http:\/\/127\.0\.0\.1:\d+\/\S*/.exec(output);
      if (match) resolve(new URL(match[0]));
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code} before printing its URL: ${output}${errors}`)));
  });
  return { child, url, stderr: () => errors };
}

/** One command over the server's WebSocket; the reply as it came (ok or refused). */
export async function reply(url: URL, command: string, payload: unknown): Promise<Reply> {
  const socket = new WebSocket(`ws://${url.host}/ws?token=${url.searchParams.get('token')}`, { headers: { Origin: url.origin } });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const message = await new Promise<WsServerMessage>((resolve) => {
    socket.on('message', (data) => {
      const parsed = JSON.parse(String(data)) as WsServerMessage;
      if ('id' in parsed) resolve(parsed);
    });
    socket.send(JSON.stringify({ id: 1, command, request: payload }));
  });
  socket.close();
  if (!('reply' in message)) throw new Error(`${command}: no reply`);
  return message.reply;
}

/** One command that must succeed: its value, or an error naming the command. */
export async function request(url: URL, command: string, payload: unknown): Promise<unknown> {
  const answer = await reply(url, command, payload);
  if (!answer.ok) throw new Error(`${command} failed: ${JSON.stringify(answer)}`);
  return answer.value;
}

/** A socket that can have many requests in flight (each reply found by its id) and keeps the events pushed to it. */
export async function connect(url: URL) {
  const socket = new WebSocket(`ws://${url.host}/ws?token=${url.searchParams.get('token')}`, { headers: { Origin: url.origin } });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const waiting = new Map<number, (reply: Reply) => void>();
  const events: EngineEvent[] = [];
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as WsServerMessage;
    if ('events' in message) events.push(...message.events);
    else waiting.get(message.id)?.(message.reply);
  });
  let nextId = 1;
  return {
    events,
    send(command: string, payload: unknown): Promise<Reply> {
      const id = nextId++;
      const reply = new Promise<Reply>((resolve) => waiting.set(id, resolve));
      socket.send(JSON.stringify({ id, command, request: payload }));
      return reply;
    },
    close: () => socket.close(),
  };
}
