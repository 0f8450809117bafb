// A workflow file's text is parsed once per revision in a process: listing, watching and opening a project read every
// file, and a 10,000-step file took ~0.3 s a parse. What is shared is frozen; a run gets a copy of its own.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../shared/errors.js';
import type { Project } from '../../../../shared/model.js';
import { WorkflowDocuments } from '../../../../electron/engine/workflows/workflow-documents.js';
import { readWorkflowRevision } from '../../../../electron/engine/workflows/workflow-file.js';
import { revisionOf } from '../../../../electron/engine/workflows/workflow-revision.js';
import { tempDir } from '../../../helpers.js';

const yaml = (name: string, command: string): string => `version: 1\nname: ${name}\nsteps:\n  - { name: a, module: shell, action: run, parameters: { command: "${command}" } }\n`;

describe('readWorkflowRevision', () => {
  it('parses a revision once, a new revision again, and keeps a file that is no workflow as its problems', () => {
    const file = join(tempDir(), 'ci.yaml');
    const first = yaml('ci', 'echo one');
    const read = readWorkflowRevision(first, file, 'yaml', revisionOf(first));
    expect(readWorkflowRevision(first, file, 'yaml', revisionOf(first)).workflow).toBe(read.workflow);
    const second = yaml('ci', 'echo two');
    expect(readWorkflowRevision(second, file, 'yaml', revisionOf(second)).workflow.steps[0]!.parameters).toEqual({ command: 'echo two' });
    const broken = 'version: 1\nname: ci\nsteps: [\n';
    for (let i = 0; i < 2; i++) {
      expect(() => readWorkflowRevision(broken, file, 'yaml', revisionOf(broken))).toThrow(ValidationError);
      expect(() => readWorkflowRevision(broken, file, 'yaml', revisionOf(broken))).toThrow(/invalid YAML at line 4/);
    }
  });

  it('shares a frozen workflow: a change throws rather than reaching every other reader', () => {
    const text = yaml('frozen', 'echo hi');
    const { workflow } = readWorkflowRevision(text, join(tempDir(), 'frozen.yaml'), 'yaml', revisionOf(text));
    expect(() => {
      (workflow.steps[0]!.parameters as Record<string, unknown>).command = 'rm -rf /';
    }).toThrow(TypeError);
    expect(() => (workflow.steps as unknown[]).push({})).toThrow(TypeError);
  });

  it('gives a run its own copy: changing it changes neither the list nor the next open', () => {
    const dir = tempDir();
    const documents = new WorkflowDocuments({ workflowsDir: () => dir, validate: () => [], announce: () => {}, folderCreated: () => {} });
    const project = { id: 'p', name: 'kept', path: dir } as Project;
    writeFileSync(join(dir, 'ci.yaml'), yaml('ci', 'echo original'));
    const loaded = documents.load(project, 'ci');
    (loaded.workflow.steps[0]!.parameters as Record<string, unknown>).command = 'echo changed by a run';
    expect(documents.get(project, 'ci').workflow!.steps[0]!.parameters).toEqual({ command: 'echo original' });
    expect(documents.list(project)).toMatchObject([{ name: 'ci', steps: 1, problems: [] }]);
    writeFileSync(join(dir, 'ci.yaml'), yaml('ci', 'echo edited on disk'));
    expect(documents.load(project, 'ci').workflow.steps[0]!.parameters).toEqual({ command: 'echo edited on disk' });
  });
});
