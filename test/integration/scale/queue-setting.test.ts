// The queue as the app turns it on: queue.configure and workers.list through the contract, kept in the settings.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newEngine, tempDir } from '../../helpers.js';
import { startRedis, startWorker } from '../../redis.js';
import { apiOn } from '../run-api.js';

const WORKFLOW = 'version: 1\nname: hello\nsteps:\n  - { name: hi, module: shell, action: run, parameters: { command: "echo hi" } }\n';

describe('the queue setting', () => {
  it('turns the queue on through the contract, lists workers, runs a project workflow on one, and turns off again', async () => {
    const redis = await startRedis({ password: 'pw' });
    await startWorker(redis.url, { pool: 'default', concurrency: 3 });
    const home = tempDir();
    const { call, refusal, engine, start, finished } = apiOn(newEngine(home), { hello: WORKFLOW });
    expect(await call('workers.list', {})).toEqual({ queue: { url: null, connected: false, problem: null }, workers: [], waiting: [] });
    const status = await call('queue.configure', { redisUrl: redis.url });
    expect(status).toEqual({ url: redis.url.replace('password=pw', 'password=***'), connected: true, problem: null });
    expect(JSON.parse(readFileSync(join(home, 'settings.json'), 'utf8')).queue).toEqual({ redisUrl: redis.url });
    // A URL that cannot be used changes nothing: the queue in use stays on.
    expect((await refusal('queue.configure', { redisUrl: `unix://${home}/none.sock` })).message).toMatch(/^cannot reach Redis/);
    expect((await call('workers.list', {})).queue).toEqual(status);
    const listed = await call('workers.list', {});
    expect(listed.workers).toEqual([expect.objectContaining({ pool: 'default', slots: 3, running: [] })]);
    const run = await finished(await start('hello'));
    expect(run.steps.hi).toMatchObject({ status: 'succeeded', worker: { id: listed.workers[0]!.id, pool: 'default' } });
    expect(await call('queue.configure', { redisUrl: null })).toEqual({ url: null, connected: false, problem: null });
    const local = await finished(await start('hello'));
    expect(local.steps.hi!.worker ?? null).toBeNull();
    await engine.close();
  }, 30_000);

  it('refuses a bad URL or an unreachable Redis, naming it, and keeps the setting as it was', async () => {
    const home = tempDir();
    const { refusal } = apiOn(newEngine(home), { hello: WORKFLOW });
    expect(await refusal('queue.configure', { redisUrl: 'localhost:6379' })).toEqual({ code: 'failed', message: 'the queue\'s Redis URL: "localhost:6379" is not a Redis URL: it starts with localhost:// (expected redis://, rediss:// or unix://)' });
    const unreachable = await refusal('queue.configure', { redisUrl: `unix://${home}/none.sock` });
    expect(unreachable.message).toBe(`cannot reach Redis at unix://${home}/none.sock: connect ENOENT ${home}/none.sock`);
    expect(() => readFileSync(join(home, 'settings.json'), 'utf8')).toThrow(/ENOENT/);
  });

  it('comes back on at the next start from the settings, or says why not in a notice', async () => {
    const redis = await startRedis();
    const home = tempDir();
    const first = newEngine(home);
    await first.configureQueue(redis.url);
    await first.close();
    const again = newEngine(home);
    await again.startQueueFromSettings();
    expect(again.queue.status()).toEqual({ url: redis.url, connected: true, problem: null });
    await again.close();
    await redis.kill();
    const offline = newEngine(home);
    await offline.startQueueFromSettings();
    expect(offline.queue.status().url).toBeNull();
    expect(offline.notices.list().map((notice) => notice.message)).toEqual([`the queue is off: cannot reach Redis at ${redis.url}: connect ENOENT ${redis.url.slice('unix://'.length)} (steps run on this machine)`]);
  }, 30_000);
});
