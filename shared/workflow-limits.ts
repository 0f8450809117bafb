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

interface Frame {
  value: unknown;
  depth: number;
  key: string;
  parent: Frame | null;
}

/**
 * Why a parsed value breaks the limits (too many values, too deep, a `__proto__` key), or null. The walk uses its own
 * stack, so 100,000 levels cannot overflow the call stack, and stops at the first limit it meets, so an alias bomb
 * costs at most `maxNodes` steps.
 */
export function shapeProblem(value: unknown): ShapeProblem | null {
  const { maxDepth, maxNodes } = WORKFLOW_LIMITS;
  const stack: Frame[] = [{ value, depth: 0, key: '', parent: null }];
  let nodes = 0;
  while (stack.length > 0) {
    const frame = stack.pop()!;
    if (++nodes + stack.length > maxNodes) {
      return { path: [], message: `expands to more than ${maxNodes.toLocaleString('en')} values (too many aliases or nodes)` };
    }
    const item = frame.value;
    if (typeof item !== 'object' || item === null) continue;
    if (frame.depth >= maxDepth) return { path: pathOf(frame), message: TOO_DEEP };
    if (Array.isArray(item)) {
      for (let index = item.length - 1; index >= 0; index--) stack.push({ value: item[index], depth: frame.depth + 1, key: String(index), parent: frame });
      continue;
    }
    for (const key of Object.keys(item)) {
      if (key === RESERVED_KEY) return { path: [...pathOf(frame), key], message: `"${RESERVED_KEY}" cannot be a key or a name (it is reserved)` };
      stack.push({ value: (item as Record<string, unknown>)[key], depth: frame.depth + 1, key, parent: frame });
    }
  }
  return null;
}

/** Where a frame sits, from the top: its first levels name the step and field; the rest of a deep path says nothing. */
function pathOf(frame: Frame): string[] {
  const path: string[] = [];
  for (let at: Frame | null = frame; at !== null && at.parent !== null; at = at.parent) path.unshift(at.key);
  return path.length > SHOWN_LEVELS ? [...path.slice(0, SHOWN_LEVELS), '…'] : path;
}

const SHOWN_LEVELS = 6;
