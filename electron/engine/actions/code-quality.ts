// static_analysis.analyze_code_quality (the guide's step): lint findings and complexity from the project's own
// configured linters (ESLint, Ruff, flake8) where they are installed; our own analysis of the tree otherwise.
import { resolve } from 'node:path';
import { z } from 'zod';
import { ActionFailure, defineAction, type ActionContext } from './action.js';
import { configuredLinters, runLinter, type Finding, type FunctionComplexity } from './linters.js';
import { analyzeTree, DEFAULT_EXCLUDE } from './static-analysis.js';

const LISTED = 50;

const params = () => z.object({
  path: z.string().min(1).default('.').describe("The folder (or file) to analyse, relative to the project's folder."),
  tool: z.enum(['auto', 'eslint', 'ruff', 'flake8', 'builtin']).default('auto').describe('auto: every linter the project configures and has installed, else the builtin analysis.'),
  complexityThreshold: z.number().int().positive().default(10).describe('Functions (files, for the builtin estimate) at or above this complexity are listed.'),
  maxFindings: z.number().int().positive().default(200).describe('Findings listed in the outputs; counts cover all of them.'),
  failOnErrors: z.boolean().default(false).describe('Fail the step when a linter reports an error.'),
});

const analyzeCodeQuality = defineAction({
  module: 'static_analysis',
  action: 'analyze_code_quality',
  description: "Lint findings and complexity from the project's own ESLint, Ruff or flake8 (as configured and installed), or the builtin analysis otherwise; says which it used.",
  icon: 'search',
  params,
  outputs: ['tool', 'tools', 'findings', 'findingCount', 'errors', 'warnings', 'byRule', 'complexity', 'notes'],
  openOutputs: true,
  async run(p, context) {
    const root = context.cwd;
    const target = resolve(root, p.path);
    const notes: string[] = [];
    const linters = p.tool === 'builtin' ? [] : configuredLinters(root, context.env).filter((linter) => p.tool === 'auto' || linter.name === p.tool);
    for (const linter of linters.filter((l) => l.bin === null)) notes.push(`${linter.name} is configured (${linter.config}) but not installed in the project; ${installHint(linter.name)}`);
    const usable = linters.filter((linter) => linter.bin !== null);
    if (p.tool !== 'auto' && p.tool !== 'builtin' && usable.length === 0) {
      throw new ActionFailure(notes[0] ?? `${p.tool} is not configured in ${root} (no config file of its own)`);
    }
    if (usable.length === 0) {
      if (p.tool === 'auto') notes.push(linters.length === 0 ? 'no linter configured (ESLint, Ruff, flake8): used the builtin analysis' : 'used the builtin analysis instead');
      return builtin(target, p, notes, context);
    }
    const findings: Finding[] = [];
    const complexity: FunctionComplexity[] = [];
    for (const linter of usable) {
      context.log('stdout', `${linter.name} (${linter.config}): ${linter.bin} over ${p.path}\n`);
      const report = await runLinter(linter, root, target, context);
      findings.push(...report.findings);
      complexity.push(...report.complexity);
    }
    const method = usable.map((linter) => ({ eslint: "ESLint's complexity rule", ruff: 'mccabe (Ruff C901)', flake8: 'mccabe (flake8 C901)' })[linter.name]).join(' + ');
    const outputs = {
      tool: usable[0]!.name,
      tools: usable.map((linter) => linter.name),
      ...summariseFindings(findings, p.maxFindings),
      complexity: summariseComplexity(complexity, method, 'function', p.complexityThreshold),
      notes,
    };
    context.log('stdout', `${outputs.findingCount} findings (${outputs.errors} errors, ${outputs.warnings} warnings); complexity max ${outputs.complexity.max}, average ${outputs.complexity.average} over ${outputs.complexity.measured} functions\n`);
    if (p.failOnErrors && outputs.errors > 0) throw new ActionFailure(`${outputs.errors} lint errors (${outputs.tools.join(', ')})`, 1, outputs);
    return { outputs };
  },
});

/** Our own walk: counts as analyze_code does, and a per-file decision-point count as the complexity estimate. */
async function builtin(target: string, p: z.output<ReturnType<typeof params>>, notes: string[], context: ActionContext) {
  const measured: FunctionComplexity[] = [];
  const { totals, truncated } = await analyzeTree(target, { exclude: DEFAULT_EXCLUDE, maxFiles: 100_000, maxFileBytes: 2 * 1024 * 1024 }, context, (path, text) => {
    const decisions = decisionPoints(path, text);
    if (decisions !== null) measured.push({ file: path, line: 1, name: path, complexity: decisions + 1 });
  });
  const complexity = summariseComplexity(measured, 'decision points per file (an estimate: no linter ran)', 'file', p.complexityThreshold);
  context.log('stdout', `builtin analysis: ${totals.files} files, ${totals.lines} lines; complexity max ${complexity.max}, average ${complexity.average} over ${complexity.measured} files\n`);
  return {
    outputs: {
      tool: 'builtin', tools: ['builtin'], findings: [], findingCount: 0, errors: 0, warnings: 0, byRule: {}, complexity, notes,
      files: totals.files, lines: totals.lines, languages: totals.languages, todo: totals.todo, fixme: totals.fixme, truncated,
    },
  };
}

const C_LIKE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs|java|kt|go|c|h|cc|cpp|hpp|cs|rs|swift|php|dart|scala)$/i;
const STRINGS_AND_COMMENTS = /\/\*[\s\S]*?\*\/|\/\/[^\n]*|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`/g;
const PY_STRINGS_AND_COMMENTS = /"""[\s\S]*?"""|'''[\s\S]*?'''|#[^\n]*|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'/g;

/** Branches a reader must follow (McCabe's decision points), counted by keyword; null for a file that is not code. */
export function decisionPoints(path: string, text: string): number | null {
  if (C_LIKE.test(path)) {
    const code = text.replace(STRINGS_AND_COMMENTS, '""');
    return count(code, /\b(if|for|while|case|catch)\b|&&|\|\||\?(?![.?:])/g);
  }
  if (/\.pyw?$/i.test(path)) {
    const code = text.replace(PY_STRINGS_AND_COMMENTS, '""');
    return count(code, /\b(if|elif|for|while|except|and|or|case)\b/g);
  }
  return null;
}

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

function summariseFindings(findings: Finding[], max: number) {
  const byRule: Record<string, number> = {};
  for (const finding of findings) byRule[finding.rule ?? '(no rule)'] = (byRule[finding.rule ?? '(no rule)'] ?? 0) + 1;
  const errors = findings.filter((f) => f.severity === 'error').length;
  return { findings: findings.slice(0, max), findingCount: findings.length, errors, warnings: findings.length - errors, byRule };
}

function summariseComplexity(measured: FunctionComplexity[], method: string, unit: 'function' | 'file', threshold: number) {
  const total = measured.reduce((sum, m) => sum + m.complexity, 0);
  const over = measured.filter((m) => m.complexity >= threshold).sort((a, b) => b.complexity - a.complexity || a.file.localeCompare(b.file) || a.line - b.line);
  return {
    method,
    unit,
    measured: measured.length,
    average: measured.length === 0 ? 0 : Math.round((total / measured.length) * 100) / 100,
    max: measured.reduce((most, m) => Math.max(most, m.complexity), 0),
    threshold,
    over: over.slice(0, LISTED),
    overCount: over.length,
  };
}

function installHint(name: string): string {
  return name === 'eslint' ? 'run npm install there to use it' : `install ${name} in its virtual environment (.venv) or on PATH to use it`;
}

export const actions = [analyzeCodeQuality];
