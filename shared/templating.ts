// `${{ steps.<name>.outputs.<key> }}`, `${{ params.<key> }}`, `${{ env.<KEY> }}`: parsing, checking and resolving.

export type TemplateRef =
  | { kind: 'steps'; step: string; key: string; text: string }
  | { kind: 'params'; key: string; text: string }
  | { kind: 'env'; key: string; text: string }
  | { kind: 'invalid'; text: string };

const EXPRESSION = /\$\{\{\s*(.*?)\s*\}\}/g;
const WHOLE_EXPRESSION = /^\$\{\{\s*(.*?)\s*\}\}$/;
const STEP_REF = /^steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_.-]+)$/;
const KEY_REF = /^(params|env)\.([A-Za-z0-9_.-]+)$/;

export function parseExpression(expression: string): TemplateRef {
  const step = STEP_REF.exec(expression);
  if (step) return { kind: 'steps', step: step[1]!, key: step[2]!, text: expression };
  const key = KEY_REF.exec(expression);
  if (key) return { kind: key[1] as 'params' | 'env', key: key[2]!, text: expression };
  return { kind: 'invalid', text: expression };
}

export function hasTemplate(value: string): boolean {
  return value.includes('${{');
}

/** Every template reference in a value, with the dotted path of the field it sits in. */
export function collectRefs(value: unknown, path: string[] = []): { path: string[]; ref: TemplateRef }[] {
  const found: { path: string[]; ref: TemplateRef }[] = [];
  visitStrings(value, path, (text, at) => {
    if (!hasTemplate(text)) return;
    for (const match of text.matchAll(EXPRESSION)) found.push({ path: at, ref: parseExpression(match[1]!) });
  });
  return found;
}

/** True when the value at this path, or any string inside it, holds a template (its type is known only at run time). */
export function containsTemplate(value: unknown): boolean {
  let found = false;
  visitStrings(value, [], (text) => {
    if (hasTemplate(text)) found = true;
  });
  return found;
}

export interface TemplateScope {
  /** Outputs of the steps that ended: succeeded, and failed ones (what they set before failing). */
  steps: Record<string, Record<string, unknown>>;
  /** Steps that ended without succeeding (failed, skipped, cancelled): an output they did not set reads as empty. */
  ended?: ReadonlySet<string>;
  params: Record<string, unknown>;
  env: Record<string, string | undefined>;
}

/**
 * Replaces every expression in a value. A string that is one expression alone keeps the referenced value's
 * type (a number stays a number); expressions inside longer strings are interpolated as text.
 */
export function resolveTemplates<T>(value: T, scope: TemplateScope): T {
  return mapStrings(value, (text) => {
    if (!hasTemplate(text)) return text;
    const whole = WHOLE_EXPRESSION.exec(text);
    if (whole && !whole[1]!.includes('}}')) return lookup(parseExpression(whole[1]!), scope);
    return text.replace(EXPRESSION, (_match, expression: string) => stringify(lookup(parseExpression(expression), scope)));
  }) as T;
}

function lookup(ref: TemplateRef, scope: TemplateScope): unknown {
  switch (ref.kind) {
    case 'steps': {
      // Own properties only: a step named `constructor` or `toString` is a plain name, never Object's method.
      const outputs = Object.hasOwn(scope.steps, ref.step) ? scope.steps[ref.step] : undefined;
      // A step allowed to run after a failed or skipped one reads what that step set, and empty for the rest.
      if (outputs !== undefined && Object.hasOwn(outputs, ref.key)) return outputs[ref.key];
      // A dotted key reads into an output that is a map: a subflow's `steps.<child step>.<key>`.
      const nested = pathIn(outputs, ref.key);
      if (nested !== undefined) return nested;
      if (scope.ended?.has(ref.step) === true) return '';
      if (outputs === undefined) throw new Error(`\${{ ${ref.text} }}: step "${ref.step}" has not run yet`);
      throw new Error(`\${{ ${ref.text} }}: step "${ref.step}" has no output "${ref.key}"`);
    }
    case 'params':
      if (!Object.hasOwn(scope.params, ref.key)) throw new Error(`\${{ ${ref.text} }}: no param "${ref.key}" was given`);
      return scope.params[ref.key];
    case 'env': {
      const value = Object.hasOwn(scope.env, ref.key) ? scope.env[ref.key] : undefined;
      if (value === undefined) throw new Error(`\${{ ${ref.text} }}: environment variable ${ref.key} is not set`);
      return value;
    }
    case 'invalid':
      throw new Error(`\${{ ${ref.text} }}: not an expression (use steps.<name>.outputs.<key>, params.<key> or env.<KEY>)`);
  }
}

/**
 * The value at a dotted path inside nested maps (own keys only; a key holding dots itself, as a shell output may, is
 * matched whole first), or undefined when the path leads nowhere.
 */
function pathIn(value: unknown, path: string): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  if (Object.hasOwn(value, path)) return (value as Record<string, unknown>)[path];
  const dot = path.indexOf('.');
  if (dot < 0) return undefined;
  const head = path.slice(0, dot);
  return Object.hasOwn(value, head) ? pathIn((value as Record<string, unknown>)[head], path.slice(dot + 1)) : undefined;
}

function stringify(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * Calls `visit` for every string inside a value. A list or map reached twice (a YAML alias shares it) is walked once,
 * at the first path that reaches it: aliases of aliases would otherwise cost an exponential walk.
 */
function visitStrings(value: unknown, path: string[], visit: (text: string, path: string[]) => void, seen = new WeakSet<object>()): void {
  if (typeof value === 'string') visit(value, path);
  else if (typeof value === 'object' && value !== null) {
    if (seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) value.forEach((item, index) => visitStrings(item, [...path, String(index)], visit, seen));
    else for (const [key, item] of Object.entries(value)) visitStrings(item, [...path, key], visit, seen);
  }
}

/** The value with every string mapped; a list or map reached twice is mapped once and shared in the result, as it was. */
function mapStrings(value: unknown, map: (text: string) => unknown, done = new Map<object, unknown>()): unknown {
  if (typeof value === 'string') return map(value);
  if (typeof value !== 'object' || value === null) return value;
  if (done.has(value)) return done.get(value);
  const mapped = Array.isArray(value)
    ? value.map((item) => mapStrings(item, map, done))
    : Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapStrings(item, map, done)]));
  done.set(value, mapped);
  return mapped;
}

/** The one expression a string is, whole (`${{ params.x }}` and nothing else); null for any other string. */
export function wholeExpression(text: string): TemplateRef | null {
  const whole = WHOLE_EXPRESSION.exec(text);
  return whole !== null && !whole[1]!.includes('}}') ? parseExpression(whole[1]!) : null;
}

/** The text with each expression `rewrite` answers for replaced by `${{ <its answer> }}`; the others kept as written. */
export function replaceExpressions(text: string, rewrite: (ref: TemplateRef) => string | null): string {
  if (!hasTemplate(text)) return text;
  return text.replace(EXPRESSION, (match, expression: string) => {
    const next = rewrite(parseExpression(expression));
    return next === null ? match : `\${{ ${next} }}`;
  });
}
