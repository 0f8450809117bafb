// static_analysis.analyze_code: a walk over a source tree counting files, lines, languages, TODOs and the largest files.
import { promises as fsp, type Dirent } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { basename, extname, join, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import { ActionFailure, defineAction, type ActionContext } from './action.js';

const MIB = 1024 * 1024;
const BINARY_SNIFF_BYTES = 8192;
// Enough files in flight to hide disk latency without exhausting file descriptors.
const READ_CONCURRENCY = 16;
const LARGEST_FILES = 10;
export const DEFAULT_EXCLUDE = ['node_modules', '.git', 'dist', 'build', 'coverage', '.venv', '__pycache__', '.codomyrmex'];

const LANGUAGE_BY_EXTENSION: Record<string, string> = {
  ...languageOf('TypeScript', '.ts', '.tsx', '.mts', '.cts'),
  ...languageOf('JavaScript', '.js', '.jsx', '.mjs', '.cjs'),
  ...languageOf('Python', '.py', '.pyi', '.pyw'),
  ...languageOf('Rust', '.rs'),
  ...languageOf('Go', '.go'),
  ...languageOf('Java', '.java'),
  ...languageOf('Kotlin', '.kt', '.kts'),
  ...languageOf('Swift', '.swift'),
  ...languageOf('C', '.c', '.h'),
  ...languageOf('C++', '.cc', '.cpp', '.cxx', '.hh', '.hpp', '.hxx'),
  ...languageOf('C#', '.cs'),
  ...languageOf('Ruby', '.rb'),
  ...languageOf('PHP', '.php'),
  ...languageOf('Shell', '.sh', '.bash', '.zsh', '.fish'),
  ...languageOf('PowerShell', '.ps1', '.psm1'),
  ...languageOf('Lua', '.lua'),
  ...languageOf('R', '.r'),
  ...languageOf('Scala', '.scala'),
  ...languageOf('Dart', '.dart'),
  ...languageOf('Vue', '.vue'),
  ...languageOf('Svelte', '.svelte'),
  ...languageOf('Markdown', '.md', '.mdx', '.markdown'),
  ...languageOf('JSON', '.json', '.jsonc'),
  ...languageOf('YAML', '.yml', '.yaml'),
  ...languageOf('TOML', '.toml'),
  ...languageOf('XML', '.xml'),
  ...languageOf('HTML', '.html', '.htm'),
  ...languageOf('CSS', '.css', '.scss', '.sass', '.less'),
  ...languageOf('SQL', '.sql'),
};
const LANGUAGE_BY_NAME: Record<string, string> = { Dockerfile: 'Dockerfile', Makefile: 'Makefile', makefile: 'Makefile', GNUmakefile: 'Makefile' };

function languageOf(language: string, ...extensions: string[]): Record<string, string> {
  return Object.fromEntries(extensions.map((extension) => [extension, language]));
}

interface FileStats {
  path: string;
  lines: number;
  bytes: number;
  todo: number;
  fixme: number;
}

export interface Totals {
  files: number;
  lines: number;
  bytes: number;
  languages: Record<string, { files: number; lines: number }>;
  todo: number;
  fixme: number;
  largestFiles: { path: string; lines: number; bytes: number }[];
}

const analyzeCode = defineAction({
  module: 'static_analysis',
  action: 'analyze_code',
  description: 'Counts files, lines and languages in a source tree, with its TODOs, FIXMEs and largest files.',
  icon: 'search',
  params: () => z.object({
    path: z.string().min(1).default('.').describe("The folder (or file) to analyse, relative to the project's folder."),
    exclude: z.array(z.string().min(1)).default(DEFAULT_EXCLUDE).describe('Folder names to skip wherever they appear.'),
    maxFiles: z.number().int().positive().default(100_000).describe('Stop after this many files; the outputs say so.'),
    maxFileBytes: z.number().int().positive().default(2 * MIB).describe('Larger files are counted but not read.'),
  }),
  outputs: ['files', 'lines', 'bytes', 'languages', 'todo', 'fixme', 'largestFiles', 'truncated'],
  async run(p, context) {
    const root = resolve(context.cwd, p.path);
    const { totals, truncated } = await analyzeTree(root, p, context);
    const top = Object.entries(totals.languages)
      .sort((a, b) => b[1].lines - a[1].lines)
      .slice(0, 5)
      .map(([language, counts]) => `${language} ${counts.lines}`);
    context.log(
      'stdout',
      `${root}: ${totals.files} files, ${totals.lines} lines, ${totals.bytes} bytes; ${top.join(', ') || 'no code'}; ` +
        `${totals.todo} TODO, ${totals.fixme} FIXME${truncated ? `; stopped at maxFiles (${p.maxFiles})` : ''}\n`,
    );
    return { outputs: { ...totals, truncated } };
  },
});

export interface TreeOptions {
  exclude: string[];
  maxFiles: number;
  maxFileBytes: number;
}

/**
 * Walks and counts a tree (what analyze_code reports); `inspect` sees each text file read, with its path relative to
 * root, for analyses that need the contents too (analyze_code_quality's complexity estimate).
 */
export async function analyzeTree(root: string, options: TreeOptions, context: ActionContext, inspect?: (path: string, text: string) => void): Promise<{ totals: Totals; truncated: boolean }> {
  const { files, truncated } = await listFiles(root, new Set(options.exclude), options.maxFiles, context);
  const stats = await mapPool(files, READ_CONCURRENCY, (file) => analyzeFile(file, options.maxFileBytes, context.signal, inspect === undefined ? undefined : (text) => inspect(relativePath(root, file), text)));
  return { totals: summarize(stats.map((s) => ({ ...s, path: relativePath(root, s.path) }))), truncated };
}

/** Every regular file under root, breadth first with an explicit queue so deep trees cannot overflow the stack. */
async function listFiles(root: string, exclude: ReadonlySet<string>, maxFiles: number, context: ActionContext): Promise<{ files: string[]; truncated: boolean }> {
  const rootStats = await fsp.stat(root).catch((error: NodeJS.ErrnoException) => {
    throw new ActionFailure(error.code === 'ENOENT' ? `cannot analyse ${root}: no such file or folder` : `cannot analyse ${root}: ${error.message}`);
  });
  if (rootStats.isFile()) return { files: [root], truncated: false };
  const files: string[] = [];
  const queue = [root];
  for (let index = 0; index < queue.length; index++) {
    const next = queue[index]!;
    context.signal.throwIfAborted();
    let entries: Dirent[];
    try {
      entries = await fsp.readdir(next, { withFileTypes: true });
    } catch (error) {
      // An unreadable folder deep in the tree should not sink the whole analysis; the root's failure already did above.
      if (next === root) throw new ActionFailure(`cannot analyse ${root}: ${(error as Error).message}`);
      context.log('stderr', `skipped ${next}: ${(error as Error).message}\n`);
      continue;
    }
    for (const entry of entries) {
      // Dirent types come from lstat, so symbolic links are neither files nor folders here and are skipped.
      if (entry.isDirectory() && !exclude.has(entry.name)) queue.push(join(next, entry.name));
      else if (entry.isFile()) {
        if (files.length >= maxFiles) return { files, truncated: true };
        files.push(join(next, entry.name));
      }
    }
  }
  return { files, truncated: false };
}

async function analyzeFile(path: string, maxFileBytes: number, signal: AbortSignal, inspect?: (text: string) => void): Promise<FileStats> {
  signal.throwIfAborted();
  let handle: FileHandle;
  try {
    handle = await fsp.open(path, 'r');
  } catch {
    // Vanished or unreadable since the walk: it still existed, so count it with what is known.
    return { path, lines: 0, bytes: 0, todo: 0, fixme: 0 };
  }
  try {
    const { size } = await handle.stat();
    if (size > maxFileBytes) return { path, lines: 0, bytes: size, todo: 0, fixme: 0 };
    const data = await handle.readFile();
    if (data.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return { path, lines: 0, bytes: data.byteLength, todo: 0, fixme: 0 };
    const text = data.toString('utf8');
    inspect?.(text);
    return { path, lines: countLines(data), bytes: data.byteLength, todo: countWord(text, /\bTODO\b/g), fixme: countWord(text, /\bFIXME\b/g) };
  } finally {
    await handle.close();
  }
}

/** Newlines, plus one for a last line without its own newline. */
function countLines(data: Buffer): number {
  if (data.byteLength === 0) return 0;
  let lines = 0;
  for (let at = data.indexOf(10); at !== -1; at = data.indexOf(10, at + 1)) lines++;
  return data[data.byteLength - 1] === 10 ? lines : lines + 1;
}

function countWord(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

function summarize(stats: readonly FileStats[]): Totals {
  const totals: Totals = { files: 0, lines: 0, bytes: 0, languages: {}, todo: 0, fixme: 0, largestFiles: [] };
  for (const file of stats) {
    totals.files++;
    totals.lines += file.lines;
    totals.bytes += file.bytes;
    totals.todo += file.todo;
    totals.fixme += file.fixme;
    const name = basename(file.path);
    const language = LANGUAGE_BY_NAME[name] ?? LANGUAGE_BY_EXTENSION[extname(name).toLowerCase()] ?? 'Other';
    const counts = (totals.languages[language] ??= { files: 0, lines: 0 });
    counts.files++;
    counts.lines += file.lines;
  }
  totals.largestFiles = [...stats]
    .sort((a, b) => b.lines - a.lines || b.bytes - a.bytes || a.path.localeCompare(b.path))
    .slice(0, LARGEST_FILES)
    .map(({ path, lines, bytes }) => ({ path, lines, bytes }));
  return totals;
}

/** Relative to the analysed folder, with forward slashes on every platform so outputs compare across machines. */
function relativePath(root: string, path: string): string {
  const rel = relative(root, path);
  return (rel === '' ? basename(path) : rel).split(sep).join('/');
}

/** Runs `work` over items with at most `limit` in flight, keeping the input order; the first rejection rejects all. */
async function mapPool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export const actions = [analyzeCode];
