// Templates as folders of real files: the built-in ones parse and validate as the files they are, and the one loader
// reads folders (and the older single-file JSON) the same way for built-in and user templates.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinTemplates, findTemplatesDir } from '../../../../electron/engine/projects/templates/index.js';
import type { ProjectTemplate } from '../../../../electron/engine/projects/templates/template.js';
import { loadTemplateFolder, loadTemplates, writeTemplateFolder } from '../../../../electron/engine/projects/templates/template-folder.js';
import { saveUserTemplate } from '../../../../electron/engine/projects/templates/user-templates.js';
import { loadWorkflowFile } from '../../../../electron/engine/workflows/workflow-file.js';
import { filesUnder, newEngine, tempDir } from '../../../helpers.js';

const TEMPLATES = join(import.meta.dirname, '..', '..', '..', '..', 'templates');
const FOLDERS = readdirSync(TEMPLATES, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();

function writeFiles(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

const SAMPLE: ProjectTemplate = {
  name: 'team-ci',
  description: 'Our CI',
  directories: ['out'],
  files: { '.gitignore': 'out/\n', '.github/workflows/ci.yml': 'on: push\n', 'src/a b/ü.txt': 'naïve\r\nline\n' },
  config: { z: 1, a: [true] },
  workflows: { ci: '# ours\nversion: 1\nname: ci\nsteps: []\n' },
};

describe('the built-in templates folder', () => {
  it('is templates/ at the top of the repo, found from the code, and holds the four templates in the order the app offers them', () => {
    expect(findTemplatesDir()).toBe(TEMPLATES);
    expect(FOLDERS).toEqual(['ai_analysis', 'data_pipeline', 'node_package', 'web_application']);
    expect(builtinTemplates().map((template) => [template.name, template.order])).toEqual([['web_application', 1], ['data_pipeline', 2], ['ai_analysis', 3], ['node_package', 4]]);
  });

  it.each(FOLDERS)('%s: every JSON file parses, and template.json names its folder', (name) => {
    const json = filesUnder(join(TEMPLATES, name)).filter((file) => file.endsWith('.json'));
    expect(json).toContain('template.json');
    for (const file of json) expect(() => JSON.parse(readFileSync(join(TEMPLATES, name, file), 'utf8')), file).not.toThrow();
    expect(JSON.parse(readFileSync(join(TEMPLATES, name, 'template.json'), 'utf8')).name).toBe(name);
  });

  it.each(FOLDERS)('%s: every workflows/*.yaml loads and passes the engine\'s validator with no problems', (name) => {
    const engine = newEngine();
    const files = readdirSync(join(TEMPLATES, name, 'workflows'));
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const file of files) {
      expect(file).toMatch(/\.yaml$/);
      const path = join(TEMPLATES, name, 'workflows', file);
      const { workflow } = loadWorkflowFile(path);
      expect(workflow.name).toBe(file.replace(/\.yaml$/, ''));
      expect(engine.workflowManager.validateWorkflow(workflow, path)).toEqual([]);
    }
  });

  it.each(FOLDERS)('%s: stores no dot file, which a package could leave out, but its project gets its .gitignore', (name) => {
    for (const file of filesUnder(join(TEMPLATES, name))) expect(file.split('/').some((part) => part.startsWith('.')), file).toBe(false);
    expect(builtinTemplates().find((template) => template.name === name)!.files['.gitignore']).toBe(readFileSync(join(TEMPLATES, name, 'files', 'dot_gitignore'), 'utf8'));
  });
});

describe('a template folder', () => {
  it('reads back exactly as written: dot files, nested paths, bytes and the config\'s key order', () => {
    const dir = join(tempDir(), 'team-ci');
    writeTemplateFolder(dir, SAMPLE);
    expect(readdirSync(join(dir, 'files')).sort()).toEqual(['dot_github', 'dot_gitignore', 'src']);
    expect(readFileSync(join(dir, 'workflows', 'ci.yaml'), 'utf8')).toBe(SAMPLE.workflows.ci);
    const read = loadTemplateFolder(dir);
    expect(read).toEqual(SAMPLE);
    expect(Object.keys(read.config)).toEqual(['z', 'a']);
  });

  it('refuses, naming the file and what is wrong: another template\'s name, a path outside the project, an unknown key', () => {
    const root = tempDir();
    writeFiles(root, {
      'copied/template.json': '{"name": "original", "description": ""}',
      'escape/template.json': '{"name": "escape", "description": "", "directories": ["../outside"]}',
      'typo/template.json': '{"name": "typo", "description": "", "descripton": "x"}',
    });
    expect(() => loadTemplateFolder(join(root, 'copied'))).toThrow(`${join(root, 'copied', 'template.json')}: names the template "original" but its folder is "copied"`);
    expect(() => loadTemplateFolder(join(root, 'escape'))).toThrow(`${join(root, 'escape', 'template.json')}: directories.0: must be a path inside the project`);
    expect(() => loadTemplateFolder(join(root, 'typo'))).toThrow(/typo[\\/]template\.json: \(top\): Unrecognized key: "descripton"/);
  });
});

describe('the one loader', () => {
  it('reads template folders and single-file JSON templates, ordered by their order then by name, skipping broken ones with a warning', () => {
    const root = tempDir();
    writeFiles(root, {
      'zeta/template.json': '{"name": "zeta", "description": "first", "order": 1}',
      'beta/template.json': '{"name": "beta", "description": "folder"}',
      'beta/workflows/build.yaml': 'version: 1\nname: build\nsteps: []\n',
      'alpha.json': JSON.stringify({ name: 'alpha', description: 'old form', directories: [], files: {}, config: {}, workflows: { ci: 'x' } }),
      'broken/template.json': '{"name": "broken"',
      'notes.txt': 'not a template',
      'empty/readme.md': 'a folder without template.json',
      '.beta.123.tmp/template.json': '{"name": "beta", "description": "half written"}',
    });
    const warnings: string[] = [];
    const templates = loadTemplates(root, (message) => warnings.push(message));
    expect(templates.map((template) => [template.name, template.description])).toEqual([['zeta', 'first'], ['alpha', 'old form'], ['beta', 'folder']]);
    expect(templates[2]!.workflows).toEqual({ build: 'version: 1\nname: build\nsteps: []\n' });
    expect(warnings).toEqual([expect.stringMatching(/^templates: skipped .*broken: .*broken[\\/]template\.json: /)]);
  });

  it('saves a user template as a folder, replacing the older single-file form and any earlier save whole', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'team-ci.json'), JSON.stringify({ ...SAMPLE, description: 'old' }));
    saveUserTemplate(dir, { ...SAMPLE, workflows: { ...SAMPLE.workflows, lint: 'version: 1\nname: lint\nsteps: []\n' } });
    saveUserTemplate(dir, SAMPLE);
    expect(readdirSync(dir)).toEqual(['team-ci']);
    expect(existsSync(join(dir, 'team-ci', 'workflows', 'lint.yaml'))).toBe(false);
    expect(loadTemplates(dir)).toEqual([SAMPLE]);
  });
});
