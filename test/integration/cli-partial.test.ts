// `codomyrmex run FILE --only / --from / --to`: the part of the workflow that runs, counted in a file by its processes.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../cli.js';
import { tempDir } from '../helpers.js';

/** Each step appends its name to ran.log (one line per process) and sets `v` from what it read. */
const step = (name: string, deps: string[] = []): string => {
  const read = deps.map((dep) => `\${{ steps.${dep}.outputs.v }}`).join('+');
  return `  - name: ${name}
    module: shell
    action: run
    dependencies: [${deps.join(', ')}]
    parameters: { command: 'echo ${name} >> ran.log; echo "v=${name}$(grep -c "^${name}$" ran.log)${read ? `(${read})` : ''}" >> "$CODOMYRMEX_OUTPUT"' }
`;
};

/** a → b → d → e, and a → c beside them. */
const BRANCHED = `version: 1\nname: branched\nsteps:\n${step('a')}${step('b', ['a'])}${step('c', ['a'])}${step('d', ['b'])}${step('e', ['d'])}`;
const CHAIN = `version: 1\nname: chain\nsteps:\n${step('a')}${step('b', ['a'])}${step('c', ['b'])}`;

const ran = (dir: string): string[] => readFileSync(join(dir, 'ran.log'), 'utf8').split('\n').filter(Boolean);

function setUp(text: string): { home: string; dir: string; file: string } {
  const home = tempDir();
  const dir = tempDir();
  const file = join(dir, 'wf.yaml');
  writeFileSync(file, text);
  return { home, dir, file };
}

describe('codomyrmex run, part of a workflow', () => {
  it('--only on the third step of a chain runs one process, with the earlier run’s outputs, and says which run', () => {
    const { home, dir, file } = setUp(CHAIN);
    const first = JSON.parse(cli(['run', file, '--json'], home).stdout);
    expect(ran(dir)).toEqual(['a', 'b', 'c']);

    const only = cli(['run', file, '--only', 'c', '--json'], home);
    expect(only.code, only.stderr).toBe(0);
    expect(ran(dir)).toEqual(['a', 'b', 'c', 'c']);
    const record = JSON.parse(only.stdout);
    expect(record.selection).toEqual({ mode: 'only', steps: ['c'], selected: ['c'], sourceExecutionId: first.executionId });
    expect(record.steps.a.status).toBe('not-selected');
    expect(record.steps.b).toMatchObject({ status: 'not-selected', reusedFrom: first.executionId, outputs: { v: 'b1(a1)' } });
    expect(record.steps.c).toMatchObject({ status: 'succeeded', outputs: { v: 'c2(b1(a1))' } });
    // Told before it runs, on stderr beside the JSON.
    expect(only.stderr).toContain(`Run this step only "c": 1 of 3 steps run, the others are not selected; the outputs of "b" come from run ${first.executionId}, which ended 20`);

    // The history keeps the selection.
    const history = JSON.parse(cli(['history', '--json'], home).stdout);
    expect(history[0]).toMatchObject({ executionId: record.executionId, selection: record.selection });
  });

  it('--from runs exactly the step and what is downstream of it', () => {
    const { home, dir, file } = setUp(BRANCHED);
    expect(cli(['run', file], home).code).toBe(0);
    const from = cli(['run', file, '--from', 'b'], home);
    expect(from.code, from.stderr).toBe(0);
    expect(ran(dir).slice(5).sort()).toEqual(['b', 'd', 'e']);
    expect(from.stdout).toMatch(/Run from here "b": 3 of 5 steps run, the others are not selected; the outputs of "a" come from run /);
    expect(from.stdout).toMatch(/branched completed in .* \(3 succeeded, 2 not-selected\)|branched completed in .* \(2 not-selected, 3 succeeded\)/);
  });

  it('--to runs the step and what it depends on, reading nothing from earlier runs', () => {
    const { home, dir, file } = setUp(BRANCHED);
    const to = JSON.parse(cli(['run', file, '--to', 'd', '--json'], home).stdout);
    expect(ran(dir)).toEqual(['a', 'b', 'd']);
    expect(to.selection).toEqual({ mode: 'to', steps: ['d'], selected: ['a', 'b', 'd'], sourceExecutionId: null });
    expect(to.steps.c.status).toBe('not-selected');
    expect(to.steps.e.status).toBe('not-selected');
  });

  it('refuses with exit 2 before anything runs when no earlier run has the inputs, naming the step and its upstream', () => {
    const { home, dir, file } = setUp(CHAIN);
    const refused = cli(['run', file, '--only', 'c'], home);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('step "c", field selection: needs the outputs of "b", which no earlier successful run of chain has');
    expect(() => ran(dir)).toThrow(/ENOENT/);
    expect(JSON.parse(cli(['history', '--json'], home).stdout)).toEqual([]);
    expect(cli(['run', file, '--only', 'zz'], home)).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown step "zz" in chain (its steps: a, b, c)') });
    expect(cli(['run', file, '--from', 'a', '--to', 'c'], home)).toMatchObject({ code: 2, stderr: expect.stringContaining('give one of them, got --from and --to') });
  });

  it('--only takes several steps, repeated or comma-separated', () => {
    const { home, dir, file } = setUp(BRANCHED);
    expect(cli(['run', file], home).code).toBe(0);
    const record = JSON.parse(cli(['run', file, '--only', 'b,c', '--only', 'e', '--json'], home).stdout);
    expect(record.selection.selected).toEqual(['b', 'c', 'e']);
    expect(ran(dir).slice(5).sort()).toEqual(['b', 'c', 'e']);
  });
});
