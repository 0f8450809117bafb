// Every glyph a step is drawn with, in one table: its action's (the engine names an icon per action, "terminal",
// "clock"; the palette shows it too) and its status's, beside the status word on both canvases (the colour says it
// too, but not to everyone).
import type { ActionInfo } from '../../shared/ipc.js';
import type { StepStatus } from '../../shared/model.js';

export const STATUS_ICONS: Record<StepStatus, string> = {
  pending: '○', queued: '◌', running: '◐', retrying: '↻', succeeded: '✓', failed: '✕', skipped: '⤼', cancelled: '⊘', 'not-selected': '◇', cached: '≡',
};
/** A step a re-run kept from an earlier run, instead of its status. */
export const REUSED_ICON = '↺';

const GLYPHS: Record<string, string> = {
  terminal: '❯', clock: '◷', circle: '○', 'x-circle': '⊗', file: '▤', 'file-text': '▤', globe: '◍', search: '⌕', workflow: '⇶',
  settings: '⚙', 'check-square': '☑', 'git-branch': '⎇',
};
/** An action the catalogue does not (yet) list, or an icon this table does not know. */
const UNKNOWN = '◆';

export const actionGlyph = (icon: string): string => GLYPHS[icon] ?? UNKNOWN;

/** `module.action` → glyph, for every action of a catalogue. */
export const glyphIndex = (actions: readonly ActionInfo[]): ReadonlyMap<string, string> =>
  new Map(actions.map((info) => [`${info.module}.${info.action}`, actionGlyph(info.icon)]));

/** The glyph of `kind` ("module.action") in an index; the unknown glyph for an action the catalogue lacks. */
export const glyphOf = (index: ReadonlyMap<string, string>, kind: string): string => index.get(kind) ?? UNKNOWN;
