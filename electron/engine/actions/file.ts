// file.write and file.read: text files in the step's folder, written atomically and read with a size cap.
import { randomBytes } from 'node:crypto';
// fs.promises, not node:fs/promises: its getter loads the module at first use, not at start-up (~1.5 ms of a CLI's).
import { promises as fsp } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { ActionFailure, defineAction } from './action.js';
import { FolderError, makeFolders } from '../make-folders.js';

const MIB = 1024 * 1024;
const ENCODINGS = ['utf8', 'utf16le', 'latin1', 'ascii', 'base64', 'hex'] as const;

const write = defineAction({
  module: 'file',
  action: 'write',
  description: 'Writes text to a file, replacing it atomically or appending to it.',
  icon: 'file',
  params: () => z.object({
    path: z.string().min(1, 'is required').describe("The file to write, relative to the project's folder."),
    content: z.string().describe('The text to write (UTF-8).'),
    append: z.boolean().default(false).describe('Add to the end of the file instead of replacing it.'),
    mkdir: z.boolean().default(true).describe('Create missing parent folders.'),
  }),
  outputs: ['path', 'bytes'],
  async run(params, context) {
    const path = resolve(context.cwd, params.path);
    context.signal.throwIfAborted();
    try {
      if (params.mkdir) makeFolders(dirname(path));
      if (params.append) await fsp.appendFile(path, params.content, 'utf8');
      else await writeAtomically(path, params.content);
    } catch (error) {
      throw fileError('cannot write', path, error);
    }
    const bytes = Buffer.byteLength(params.content, 'utf8');
    context.log('stdout', `${params.append ? 'appended' : 'wrote'} ${bytes} bytes to ${path}\n`);
    return { outputs: { path, bytes } };
  },
});

const read = defineAction({
  module: 'file',
  action: 'read',
  description: 'Reads a file into the step outputs, so later steps can use its content.',
  icon: 'file-text',
  params: () => z.object({
    path: z.string().min(1, 'is required').describe("The file to read, relative to the project's folder."),
    encoding: z.enum(ENCODINGS).default('utf8').describe('How the bytes become text (base64 or hex for binary files).'),
    maxBytes: z.number().int().positive().default(MIB).describe('Fail rather than read a file larger than this many bytes.'),
  }),
  outputs: ['content', 'bytes', 'path'],
  async run(params, context) {
    const path = resolve(context.cwd, params.path);
    context.signal.throwIfAborted();
    let data: Buffer;
    try {
      data = await readCapped(path, params.maxBytes);
    } catch (error) {
      throw fileError('cannot read', path, error);
    }
    context.log('stdout', `read ${data.byteLength} bytes from ${path}\n`);
    return { outputs: { content: data.toString(params.encoding), bytes: data.byteLength, path } };
  },
});

/** A reader never sees a half-written file: the text goes to a temporary file beside it, then replaces it in one rename. */
async function writeAtomically(path: string, content: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const mode = await fsp.stat(path).then(
    (stats) => stats.mode & 0o7777,
    () => undefined,
  );
  try {
    await fsp.writeFile(temp, content, { encoding: 'utf8', flag: 'wx' });
    // The rename replaces the file's inode, so keep the permissions the old one had (an executable script stays executable).
    if (mode !== undefined) await fsp.chmod(temp, mode);
    await fsp.rename(temp, path);
  } catch (error) {
    await fsp.rm(temp, { force: true });
    throw error;
  }
}

async function readCapped(path: string, maxBytes: number): Promise<Buffer> {
  const handle = await fsp.open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) throw new ActionFailure(`file ${path} is ${size} bytes, more than maxBytes (${maxBytes}); raise maxBytes to read it`);
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

function fileError(doing: string, path: string, error: unknown): unknown {
  if (error instanceof ActionFailure) return error;
  if (error instanceof FolderError) return new ActionFailure(`${doing} ${path}: ${error.message}`);
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' && doing === 'cannot write') return new ActionFailure(`${doing} ${path}: its folder ${dirname(path)} does not exist (mkdir is off)`);
  if (code === 'ENOENT') return new ActionFailure(`${doing} ${path}: no such file`);
  if (code === 'EISDIR') return new ActionFailure(`${doing} ${path}: it is a folder, not a file`);
  if (code === 'EACCES' || code === 'EPERM') return new ActionFailure(`${doing} ${path}: permission denied`);
  return new ActionFailure(`${doing} ${path}: ${error instanceof Error ? error.message : String(error)}`);
}

export const actions = [write, read];
