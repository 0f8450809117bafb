import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWorkflowFile, saveWorkflowFile } from '../../electron/engine/workflows/workflow-file.js';
import { ValidationError } from '../../shared/errors.js';
import { tempDir } from '../helpers.js';

const fixture = (name: string) => join(import.meta.dirname, '..', 'fixtures', name);

describe('workflow files', () => {
  it('keep their comments, order and unknown keys through a load–edit–save round trip', () => {
    const file = join(tempDir(), 'commented.yaml');
    copyFileSync(fixture('commented.yaml'), file);
    const loaded = loadWorkflowFile(file);
    const workflow = structuredClone(loaded.workflow);
    workflow.steps[0]!.parameters.command = 'npm ci';
    workflow.steps.push({ ...workflow.steps[1]!, name: 'report', dependencies: ['test'], runWhen: 'always', retry: undefined as never });
    delete workflow.steps[2]!.retry;
    saveWorkflowFile(file, workflow, loaded);
    const text = readFileSync(file, 'utf8');
    for (const comment of ['# CI for the demo project — keep this comment', '# an unknown key we must keep', '# install first', '# inline comment', '# retry flaky tests']) {
      expect(text).toContain(comment);
    }
    expect(text).toContain('x-owner: platform-team');
    expect(text).toContain('command: npm ci');
    const again = loadWorkflowFile(file).workflow;
    expect(again.steps.map((s) => s.name)).toEqual(['install', 'test', 'report']);
    expect(again.steps[2]).toMatchObject({ runWhen: 'always', dependencies: ['test'] });
    expect(again.steps[1]!.retry).toEqual({ count: 2, delay: 1, backoff: 2 });
  });

  it('save JSON as JSON, leaving no temporary file behind', () => {
    const dir = tempDir();
    const loaded = loadWorkflowFile(fixture('commented.yaml'));
    saveWorkflowFile(join(dir, 'ci.json'), loaded.workflow);
    expect(readdirSync(dir)).toEqual(['ci.json']);
    expect(JSON.parse(readFileSync(join(dir, 'ci.json'), 'utf8')).steps[1].dependencies).toEqual(['install']);
    expect(loadWorkflowFile(join(dir, 'ci.json')).workflow.steps).toHaveLength(2);
  });

  it('report a YAML syntax error with its line', () => {
    expect(() => loadWorkflowFile(fixture('broken-syntax.yaml'))).toThrow(/broken-syntax\.yaml: invalid YAML at line \d+, column \d+/);
  });

  it('report invalid JSON and a missing file by name', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.json'), '{ "name": ');
    expect(() => loadWorkflowFile(join(dir, 'bad.json'))).toThrow(/bad\.json: invalid JSON/);
    expect(() => loadWorkflowFile(join(dir, 'missing.yaml'))).toThrow(ValidationError);
    expect(() => loadWorkflowFile(join(dir, 'missing.yaml'))).toThrow(/missing\.yaml: no such file/);
  });
});
