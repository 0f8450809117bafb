// Mapping every string inside a value (parameters, references), keeping each list or map whose contents did not change.

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The value with every string mapped; the same object where nothing inside changed. */
export function mapStrings<T>(value: T, map: (text: string) => unknown): T {
  if (typeof value === 'string') return map(value) as T;
  if (Array.isArray(value)) {
    const items = value.map((item) => mapStrings(item, map));
    return (items.some((item, i) => item !== value[i]) ? items : value) as T;
  }
  if (isRecord(value)) {
    let changed = false;
    const entries = Object.entries(value).map(([key, item]) => {
      const next = mapStrings(item, map);
      if (next !== item) changed = true;
      return [key, next] as const;
    });
    return (changed ? Object.fromEntries(entries) : value) as T;
  }
  return value;
}
