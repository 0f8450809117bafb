import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';

const ROOT = join(import.meta.dirname, '..', '..');

describe('the Quick Start', () => {
  it('examples/quick-start.ts runs against the built package, imported by name', () => {
    // Types stripped, the example itself runs; inside the package folder so its import resolves by package name.
    const { code } = transformSync(readFileSync(join(ROOT, 'examples', 'quick-start.ts'), 'utf8'), { loader: 'ts', format: 'esm' });
    const script = join(ROOT, 'test', `.quick-start-${process.pid}.tmp.mjs`);
    writeFileSync(script, code);
    try {
      const result = spawnSync(process.execPath, [script], { cwd: ROOT, env: { ...process.env, CODOMYRMEX_HOME: tempDir() }, encoding: 'utf8' });
      expect(result.stderr).toBe('');
      const [status, files] = result.stdout.trim().split(' ');
      expect(status).toBe('completed');
      expect(Number(files)).toBeGreaterThan(10);
    } finally {
      rmSync(script, { force: true });
    }
  });
});
