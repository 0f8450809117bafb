import { chmod, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ActionFailure } from '../../../../electron/engine/actions/action.js';
import { actions } from '../../../../electron/engine/actions/file.js';
import { createContext, findAction, makeTempDir, runAction } from './context.js';

const write = findAction(actions, 'file.write');
const read = findAction(actions, 'file.read');
let dir: string;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
});

afterEach(async () => {
  await cleanup();
});

describe('file.write', () => {
  it('a relative path is written under the step folder, creating parent folders', async () => {
    const { outputs } = await runAction(write, { path: 'out/notes.txt', content: 'héllo' }, createContext({ cwd: dir }));
    const path = join(dir, 'out', 'notes.txt');
    expect(outputs).toEqual({ path, bytes: 6 });
    expect(await readFile(path, 'utf8')).toBe('héllo');
  });

  it('a parent folder that cannot be made is named with the reason, not blamed on mkdir being off', async () => {
    await writeFile(join(dir, 'out'), 'a file where the folder would go');
    await expect(runAction(write, { path: 'out/notes.txt', content: 'x' }, createContext({ cwd: dir })))
      .rejects.toThrow(`cannot write ${join(dir, 'out', 'notes.txt')}: cannot make the folder ${join(dir, 'out')}: a file of that name is there (EEXIST)`);
  });

  it('replacing a file leaves no temporary file behind and keeps its permissions', async () => {
    const path = join(dir, 'run.sh');
    await writeFile(path, 'old');
    await chmod(path, 0o755);
    await runAction(write, { path, content: 'new' }, createContext({ cwd: dir }));
    expect(await readFile(path, 'utf8')).toBe('new');
    expect(await readdir(dir)).toEqual(['run.sh']);
    if (process.platform !== 'win32') expect((await stat(path)).mode & 0o777).toBe(0o755);
  });

  it('append adds to the end of the file', async () => {
    const context = createContext({ cwd: dir });
    await runAction(write, { path: 'log.txt', content: 'one\n' }, context);
    await runAction(write, { path: 'log.txt', content: 'two\n', append: true }, context);
    expect(await readFile(join(dir, 'log.txt'), 'utf8')).toBe('one\ntwo\n');
  });

  it('with mkdir off, a missing folder fails naming the folder', async () => {
    const error = await runAction(write, { path: 'nope/a.txt', content: 'x', mkdir: false }, createContext({ cwd: dir })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionFailure);
    expect((error as Error).message).toContain(join(dir, 'nope'));
  });
});

describe('file.read', () => {
  it('reads a file relative to the step folder', async () => {
    await writeFile(join(dir, 'a.txt'), 'content here');
    const { outputs } = await runAction(read, { path: 'a.txt' }, createContext({ cwd: dir }));
    expect(outputs).toEqual({ content: 'content here', bytes: 12, path: join(dir, 'a.txt') });
  });

  it('reads binary content as base64 when asked', async () => {
    await writeFile(join(dir, 'b.bin'), Buffer.from([0, 1, 2, 255]));
    const { outputs } = await runAction(read, { path: 'b.bin', encoding: 'base64' }, createContext({ cwd: dir }));
    expect(outputs.content).toBe('AAEC/w==');
  });

  it('a missing file fails with its absolute path', async () => {
    const error = await runAction(read, { path: 'missing.txt' }, createContext({ cwd: dir })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionFailure);
    expect((error as Error).message).toBe(`cannot read ${join(dir, 'missing.txt')}: no such file`);
  });

  it('a file larger than maxBytes fails with its size and the limit', async () => {
    await writeFile(join(dir, 'big.txt'), 'x'.repeat(100));
    await expect(runAction(read, { path: 'big.txt', maxBytes: 10 }, createContext({ cwd: dir }))).rejects.toThrow(/is 100 bytes, more than maxBytes \(10\)/);
  });

  it('a folder fails as not being a file', async () => {
    await expect(runAction(read, { path: '.' }, createContext({ cwd: dir }))).rejects.toThrow(/it is a folder/);
  });
});

describe('file params', () => {
  it('every params schema converts to JSON Schema for the editor', () => {
    for (const action of actions) {
      expect(z.toJSONSchema(action.params, { io: 'input', unrepresentable: 'any' })).toMatchObject({ type: 'object' });
    }
  });
});
