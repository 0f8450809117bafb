import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OrchestrationEngine } from '../../electron/engine/orchestration-engine.js';
import { cli } from '../cli.js';
import { tempDir } from '../helpers.js';

const wf = (name: string, command = 'pwd') => `version: 1\nname: ${name}\nsteps:\n  - { name: where, module: shell, action: run, parameters: { command: "${command}" } }\n`;

function addProject(home: string, dir: string, name: string): string {
  const engine = new OrchestrationEngine({ home });
  try {
    return engine.projectManager.addProject(dir, name).id;
  } finally {
    void engine.close();
  }
}

describe('every CLI run belongs to a project', () => {
  it('links runs of files anywhere in a project’s folder, before and after it is registered; history filters by project and workflow', () => {
    const home = tempDir();
    const web = tempDir();
    const api = tempDir();
    mkdirSync(join(web, '.codomyrmex', 'workflows'), { recursive: true });
    mkdirSync(join(web, 'ci'));
    writeFileSync(join(web, '.codomyrmex', 'workflows', 'build.yaml'), wf('build'));
    writeFileSync(join(web, 'ci', 'lint.yaml'), wf('lint'));
    writeFileSync(join(api, 'build.yaml'), wf('build'));

    // Made before "web" is a project: linked when it is added.
    expect(JSON.parse(cli(['run', join(web, 'ci', 'lint.yaml'), '--json'], home).stdout).projectId).toBeNull();
    const webId = addProject(home, web, 'web');
    const apiId = addProject(home, api, 'api');
    const build = JSON.parse(cli(['run', join(web, '.codomyrmex', 'workflows', 'build.yaml'), '--json'], home).stdout);
    expect(build).toMatchObject({ projectId: webId, workflowFile: join(web, '.codomyrmex', 'workflows', 'build.yaml') });
    expect(build.steps.where.outputs.stdout).toBe(`${web}\n`);
    expect(JSON.parse(cli(['run', join(api, 'build.yaml'), '--json'], home).stdout).projectId).toBe(apiId);

    const ofWeb = JSON.parse(cli(['history', '--project', 'web', '--json'], home).stdout);
    expect(ofWeb.map((run: { workflowName: string }) => run.workflowName)).toEqual(['build', 'lint']);
    expect(ofWeb.every((run: { projectId: string }) => run.projectId === webId)).toBe(true);
    expect(JSON.parse(cli(['history', '--project', api, '--workflow', 'build', '--json'], home).stdout)).toHaveLength(1);
    expect(JSON.parse(cli(['history', '--workflow', 'build', '--json'], home).stdout)).toHaveLength(2);
    expect(JSON.parse(cli(['history', '--workflow', join(web, 'ci', 'lint.yaml'), '--json'], home).stdout)).toHaveLength(1);

    const table = cli(['history', '--project', webId], home).stdout;
    expect(table).toMatch(/WORKFLOW\s+PROJECT\s+FILE\s+STATUS/);
    expect(table).toMatch(/lint\s+web\s+ci\/lint\.yaml\s+completed/);
    expect(table).toMatch(/build\s+web\s+\.codomyrmex\/workflows\/build\.yaml\s+completed/);
    expect(cli(['history', '--project', 'nope'], home)).toMatchObject({ code: 2, stderr: expect.stringContaining('--project: unknown project "nope" (known: ') });
    const json = cli(['history', '--project', 'nope', '--json'], home);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'not-found', name: 'NotFoundError', message: expect.stringMatching(/^--project: unknown project "nope" \(known: /) } });
  });

  it('runs the steps in --cwd DIR when given, refusing a folder that does not exist', () => {
    const home = tempDir();
    const dir = tempDir();
    const elsewhere = tempDir();
    writeFileSync(join(dir, 'where.yaml'), wf('where'));
    const record = JSON.parse(cli(['run', join(dir, 'where.yaml'), '--cwd', elsewhere, '--json'], home).stdout);
    expect(record.steps.where.outputs.stdout).toBe(`${elsewhere}\n`);
    expect(cli(['run', join(dir, 'where.yaml'), '--cwd', join(dir, 'missing')], home)).toMatchObject({ code: 2, stderr: expect.stringContaining('--cwd takes an existing folder') });
  });
});
