// Answers kept and handed to every caller (a parsed workflow, the dashboard's figures) are frozen through, so that no
// caller can change what the next one gets.

/**
 * Freezes `value` and everything it holds: objects, arrays, and a Map's values. (A frozen Map still takes `set` and
 * `delete`: its callers are typed to read it only.)
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    if (value instanceof Map) for (const entry of value.values()) deepFreeze(entry);
    else for (const entry of Object.values(value)) deepFreeze(entry);
  }
  return value;
}
