import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ActionFailure } from '../../../../electron/engine/actions/action.js';
import { actions } from '../../../../electron/engine/actions/static-analysis.js';
import { createContext, findAction, makeTempDir, runAction } from './context.js';

const analyze = findAction(actions, 'static_analysis.analyze_code');
let dir: string;
let cleanup: () => Promise<void>;

async function put(path: string, content: string | Buffer): Promise<void> {
  await mkdir(dirname(join(dir, path)), { recursive: true });
  await writeFile(join(dir, path), content);
}

beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  await put('src/main.ts', '// TODO: split\nconst a = 1;\n// FIXME later\nexport { a };\n');
  await put('src/util.js', 'const TODOS = [];\n// TODO one\n// todo is not counted\nmodule.exports = TODOS;');
  await put('scripts/run.py', 'print("hi")\n');
  await put('README.md', '# Title\n\nTODO: write\n');
  await put('data.bin', Buffer.from([1, 0, 2, 10, 10, 10]));
  await put('notes.xyz', 'one\ntwo\n');
  await put('node_modules/dep/index.js', '// TODO hidden\n'.repeat(50));
  await put('nested/build/out.js', 'x\n');
});

afterEach(async () => {
  await cleanup();
});

describe('static_analysis.analyze_code', () => {
  it('analyze_code counts lines, languages and TODOs and skips node_modules', async () => {
    const context = createContext({ cwd: dir });
    const { outputs } = await runAction(analyze, {}, context);
    expect(outputs).toMatchObject({ files: 6, lines: 14, todo: 3, fixme: 1, truncated: false });
    expect(outputs.languages).toEqual({
      TypeScript: { files: 1, lines: 4 },
      JavaScript: { files: 1, lines: 4 },
      Python: { files: 1, lines: 1 },
      Markdown: { files: 1, lines: 3 },
      Other: { files: 2, lines: 2 },
    });
    expect(context.logText()).toMatch(/6 files, 14 lines, \d+ bytes; .*3 TODO, 1 FIXME\n$/);
  });

  it('a binary file counts as a file with no lines', async () => {
    const { outputs } = await runAction(analyze, { path: 'data.bin' }, createContext({ cwd: dir }));
    expect(outputs).toMatchObject({ files: 1, lines: 0, bytes: 6, largestFiles: [{ path: 'data.bin', lines: 0, bytes: 6 }] });
  });

  it('largestFiles lists files by lines, then bytes, with paths relative to the analysed folder', async () => {
    const { outputs } = await runAction(analyze, {}, createContext({ cwd: dir }));
    const largest = outputs.largestFiles as { path: string; lines: number }[];
    expect(largest.slice(0, 3).map((f) => f.path)).toEqual(['src/util.js', 'src/main.ts', 'README.md']);
    expect(largest).toHaveLength(6);
  });

  it('a custom exclude replaces the default list', async () => {
    const { outputs } = await runAction(analyze, { exclude: ['src'] }, createContext({ cwd: dir }));
    expect(outputs).toMatchObject({ files: 6, todo: 51 });
  });

  it('files larger than maxFileBytes are counted but not read', async () => {
    const { outputs } = await runAction(analyze, { path: 'src', maxFileBytes: 10 }, createContext({ cwd: dir }));
    expect(outputs).toMatchObject({ files: 2, lines: 0, todo: 0 });
    expect(outputs.bytes).toBeGreaterThan(0);
  });

  it('stops at maxFiles and says so', async () => {
    const context = createContext({ cwd: dir });
    const { outputs } = await runAction(analyze, { maxFiles: 2 }, context);
    expect(outputs).toMatchObject({ files: 2, truncated: true });
    expect(context.logText()).toContain('stopped at maxFiles (2)');
  });

  it.skipIf(process.platform === 'win32')('does not follow symbolic links', async () => {
    const { dir: outside, cleanup: removeOutside } = await makeTempDir();
    try {
      await writeFile(join(outside, 'far.ts'), 'a\nb\n');
      await symlink(outside, join(dir, 'linked'));
      await symlink(join(outside, 'far.ts'), join(dir, 'far-link.ts'));
      const { outputs } = await runAction(analyze, {}, createContext({ cwd: dir }));
      expect(outputs).toMatchObject({ files: 6, lines: 14 });
    } finally {
      await removeOutside();
    }
  });

  it('a missing folder fails with its absolute path', async () => {
    const error = await runAction(analyze, { path: 'nowhere' }, createContext({ cwd: dir })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionFailure);
    expect((error as Error).message).toBe(`cannot analyse ${join(dir, 'nowhere')}: no such file or folder`);
  });

  it('a cancelled run stops the walk with the run’s reason', async () => {
    const context = createContext({ cwd: dir });
    const reason = new Error('cancelled by the user');
    context.controller.abort(reason);
    await expect(runAction(analyze, {}, context)).rejects.toBe(reason);
  });

  it('every params schema converts to JSON Schema for the editor', () => {
    for (const action of actions) {
      expect(z.toJSONSchema(action.params, { io: 'input', unrepresentable: 'any' })).toMatchObject({ type: 'object' });
    }
  });
});
