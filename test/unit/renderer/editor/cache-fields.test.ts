import { describe, expect, it } from 'vitest';
import { stepCacheOf } from '../../../../shared/model.js';
import { createStores } from '../../../../renderer/app/stores.js';
import { cacheForMode, cacheModeOf, checkCacheList, EMPTY_CACHE, setStepCache, setWorkflowCache } from '../../../../renderer/editor/cache-fields.js';
import { createEditActions } from '../../../../renderer/editor/edit-actions.js';
import { DOC, step, workflow } from './editor-fixtures.js';

describe('a cache list typed in the inspector', () => {
  it('is one trimmed entry per line, blank lines left out', () => {
    expect(checkCacheList('inputs', '  src/**/*.c\n\n!src/gen/**  \n')).toEqual({ values: ['src/**/*.c', '!src/gen/**'], problems: [] });
    expect(checkCacheList('env', 'CC\nCFLAGS\n_PRIVATE')).toEqual({ values: ['CC', 'CFLAGS', '_PRIVATE'], problems: [] });
  });

  it('names the line of each env entry the schema refuses', () => {
    expect(checkCacheList('env', 'CC\n1BAD\n\nHAS-DASH').problems).toEqual([
      'line 2: “1BAD” is not an environment variable name: letters, digits and _, not starting with a digit',
      'line 4: “HAS-DASH” is not an environment variable name: letters, digits and _, not starting with a digit',
    ]);
  });

  it('refuses a lone ! that would exclude nothing', () => {
    expect(checkCacheList('outputs', 'out/*.o\n!').problems).toEqual(['line 2: “!” excludes nothing: write the glob to leave out after it']);
  });
});

describe('setting a cache', () => {
  const cache = { inputs: ['src/*.c'], outputs: ['out/*.o'], env: ['CC'] };

  it('sets and removes a step\'s own cache, keeping the same step when nothing changes', () => {
    const plain = step('build');
    const cached = setStepCache(plain, cache);
    expect(cached.cache).toEqual(cache);
    expect(setStepCache(cached, { ...cache, inputs: ['src/*.c'] })).toBe(cached);
    expect(setStepCache(cached, undefined)).not.toHaveProperty('cache');
    expect(setStepCache(plain, undefined)).toBe(plain);
  });

  it('sets and removes the workflow default, which steps without their own take', () => {
    const w = workflow([step('build'), setStepCache(step('test'), cache)]);
    const defaulted = setWorkflowCache(w, EMPTY_CACHE);
    expect(cacheModeOf(defaulted.steps[0]!, defaulted.cache)).toBe('default');
    expect(cacheModeOf(defaulted.steps[1]!, defaulted.cache)).toBe('own');
    expect(cacheModeOf(w.steps[0]!, w.cache)).toBe('off');
    expect(setWorkflowCache(defaulted, undefined)).not.toHaveProperty('cache');
  });

  it('opts one step out of the workflow default as cache: false, and back in', () => {
    const defaulted = setWorkflowCache(workflow([step('build'), step('deploy')]), cache);
    const deploy = setStepCache(defaulted.steps[1]!, cacheForMode(defaulted.steps[1]!, 'off', defaulted.cache));
    expect(deploy.cache).toBe(false);
    expect(cacheModeOf(deploy, defaulted.cache)).toBe('off');
    expect(stepCacheOf(deploy, defaulted)).toBeUndefined();
    expect(stepCacheOf(defaulted.steps[0]!, defaulted)).toEqual(cache);
    // Its own settings start from the default's; back to the default removes the key.
    expect(cacheForMode(deploy, 'own', defaulted.cache)).toEqual(cache);
    expect(setStepCache(deploy, cacheForMode(deploy, 'default', defaulted.cache))).not.toHaveProperty('cache');
    // Without a default there is nothing to opt out of: off is the key left out.
    expect(cacheForMode(step('build'), 'off', undefined)).toBeUndefined();
  });

  it('each change is one undo entry, for a step and for the workflow', () => {
    const stores = createStores();
    stores.graph.getState().open(DOC, workflow([step('build')]));
    const edits = createEditActions(stores);
    edits.changeStep('build', 'cache', (s) => setStepCache(s, cache));
    edits.changeWorkflow('cache', (w) => setWorkflowCache(w, { ...EMPTY_CACHE, env: ['HOME'] }));
    expect(stores.graph.getState().workflow!.steps[0]!.cache).toEqual(cache);
    expect(stores.graph.getState().workflow!.cache).toEqual({ inputs: [], outputs: [], env: ['HOME'] });
    edits.undo();
    expect(stores.graph.getState().workflow!.cache).toBeUndefined();
    expect(stores.graph.getState().workflow!.steps[0]!.cache).toEqual(cache);
    edits.undo();
    expect(stores.graph.getState().workflow!.steps[0]!.cache).toBeUndefined();
    edits.redo();
    expect(stores.graph.getState().workflow!.steps[0]!.cache).toEqual(cache);
  });
});
