import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTemplates } from '../../../../electron/engine/projects/templates/template-folder.js';
import { saveUserTemplate, templateFromProject } from '../../../../electron/engine/projects/templates/user-templates.js';
import { newEngine, tempDir } from '../../../helpers.js';

const FIXTURE = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'e2e-project');

describe('user templates', () => {
  it('turn a project\'s workflows into a template a new project starts from, comments kept', () => {
    const project = tempDir();
    cpSync(FIXTURE, project, { recursive: true });
    const dir = tempDir();
    saveUserTemplate(dir, templateFromProject(project, join(project, '.codomyrmex', 'workflows'), 'my-ci', 'Our CI'));
    const [template] = loadTemplates(dir);
    expect(template).toMatchObject({ name: 'my-ci', description: 'Our CI' });
    expect(Object.keys(template!.workflows).sort()).toEqual(['broken', 'diamond']);
    const engine = newEngine();
    engine.projectManager.registerTemplate(template!);
    const created = engine.projectManager.createProject({ name: 'fresh', parentDir: tempDir(), template: 'my-ci' });
    const diamond = readFileSync(join(created.path, '.codomyrmex', 'workflows', 'diamond.yaml'), 'utf8');
    expect(diamond).toContain('# A diamond');
  });

  it('refuses a bad name or a project without workflows, saying why', () => {
    const project = tempDir();
    expect(() => templateFromProject(project, join(project, 'none'), 'ok', '')).toThrow(/has no YAML workflows/);
    expect(() => templateFromProject(project, join(project, 'none'), '../evil', '')).toThrow(/template name "..\/evil"/);
  });

  it('skips a broken template file with a warning', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.json'), '{"name": 3}');
    writeFileSync(join(dir, 'worse.json'), 'not json');
    const warnings: string[] = [];
    expect(loadTemplates(dir, (m) => warnings.push(m))).toEqual([]);
    expect(warnings).toHaveLength(2);
    expect(existsSync(join(dir, 'bad.json'))).toBe(true);
  });
});
