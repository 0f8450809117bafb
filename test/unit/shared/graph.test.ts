import { describe, expect, it } from 'vitest';
import { ancestorsOf, findCycles, topologicalOrder } from '../../../shared/graph.js';

const node = (name: string, ...dependencies: string[]) => ({ name, dependencies });

describe('graph algorithms', () => {
  it('orders steps after their dependencies', () => {
    const order = topologicalOrder([node('c', 'b'), node('b', 'a'), node('a')])!;
    expect(order.indexOf('a')).toBeLessThan(order.indexOf('b'));
    expect(order.indexOf('b')).toBeLessThan(order.indexOf('c'));
  });

  it('finds each cycle once, in run order', () => {
    expect(findCycles([node('a', 'b'), node('b', 'a'), node('c')])).toEqual([['b', 'a', 'b']]);
    expect(topologicalOrder([node('a', 'b'), node('b', 'a')])).toBeNull();
  });

  it('handles a 20,000-step chain without overflowing the stack', () => {
    const chain = Array.from({ length: 20_000 }, (_, i) => node(`s${i}`, ...(i > 0 ? [`s${i - 1}`] : [])));
    expect(findCycles(chain)).toEqual([]);
    expect(topologicalOrder(chain)).toHaveLength(20_000);
  });

  it('lists every ancestor', () => {
    expect([...ancestorsOf([node('a'), node('b', 'a'), node('c', 'b'), node('d')], 'c')].sort()).toEqual(['a', 'b']);
  });
});
