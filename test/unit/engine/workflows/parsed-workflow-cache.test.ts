import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../shared/errors.js';
import { ParsedWorkflowCache } from '../../../../electron/engine/workflows/parsed-workflow-cache.js';
import { loadWorkflowFile } from '../../../../electron/engine/workflows/workflow-file.js';
import { tempDir } from '../../../helpers.js';

const text = (command: string) => `version: 1\nname: cached\nsteps:\n  - { name: a, module: shell, action: run, parameters: { command: "${command}" } }\n`;

/** A workflow file, a cache for it (as a bundle of build `build` keeps it) and the one entry file it writes. */
function setUp(build = 'build-1') {
  const dir = tempDir();
  const file = join(dir, 'cached.yaml');
  writeFileSync(file, text('echo one'));
  const cacheDir = join(dir, 'parsed-workflows');
  const entry = () => join(cacheDir, readdirSync(cacheDir)[0]!);
  return { file, cacheDir, entry, cache: new ParsedWorkflowCache(cacheDir, build) };
}

/** Rewrites the entry's workflow (its key kept), so that a load that returns it shows it came from the cache. */
function tamper(entry: string, name: string): void {
  const data = JSON.parse(readFileSync(entry, 'utf8'));
  data.workflow.name = name;
  writeFileSync(entry, JSON.stringify(data));
}

describe('the parsed workflow cache', () => {
  it('gives an unchanged file its parsed form back without parsing it again', () => {
    const { file, entry, cache } = setUp();
    expect(loadWorkflowFile(file, cache).workflow.steps[0]!.parameters).toEqual({ command: 'echo one' });
    tamper(entry(), 'from-the-cache');
    expect(loadWorkflowFile(file, cache).workflow.name).toBe('from-the-cache');
  });

  it('parses a changed file again, and keeps that version instead', () => {
    const { file, cacheDir, entry, cache } = setUp();
    loadWorkflowFile(file, cache);
    tamper(entry(), 'stale');
    writeFileSync(file, text('echo two'));
    const loaded = loadWorkflowFile(file, cache);
    expect(loaded.workflow.name).toBe('cached');
    expect(loaded.workflow.steps[0]!.parameters).toEqual({ command: 'echo two' });
    expect(readdirSync(cacheDir)).toHaveLength(1);
    expect(JSON.parse(readFileSync(entry(), 'utf8')).workflow.steps[0].parameters.command).toBe('echo two');
  });

  it('ignores an entry it cannot read, or of another shape, and writes it over', () => {
    for (const garbage of ['{"build":"build-1","revi', '[]', 'null', JSON.stringify({ build: 'build-1', revision: 'x', length: 1, workflow: {} })]) {
      const { file, entry, cache } = setUp();
      loadWorkflowFile(file, cache);
      const valid = readFileSync(entry(), 'utf8');
      writeFileSync(entry(), garbage);
      expect(loadWorkflowFile(file, cache).workflow.name).toBe('cached');
      expect(readFileSync(entry(), 'utf8')).toBe(valid);
    }
  });

  it('ignores an entry of another build of the engine, which may parse the same text otherwise', () => {
    const { file, cacheDir, entry, cache } = setUp('build-1');
    loadWorkflowFile(file, cache);
    tamper(entry(), 'older-build');
    expect(loadWorkflowFile(file, new ParsedWorkflowCache(cacheDir, 'build-2')).workflow.name).toBe('cached');
  });

  it('keeps nothing JSON would change (a YAML date) and nothing while running from the sources', () => {
    const { file, cacheDir, cache } = setUp();
    writeFileSync(file, 'version: 1\nname: dated\nsteps:\n  - { name: a, module: control, action: noop, parameters: { when: 2026-12-01 } }\n');
    expect(loadWorkflowFile(file, cache).workflow.steps[0]!.parameters.when).toBeInstanceOf(Date);
    expect(() => readdirSync(cacheDir)).toThrow();
    writeFileSync(file, text('echo one'));
    loadWorkflowFile(file, new ParsedWorkflowCache(cacheDir));
    expect(() => readdirSync(cacheDir)).toThrow();
  });

  it('caches no refusal: an invalid file is refused each time with its problems', () => {
    const { file, cache } = setUp();
    writeFileSync(file, 'version: 1\nname: bad\nsteps:\n  - { name: a, module: shell }\n');
    expect(() => loadWorkflowFile(file, cache)).toThrow(ValidationError);
    expect(() => loadWorkflowFile(file, cache)).toThrow(ValidationError);
  });
});
