import { describe, expect, it } from 'vitest';
import { envDiff, MASK } from '../../../../electron/engine/logging/env-diff.js';
import { readableLine } from '../../../../electron/engine/logging/stderr-destination.js';

describe('a step’s environment against the engine’s', () => {
  it('names what was added, changed and removed, and masks the values of names that look secret', () => {
    const base = { PATH: '/usr/bin', HOME: '/home/ada', GITHUB_TOKEN: 'ghp_x', LANG: 'C' };
    const env = { PATH: '/project/node_modules/.bin:/usr/bin', HOME: '/home/ada', GITHUB_TOKEN: 'ghp_y', NPM_KEY: 'k', DB_PASSWORD: 'p', AWS_SECRET_ACCESS_KEY: 's', GREETING: 'hi' };
    expect(envDiff(base, env)).toEqual({
      added: { NPM_KEY: MASK, DB_PASSWORD: MASK, AWS_SECRET_ACCESS_KEY: MASK, GREETING: 'hi' },
      changed: { PATH: '/project/node_modules/.bin:/usr/bin', GITHUB_TOKEN: MASK },
      removed: ['LANG'],
    });
  });
});

describe('a record on a terminal', () => {
  it('reads as one line: time, level, message, workflow › step, the other fields', () => {
    const time = new Date(2026, 11, 1, 9, 5, 7).getTime();
    const line = JSON.stringify({ level: 'warning', time, pid: 4, workflow: 'ci', executionId: 'e', step: 'test', attempt: 1, error: 'exit 1', msg: 'step retrying' });
    expect(readableLine(line)).toBe('09:05:07 WARNING  step retrying  ci › test  attempt=1 error="exit 1"');
  });
});
