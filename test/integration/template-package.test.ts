// The built-in templates as a user gets them: the files npm would publish, installed elsewhere, make projects whose
// files are byte for byte the template folders' (with the project's name filled in).
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { filesUnder, tempDir } from '../helpers.js';

const ROOT = join(import.meta.dirname, '..', '..');
const TEMPLATES = join(ROOT, 'templates');
const NAMES = readdirSync(TEMPLATES, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();

/** Builds the engine when templates/ or the code that reads it is newer than the build (npm test builds first, so it
 * rarely runs). */
beforeAll(() => {
  const built = join(ROOT, 'dist', 'engine', 'index.js');
  const sources = [TEMPLATES, join(ROOT, 'electron', 'engine', 'projects')];
  const newest = Math.max(...sources.flatMap((dir) => filesUnder(dir).map((file) => statSync(join(dir, file)).mtimeMs)));
  if (!existsSync(built) || !existsSync(join(ROOT, 'dist', 'templates')) || statSync(built).mtimeMs < newest) {
    execFileSync(process.execPath, ['scripts/build.mjs', '--no-renderer', '--no-electron', '--no-types'], { cwd: ROOT, stdio: 'inherit' });
  }
}, 120_000);

/** The files `npm pack` would publish. */
function packedFiles(): string[] {
  const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NPM_CONFIG_UPDATE_NOTIFIER: 'false' } })) as [{ files: { path: string }[] }];
  return pack.files.map((file) => file.path);
}

/** The published files copied to a folder outside the repo, as `npm install` lays them out. */
function install(packed: string[]): string {
  const root = join(tempDir('codomyrmex-installed-'), 'node_modules', 'codomyrmex-orchestrator');
  for (const path of packed) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    copyFileSync(join(ROOT, path), join(root, path));
  }
  // Its dependencies, as npm would install them beside it.
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  return root;
}

/** Creates one project per built-in template with the installed package's engine, in a process of its own. */
function createProjects(packageRoot: string): Record<string, string> {
  const script = `
    const { OrchestrationEngine, builtinTemplates } = await import(process.argv[1]);
    const engine = new OrchestrationEngine({ home: process.argv[2] });
    const made = Object.fromEntries(builtinTemplates().map((t) => [t.name, engine.projectManager.createProject({ name: 'demo-' + t.name, parentDir: process.argv[3], template: t.name }).path]));
    engine.close();
    console.log(JSON.stringify(made));`;
  const entry = new URL(`file://${join(packageRoot, 'dist', 'engine', 'index.js')}`).href;
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script, entry, tempDir('codomyrmex-home-'), tempDir('codomyrmex-projects-')], { cwd: tempDir(), encoding: 'utf8' });
  return JSON.parse(output.trim().split('\n').at(-1)!) as Record<string, string>;
}

/** The project's files a template folder stands for: files/ (dot_ names back to dot files), config and workflows. */
function expectedFiles(name: string, projectName: string): Map<string, Buffer> {
  const fill = (file: string): Buffer => Buffer.from(readFileSync(file, 'utf8').replaceAll('{{projectName}}', projectName));
  const folder = join(TEMPLATES, name);
  const expected = new Map<string, Buffer>();
  for (const file of filesUnder(join(folder, 'files'))) expected.set(file.replace(/(^|\/)dot_/g, '$1.'), fill(join(folder, 'files', file)));
  for (const file of filesUnder(join(folder, 'workflows'))) expected.set(`.codomyrmex/workflows/${file}`, fill(join(folder, 'workflows', file)));
  const { config } = JSON.parse(readFileSync(join(folder, 'template.json'), 'utf8')) as { config: Record<string, unknown> };
  expected.set('.codomyrmex/config.json', Buffer.from(`${JSON.stringify({ template: name, ...config }, null, 2)}\n`));
  return expected;
}

describe('the built-in templates in the published package', () => {
  let packed: string[] = [];
  beforeAll(() => {
    packed = packedFiles();
  }, 60_000);

  it('ships every file of every template folder under dist/templates', () => {
    for (const name of NAMES) {
      for (const file of filesUnder(join(TEMPLATES, name))) {
        expect(packed, `templates/${name}/${file}`).toContain(`dist/templates/${name}/${file}`);
      }
    }
  });

  it('makes projects whose files are byte for byte the template folders\', and nothing more', () => {
    const projects = createProjects(install(packed));
    expect(Object.keys(projects).sort()).toEqual(NAMES);
    for (const name of NAMES) {
      const expected = expectedFiles(name, `demo-${name}`);
      expect(filesUnder(projects[name]!), name).toEqual([...expected.keys()].sort());
      for (const [file, bytes] of expected) expect(readFileSync(join(projects[name]!, file)).equals(bytes), `${name}: ${file}`).toBe(true);
      const { directories } = JSON.parse(readFileSync(join(TEMPLATES, name, 'template.json'), 'utf8')) as { directories: string[] };
      for (const dir of directories) expect(statSync(join(projects[name]!, dir)).isDirectory(), `${name}: ${dir}/`).toBe(true);
    }
  }, 60_000);
});
