import { describe, expect, it } from 'vitest';
import { collectRefs, containsTemplate, resolveTemplates } from '../../../shared/templating.js';
import { shapeProblem, WORKFLOW_LIMITS } from '../../../shared/workflow-limits.js';

/** A value of `levels` lists of ten, each holding the previous one ten times, as YAML aliases build it: 10^levels strings. */
function aliased(levels: number, leaf: string): unknown {
  let value: unknown = leaf;
  for (let level = 0; level < levels; level++) value = Array.from({ length: 10 }, () => value);
  return value;
}

describe('values that share their parts (YAML aliases)', () => {
  it('templating walks a shared list once, so a billion-string value is checked and resolved at once', () => {
    const value = { x: aliased(9, 'run ${{ params.n }}') };
    // The innermost list is walked once: its ten strings, at the first path that reaches it.
    const refs = collectRefs(value, ['parameters']);
    expect(refs.map(({ path }) => path.join('.'))).toEqual(Array.from({ length: 10 }, (_, index) => `parameters.x.0.0.0.0.0.0.0.0.${index}`));
    expect(refs[0]!.ref).toEqual({ kind: 'params', key: 'n', text: 'params.n' });
    expect(containsTemplate(value)).toBe(true);
    const resolved = resolveTemplates(value, { steps: {}, params: { n: 2 }, env: {} }) as { x: unknown[] };
    // Shared in the result as in the input: the top list's ten entries are one list.
    expect(resolved.x[0]).toBe(resolved.x[9]);
    let leaf: unknown = resolved.x;
    while (Array.isArray(leaf)) leaf = leaf[7];
    expect(leaf).toBe('run 2');
  });

  it('the shape check counts what aliases expand to and stops at the limit', () => {
    expect(shapeProblem({ steps: aliased(9, 'x') })).toEqual({ path: [], message: `expands to more than ${WORKFLOW_LIMITS.maxNodes.toLocaleString('en')} values (too many aliases or nodes)` });
    expect(shapeProblem({ steps: aliased(4, 'x') })).toBeNull();
  });

  it('the shape check refuses nesting past the limit without recursing, and a value that contains itself', () => {
    let deep: unknown = [];
    for (let level = 0; level < 100_000; level++) deep = [deep];
    expect(shapeProblem({ steps: deep })).toEqual({ path: ['steps', '0', '0', '0', '0', '0', '…'], message: 'nested deeper than 64 levels (too deep)' });
    const loop: unknown[] = [];
    loop.push(loop);
    expect(shapeProblem({ steps: loop })?.message).toBe('nested deeper than 64 levels (too deep)');
  });

  it('the shape check refuses a __proto__ key wherever it is, naming where', () => {
    const raw = JSON.parse('{"steps":[{"name":"a","parameters":{"__proto__":{"x":1}}}]}') as unknown;
    expect(shapeProblem(raw)).toEqual({ path: ['steps', '0', 'parameters', '__proto__'], message: '"__proto__" cannot be a key or a name (it is reserved)' });
  });
});
