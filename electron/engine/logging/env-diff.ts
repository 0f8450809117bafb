// What a step's environment changes against the engine's own: names added, changed, removed; secrets' values masked.

export interface EnvDiff {
  added: Record<string, string>;
  changed: Record<string, string>;
  removed: string[];
}

/** Names that usually hold credentials: their values never reach the log. */
const SECRET = /TOKEN|KEY|SECRET|PASSWORD|PASSWD|CREDENTIAL|AUTH/i;
export const MASK = '***';

export function envDiff(base: NodeJS.ProcessEnv, env: Record<string, string>): EnvDiff {
  const diff: EnvDiff = { added: {}, changed: {}, removed: [] };
  for (const [name, value] of Object.entries(env)) {
    const before = base[name];
    if (before === value) continue;
    (before === undefined ? diff.added : diff.changed)[name] = SECRET.test(name) ? MASK : value;
  }
  for (const name of Object.keys(base)) if (base[name] !== undefined && !Object.hasOwn(env, name)) diff.removed.push(name);
  return diff;
}
