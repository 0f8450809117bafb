import { describe, expect, it } from 'vitest';
import { needsShell } from '../../../../electron/engine/processes/process-runner.js';

describe('choosing whether a command needs a shell', () => {
  it('runs plain commands directly, as make does', () => {
    for (const command of ['echo built-3', 'node script.mjs --flag', 'make -j4 all', 'npm test']) expect(needsShell(command)).toBe(false);
  });

  it('sends shell syntax, builtins and assignments to the shell', () => {
    for (const command of ['echo a | wc', 'a && b', 'echo $HOME', 'ls *.ts', 'exit 2', 'cd src', 'FOO=1 node x', 'echo "quoted"', 'true; false', 'sleep 1 &']) {
      expect(needsShell(command), command).toBe(true);
    }
  });
});
