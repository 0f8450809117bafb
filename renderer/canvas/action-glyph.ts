// The engine names an icon per action ("terminal", "clock"); the palette and the canvas's steps show it as one glyph.
import type { ActionInfo } from '../../shared/ipc.js';

const GLYPHS: Record<string, string> = {
  terminal: '❯', clock: '◷', circle: '○', 'x-circle': '⊗', file: '▤', 'file-text': '▤', globe: '◍', search: '⌕', workflow: '⇶',
  settings: '⚙', 'check-square': '☑', 'git-branch': '⎇',
};
/** An action the catalogue does not (yet) list, or an icon this table does not know. */
const UNKNOWN = '◆';

export const actionGlyph = (icon: string): string => GLYPHS[icon] ?? UNKNOWN;

// One index per catalogue (it changes only when reloaded): every step node looks its glyph up at each store change.
const indexes = new WeakMap<readonly ActionInfo[], Map<string, string>>();

/** The glyph of `module.action` in the catalogue `actions`. */
export function glyphOf(actions: readonly ActionInfo[], module: string, action: string): string {
  let index = indexes.get(actions);
  if (index === undefined) {
    index = new Map(actions.map((info) => [`${info.module}.${info.action}`, actionGlyph(info.icon)]));
    indexes.set(actions, index);
  }
  return index.get(`${module}.${action}`) ?? UNKNOWN;
}
