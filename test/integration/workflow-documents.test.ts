import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineApi } from '../../electron/engine/api.js';
import type { Reply, WorkflowDocument } from '../../shared/ipc.js';
import type { Workflow } from '../../shared/model.js';
import { parseWorkflow } from '../../shared/workflow-schema.js';
import { newEngine, tempDir } from '../helpers.js';

const CI_YAML = `# CI for the demo project — keep this comment
version: 1
name: ci
x-owner: platform-team # an unknown key we must keep
steps:
  # install first
  - name: install
    module: shell
    action: run
    x-note: keep me too # a step's unknown key
    parameters:
      command: npm ci # inline comment
  - name: test
    module: shell
    action: run
    parameters: { command: "npm test" }
    dependencies: [install]
`;

function setup(files: Record<string, string> = { 'ci.yaml': CI_YAML }) {
  const engine = newEngine();
  const projectDir = tempDir('codomyrmex-editor-project-');
  const dir = join(projectDir, '.codomyrmex', 'workflows');
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const project = engine.projectManager.addProject(projectDir);
  const api = new EngineApi(engine, { mode: 'browser', version: 'test', projectId: project.id });
  const call = async <T>(command: string, request: unknown): Promise<T> => {
    const reply = await api.dispatch(command, request);
    if (!reply.ok) throw new Error(`${command}: ${reply.error.code} ${reply.error.message}`);
    return reply.value as T;
  };
  const refuse = async (command: string, request: unknown) => {
    const reply: Reply = await api.dispatch(command, request);
    if (reply.ok) throw new Error(`${command} was expected to fail`);
    return reply.error;
  };
  const open = (name: string) => call<WorkflowDocument>('workflows.get', { projectId: project.id, name });
  const save = (name: string, workflow: Workflow | Record<string, unknown>, baseRevision: string | null, force?: boolean) =>
    call<WorkflowDocument>('workflows.save', { projectId: project.id, name, workflow, baseRevision, ...(force !== undefined ? { force } : {}) });
  return { engine, api, project, dir, call, refuse, open, save };
}

