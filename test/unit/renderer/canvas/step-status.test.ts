import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { StepRun } from '../../../../shared/model.js';
import { stepStatus } from '../../../../renderer/canvas/step-status.js';

const run = (overrides: Partial<StepRun>): StepRun => ({
  status: 'pending', attempts: 0, startTime: null, endTime: null, exitCode: null, error: null, outputs: {}, reason: null, logPath: null, logTail: '', ...overrides,
});
/** The status line as a user reads it: its words, glyphs and figures, in order. */
const text = (element: ReturnType<typeof stepStatus>): string => renderToStaticMarkup(element).replaceAll('<!-- -->', '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

describe('the status line both canvases give a step', () => {
  it('shows the attempt counter of a step that may retry from its first attempt, and of one that retried beyond what it declares', () => {
    expect(text(stepStatus('running', run({ status: 'running', attempts: 1, startTime: 1_000 }), 2, 3_500))).toBe('◐ running attempt 1/3 2.5 s');
    expect(text(stepStatus('succeeded', run({ status: 'succeeded', attempts: 2, startTime: 1_000, endTime: 2_000 }), 0, 9_000))).toBe('✓ succeeded attempt 2/2 1.0 s');
  });

  it('shows no counter for a step that runs once, and no duration before it starts or when it ended without a time', () => {
    expect(text(stepStatus('succeeded', run({ status: 'succeeded', attempts: 1, startTime: 0, endTime: 61_000 }), 0, 0))).toBe('✓ succeeded 1 m 01 s');
    expect(text(stepStatus('pending', undefined, 3, 5_000))).toBe('○ pending —');
    expect(text(stepStatus('cancelled', run({ status: 'cancelled' }), 0, 5_000))).toBe('⊘ cancelled —');
  });
});
