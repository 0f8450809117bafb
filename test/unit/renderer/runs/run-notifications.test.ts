import { describe, expect, it } from 'vitest';
import { notificationText, shouldAskPermission, shouldNotify, withRunningCount } from '../../../../renderer/runs/run-notifications.js';

const base = { startedHere: true, previous: 'running' as const, current: 'completed' as const, permission: 'granted' as const, alreadyNotified: false };

describe('run notifications', () => {
  it('a run started here that finishes notifies once, when allowed', () => {
    expect(shouldNotify(base)).toBe(true);
    expect(shouldNotify({ ...base, alreadyNotified: true })).toBe(false);
    expect(shouldNotify({ ...base, permission: 'denied' })).toBe(false);
    expect(shouldNotify({ ...base, permission: 'default' })).toBe(false);
  });

  it('runs started elsewhere, still running, or already over when first seen do not notify', () => {
    expect(shouldNotify({ ...base, startedHere: false })).toBe(false);
    expect(shouldNotify({ ...base, current: 'running' })).toBe(false);
    expect(shouldNotify({ ...base, previous: 'failed', current: 'failed' })).toBe(false);
  });

  it('permission is asked only while the user has not answered', () => {
    expect(shouldAskPermission('default')).toBe(true);
    expect(shouldAskPermission('denied')).toBe(false);
    expect(shouldAskPermission('granted')).toBe(false);
    expect(shouldAskPermission('unsupported')).toBe(false);
  });

  it('the text names the workflow and how it ended; the title leads with the running count', () => {
    expect(notificationText('ci', 'failed', 2_500)).toEqual({ title: 'ci failed', body: 'Run of ci failed in 2.5 s.' });
    expect(withRunningCount('ci — Codomyrmex Orchestrator', 2)).toBe('(2) ci — Codomyrmex Orchestrator');
    expect(withRunningCount('Codomyrmex Orchestrator', 0)).toBe('Codomyrmex Orchestrator');
  });
});
