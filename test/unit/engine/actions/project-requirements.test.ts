import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { ActionFailure } from '../../../../electron/engine/actions/action.js';
import { actions } from '../../../../electron/engine/actions/environment-setup.js';
import { pep440Range, projectRequirements, RequirementFileError } from '../../../../electron/engine/actions/project-requirements.js';
import { folderWith } from '../../../helpers.js';
import { createContext, findAction, runAction } from './context.js';

const check = findAction(actions, 'environment_setup.check_environment');
const nodeMajor = semver.major(process.version);

const project = (files: Record<string, string>): string => folderWith(files, 'codomyrmex-reqs-');

describe("a project's own requirement files", () => {
  it('reads package.json engines, .nvmrc, .tool-versions, requirements.txt, pyproject.toml and .python-version', () => {
    const dir = project({
      'package.json': JSON.stringify({ name: 'x', engines: { node: '>=18', npm: '>=9 <20' } }),
      '.nvmrc': 'v20\n',
      '.tool-versions': '# pinned\nnodejs 20.11.0\npython 3.11.7 2.7.18\n',
      'requirements.txt': 'requests==2.31\n',
      'pyproject.toml': '[project]\nname = "x"\nrequires-python = ">=3.9,<4"\n',
    });
    expect(projectRequirements(dir)).toEqual([
      { name: 'node', range: '>=18 20.x =20.11.0', sources: ['package.json engines.node', '.nvmrc', '.tool-versions:2'] },
      { name: 'npm', range: '>=9 <20', sources: ['package.json engines.npm'] },
      { name: 'python3', range: '=3.11.7 >=3.9 <4', sources: ['.tool-versions:3', 'requirements.txt', 'pyproject.toml requires-python'] },
    ]);
  });

  it('finds nothing in a folder without them', () => {
    expect(projectRequirements(project({ 'README.md': '# hi' }))).toEqual([]);
  });

  it('says which file it cannot read and where', () => {
    expect(() => projectRequirements(project({ 'package.json': '{ nope' }))).toThrow(/package\.json: not valid JSON/);
    expect(() => projectRequirements(project({ 'package.json': '{"engines":{"node":"eighteen"}}' }))).toThrow('engines.node "eighteen" is not a semver range');
    expect(() => projectRequirements(project({ '.tool-versions': 'nodejs\n' }))).toThrow(/\.tool-versions:1: "nodejs" names no version/);
    expect(() => projectRequirements(project({ '.nvmrc': 'banana' }))).toThrow(RequirementFileError);
    expect(projectRequirements(project({ '.nvmrc': 'lts/*' }))).toEqual([{ name: 'node', range: null, sources: ['.nvmrc'] }]);
  });

  it('turns PEP 440 specifiers into semver ranges', () => {
    expect(pep440Range('>=3.8', 'p')).toBe('>=3.8');
    expect(pep440Range('~=3.10', 'p')).toBe('>=3.10 <4');
    expect(pep440Range('~=3.10.2', 'p')).toBe('>=3.10.2 <3.11');
    expect(pep440Range('==3.11.*', 'p')).toBe('3.11.x');
    expect(pep440Range('>=3.8, !=3.9.1', 'p')).toBe('>=3.8');
    expect(() => pep440Range('python3', 'pyproject.toml')).toThrow('pyproject.toml: requires-python "python3": "python3" is not a version specifier');
  });
});

describe('check_environment with no parameters', () => {
  it("checks the tools the project's files need against what is installed", async () => {
    const cwd = project({ 'package.json': JSON.stringify({ engines: { node: `>=${nodeMajor}` } }) });
    const context = createContext({ cwd });
    const { outputs } = await runAction(check, {}, context);
    expect(outputs).toMatchObject({
      ok: true,
      missing: [],
      tools: { node: { found: true, satisfies: true, required: `>=${nodeMajor}` } },
      sources: { node: ['package.json engines.node'] },
    });
    expect(context.logText()).toContain(`${cwd}: checking what package.json require\n`);
  });

  it('fails naming the unmet requirement and its file', async () => {
    const cwd = project({ '.nvmrc': `${nodeMajor + 1}\n` });
    const error = await runAction(check, {}, createContext({ cwd })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionFailure);
    expect((error as ActionFailure).message).toBe(`environment check failed: node: ${semver.coerce(process.version)!.version} (needs ${nodeMajor + 1}.x) — does not satisfy`);
    expect((error as ActionFailure).outputs).toMatchObject({ sources: { node: ['.nvmrc'] } });
  });

  it('passes with nothing to check in a folder without requirement files, saying so', async () => {
    const cwd = project({});
    const context = createContext({ cwd });
    const { outputs } = await runAction(check, {}, context);
    expect(outputs).toMatchObject({ ok: true, tools: {}, missing: [] });
    expect(context.logText()).toMatch(/no requirement files .* nothing to check but the machine/);
  });

  it('fails on a garbled requirement file, naming it', async () => {
    const cwd = project({ 'package.json': '{' });
    await expect(runAction(check, {}, createContext({ cwd }))).rejects.toThrow(/cannot tell what the project needs: .*package\.json: not valid JSON/);
  });
});
