import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newEngine, run, sh, tempDir, workflow } from '../helpers.js';

/** An executable script at `dir/name` printing `text`. */
function tool(dir: string, name: string, text: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), `#!/bin/sh\necho "${text}"\n`);
  chmodSync(join(dir, name), 0o755);
}

describe('the environment of a shell step', () => {
  it("finds a tool in the project's node_modules/.bin (also from a subfolder) and its .venv/bin by bare name", async () => {
    const project = tempDir();
    tool(join(project, 'node_modules', '.bin'), 'lintit', 'lintit from the project');
    tool(join(project, '.venv', 'bin'), 'pyish', 'pyish from the venv');
    mkdirSync(join(project, 'packages', 'a'), { recursive: true });
    const record = await run(newEngine(), workflow([
      sh('lint', 'lintit'),
      sh('nested', 'lintit', { parameters: { command: 'lintit', cwd: 'packages/a' } }),
      sh('py', 'pyish; echo "venv=$VIRTUAL_ENV" >> "$CODOMYRMEX_OUTPUT"'),
    ]), { cwd: project });
    expect(record.steps.lint).toMatchObject({ status: 'succeeded', outputs: { stdout: 'lintit from the project\n' } });
    expect(record.steps.nested).toMatchObject({ status: 'succeeded', outputs: { stdout: 'lintit from the project\n' } });
    expect(record.steps.py).toMatchObject({ status: 'succeeded', outputs: { venv: join(project, '.venv') } });
  });

  it('finds a tool an earlier step of the same run installed', async () => {
    const project = tempDir();
    const install = `mkdir -p node_modules/.bin && printf '#!/bin/sh\\necho fresh\\n' > node_modules/.bin/fresh && chmod +x node_modules/.bin/fresh`;
    const record = await run(newEngine(), workflow([sh('install', install), sh('use', 'fresh', { dependencies: ['install'] })]), { cwd: project });
    expect(record.steps.use).toMatchObject({ status: 'succeeded', outputs: { stdout: 'fresh\n' } });
  });

  it('leaves PATH alone when the workflow sets it or turns the lookup off', async () => {
    const project = tempDir();
    tool(join(project, 'node_modules', '.bin'), 'lintit', 'found');
    const engine = newEngine();
    const off = await run(engine, workflow([sh('lint', 'lintit')], { env: { CODOMYRMEX_LOCAL_BIN: '0' } }), { cwd: project });
    expect(off.steps.lint).toMatchObject({ status: 'failed', exitCode: 127 });
    const explicit = await run(engine, workflow([sh('lint', 'lintit', { parameters: { command: 'lintit', env: { PATH: '/usr/bin:/bin' } } })]), { cwd: project });
    expect(explicit.steps.lint).toMatchObject({ status: 'failed', exitCode: 127 });
  });

  it("forces colour: a coloured command's log keeps its escapes, its outputs have none; FORCE_COLOR=0 turns it off", async () => {
    // Colours only when told to (not a terminal), as chalk-based tools do.
    const command = `node -e "const c = process.env.FORCE_COLOR === '1' && process.env.CLICOLOR_FORCE === '1'; const r = c ? '\\\\x1b[31mred\\\\x1b[0m' : 'red'; console.log(r); require('fs').appendFileSync(process.env.CODOMYRMEX_OUTPUT, 'colour=' + r + '\\\\n')"`;
    const engine = newEngine();
    const record = await run(engine, workflow([sh('paint', command)]));
    const paint = record.steps.paint!;
    expect(paint.status).toBe('succeeded');
    expect(readFileSync(paint.logPath!, 'utf8')).toBe('\x1b[31mred\x1b[0m\n');
    expect(paint.logTail).toBe('\x1b[31mred\x1b[0m\n');
    expect(paint.outputs).toMatchObject({ stdout: 'red\n', colour: 'red' });

    const plain = await run(engine, workflow([sh('paint', command)], { env: { FORCE_COLOR: '0' } }));
    expect(readFileSync(plain.steps.paint!.logPath!, 'utf8')).toBe('red\n');
  });
});
