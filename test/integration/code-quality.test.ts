// analyze_code_quality runs the project's own configured ESLint (findings and its complexity rule), and our own
// analysis where no linter is configured — saying which it used.
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actions } from '../../electron/engine/actions/code-quality.js';
import { readFlake8, readRuff } from '../../electron/engine/actions/linters.js';
import { folderWith } from '../helpers.js';
import { createContext, findAction, runAction } from '../unit/engine/actions/context.js';

const analyze = findAction(actions, 'static_analysis.analyze_code_quality');
const ROOT = join(import.meta.dirname, '..', '..');

const BRANCHY = `export function grade(score, bonus) {
  let unused = 1;
  if (score > 90 && bonus) return 'A';
  if (score > 80) return 'B';
  for (const item of [score]) { if (item > 70) return 'C'; }
  return score > 60 ? 'D' : 'F';
}
export const simple = () => 1;
`;

const project = (files: Record<string, string>): string => folderWith(files, 'codomyrmex-quality-');

describe('static_analysis.analyze_code_quality', () => {
  it("runs the project's own ESLint: its findings, and each function's complexity", async () => {
    const dir = project({
      'eslint.config.mjs': "export default [{ files: ['**/*.js'], languageOptions: { sourceType: 'module' }, rules: { 'no-unused-vars': 'error', 'prefer-const': 'warn' } }];\n",
      'package.json': '{"type":"module"}',
      'src/grade.js': BRANCHY,
    });
    // The project's installed ESLint: this repository's, linked in as npm would have installed it.
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const context = createContext({ cwd: dir });
    const { outputs } = await runAction(analyze, {}, context);
    expect(outputs).toMatchObject({ tool: 'eslint', tools: ['eslint'], errors: 1, warnings: 1, byRule: { 'no-unused-vars': 1, 'prefer-const': 1 }, notes: [] });
    expect(outputs.findings).toContainEqual({ file: 'src/grade.js', line: 2, column: 7, rule: 'no-unused-vars', severity: 'error', message: "'unused' is assigned a value but never used." });
    expect(outputs.complexity).toMatchObject({ method: "ESLint's complexity rule", unit: 'function', measured: 2, max: 7, threshold: 10, overCount: 0 });
    const low = await runAction(analyze, { complexityThreshold: 5 }, createContext({ cwd: dir }));
    expect((low.outputs.complexity as { over: unknown[] }).over).toEqual([{ file: 'src/grade.js', line: 1, name: 'grade', complexity: 7 }]);
    expect(context.logText()).toMatch(/^eslint \(eslint\.config\.mjs\): \S+node_modules\/\.bin\/eslint over \.\n2 findings \(1 errors, 1 warnings\); complexity max 7, average 4 over 2 functions\n$/);
    await expect(runAction(analyze, { failOnErrors: true }, createContext({ cwd: dir }))).rejects.toThrow('1 lint errors (eslint)');
  }, 60_000);

  it('says a configured linter is not installed, and uses the builtin analysis', async () => {
    const dir = project({ 'eslint.config.mjs': 'export default [];\n', 'src/grade.js': BRANCHY });
    const { outputs } = await runAction(analyze, {}, createContext({ cwd: dir }));
    expect(outputs.tool).toBe('builtin');
    expect(outputs.notes).toEqual(['eslint is configured (eslint.config.mjs) but not installed in the project; run npm install there to use it', 'used the builtin analysis instead']);
    await expect(runAction(analyze, { tool: 'eslint' }, createContext({ cwd: dir }))).rejects.toThrow('eslint is configured (eslint.config.mjs) but not installed');
  });

  it('without a linter: our own analysis, with a decision-point estimate per file', async () => {
    const dir = project({ 'src/grade.js': BRANCHY, 'tool.py': 'def f(x):\n    # if this were code\n    if x and x > 1:\n        return 1\n    elif x:\n        return 2\n    return "if or and"\n', 'README.md': 'if and or' });
    const { outputs } = await runAction(analyze, {}, createContext({ cwd: dir }));
    expect(outputs).toMatchObject({ tool: 'builtin', tools: ['builtin'], findingCount: 0, files: 3, notes: ['no linter configured (ESLint, Ruff, flake8): used the builtin analysis'] });
    // grade.js: if, &&, if, for, if, ?: → 6 decisions + 1; tool.py: if, and, elif → 3 + 1 (comments and strings left out).
    expect(outputs.complexity).toMatchObject({ unit: 'file', measured: 2, max: 7, average: 5.5 });
    await expect(runAction(analyze, { tool: 'ruff' }, createContext({ cwd: dir }))).rejects.toThrow(`ruff is not configured in ${dir}`);
  });
});

describe("the Python linters' reports", () => {
  it("reads Ruff's JSON, C901 as complexity", () => {
    const output = JSON.stringify([
      { code: 'F401', message: '`os` imported but unused', filename: '/p/app.py', location: { row: 1, column: 8 } },
      { code: 'C901', message: '`handle` is too complex (12 > 0)', filename: '/p/app.py', location: { row: 4, column: 5 } },
    ]);
    expect(readRuff(output, '/p')).toEqual({
      findings: [
        { file: 'app.py', line: 1, column: 8, rule: 'F401', severity: 'error', message: '`os` imported but unused' },
        { file: 'app.py', line: 4, column: 5, rule: 'C901', severity: 'error', message: '`handle` is too complex (12 > 0)' },
      ],
      complexity: [{ file: 'app.py', line: 4, name: 'handle', complexity: 12 }],
    });
  });

  it("reads flake8's lines, C901 as complexity", () => {
    const output = "./app.py:1:1: F401 'os' imported but unused\n./app.py:4:1: C901 'handle' is too complex (12)\n./app.py:9:80: E501 line too long (88 > 79 characters)\n";
    expect(readFlake8(output, '/p')).toEqual({
      findings: [
        { file: './app.py', line: 1, column: 1, rule: 'F401', severity: 'error', message: "'os' imported but unused" },
        { file: './app.py', line: 9, column: 80, rule: 'E501', severity: 'warning', message: 'line too long (88 > 79 characters)' },
      ],
      complexity: [{ file: './app.py', line: 4, name: 'handle', complexity: 12 }],
    });
  });
});
