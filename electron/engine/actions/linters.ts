// The project's own linters, found by their config files and run as the project installed them: ESLint (findings
// and its complexity rule), Ruff (findings and mccabe C901), flake8 (the same). Each run's output is read into one shape.
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, isAbsolute, join, relative, sep } from 'node:path';
import { ActionFailure, type ActionContext } from './action.js';
import { childProcess } from '../processes/child-process.js';

export type LinterName = 'eslint' | 'ruff' | 'flake8';

export interface Finding {
  file: string;
  line: number;
  column: number;
  rule: string | null;
  severity: 'error' | 'warning';
  message: string;
}

export interface FunctionComplexity {
  file: string;
  line: number;
  name: string;
  complexity: number;
}

export interface LintReport {
  findings: Finding[];
  complexity: FunctionComplexity[];
}

export interface Linter {
  name: LinterName;
  /** The config file that says the project uses it. */
  config: string;
  /** The linter's program, as the project installed it; null when configured but not installed. */
  bin: string | null;
}

const ESLINT_CONFIGS = [
  'eslint.config.js', 'eslint.config.mjs', 'eslint.config.cjs', 'eslint.config.ts', 'eslint.config.mts', 'eslint.config.cts',
  '.eslintrc.js', '.eslintrc.cjs', '.eslintrc.json', '.eslintrc.yml', '.eslintrc.yaml', '.eslintrc',
];
// Linters' JSON for a large tree runs to many megabytes.
const MAX_OUTPUT_BYTES = 256 * 1024 * 1024;

/** The linters a project folder configures, each with its installed program (node_modules/.bin, .venv, PATH). */
export function configuredLinters(root: string, env: Record<string, string>): Linter[] {
  const linters: Linter[] = [];
  const eslintConfig = ESLINT_CONFIGS.find((file) => existsSync(join(root, file))) ?? (packageJsonHas(root, 'eslintConfig') ? 'package.json eslintConfig' : null);
  if (eslintConfig !== null) linters.push({ name: 'eslint', config: eslintConfig, bin: firstExisting([join(root, 'node_modules', '.bin', 'eslint')]) });
  const ruffConfig = ['ruff.toml', '.ruff.toml'].find((file) => existsSync(join(root, file))) ?? (fileHas(root, 'pyproject.toml', /^\[tool\.ruff[\].]/m) ? 'pyproject.toml [tool.ruff]' : null);
  if (ruffConfig !== null) linters.push({ name: 'ruff', config: ruffConfig, bin: pythonTool(root, 'ruff', env) });
  const flake8Config = existsSync(join(root, '.flake8')) ? '.flake8' : (['setup.cfg', 'tox.ini'].find((file) => fileHas(root, file, /^\[flake8\]/m)) ?? null);
  if (flake8Config !== null) linters.push({ name: 'flake8', config: flake8Config, bin: pythonTool(root, 'flake8', env) });
  return linters;
}

/** Runs a linter over `target` (a path under root) from root, as the project would, and reads its report. */
export async function runLinter(linter: Linter, root: string, target: string, context: ActionContext): Promise<LintReport> {
  const bin = linter.bin!;
  const path = relative(root, target) || '.';
  switch (linter.name) {
    case 'eslint': {
      // The complexity rule at 0 reports every function's complexity alongside the project's own rules.
      const output = await run(bin, ['--format', 'json', '--no-error-on-unmatched-pattern', '--rule', '{"complexity":["warn",0]}', path], root, context, [0, 1]);
      return readEslint(output, root);
    }
    case 'ruff': {
      const findings = await run(bin, ['check', '--output-format', 'json', '--exit-zero', path], root, context, [0]);
      const complexity = await run(bin, ['check', '--output-format', 'json', '--exit-zero', '--select', 'C901', '--config', 'lint.mccabe.max-complexity = 0', path], root, context, [0]);
      return { findings: readRuff(findings, root).findings, complexity: readRuff(complexity, root).complexity };
    }
    case 'flake8': {
      const output = await run(bin, ['--max-complexity', '0', '--format', '%(path)s:%(row)d:%(col)d: %(code)s %(text)s', path], root, context, [0, 1]);
      return readFlake8(output, root);
    }
  }
}

interface EslintFile {
  filePath: string;
  messages: { ruleId: string | null; severity: number; message: string; line?: number; column?: number }[];
}

