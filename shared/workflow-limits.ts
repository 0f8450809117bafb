// How big a workflow may be: the one set of limits every reader holds a workflow to (YAML and JSON files, the
// contract's saves, MCP), so a hostile or broken input is refused in milliseconds naming the limit it broke — never a
// hang, a stack overflow or a crash. README "Limits" documents them.
import { RESERVED_KEY } from './names.js';

export const WORKFLOW_LIMITS = {
  /** A workflow file's size: 10,000 steps with canvas positions take ~2 MB. */
  maxBytes: 10 * 1024 * 1024,
  /** Nesting of maps and lists: a workflow is 4 levels deep, its parameters rarely add more than a few. */
  maxDepth: 64,
  /**
   * Values once aliases are expanded (each alias counts the whole value it repeats, as every later reader walks it):
   * a YAML alias bomb of a few hundred bytes expands to billions; 10,000 steps with positions are ~200,000.
   */
  maxNodes: 1_000_000,
} as const;

export interface ShapeProblem {
  /** Where it was found: keys and list indexes from the top (`steps`, `3`, `parameters`). */
  path: string[];
  message: string;
}

const MB = 1024 * 1024;

/** Why a file or text of this many bytes is refused; null when it is within the limit. */
export function sizeProblem(bytes: number): string | null {
  if (bytes <= WORKFLOW_LIMITS.maxBytes) return null;
  return `the file is ${(bytes / MB).toFixed(1)} MB; a workflow file may be at most ${WORKFLOW_LIMITS.maxBytes / MB} MB (too large)`;
}

/** What a parser's stack overflow means for the user (both YAML parsers recurse once per level of nesting). */
export const TOO_DEEP = `nested deeper than ${WORKFLOW_LIMITS.maxDepth} levels (too deep)`;

/** Where a value sits: its key and its parent's place (kept only on the walk that names a problem's path). */
interface Place {
  key: string;
  parent: Place | null;
}

/**
 * Why a parsed value breaks the limits (too many values, too deep, a `__proto__` key), or null. The walk uses its own
 * stack, so 100,000 levels cannot overflow the call stack, and stops at the first limit it meets, so an alias bomb
 * costs at most `maxNodes` steps. The first walk keeps no paths (an alias bomb is refused twice as fast without them);
 * a problem that has a place is found again by a walk that names it.
 */
export function shapeProblem(value: unknown): ShapeProblem | null {
  const found = walk(value, false);
  if (found === null) return null;
  const located = found.path === null ? (walk(value, true) ?? found) : found;
  return { path: located.path ?? [], message: located.message };
}

/** A problem the walk met; its path is null when the walk kept no places. */
interface Found {
  path: string[] | null;
  message: string;
}

function walk(root: unknown, track: boolean): Found | null {
  const { maxDepth, maxNodes } = WORKFLOW_LIMITS;
  const values: unknown[] = [root];
  const depths: number[] = [0];
  const places: (Place | null)[] = [null];
  let nodes = 0;
  while (values.length > 0) {
    const item = values.pop();
    const depth = depths.pop()!;
    const place = places.pop()!;
    if (++nodes + values.length > maxNodes) {
      return { path: [], message: `expands to more than ${maxNodes.toLocaleString('en')} values (too many aliases or nodes)` };
    }
    if (typeof item !== 'object' || item === null) continue;
    if (depth >= maxDepth) return { path: track ? pathOf(place) : null, message: TOO_DEEP };
    const keys = Array.isArray(item) ? null : Object.keys(item);
    if (keys?.includes(RESERVED_KEY)) {
      return { path: track ? [...pathOf(place), RESERVED_KEY] : null, message: `"${RESERVED_KEY}" cannot be a key or a name (it is reserved)` };
    }
    const count = keys === null ? (item as unknown[]).length : keys.length;
    // Pushed last to first, so the walk meets them in order and a problem is named where a reader would look first.
    for (let index = count - 1; index >= 0; index--) {
      const key = keys === null ? index : keys[index]!;
      values.push((item as Record<string | number, unknown>)[key]);
      depths.push(depth + 1);
      places.push(track ? { key: String(key), parent: place } : null);
    }
  }
  return null;
}

/** Where a value sits, from the top: its first levels name the step and field; the rest of a deep path says nothing. */
function pathOf(place: Place | null): string[] {
  const path: string[] = [];
  for (let at = place; at !== null; at = at.parent) path.unshift(at.key);
  return path.length > SHOWN_LEVELS ? [...path.slice(0, SHOWN_LEVELS), '…'] : path;
}

const SHOWN_LEVELS = 6;
