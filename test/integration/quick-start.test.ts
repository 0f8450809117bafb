import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';

describe('the Quick Start', () => {
  it('runs against the built package, imported by name', () => {
    const home = tempDir();
    const script = join(import.meta.dirname, '..', 'fixtures', 'quick-start.mjs');
    const result = spawnSync(process.execPath, [script], { cwd: join(import.meta.dirname, '..', '..'), env: { ...process.env, CODOMYRMEX_HOME: home }, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    const { status, files } = JSON.parse(result.stdout);
    expect(status).toBe('completed');
    expect(files).toBeGreaterThan(10);
  });
});