/** ESLint's `--format json`: one entry per file; its complexity messages become the complexity list. */
export function readEslint(output: string, root: string): LintReport {
  const report: LintReport = { findings: [], complexity: [] };
  for (const file of parseJson<EslintFile[]>(output, 'eslint')) {
    const path = shown(root, file.filePath);
    for (const message of file.messages) {
      const measured = message.ruleId === 'complexity' ? /^(.*?) has a complexity of (\d+)/.exec(message.message) : null;
      if (measured !== null) {
        report.complexity.push({ file: path, line: message.line ?? 0, name: unquote(measured[1]!), complexity: Number(measured[2]) });
        continue;
      }
      report.findings.push({ file: path, line: message.line ?? 0, column: message.column ?? 0, rule: message.ruleId, severity: message.severity === 2 ? 'error' : 'warning', message: message.message });
    }
  }
  return report;
}

interface RuffFinding {
  code: string | null;
  message: string;
  filename: string;
  location: { row: number; column: number };
}

/** Ruff's `--output-format json`: a list of findings; C901's message names the function and its complexity. */
export function readRuff(output: string, root: string): LintReport {
  const report: LintReport = { findings: [], complexity: [] };
  for (const item of parseJson<RuffFinding[]>(output, 'ruff')) {
    const file = shown(root, item.filename);
    const measured = item.code === 'C901' ? /^`?(.+?)`? is too complex \((\d+) > \d+\)/.exec(item.message) : null;
    if (measured !== null) report.complexity.push({ file, line: item.location.row, name: measured[1]!, complexity: Number(measured[2]) });
    // Ruff has no severities: every finding is one to fix.
    report.findings.push({ file, line: item.location.row, column: item.location.column, rule: item.code, severity: 'error', message: item.message });
  }
  return report;
}

/** flake8's `path:row:col: CODE text` lines; C901 (mccabe) names the function and its complexity. */
export function readFlake8(output: string, root: string): LintReport {
  const report: LintReport = { findings: [], complexity: [] };
  for (const line of output.split(/\r?\n/)) {
    const match = /^(.*?):(\d+):(\d+): ([A-Z]+\d+) (.*)$/.exec(line);
    if (match === null) continue;
    const [, path, row, col, code, text] = match as unknown as [string, string, string, string, string, string];
    const measured = code === 'C901' ? /^'(.+?)' is too complex \((\d+)\)/.exec(text) : null;
    if (measured !== null) report.complexity.push({ file: shown(root, path), line: Number(row), name: measured[1]!, complexity: Number(measured[2]) });
    else report.findings.push({ file: shown(root, path), line: Number(row), column: Number(col), rule: code, severity: code.startsWith('E9') || code.startsWith('F') ? 'error' : 'warning', message: text });
  }
  return report;
}

function run(bin: string, args: string[], cwd: string, context: ActionContext, okCodes: number[]): Promise<string> {
  return new Promise((resolve, reject) => {
    childProcess().execFile(bin, args, { cwd, env: context.env, signal: context.signal, maxBuffer: MAX_OUTPUT_BYTES, windowsHide: true }, (error, stdout, stderr) => {
      const code = error === null ? 0 : (error as NodeJS.ErrnoException & { code?: unknown }).code;
      if (context.signal.aborted) reject(context.signal.reason as Error);
      else if (typeof code === 'number' && okCodes.includes(code)) resolve(stdout);
      else {
        const why = String(stderr).trim().split('\n').slice(0, 5).join(' | ') || (error as Error).message;
        reject(new ActionFailure(`${bin} ${args.join(' ')} failed in ${cwd}: ${why}`));
      }
    });
  });
}

function parseJson<T>(output: string, tool: string): T {
  try {
    return JSON.parse(output) as T;
  } catch {
    throw new ActionFailure(`${tool} printed no JSON report: ${output.slice(0, 200)}`);
  }
}

/** Relative to the project with forward slashes, as the builtin analysis reports files. */
function shown(root: string, path: string): string {
  const rel = isAbsolute(path) ? relative(root, path) : path;
  return rel.split(sep).join('/');
}

/** `Function 'foo'` → `foo`; `Arrow function` stays as it is. */
function unquote(name: string): string {
  return /'(.+)'/.exec(name)?.[1] ?? name;
}

/** A Python tool from the project's virtual environment, else the step's PATH. */
function pythonTool(root: string, name: string, env: Record<string, string>): string | null {
  const venv = firstExisting([join(root, '.venv', 'bin', name), join(root, 'venv', 'bin', name)]);
  if (venv !== null) return venv;
  const path = env.PATH ?? env.Path ?? '';
  return firstExisting(path.split(delimiter).filter((dir) => dir !== '').map((dir) => join(dir, name)));
}

function firstExisting(paths: string[]): string | null {
  return paths.find((path) => existsSync(path)) ?? null;
}

function packageJsonHas(root: string, key: string): boolean {
  try {
    return Object.hasOwn(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as object, key);
  } catch {
    return false;
  }
}

function fileHas(root: string, file: string, pattern: RegExp): boolean {
  try {
    return pattern.test(readFileSync(join(root, file), 'utf8'));
  } catch {
    return false;
  }
}
