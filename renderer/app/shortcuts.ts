// Every keyboard shortcut in one table: the help overlay lists it, the editor's key handler matches against it.
export type ShortcutCommand =
  | 'undo' | 'redo' | 'save' | 'saveAs' | 'copy' | 'cut' | 'paste' | 'duplicate' | 'selectAll' | 'quickAdd' | 'help'
  | 'layout' | 'fitView' | 'snap' | 'newWorkflow' | 'import' | 'export' | 'escape' | 'group' | 'ungroup' | 'toSubflow' | 'unpack';

export interface Shortcut {
  command: ShortcutCommand;
  /** As shown in the help overlay; "Mod" is Ctrl, or ⌘ on a Mac. */
  keys: string[];
  label: string;
}

export const SHORTCUTS: Shortcut[] = [
  { command: 'quickAdd', keys: ['A', '/'], label: 'Add a step at the cursor (quick add)' },
  { command: 'undo', keys: ['Mod+Z'], label: 'Undo' },
  { command: 'redo', keys: ['Mod+Shift+Z', 'Mod+Y'], label: 'Redo' },
  { command: 'save', keys: ['Mod+S'], label: 'Save' },
  { command: 'saveAs', keys: ['Mod+Shift+S'], label: 'Save as…' },
  { command: 'copy', keys: ['Mod+C'], label: 'Copy the selected steps' },
  { command: 'cut', keys: ['Mod+X'], label: 'Cut the selected steps' },
  { command: 'paste', keys: ['Mod+V'], label: 'Paste steps' },
  { command: 'duplicate', keys: ['Mod+D'], label: 'Duplicate the selected steps' },
  { command: 'selectAll', keys: ['Mod+A'], label: 'Select every step' },
  { command: 'group', keys: ['Mod+G'], label: 'Group the selected steps…' },
  { command: 'ungroup', keys: ['Mod+Shift+G'], label: 'Ungroup the selected group' },
  { command: 'layout', keys: ['L'], label: 'Auto-layout (toggles left-to-right / top-to-bottom)' },
  { command: 'fitView', keys: ['F'], label: 'Fit the workflow in view' },
  { command: 'snap', keys: ['G'], label: 'Snap to grid on or off' },
  { command: 'newWorkflow', keys: ['Alt+N'], label: 'New workflow…' },
  { command: 'import', keys: ['Alt+O'], label: 'Import a YAML or JSON file…' },
  { command: 'export', keys: ['Alt+E'], label: 'Export as YAML' },
  { command: 'toSubflow', keys: ['Alt+S'], label: 'Convert the selected steps to a subflow…' },
  { command: 'unpack', keys: ['Alt+U'], label: 'Unpack the selected subflow step' },
  { command: 'help', keys: ['?', 'F1'], label: 'Show these shortcuts' },
  { command: 'escape', keys: ['Escape'], label: 'Close a dialog, clear the selection' },
];

/** Shortcuts React Flow handles itself, listed for completeness. */
export const CANVAS_SHORTCUTS: { keys: string[]; label: string }[] = [
  { keys: ['Delete', 'Backspace'], label: 'Delete the selected steps and edges' },
  { keys: ['Shift+drag'], label: 'Select with a box' },
  { keys: ['Shift+click'], label: 'Add a step to the selection' },
];

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  /** The physical key (`KeyN`), for Alt combinations whose `key` is another character on some layouts. */
  code?: string;
}

/** The command a key press means, or null. Letters are matched case-insensitively so Shift does not hide them. */
export function matchShortcut(event: KeyLike): ShortcutCommand | null {
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  if (mod && !event.altKey) {
    const withMod: Record<string, ShortcutCommand> = { z: event.shiftKey ? 'redo' : 'undo', y: 'redo', s: event.shiftKey ? 'saveAs' : 'save', c: 'copy', x: 'cut', v: 'paste', d: 'duplicate', a: 'selectAll', g: event.shiftKey ? 'ungroup' : 'group' };
    return withMod[key] ?? null;
  }
  if (mod) return null;
  if (event.altKey) {
    // Alt+letter gives other characters on some layouts: the physical letter is what the user pressed.
    const withAlt: Record<string, ShortcutCommand> = { KeyN: 'newWorkflow', KeyO: 'import', KeyE: 'export', KeyS: 'toSubflow', KeyU: 'unpack' };
    return withAlt[event.code ?? `Key${key.toUpperCase()}`] ?? null;
  }
  const plain: Record<string, ShortcutCommand> = { a: 'quickAdd', '/': 'quickAdd', '?': 'help', F1: 'help', l: 'layout', f: 'fitView', g: 'snap', Escape: 'escape' };
  return plain[key] ?? null;
}

/** True while the user types into a field: shortcuts then belong to the field (Escape excepted). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
