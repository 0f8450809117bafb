// The scale-out commands from a terminal: what they refuse, named, and a Redis behind a password.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../cli.js';
import { tempDir } from '../../helpers.js';
import { startRedis, startWorker } from '../../redis.js';

const WORKFLOW = 'version: 1\nname: hello\nsteps:\n  - { name: hi, module: shell, action: run, parameters: { command: "echo hi" } }\n';

describe('codomyrmex worker and run --redis', () => {
  it('refuse a missing or malformed option before connecting, exit 2', () => {
    const home = tempDir();
    const file = join(tempDir(), 'hello.yaml');
    writeFileSync(file, WORKFLOW);
    const cases: [string[], string][] = [
      [['worker'], 'codomyrmex worker needs --redis URL (redis://host:port, rediss://… or unix:///path/redis.sock)'],
      [['worker', '--redis', 'localhost:6379'], '--redis: "localhost:6379" is not a Redis URL: it starts with localhost:// (expected redis://, rediss:// or unix://)'],
      [['worker', '--redis', 'redis://h', '--pool', 'a b'], '--pool: a pool name must be 1–64 letters, digits, "-", "_" or "." (starting with a letter or digit), got "a b"'],
      [['worker', '--redis', 'redis://h', '--resources', 'gpu'], '--resources takes name=amount pairs separated by commas (cores=4,memory=8G,gpu=1), got "gpu"'],
      [['worker', '--redis', 'redis://h', '--concurrency', '0'], '--concurrency takes a whole number of at least 1, got "0"'],
      [['run', file, '--redis', 'http://h'], '--redis: "http://h" is not a Redis URL: it starts with http:// (expected redis://, rediss:// or unix://)'],
    ];
    for (const [args, message] of cases) {
      const result = cli(args, home);
      expect(result.stderr).toBe(`codomyrmex: ${message}\n`);
      expect(result.code).toBe(2);
    }
  });

  it('run --redis names a Redis it cannot reach (password hidden) and runs nothing', () => {
    const file = join(tempDir(), 'hello.yaml');
    writeFileSync(file, WORKFLOW);
    const result = cli(['run', file, '--redis', `unix://${tempDir()}/none.sock?password=hunter2`], tempDir());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^codomyrmex: --redis: cannot reach Redis at unix:\/\/\/.*\/none\.sock\?password=\*\*\*: connect ENOENT/);
    expect(result.stderr).not.toContain('hunter2');
  });

  it('works through a Redis behind a password, and refuses a wrong one, named', async () => {
    const redis = await startRedis({ password: 's3cret' });
    await startWorker(redis.url);
    const file = join(tempDir(), 'hello.yaml');
    writeFileSync(file, WORKFLOW);
    const ok = cli(['run', file, '--redis', redis.url, '--json'], tempDir());
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).steps.hi).toMatchObject({ status: 'succeeded', outputs: { stdout: 'hi\n' }, worker: { pool: 'default' } });
    const wrong = cli(['run', file, '--redis', redis.url.replace('s3cret', 'guess'), '--json'], tempDir());
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/cannot reach Redis at unix:\/\/.*\?password=\*\*\*: WRONGPASS/);
  }, 30_000);
});
