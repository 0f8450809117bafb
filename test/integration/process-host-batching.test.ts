// The engine and a process host exchange one message per turn of the event loop, not one per command: the starts a
// scheduler pass readies leave together, and the exits of children reaped together come back together. Every
// command must still get its own exit, in the order the host saw them, and a pid asked for in the same turn as its
// command's start must still be answered.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { forkHost, ProcessHostClient, setHostLauncher, type HostProcess } from '../../electron/engine/processes/process-host-client.js';
import type { HostMessage, HostReply, HostRequest } from '../../electron/engine/processes/process-host.js';
import { tempDir } from '../helpers.js';

let client: ProcessHostClient | null = null;
afterEach(() => {
  client?.close();
  setHostLauncher(null);
});

/** Starts hosts as usual, keeping every message that crosses in each direction. */
function recordingLauncher(sent: HostMessage<HostRequest>[], received: HostMessage<HostReply>[]) {
  setHostLauncher((script, env) => {
    const child: HostProcess = forkHost(script, env);
    const send = child.send.bind(child);
    child.send = (request, callback) => {
      sent.push(request);
      return send(request, callback);
    };
    child.on('message', (reply) => received.push(reply));
    return child;
  });
}

const exitsIn = (messages: HostMessage<HostReply>[]): number[] =>
  messages.flatMap((message) => (Array.isArray(message) ? message : [message])).flatMap((reply) => (reply.t === 'exit' ? [reply.id] : []));

describe('messages between the engine and a process host', () => {
  it('carry the starts of one turn in one message and bring every exit back to its own command, in the order the host sent them', async () => {
    const sent: HostMessage<HostRequest>[] = [];
    const received: HostMessage<HostReply>[] = [];
    recordingLauncher(sent, received);
    client = ProcessHostClient.start()!;
    const dir = tempDir();
    const env = { ...process.env } as Record<string, string>;
    const codes = Array.from({ length: 24 }, (_, i) => i);
    const runs = codes.map((code) => client!.run({ file: `exit ${code}`, args: [], shell: true, cwd: dir, env, logPath: join(dir, `s${code}.log`) }));
    const pid = runs[5]!.pid();
    const resolved: number[] = [];
    runs.forEach((run, index) => void run.exit.then(() => resolved.push(index + 1)));
    const exits = await Promise.all(runs.map((run) => run.exit));
    expect(exits.map((exit) => exit.exitCode)).toEqual(codes);
    expect(sent).toHaveLength(1);
    expect(Array.isArray(sent[0]) && sent[0].map((request) => request.t)).toEqual([...codes.map(() => 'spawn'), 'pid']);
    // Answered with its pid, or with null when its exit came first: never left waiting.
    expect(await pid).not.toBeUndefined();
    expect(resolved).toEqual(exitsIn(received));
    expect(resolved.sort((a, b) => a - b)).toEqual(codes.map((code) => code + 1));
  });

  it('still sends a lone command on its own, as a single request', async () => {
    const sent: HostMessage<HostRequest>[] = [];
    recordingLauncher(sent, []);
    client = ProcessHostClient.start()!;
    const dir = tempDir();
    const run = client.run({ file: 'true', args: [], shell: false, cwd: dir, env: { ...process.env } as Record<string, string>, logPath: join(dir, 'one.log') });
    expect(await run.exit).toEqual({ exitCode: 0, signal: null });
    expect(sent).toEqual([expect.objectContaining({ t: 'spawn', id: 1, file: 'true' })]);
  });
});
