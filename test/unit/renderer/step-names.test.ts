// The editor's copy of the step-name pattern, kept out of the first chunk, against the engine's own.
import { describe, expect, it } from 'vitest';
import { STEP_NAME_PATTERN as engine } from '../../../shared/workflow-schema.js';
import { STEP_NAME_PATTERN as editor } from '../../../renderer/editor/step-names.js';

describe('step names', () => {
  it('the editor accepts exactly the names the engine accepts', () => {
    expect(editor.source).toBe(engine.source);
    expect(editor.flags).toBe(engine.flags);
  });
});
