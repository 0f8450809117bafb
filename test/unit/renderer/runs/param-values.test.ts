import { describe, expect, it } from 'vitest';
import { initialValues, runParams } from '../../../../renderer/runs/param-values.js';

describe('the run parameters form', () => {
  const params = { target: { default: 'dist' }, shards: { default: 2 }, verbose: { default: false }, tag: { required: true } };

  it('starts from each param\'s default', () => {
    expect(initialValues(params)).toEqual({ target: 'dist', shards: '2', verbose: false, tag: '' });
  });

  it('a required param left blank is named; numbers are sent as numbers', () => {
    expect(runParams(params, { target: 'dist', shards: '4', verbose: true, tag: '' })).toEqual({ params: { target: 'dist', shards: 4, verbose: true }, missing: ['tag'] });
    expect(runParams(params, { target: '', shards: '2', verbose: false, tag: 'v1' }).missing).toEqual([]);
  });
});
