// A cache on shared storage can be written by others: a stored result whose paths lead outside the run's folder (or
// below a link it makes itself) is never restored — the step runs, says why, and nothing is written out there.
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../cli.js';
import { folderWith, tempDir } from '../helpers.js';

interface StoredFile { path: string; hash: string; mode: number; size: number; link?: string }
interface Record { steps: { build: { status: string; cacheKey?: string; cacheMiss?: { summary: string } } } }

function project(): { home: string; dir: string; file: string; outside: string } {
  const outside = tempDir('codomyrmex-cache-outside-');
  const dir = folderWith({
    'in.txt': 'input\n',
    'build.yaml': [
      'version: 1', 'name: build', 'steps:',
      '  - { name: build, module: shell, action: run, parameters: { command: "mkdir -p out && cp in.txt out/a.txt" }, cache: { inputs: [in.txt], outputs: ["out/**"] } }',
    ].join('\n'),
  }, 'codomyrmex-cache-paths-');
  return { home: tempDir('codomyrmex-cache-paths-home-'), dir, file: join(dir, 'build.yaml'), outside };
}

const run = (p: ReturnType<typeof project>): Record => {
  const result = cli(['run', p.file, '--json'], p.home, p.dir);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Record;
};

/** Rewrites the stored entry of `key` (as someone with write access to a shared cache could). */
function tamper(p: ReturnType<typeof project>, key: string, change: (files: StoredFile[]) => StoredFile[]): void {
  const path = join(p.home, 'cache', 'entries', key.slice(0, 2), `${key}.json`);
  const entry = JSON.parse(readFileSync(path, 'utf8')) as { files: StoredFile[] };
  entry.files = change(entry.files);
  writeFileSync(path, JSON.stringify(entry));
}

describe('a stored result naming paths outside the run', () => {
  it('is not restored: the step runs, says why, and writes nothing outside', () => {
    const p = project();
    const first = run(p);
    expect(first.steps.build.status).toBe('succeeded');
    const key = first.steps.build.cacheKey!;
    const escape = join('..', '..', '..', '..', '..', '..', '..', '..', p.outside.slice(1), 'planted.txt');
    tamper(p, key, (files) => [...files, { ...files[0]!, path: escape }]);
    rmSync(join(p.dir, 'out'), { recursive: true });

    const second = run(p);
    expect(second.steps.build.status).toBe('succeeded');
    expect(second.steps.build.cacheMiss?.summary).toContain("outside the run's folder: not restored");
    expect(existsSync(join(p.outside, 'planted.txt'))).toBe(false);
    // The step's own run stored a sound entry again: the next run is a hit.
    rmSync(join(p.dir, 'out'), { recursive: true });
    expect(run(p).steps.build.status).toBe('cached');
    expect(readFileSync(join(p.dir, 'out', 'a.txt'), 'utf8')).toBe('input\n');
  });

  it('is not restored when it writes below a link of its own that points outside', () => {
    const p = project();
    const key = run(p).steps.build.cacheKey!;
    tamper(p, key, (files) => [{ path: 'out/door', hash: files[0]!.hash, mode: 0o120777, size: 0, link: p.outside }, { ...files[0]!, path: 'out/door/planted.txt' }, ...files]);
    rmSync(join(p.dir, 'out'), { recursive: true });

    const second = run(p);
    expect(second.steps.build.status).toBe('succeeded');
    expect(second.steps.build.cacheMiss?.summary).toContain('out/door/planted.txt');
    expect(existsSync(join(p.outside, 'planted.txt'))).toBe(false);
  });

  it('restores a file with its permissions, never a set-user-ID or set-group-ID bit the entry names', () => {
    const p = project();
    const key = run(p).steps.build.cacheKey!;
    tamper(p, key, (files) => files.map((file) => ({ ...file, mode: 0o106755 })));
    rmSync(join(p.dir, 'out'), { recursive: true });

    expect(run(p).steps.build.status).toBe('cached');
    expect(statSync(join(p.dir, 'out', 'a.txt')).mode & 0o7777).toBe(0o755);
  });

  it('is not read when a file names its content by anything but a hash (a path into the machine)', () => {
    const p = project();
    const secret = join(p.outside, 'secret.txt');
    writeFileSync(secret, 'not for the project\n');
    const key = run(p).steps.build.cacheKey!;
    const climb = `../../${'../'.repeat(10)}${secret.slice(1)}`;
    tamper(p, key, (files) => files.map((file) => ({ ...file, hash: climb })));
    rmSync(join(p.dir, 'out'), { recursive: true });

    const second = run(p);
    expect(second.steps.build.status).toBe('succeeded');
    expect(readFileSync(join(p.dir, 'out', 'a.txt'), 'utf8')).toBe('input\n');
  });
});