describe('saving a workflow from the editor', () => {
  it('keeps YAML comments, key order and unknown keys (top-level and per step) after an edit', async () => {
    const { dir, open, save } = setup();
    const document = await open('ci');
    const workflow = structuredClone(document.workflow!);
    workflow.steps[0]!.parameters.command = 'npm install';
    workflow.steps[1]!.ui = { x: 120, y: 80 };
    workflow.steps.push({ ...workflow.steps[1]!, name: 'lint', parameters: { command: 'npm run lint' }, ui: { x: 240, y: 80 } });
    const saved = await save('ci', workflow, document.revision);
    const text = readFileSync(join(dir, 'ci.yaml'), 'utf8');
    for (const kept of ['# CI for the demo project — keep this comment', 'x-owner: platform-team # an unknown key we must keep', '# install first', 'x-note: keep me too # a step\'s unknown key', '# inline comment']) {
      expect(text).toContain(kept);
    }
    expect(text).toContain('command: npm install');
    expect(text.indexOf('x-owner')).toBeLessThan(text.indexOf('steps:'));
    expect(saved.revision).not.toBe(document.revision);
    expect(saved.workflow!.steps.map((s) => [s.name, s.ui])).toEqual([['install', undefined], ['test', { x: 120, y: 80 }], ['lint', { x: 240, y: 80 }]]);
    expect((await open('ci')).revision).toBe(saved.revision);
  });

  it('keeps a JSON file JSON, with its key order and unknown keys', async () => {
    const json = { $comment: 'kept', name: 'data', 'x-team': 'data', steps: [{ 'x-cost': 3, name: 'load', module: 'control', action: 'noop' }], version: 1 };
    const { dir, open, save } = setup({ 'data.json': JSON.stringify(json, null, 2) });
    const document = await open('data');
    const workflow = structuredClone(document.workflow!);
    workflow.steps[0]!.ui = { x: 10, y: 20 };
    workflow.description = 'nightly load';
    await save('data', workflow, document.revision);
    const written = JSON.parse(readFileSync(join(dir, 'data.json'), 'utf8'));
    expect(Object.keys(written)).toEqual(['$comment', 'name', 'x-team', 'steps', 'version', 'description']);
    expect(written.steps).toEqual([{ 'x-cost': 3, name: 'load', module: 'control', action: 'noop', ui: { x: 10, y: 20 } }]);
  });

  it('creates a new workflow under .codomyrmex/workflows/<name>.yaml', async () => {
    const { dir, save, call, project } = setup({});
    const workflow = { version: 1, name: 'deploy', steps: [{ name: 'ship', module: 'control', action: 'noop' }] };
    const saved = await save('deploy', workflow, null);
    expect(saved).toMatchObject({ file: join(dir, 'deploy.yaml'), format: 'yaml', problems: [], revision: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(readFileSync(saved.file, 'utf8')).toContain('name: deploy');
    const listed = await call<{ name: string; revision: string }[]>('workflows.list', { projectId: project.id });
    expect(listed).toEqual([expect.objectContaining({ name: 'deploy', revision: saved.revision })]);
  });

  it('names a new workflow as the request does, whatever its name field said (save-as, import)', async () => {
    const { open, save } = setup();
    const imported = { ...structuredClone((await open('ci')).workflow!), name: 'ci' };
    const saved = await save('ci-copy', imported, null);
    expect(saved.workflow!.name).toBe('ci-copy');
    expect((await open('ci-copy')).file).toBe(saved.file);
  });

  it('creates the workflows folder of a project that has none yet', async () => {
    const engine = newEngine();
    const project = engine.projectManager.addProject(tempDir('codomyrmex-bare-project-'));
    const api = new EngineApi(engine, { mode: 'browser', version: 'test', projectId: project.id });
    const reply = await api.dispatch('workflows.save', { projectId: project.id, name: 'first', workflow: { name: 'first', steps: [] }, baseRevision: null });
    expect(reply).toMatchObject({ ok: true, value: { file: join(project.path, '.codomyrmex', 'workflows', 'first.yaml') } });
  });

  it('refuses to create a workflow over an existing file, and leaves that file alone', async () => {
    const { dir, refuse, project } = setup();
    const error = await refuse('workflows.save', { projectId: project.id, name: 'ci', workflow: { name: 'ci', steps: [] }, baseRevision: null, force: true });
    expect(error.code).toBe('conflict');
    expect(error.message).toContain('a workflow named "ci" already exists');
    expect(readFileSync(join(dir, 'ci.yaml'), 'utf8')).toBe(CI_YAML);
  });

  it('treats a save against a stale revision as a conflict, and leaves the file on disk untouched', async () => {
    const { dir, open, refuse, project } = setup();
    const document = await open('ci');
    const theirs = CI_YAML.replace('npm test', 'npm test -- --coverage');
    writeFileSync(join(dir, 'ci.yaml'), theirs);
    const error = await refuse('workflows.save', { projectId: project.id, name: 'ci', workflow: document.workflow, baseRevision: document.revision });
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/changed on disk since it was opened/);
    expect(readFileSync(join(dir, 'ci.yaml'), 'utf8')).toBe(theirs);
  });

  it('overwrites a file changed on disk when the user forces it', async () => {
    const { dir, open, save } = setup();
    const document = await open('ci');
    writeFileSync(join(dir, 'ci.yaml'), CI_YAML.replace('npm test', 'npm test -- --coverage'));
    const mine = structuredClone(document.workflow!);
    mine.steps[1]!.parameters.command = 'npm test -- --mine';
    const saved = await save('ci', mine, document.revision, true);
    expect(readFileSync(join(dir, 'ci.yaml'), 'utf8')).toContain('npm test -- --mine');
    expect(saved.workflow!.steps[1]!.parameters.command).toBe('npm test -- --mine');
  });

  it('treats a save of a file removed since it was opened as a conflict, and makes it again when forced', async () => {
    const { dir, open, refuse, save, project } = setup();
    const document = await open('ci');
    rmSync(join(dir, 'ci.yaml'));
    const error = await refuse('workflows.save', { projectId: project.id, name: 'ci', workflow: document.workflow, baseRevision: document.revision });
    expect(error).toMatchObject({ code: 'conflict', message: expect.stringContaining('was removed from disk since it was opened') });
    expect(existsSync(join(dir, 'ci.yaml'))).toBe(false);
    expect((await save('ci', document.workflow!, document.revision, true)).file).toBe(join(dir, 'ci.yaml'));
  });

  it('saves work in progress that cannot run yet, and says what keeps it from running', async () => {
    const { dir, save } = setup({});
    const draft = {
      name: 'draft',
      steps: [
        { name: 'a', module: 'shell', action: 'run', parameters: { command: 'echo a' }, dependencies: ['b'] },
        { name: 'b', module: 'shell', action: 'run', parameters: { command: 'echo b' }, dependencies: ['a', 'ghost'] },
        { name: 'c', module: 'teleport', action: 'beam' },
      ],
    };
    const saved = await save('draft', draft, null);
    expect(existsSync(join(dir, 'draft.yaml'))).toBe(true);
    const messages = saved.problems.map((p) => `${p.step}/${p.field}: ${p.message}`);
    expect(messages).toEqual(expect.arrayContaining([
      expect.stringMatching(/^b\/dependencies\.1: unknown dependency "ghost"/),
      expect.stringMatching(/dependency cycle/),
      expect.stringMatching(/^c\/module: unknown module "teleport"/),
    ]));
  });

  it('refuses what is not a workflow at all, naming the step and the field', async () => {
    const { refuse, project, dir } = setup({});
    const error = await refuse('workflows.save', { projectId: project.id, name: 'bad', workflow: { name: 'bad', steps: [{ name: 'x', module: 'shell', action: 'run', timeout: 'soon' }] }, baseRevision: null });
    expect(error.code).toBe('invalid-workflow');
    expect(error.problems).toEqual([expect.objectContaining({ step: 'x', field: 'timeout' })]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses names that are not safe file names, naming the field', async () => {
    const { refuse, project, dir } = setup({});
    for (const name of ['../escape', 'a/b', 'a\\b', '..', '.hidden', 'nul\u0000byte', 'what?']) {
      const error = await refuse('workflows.save', { projectId: project.id, name, workflow: { name, steps: [] }, baseRevision: null });
      expect(error.code, name).toBe('invalid-workflow');
      expect(error.problems, name).toEqual([expect.objectContaining({ field: 'name', message: expect.stringContaining('cannot be a file name') })]);
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it('saves under the name the editor opened, whatever the workflow\'s name field says', async () => {
    const { dir, open, save } = setup();
    const document = await open('ci');
    const saved = await save('ci', { ...structuredClone(document.workflow!), name: 'stale-name' }, document.revision);
    expect(saved.file).toBe(join(dir, 'ci.yaml'));
    expect(saved.workflow!.name).toBe('ci');
    expect(readdirSync(dir)).toEqual(['ci.yaml']);
  });

  it('renames as a save under the new name and a delete of the old file', async () => {
    const { dir, open, save, call, project } = setup();
    const document = await open('ci');
    const saved = await save('ci-nightly', document.workflow!, null);
    expect(saved.file).toBe(join(dir, 'ci-nightly.yaml'));
    expect(readFileSync(join(dir, 'ci.yaml'), 'utf8')).toBe(CI_YAML);
    expect(await call('workflows.delete', { projectId: project.id, name: 'ci' })).toEqual({ deleted: true });
    expect(readdirSync(dir)).toEqual(['ci-nightly.yaml']);
    expect(await call('workflows.delete', { projectId: project.id, name: 'ci' })).toEqual({ deleted: false });
  });
});

describe('importing and exporting', () => {
  it('parses bad YAML into problems with line information, never a throw', async () => {
    const { call } = setup({});
    const result = await call<{ workflow: null; problems: { message: string }[] }>('workflows.parse', { text: 'version: 1\nname: x\nsteps:\n  - name: a\n   module: shell\n', fileName: 'imported.yaml' });
    expect(result.workflow).toBeNull();
    expect(result.problems[0]!.message).toMatch(/invalid YAML at line \d+, column \d+/);
    const json = await call<{ workflow: null; problems: { message: string }[] }>('workflows.parse', { text: '{"name": ', fileName: 'imported.json' });
    expect(json.problems[0]!.message).toMatch(/invalid JSON/);
  });

  it('parses an imported file into a workflow with its problems, writing nothing', async () => {
    const { call, dir } = setup({});
    const result = await call<{ workflow: Workflow; problems: { field?: string }[] }>('workflows.parse', { text: CI_YAML.replace('dependencies: [install]', 'dependencies: [instal]'), fileName: 'ci.yaml' });
    expect(result.workflow.steps.map((s) => s.name)).toEqual(['install', 'test']);
    expect(result.problems).toEqual([expect.objectContaining({ step: 'test', field: 'dependencies.0' })]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('renders a workflow as YAML and JSON that read back as the same workflow', async () => {
    const { call } = setup({});
    const workflow = parseWorkflow({ version: 1, name: 'ci', concurrency: 2, params: { target: { default: 'dist' } }, steps: [
      { name: 'build', module: 'shell', action: 'run', parameters: { command: 'make ${{ params.target }}' }, retry: { count: 2, delay: 1, backoff: 2 }, ui: { x: 1, y: 2 } },
      { name: 'report', module: 'control', action: 'noop', dependencies: ['build'], runWhen: 'always' },
    ] });
    for (const format of ['yaml', 'json'] as const) {
      const { text } = await call<{ text: string }>('workflows.render', { workflow, format });
      const back = await call<{ workflow: Workflow; problems: unknown[] }>('workflows.parse', { text, fileName: `ci.${format}` });
      expect(back, format).toEqual({ workflow, problems: [] });
    }
  });
});

describe('the editor context', () => {
  it('gives resource capacities by id and the names, never the values, of environment variables', async () => {
    const { call } = setup({});
    process.env.CODOMYRMEX_EDITOR_SECRET = 'do-not-send';
    try {
      const context = await call<{ resources: Record<string, { capacity: number; unit: string }>; env: string[] }>('editor.context', {});
      expect(context.resources.cpu).toEqual({ capacity: expect.any(Number), unit: expect.any(String) });
      expect(context.env).toContain('CODOMYRMEX_EDITOR_SECRET');
      expect(JSON.stringify(context)).not.toContain('do-not-send');
    } finally {
      delete process.env.CODOMYRMEX_EDITOR_SECRET;
    }
  });
});
