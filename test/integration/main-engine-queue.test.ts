// The app's main process turns on the queue its settings name, without making the window wait on Redis.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startEngine } from '../../electron/main/main-engine.js';
import { defer, tempDir } from '../helpers.js';
import { startRedis, startWorker, waitFor } from '../redis.js';

describe("the app's engine and the queue setting", () => {
  it('connects to the Redis its settings name at start and lists that Redis\'s workers through workers.list', async () => {
    const redis = await startRedis({ password: 'app-pw' });
    await startWorker(redis.url, { pool: 'render', concurrency: 2 });
    const home = tempDir('codomyrmex-app-home-');
    writeFileSync(join(home, 'settings.json'), JSON.stringify({ queue: { redisUrl: redis.url } }));
    const { engine, api } = startEngine({ version: 'test', home });
    defer(() => engine.close());
    await waitFor(() => engine.queue.status().connected && engine.workers().length > 0, 15_000, 'the queue to connect and list the worker');
    const reply = await api.dispatch('workers.list', {});
    expect(reply).toMatchObject({ ok: true, value: { queue: { url: redis.url.replace('password=app-pw', 'password=***'), connected: true, problem: null }, workers: [{ pool: 'render', slots: 2 }] } });
  }, 30_000);
});
