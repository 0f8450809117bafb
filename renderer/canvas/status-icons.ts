// One glyph per step status, beside the status word on both canvases (the colour says it too, but not to everyone).
import type { StepStatus } from '../../shared/model.js';

export const STATUS_ICONS: Record<StepStatus, string> = {
  pending: '○', queued: '◌', running: '◐', retrying: '↻', succeeded: '✓', failed: '✕', skipped: '⤼', cancelled: '⊘',
};
