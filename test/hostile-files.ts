// Workflow files made to hurt a parser: an alias bomb, 100,000 levels of nesting, 50 MB, bytes that are no UTF-8.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'hostile');

/** How deep the deep files nest: far past any parser's call stack. */
export const DEEP = 100_000;

export const deepYaml = (): string => `version: 1\nname: deep\nsteps:\n  - { name: s, module: control, action: noop, parameters: { x: ${'['.repeat(DEEP)}${']'.repeat(DEEP)} } }\n`;
export const deepJson = (): string => `{"version":1,"name":"deep","steps":[{"name":"s","module":"control","action":"noop","parameters":{"x":${'['.repeat(DEEP)}${']'.repeat(DEEP)}}}]}`;

/** Writes every hostile file into `dir` under the names the tests use; returns their paths. */
export function writeHostileFiles(dir: string) {
  mkdirSync(dir, { recursive: true });
  const files = {
    bomb: join(dir, 'bomb.yaml'),
    deepYaml: join(dir, 'deep.yaml'),
    deepJson: join(dir, 'deep-json.json'),
    large: join(dir, 'large.yaml'),
    latin1: join(dir, 'latin1.yaml'),
  };
  copyFileSync(join(FIXTURES, 'alias-bomb.yaml'), files.bomb);
  copyFileSync(join(FIXTURES, 'latin1.yaml'), files.latin1);
  writeFileSync(files.deepYaml, deepYaml());
  writeFileSync(files.deepJson, deepJson());
  // 50 MB of a valid-looking workflow's comment lines: only its size is wrong.
  writeFileSync(files.large, `version: 1\nname: large\nsteps: []\n${'# padding padding padding padding padding padding padding\n'.repeat(920_000)}`);
  return files;
}
