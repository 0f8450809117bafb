// The tools a project's own files say it needs: package.json engines, .nvmrc / .node-version, .tool-versions,
// requirements.txt, pyproject.toml's requires-python and .python-version — as semver ranges check_environment tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { semverLibrary } from './semver-library.js';

export interface ProjectRequirement {
  name: string;
  /** Every source's range, all to be met; null when any version will do. */
  range: string | null;
  /** Where each part came from: `package.json engines.node`, `.nvmrc`. */
  sources: string[];
}

/** A file that says something we cannot read: the step fails naming it, rather than checking less than it says. */
export class RequirementFileError extends Error {}

// asdf's plugin names for the tools whose command is named otherwise.
const ASDF_TOOLS: Record<string, string> = { nodejs: 'node', python: 'python3', golang: 'go' };

/** Reads every requirement file in `dir`; the same tool from several files keeps every range (all must hold). */
export function projectRequirements(dir: string): ProjectRequirement[] {
  const found = new Map<string, ProjectRequirement>();
  const add = (name: string, range: string | null, source: string): void => {
    const entry = found.get(name) ?? { name, range: null, sources: [] };
    entry.sources.push(source);
    if (range !== null) entry.range = entry.range === null ? range : `${entry.range} ${range}`;
    found.set(name, entry);
  };
  readPackageJson(dir, add);
  for (const file of ['.nvmrc', '.node-version']) {
    const text = readText(dir, file);
    if (text !== null) add('node', versionFileRange(text.trim().replace(/^v/, ''), file), file);
  }
  readToolVersions(dir, add);
  if (readText(dir, 'requirements.txt') !== null) add('python3', null, 'requirements.txt');
  readPyproject(dir, add);
  const pythonVersion = readText(dir, '.python-version');
  if (pythonVersion !== null) add('python3', versionFileRange(pythonVersion.trim().split(/\s+/)[0] ?? '', '.python-version'), '.python-version');
  return [...found.values()];
}

type Add = (name: string, range: string | null, source: string) => void;

function readPackageJson(dir: string, add: Add): void {
  const text = readText(dir, 'package.json');
  if (text === null) return;
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch (error) {
    throw new RequirementFileError(`${join(dir, 'package.json')}: not valid JSON (${(error as Error).message})`);
  }
  const engines = (manifest as { engines?: unknown }).engines;
  if (engines === undefined) return;
  if (typeof engines !== 'object' || engines === null || Array.isArray(engines)) throw new RequirementFileError(`${join(dir, 'package.json')}: engines must be an object of tool → range`);
  for (const [tool, range] of Object.entries(engines)) {
    if (typeof range !== 'string' || semverLibrary().validRange(range) === null) {
      throw new RequirementFileError(`${join(dir, 'package.json')}: engines.${tool} ${JSON.stringify(range)} is not a semver range`);
    }
    add(tool, range.trim() === '*' || range.trim() === '' ? null : range, `package.json engines.${tool}`);
  }
}

/** `.tool-versions` (asdf, mise): `nodejs 20.11.0`, one tool a line; the first version is the one used. */
function readToolVersions(dir: string, add: Add): void {
  const text = readText(dir, '.tool-versions');
  if (text === null) return;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/#.*/, '').trim();
    if (line === '') return;
    const [tool, version] = line.split(/\s+/);
    if (version === undefined) throw new RequirementFileError(`${join(dir, '.tool-versions')}:${index + 1}: "${line}" names no version`);
    add(ASDF_TOOLS[tool!] ?? tool!, versionFileRange(version, '.tool-versions'), `.tool-versions:${index + 1}`);
  });
}

/** pyproject.toml's `requires-python` (PEP 621), read by its one line rather than a TOML parser for one key. */
function readPyproject(dir: string, add: Add): void {
  const text = readText(dir, 'pyproject.toml');
  if (text === null) return;
  const match = /^\s*requires-python\s*=\s*(["'])(.*?)\1/m.exec(text);
  add('python3', match === null ? null : pep440Range(match[2]!, join(dir, 'pyproject.toml')), match === null ? 'pyproject.toml' : 'pyproject.toml requires-python');
}

/**
 * A version a file pins (`20.11.0`, `18`, `3.11`) as a range: a full version is that version, a partial one any of
 * its line (`18` → 18.x); a name (`lts/*`, `system`, `latest`) only asks the tool be there.
 */
function versionFileRange(version: string, file: string): string | null {
  if (/^\d+(\.\d+){0,2}$/.test(version)) return version.split('.').length === 3 ? `=${version}` : `${version}.x`;
  if (/^(lts\/.*|node|stable|latest|system|ref:.*|path:.*)$/.test(version) || version === '') return null;
  throw new RequirementFileError(`${file}: "${version}" is not a version`);
}

/** PEP 440 specifiers (`>=3.9,<4`, `~=3.10`, `==3.11.*`) as a semver range; `!=` cannot be said in one and is left out. */
export function pep440Range(specifiers: string, where: string): string | null {
  const parts: string[] = [];
  for (const raw of specifiers.split(',')) {
    const spec = raw.trim();
    if (spec === '') continue;
    const match = /^(~=|==|!=|<=|>=|<|>|===)\s*([0-9][0-9a-zA-Z.*]*)$/.exec(spec);
    if (match === null) throw new RequirementFileError(`${where}: requires-python "${specifiers}": "${spec}" is not a version specifier`);
    const [, op, version] = match as unknown as [string, string, string];
    if (op === '!=') continue;
    if (op === '~=') {
      const pieces = version.split('.');
      // ~=3.10 is >=3.10 and 3.*; ~=3.10.2 is >=3.10.2 and 3.10.*.
      parts.push(`>=${version} <${pieces.length <= 2 ? `${Number(pieces[0]) + 1}` : `${pieces[0]}.${Number(pieces[1]) + 1}`}`);
    } else if (op === '==' || op === '===') {
      parts.push(version.endsWith('.*') ? `${version.slice(0, -2)}.x` : `=${version}`);
    } else {
      parts.push(`${op}${version}`);
    }
  }
  const range = parts.join(' ');
  if (range === '') return null;
  if (semverLibrary().validRange(range) === null) throw new RequirementFileError(`${where}: requires-python "${specifiers}" cannot be read as a version range`);
  return range;
}

function readText(dir: string, file: string): string | null {
  try {
    return readFileSync(join(dir, file), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
    throw new RequirementFileError(`${join(dir, file)}: ${(error as Error).message}`);
  }
}
