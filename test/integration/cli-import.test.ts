// `codomyrmex import`: an upstream Codomyrmex data folder, written as its managers save it, becomes registered projects,
// YAML workflows that validate and run, and sessions; the folder itself is never written, and a second import adds nothing.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWorkflowFile } from '../../electron/engine/workflows/workflow-file.js';
import { cli } from '../cli.js';
import { newEngine, tempDir } from '../helpers.js';
import { hashTree, saveUpstreamProject, saveUpstreamSession, saveUpstreamWorkflow, upstreamStep } from '../upstream-data.js';

const SESSION_ID = '5f0c7a52-2b8e-4c1c-9b53-6a9c1e2d3f40';

/** A data folder: "web" with workflows (one named in its project file, one saved in its own folder), "docs" with none,
 * a workflow no project names, a session of "web", a broken JSON file and a workflow with an action we do not have. */
function upstreamFolder(): string {
  const root = join(tempDir('codomyrmex-upstream-'), 'legacy');
  const workflows = join(root, '.codomyrmex', 'workflows');
  saveUpstreamWorkflow(workflows, 'build', [
    upstreamStep('compile', 'shell', 'run', { command: 'echo compiled > built.txt' }),
    upstreamStep('check', 'shell', 'run', { command: 'test -f built.txt && echo ok' }, ['compile'], 0),
  ]);
  saveUpstreamWorkflow(workflows, 'nightly', [upstreamStep('report', 'shell', 'run', { command: 'echo nightly' })]);
  saveUpstreamWorkflow(workflows, 'summarise', [upstreamStep('summary', 'reporting', 'make_slides', { deck: 'q3' })]);
  writeFileSync(join(workflows, 'half.json'), '{\n  "name": "half",\n  "steps": [\n');
  saveUpstreamProject(root, 'web', { status: 'active', template: 'web_application', workflows: ['build', 'deploy'], description: 'The shop front', type: 'web_application' });
  writeFileSync(join(root, 'projects', 'web', 'index.html'), '<h1>shop</h1>\n');
  saveUpstreamWorkflow(join(root, 'projects', 'web', '.codomyrmex', 'workflows'), 'lint', [upstreamStep('lint', 'shell', 'run', { command: 'test -f index.html' })]);
  saveUpstreamProject(root, 'docs', { status: 'paused' });
  saveUpstreamSession(root, SESSION_ID, 'release-prep', { project: 'web', stage: 'rc1', retries: 2, nested: { skipped: true } });
  return root;
}

function registered(home: string) {
  const engine = newEngine(home);
  return { projects: engine.projectManager.listProjects(), session: engine.getSession(SESSION_ID), engine };
}

