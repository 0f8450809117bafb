import { describe, expect, it } from 'vitest';
import { collectRefs, resolveTemplates } from '../../../shared/templating.js';

const scope = { steps: { build: { count: 3, path: 'dist' } }, params: { target: 'prod', n: 2 }, env: { HOME: '/home/me' } };

describe('templating', () => {
  it('keeps the type of a value that is one expression alone', () => {
    expect(resolveTemplates({ retries: '${{ params.n }}' }, scope)).toEqual({ retries: 2 });
  });

  it('interpolates expressions inside text', () => {
    expect(resolveTemplates('deploy ${{ steps.build.outputs.path }} to ${{params.target}} from ${{ env.HOME }}', scope)).toBe('deploy dist to prod from /home/me');
  });

  it('resolves inside nested objects and arrays', () => {
    expect(resolveTemplates({ a: ['${{ steps.build.outputs.count }}'], b: { c: 'x${{ params.n }}' } }, scope)).toEqual({ a: [3], b: { c: 'x2' } });
  });

  it('reads inside an output by a dotted key: a subflow step\'s child step outputs', () => {
    const sub = { ...scope, steps: { sub: { status: 'completed', steps: { build: { count: 3 } } } } };
    expect(resolveTemplates('${{ steps.sub.outputs.steps.build.count }}', sub)).toBe(3);
    expect(() => resolveTemplates('${{ steps.sub.outputs.steps.test.count }}', sub)).toThrow('step "sub" has no output "steps.test.count"');
  });

  it('fails loudly on a reference it cannot resolve', () => {
    expect(() => resolveTemplates('${{ steps.test.outputs.x }}', scope)).toThrow('step "test" has not run yet');
    expect(() => resolveTemplates('${{ steps.build.outputs.nope }}', scope)).toThrow('step "build" has no output "nope"');
    expect(() => resolveTemplates('${{ env.NOPE }}', scope)).toThrow('environment variable NOPE is not set');
  });

  it('reads what a failed step set, and empty for what it (or a skipped step) did not', () => {
    const after = { ...scope, steps: { test: { exitCode: 3 } }, ended: new Set(['test', 'lint']) };
    expect(resolveTemplates('exit ${{ steps.test.outputs.exitCode }}, ${{ steps.test.outputs.summary }}.', after)).toBe('exit 3, .');
    expect(resolveTemplates('${{ steps.lint.outputs.exitCode }}', after)).toBe('');
  });

  it('collects references with their field paths', () => {
    expect(collectRefs({ command: 'echo ${{ params.x }}', env: { A: '${{ steps.s.outputs.k }}' } }, ['parameters'])).toEqual([
      { path: ['parameters', 'command'], ref: { kind: 'params', key: 'x', text: 'params.x' } },
      { path: ['parameters', 'env', 'A'], ref: { kind: 'steps', step: 's', key: 'k', text: 'steps.s.outputs.k' } },
    ]);
  });
});
