// The lint fence has its own test: the renderer may not reach for window.prompt/alert/confirm (Electron has no prompt).
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((message) => message.ruleId ?? message.message);
}

describe('the renderer\'s lint fence', () => {
  it('refuses window.prompt, alert and confirm, bare or through window', async () => {
    const code = 'export const a = (): unknown => [window.prompt("x"), alert("y"), confirm("z"), globalThis.confirm("w")];\n';
    expect(await ruleIds(code, 'renderer/editor/bad.ts')).toEqual(['no-restricted-properties', 'no-restricted-globals', 'no-restricted-globals', 'no-restricted-properties']);
  });

  it('leaves other folders and other window members alone', async () => {
    expect(await ruleIds('export const a = (): unknown => window.location.href;\n', 'renderer/editor/fine.ts')).toEqual([]);
    expect(await ruleIds('export const a = (text: string): unknown => globalThis.confirm?.(text);\n', 'scripts/bench/x.ts')).toEqual([]);
  });
});
