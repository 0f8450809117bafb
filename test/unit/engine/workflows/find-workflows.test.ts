import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isWorkflowFile, workflowFiles } from '../../../../electron/engine/workflows/find-workflows.js';
import { newEngine, tempDir } from '../../../helpers.js';

const step = 'steps:\n  - { name: a, module: control, action: noop }\n';

describe('which files are workflows', () => {
  it('are YAML or JSON files that are not hidden, by one rule for a name or a path', () => {
    expect(['ci.yaml', 'ci.YML', 'ci.json', '/p/.codomyrmex/workflows/ci.yaml', 'C:\\p\\ci.yml'].map(isWorkflowFile)).toEqual([true, true, true, true, true]);
    expect(['.ci.yaml', '.ci.yaml.1a2b.tmp', 'ci.yaml.bak', 'notes.txt', '/p/.draft.json'].map(isWorkflowFile)).toEqual([false, false, false, false, false]);
  });

  it('are the same files for the editor\'s list and the engine\'s folder loading: hidden temporaries are neither', () => {
    const dir = join(tempDir(), 'workflows');
    mkdirSync(dir);
    writeFileSync(join(dir, 'b.json'), JSON.stringify({ version: 1, name: 'b', steps: [{ name: 'a', module: 'control', action: 'noop' }] }));
    writeFileSync(join(dir, 'a.yaml'), `version: 1\nname: a\n${step}`);
    writeFileSync(join(dir, '.a.yaml.1f2e.tmp'), `version: 1\nname: half\n${step}`);
    writeFileSync(join(dir, '.draft.yaml'), `version: 1\nname: draft\n${step}`);
    writeFileSync(join(dir, 'notes.txt'), 'not a workflow');
    expect(workflowFiles(dir)).toEqual(['a.yaml', 'b.json']);
    const { loaded, problems } = newEngine().workflowManager.loadDirectory(dir);
    expect(loaded.map((workflow) => workflow.name)).toEqual(['a', 'b']);
    expect(problems).toEqual([]);
  });
});
