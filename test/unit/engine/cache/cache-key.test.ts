// What a cache miss says changed: each input file, env value, upstream output, parameters or action version.
import { describe, expect, it } from 'vitest';
import { explainMiss, keyOf, type KeyManifest } from '../../../../electron/engine/cache/cache-key.js';
import { loadHasher } from '../../../../electron/engine/cache/hashing.js';
import { explainRun } from '../../../../electron/doors/cli/explain.js';
import type { WorkflowExecution } from '../../../../shared/model.js';

const base: KeyManifest = {
  action: 'shell.run', version: '1.0.0', params: 'p1', cwd: '.',
  inputs: { 'src/a.c': 'h1', 'src/b.c': 'h2' }, env: { CC: 'gcc', DEBUG: null }, upstream: { gen: 'o1' },
};

describe('explainMiss', () => {
  it('says first run when the step has no stored key yet', () => {
    expect(explainMiss(null, base, 'k')).toEqual({ summary: 'first run', changes: [] });
  });

  it('names the one input file that changed', () => {
    const now = { ...base, inputs: { ...base.inputs, 'src/a.c': 'h9' } };
    expect(explainMiss({ key: 'old', manifest: base }, now, 'new')).toEqual({ summary: 'input src/a.c changed', changes: [{ kind: 'input', name: 'src/a.c', detail: 'changed' }] });
  });

  it('counts several changes of a kind and names single ones of the others', () => {
    const now: KeyManifest = { ...base, version: '1.1.0', params: 'p2', inputs: { 'src/b.c': 'h3', 'src/c.c': 'h4' }, env: { CC: 'clang', DEBUG: null }, upstream: { gen: 'o2' } };
    const miss = explainMiss({ key: 'old', manifest: base }, now, 'new');
    expect(miss.summary).toBe('action shell.run, parameters, 3 inputs, env CC and upstream gen changed');
    expect(miss.changes).toEqual([
      { kind: 'action', name: 'shell.run', detail: 'shell.run 1.0.0 → shell.run 1.1.0' },
      { kind: 'params', name: 'parameters', detail: 'changed' },
      { kind: 'input', name: 'src/b.c', detail: 'changed' },
      { kind: 'input', name: 'src/c.c', detail: 'added' },
      { kind: 'input', name: 'src/a.c', detail: 'removed' },
      { kind: 'env', name: 'CC', detail: 'changed' },
      { kind: 'upstream', name: 'gen', detail: 'output changed' },
    ]);
  });

  it('lists the first 50 of thousands of changes (a checkout) and counts the rest, the summary counting them all', () => {
    const inputs = (hash: string) => Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`src/f${String(i).padStart(4, '0')}.c`, hash]));
    const miss = explainMiss({ key: 'old', manifest: { ...base, inputs: inputs('h1') } }, { ...base, inputs: inputs('h2'), env: { CC: 'clang', DEBUG: null } }, 'new');
    expect(miss.summary).toBe('3000 inputs and env CC changed');
    expect(miss.changes).toHaveLength(50);
    expect(miss.changes[0]).toEqual({ kind: 'input', name: 'src/f0000.c', detail: 'changed' });
    expect(miss.more).toBe(2951);
    expect(explainRun({ steps: { build: { status: 'succeeded', cacheMiss: miss } } } as unknown as WorkflowExecution).trimEnd().split('\n').slice(-2)).toEqual([
      '      input src/f0049.c: changed',
      '      … and 2,951 more',
    ]);
  });

  it('says an env value was unset, and that a key with nothing changed was cleared or evicted', () => {
    const now = { ...base, env: { CC: null, DEBUG: null } };
    expect(explainMiss({ key: 'old', manifest: base }, now, 'new').summary).toBe('env CC unset');
    expect(explainMiss({ key: 'same', manifest: base }, base, 'same').summary).toBe('no stored result for this key (cleared or evicted)');
  });
});

describe('keyOf', () => {
  it('is the hash of the manifest’s canonical JSON, so keys stored before stay valid', async () => {
    const hasher = await loadHasher();
    const manifest: KeyManifest = { ...base, inputs: { 'z"q.c': 'h3', 'src/a.c': 'h1', 'ä.c': 'h2' }, upstream: { b: 'o2', a: 'o1' } };
    expect(keyOf(manifest, hasher)).toBe(hasher.json({ v: 1, ...manifest }));
    expect(keyOf({ ...base, inputs: {}, env: {}, upstream: {} }, hasher)).toBe(hasher.json({ v: 1, ...base, inputs: {}, env: {}, upstream: {} }));
  });
});
