// Cached steps on workers: the key is computed on the worker, where the inputs are, against the worker's cache.
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../cli.js';
import { tempDir } from '../../helpers.js';
import { startRedis, startWorker } from '../../redis.js';

const FIXTURE = join(import.meta.dirname, '..', '..', 'fixtures', 'cache-project');

describe('the step cache on workers', () => {
  it('a second run through the queue is restored by the worker: cached steps, their worker named, the cache in the worker’s home', async () => {
    const redis = await startRedis();
    const workerHome = tempDir('codomyrmex-worker-home-');
    await startWorker(redis.url, { home: workerHome, concurrency: 2 });
    const dir = tempDir('codomyrmex-cache-project-');
    cpSync(FIXTURE, dir, { recursive: true });
    const home = tempDir();
    const run = () => {
      rmSync(join(dir, 'ran.log'), { force: true });
      const result = cli(['run', join(dir, 'build.yaml'), '--redis', redis.url, '--json'], home, dir);
      expect(result.code, result.stderr).toBe(0);
      const ran = existsSync(join(dir, 'ran.log')) ? readFileSync(join(dir, 'ran.log'), 'utf8').split('\n').filter(Boolean) : [];
      return { record: JSON.parse(result.stdout), ran };
    };
    const first = run();
    expect(first.ran).toEqual(['words', 'compile', 'package', 'report']);
    expect(first.record.steps.words).toMatchObject({ status: 'succeeded', worker: { pool: 'default' }, cacheMiss: { summary: 'first run' } });
    expect(first.record.steps.words.cacheKey).toMatch(/^[0-9a-f]{32}$/);

    rmSync(join(dir, 'dist'), { recursive: true });
    const second = run();
    expect(second.ran).toEqual([]);
    for (const name of ['words', 'compile', 'package', 'report']) {
      expect(second.record.steps[name]).toMatchObject({ status: 'cached', cacheKey: first.record.steps[name].cacheKey, worker: { pool: 'default' } });
    }
    expect(readFileSync(join(dir, 'dist', 'package.txt'), 'utf8')).toBe('package \nAPPLE\nFIG\nPEAR\nMIT\n');
    expect(second.record.steps.report.outputs.stdout).toBe(first.record.steps.report.outputs.stdout);
    expect(JSON.parse(cli(['cache', 'stats', '--json'], workerHome).stdout).entries).toBe(4);
    expect(JSON.parse(cli(['cache', 'stats', '--json'], home).stdout).entries).toBe(0);
  }, 60_000);
});
