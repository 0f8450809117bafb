import { describe, expect, it } from 'vitest';
import { amountWithUnit, resourceIdProblem } from '../../../shared/resource-text.js';
import { commands } from '../../../shared/ipc.js';

describe('resource ids in plain words', () => {
  it('accepts letters, digits, "_" and "-"', () => {
    for (const id of ['db', 'gpu-slots', 'DB_2', 'x'.repeat(64)]) expect(resourceIdProblem(id)).toBeNull();
  });

  it('names the character it refuses, never a pattern', () => {
    expect(resourceIdProblem('my db')).toBe('An id may use only letters, digits, "_" and "-", at most 64 of them: a space is not allowed.');
    expect(resourceIdProblem('../gpu')).toBe('An id may use only letters, digits, "_" and "-", at most 64 of them: "." is not allowed.');
    expect(resourceIdProblem('')).toBe('Give the resource an id, e.g. db or gpu-slots.');
    expect(resourceIdProblem('x'.repeat(65))).toBe('An id is at most 64 characters; this one has 65.');
  });

  it('the contract refuses the same ids with the same words', () => {
    const result = commands['resources.define'].request.safeParse({ id: 'my db', capacity: 1 });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toBe('a resource id may use only letters, digits, "_" and "-", at most 64 of them');
  });

  it('writes amounts with their unit, rounding float noise', () => {
    expect(amountWithUnit(2, 'cores')).toBe('2 cores');
    expect(amountWithUnit(1, '')).toBe('1');
    expect(amountWithUnit(0.1 + 0.2, 'GB')).toBe('0.3 GB');
  });

  it('says one of the default unit as "1 unit", and keeps the plural for other amounts', () => {
    expect(amountWithUnit(1, 'units')).toBe('1 unit');
    expect(amountWithUnit(0, 'units')).toBe('0 units');
    expect(amountWithUnit(3, 'units')).toBe('3 units');
  });
});