describe('codomyrmex import', () => {
  it('converts projects, workflows and sessions, lists what it could not, and leaves the upstream folder untouched', () => {
    const source = upstreamFolder();
    const home = tempDir('codomyrmex-home-');
    const into = join(tempDir('codomyrmex-into-'), 'imported');
    const before = hashTree(source);

    const result = cli(['import', source, '--into', into], home);
    expect(result.code, result.stderr).toBe(1);
    expect(hashTree(source)).toBe(before);
    expect(result.stdout).toContain(`Imported ${source} into ${into}`);
    expect(result.stdout).toContain('workflow build  .codomyrmex/workflows/build.json → web/.codomyrmex/workflows/build.yaml');
    expect(result.stdout).toContain('workflow lint  projects/web/.codomyrmex/workflows/lint.json → web/.codomyrmex/workflows/lint.yaml');
    expect(result.stdout).toContain('workflow nightly  .codomyrmex/workflows/nightly.json → legacy/.codomyrmex/workflows/nightly.yaml');
    expect(result.stdout).toContain('Could not convert 2:');
    expect(result.stdout).toMatch(/workflow half {2}\.codomyrmex\/workflows\/half\.json: invalid JSON/);
    expect(result.stdout).toContain('workflow summarise  .codomyrmex/workflows/summarise.json: step "summary", field module: unknown module "reporting"');
    expect(result.stdout).toContain('note: project "web" (projects/web/.codomyrmex/project.json) names workflow "deploy", but no workflow file of the folder holds it');

    const { projects, session, engine } = registered(home);
    const byName = new Map(projects.map((project) => [project.name, project]));
    expect([...byName.keys()].sort()).toEqual(['docs', 'legacy', 'web']);
    expect(byName.get('web')).toMatchObject({ path: join(into, 'web'), template: 'web_application', status: 'active', description: 'The shop front', createdAt: Date.parse('2025-10-01T12:00:00.123Z') });
    expect(byName.get('docs')).toMatchObject({ path: join(into, 'docs'), template: null, status: 'paused' });
    expect(readFileSync(join(into, 'web', 'index.html'), 'utf8')).toBe('<h1>shop</h1>\n');
    // The project's own JSON workflow became YAML; it was not copied beside it.
    expect(existsSync(join(into, 'web', '.codomyrmex', 'workflows', 'lint.json'))).toBe(false);
    expect(session).toMatchObject({ name: 'release-prep', projectId: byName.get('web')!.id, status: 'active', variables: { stage: 'rc1', retries: '2' } });

    const buildFile = join(into, 'web', '.codomyrmex', 'workflows', 'build.yaml');
    const { workflow } = loadWorkflowFile(buildFile);
    expect(engine.workflowManager.validateWorkflow(workflow, buildFile)).toEqual([]);
    expect(workflow.steps.map((step) => [step.name, step.retry?.count ?? 0])).toEqual([['compile', 3], ['check', 0]]);
    expect(readFileSync(buildFile, 'utf8')).not.toContain('max_retries');

    const run = cli(['run', buildFile, '--json'], home);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'completed', projectId: byName.get('web')!.id, steps: { check: { status: 'succeeded' } } });
    expect(readFileSync(join(into, 'web', 'built.txt'), 'utf8')).toBe('compiled\n');
  });

  it('adds nothing when run again: every project, workflow and session is reported as already present', () => {
    const source = upstreamFolder();
    const home = tempDir('codomyrmex-home-');
    const into = join(tempDir('codomyrmex-into-'), 'imported');
    expect(cli(['import', source, '--into', into], home).code).toBe(1);
    const before = hashTree(into);

    const again = cli(['import', source, '--into', into, '--json'], home);
    expect(again.code).toBe(1);
    const report = JSON.parse(again.stdout) as { converted: unknown[]; skipped: { kind: string; name: string; reason: string }[]; failed: { name: string }[] };
    expect(report.converted).toEqual([]);
    expect(report.skipped.map((item) => `${item.kind} ${item.name}`).sort()).toEqual(['project docs', 'project legacy', 'project web', 'session release-prep', 'workflow build', 'workflow lint', 'workflow nightly']);
    expect(report.skipped.find((item) => item.name === 'build')!.reason).toBe('already present in project "web"');
    expect(report.failed.map((item) => item.name).sort()).toEqual(['half', 'summarise']);
    expect(hashTree(into)).toBe(before);
    expect(registered(home).projects).toHaveLength(3);
  });

  it('exits 0 when everything converted, with the report as JSON; a changed workflow is not overwritten', () => {
    const root = join(tempDir('codomyrmex-upstream-'), 'clean');
    saveUpstreamWorkflow(join(root, 'config', 'workflows', 'production'), 'hello', [upstreamStep('hi', 'shell', 'run', { command: 'echo hi' })]);
    const home = tempDir('codomyrmex-home-');
    const into = tempDir('codomyrmex-into-');
    const result = cli(['import', root, '--into', into, '--json'], home);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { converted: { kind: string; name: string; to: string }[]; failed: unknown[] };
    expect(report.failed).toEqual([]);
    expect(report.converted).toEqual([
      expect.objectContaining({ kind: 'project', name: 'clean', to: join(into, 'clean') }),
      expect.objectContaining({ kind: 'workflow', name: 'hello', to: join(into, 'clean', '.codomyrmex', 'workflows', 'hello.yaml') }),
    ]);

    writeFileSync(join(into, 'clean', '.codomyrmex', 'workflows', 'hello.yaml'), 'version: 1\nname: hello\nsteps: []\n');
    const changed = cli(['import', root, '--into', into], home);
    expect(changed.code).toBe(1);
    expect(changed.stdout).toContain('workflow hello  config/workflows/production/hello.json: project "clean" has a different hello.yaml already; left as it is');
  });

  it('refuses bad input with exit 2 and a message naming it, and a code under --json', () => {
    const home = tempDir('codomyrmex-home-');
    const dir = tempDir('codomyrmex-upstream-');
    const cases: [string[], string][] = [
      [['import', join(dir, 'missing')], `${join(dir, 'missing')}: no such folder`],
      [['import', join(dir, 'file.txt')], 'not a folder'],
      [['import', dir], 'not an upstream Codomyrmex data folder (an upstream Codomyrmex data folder holds at least one of .codomyrmex/workflows/*.json'],
      [['import'], 'codomyrmex import takes one upstream data folder, got none'],
    ];
    writeFileSync(join(dir, 'file.txt'), 'x');
    mkdirSync(join(dir, 'src'));
    for (const [args, message] of cases) {
      const result = cli(args, home);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toContain(message);
    }
    const upstream = upstreamFolder();
    const inside = cli(['import', upstream, '--into', join(upstream, 'out'), '--json'], home);
    expect(inside.code).toBe(2);
    expect(JSON.parse(inside.stdout).error).toMatchObject({ code: 'usage-error', message: expect.stringContaining('is inside') });
    expect(existsSync(join(upstream, 'out'))).toBe(false);
  });
});
