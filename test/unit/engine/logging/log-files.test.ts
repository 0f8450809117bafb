import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { currentLogFile } from '../../../../electron/engine/logging/log-files.js';
import { tempDir } from '../../../helpers.js';

/** A logs folder with these numbered files, the link on `linked` (none when undefined), and a folder per run. */
function logsFolder(numbers: number[], linked?: string): string {
  const dir = tempDir();
  for (const number of numbers) writeFileSync(join(dir, `codomyrmex.${number}.log`), '');
  for (let run = 0; run < 3; run++) mkdirSync(join(dir, `run-${run}`));
  if (linked !== undefined) symlinkSync(linked, join(dir, 'codomyrmex.log'));
  return dir;
}

describe.skipIf(process.platform === 'win32')('the engine log file being written', () => {
  it('is the one the link names', () => {
    const dir = logsFolder([3, 4], 'codomyrmex.4.log');
    expect(currentLogFile(dir)).toBe(join(dir, 'codomyrmex.4.log'));
  });

  it('is the highest-numbered where the link was left behind by a rotation, is broken, or is missing', () => {
    expect(currentLogFile(logsFolder([3, 4, 5], 'codomyrmex.4.log'))).toMatch(/codomyrmex\.5\.log$/);
    expect(currentLogFile(logsFolder([2], 'codomyrmex.9.log'))).toMatch(/codomyrmex\.2\.log$/);
    expect(currentLogFile(logsFolder([10, 9]))).toMatch(/codomyrmex\.10\.log$/);
    expect(currentLogFile(logsFolder([1], 'elsewhere.txt'))).toMatch(/codomyrmex\.1\.log$/);
  });

  it('is none in a folder without one', () => {
    expect(currentLogFile(logsFolder([]))).toBeNull();
  });
});
