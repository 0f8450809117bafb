import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';

const ROOT = join(import.meta.dirname, '..', '..');

describe('the guide’s logging sample', () => {
  it('examples/logging-levels.ts logs the five levels and a run’s debug records, to stderr and the file alike', () => {
    // Types stripped, the example itself runs; inside the package folder so its import resolves by package name.
    const { code } = transformSync(readFileSync(join(ROOT, 'examples', 'logging-levels.ts'), 'utf8'), { loader: 'ts', format: 'esm' });
    const script = join(ROOT, 'test', `.logging-levels-${process.pid}.tmp.mjs`);
    writeFileSync(script, code);
    const home = tempDir();
    try {
      const result = spawnSync(process.execPath, [script], { cwd: ROOT, env: { ...process.env, CODOMYRMEX_HOME: home, CODOMYRMEX_LOG_LEVEL: '' }, encoding: 'utf8' });
      expect(result.stdout).toBe('completed\n');
      const onStderr = result.stderr.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
      const inFile = readFileSync(join(home, 'logs', 'codomyrmex.log'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(inFile).toEqual(onStderr);
      const named = inFile.filter((record) => record.name === 'codomyrmex.project_orchestration');
      expect(named.map((record) => record.level)).toEqual(['debug', 'info', 'warning', 'error', 'critical', 'info']);
      expect(named[3]).toMatchObject({ code: 'WORKFLOW_ERROR', msg: 'A function could not be performed' });
      expect(named[5]).toMatchObject({ status: 'completed', msg: 'workflow done' });
      const command = inFile.find((record) => record.msg === 'step command');
      expect(command).toMatchObject({ level: 'debug', workflow: 'code_analysis_workflow', step: 'greet', command: 'echo "hello $GREETING"' });
      expect(command!.env).toMatchObject({ added: { GREETING: 'ants', API_TOKEN: '***' } });
    } finally {
      rmSync(script, { force: true });
    }
  });
});
