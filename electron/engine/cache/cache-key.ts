// A cached step's key: the hash of its manifest (action and version, resolved parameters, working directory relative
// to the project, input files' hashes, named env values, each dependency's output hash), and why two manifests differ.
import { MAX_LISTED_CHANGES, type CacheChange, type CacheMiss } from '../../../shared/model.js';
import type { Hasher } from './hashing.js';

/** What a key is the hash of, kept per step to say what changed next time. Values are hashes: no secret is stored. */
export interface KeyManifest {
  /** `module.action`. */
  action: string;
  /** The action's version (our package's for the built-in ones). */
  version: string;
  /** The hash of the resolved parameters. */
  params: string;
  /** The step's folder relative to the project root (`.` for the root): two checkouts elsewhere share hits. */
  cwd: string;
  /** Input file (relative to the step's folder) → content hash. */
  inputs: Record<string, string>;
  /** Env name → hash of its value, null when unset. */
  env: Record<string, string | null>;
  /** Dependency → its output hash. */
  upstream: Record<string, string>;
}

/** A step's last key on this machine (kept per workflow and step): stored, restored, or run but not stored. */
export interface LastKey {
  key: string;
  manifest: KeyManifest;
  /** Output file (relative to the step's folder) → hash, as the result under `key` left it on disk. */
  outputs: Readonly<Record<string, string>>;
  /** Why the result under `key` was not stored (a declared output missing, a full disk); null when it was. */
  failure: string | null;
}

/**
 * The hash of `{ v: 1, ...manifest }`'s canonical JSON, its text written out directly (keys in sorted order): the
 * generic canonical JSON cost more than the rest of a hit's key.
 */
export function keyOf(manifest: KeyManifest, hasher: Hasher): string {
  const { action, cwd, env, inputs, params, upstream, version } = manifest;
  const text = `{"action":${JSON.stringify(action)},"cwd":${JSON.stringify(cwd)},"env":${record(env)},"inputs":${record(inputs)},`
    + `"params":${JSON.stringify(params)},"upstream":${record(upstream)},"v":1,"version":${JSON.stringify(version)}}`;
  return hasher.of(text);
}

/** Values are hashes (hex) or null: quoted as JSON quotes them, without asking JSON (hundreds of keys a run). */
function record(values: Record<string, string | null>): string {
  const names = Object.keys(values);
  // Two names (a step's usual dependencies) put in order by hand: sort allocates its work space each call.
  if (names.length === 2) {
    if (names[1]! < names[0]!) names.reverse();
  } else if (names.length > 2) {
    names.sort();
  }
  let text = '{';
  for (let i = 0; i < names.length; i++) {
    const value = values[names[i]!]!;
    text += `${i === 0 ? '' : ','}${JSON.stringify(names[i])}:${value === null ? 'null' : `"${value}"`}`;
  }
  return `${text}}`;
}

/** Why `now` is not the key stored last for this step: each difference, and one line for people. */
export function explainMiss(last: Pick<LastKey, 'key' | 'manifest'> & Partial<Pick<LastKey, 'failure'>> | null, now: KeyManifest, key: string): CacheMiss {
  if (last === null) return { summary: 'first run', changes: [] };
  const changes = diffManifests(last.manifest, now);
  if (changes.length > MAX_LISTED_CHANGES) return { summary: summarise(changes), changes: changes.slice(0, MAX_LISTED_CHANGES), more: changes.length - MAX_LISTED_CHANGES };
  if (changes.length > 0) return { summary: summarise(changes), changes };
  if (last.key !== key) return { summary: 'key changed', changes };
  if (last.failure != null) return { summary: `no stored result: the last run's result was not stored (${last.failure})`, changes };
  return { summary: 'no stored result for this key (cleared or evicted)', changes };
}

export function diffManifests(before: KeyManifest, now: KeyManifest): CacheChange[] {
  const changes: CacheChange[] = [];
  if (before.action !== now.action || before.version !== now.version) {
    changes.push({ kind: 'action', name: now.action, detail: `${before.action} ${before.version} → ${now.action} ${now.version}` });
  }
  if (before.params !== now.params) changes.push({ kind: 'params', name: 'parameters', detail: 'changed' });
  if (before.cwd !== now.cwd) changes.push({ kind: 'cwd', name: now.cwd, detail: `was ${before.cwd}` });
  diffRecords(before.inputs, now.inputs, 'input', changes);
  diffRecords(before.env, now.env, 'env', changes);
  diffRecords(before.upstream, now.upstream, 'upstream', changes);
  return changes;
}

function diffRecords(before: Record<string, string | null>, now: Record<string, string | null>, kind: 'input' | 'env' | 'upstream', changes: CacheChange[]): void {
  const unset = kind === 'env' ? 'unset' : 'removed';
  for (const name of Object.keys(now)) {
    if (!Object.hasOwn(before, name)) changes.push({ kind, name, detail: kind === 'env' && now[name] === null ? 'unset' : 'added' });
    else if (before[name] !== now[name]) changes.push({ kind, name, detail: kind === 'env' && now[name] === null ? 'unset' : kind === 'upstream' ? 'output changed' : 'changed' });
  }
  for (const name of Object.keys(before)) if (!Object.hasOwn(now, name)) changes.push({ kind, name, detail: unset });
}

const WORDS: Record<CacheChange['kind'], [string, string]> = {
  input: ['input', 'inputs'], env: ['env', 'env values'], upstream: ['upstream', 'upstream steps'], params: ['parameters', 'parameters'],
  action: ['action', 'actions'], cwd: ['working directory', 'working directories'], outputs: ['output', 'outputs'],
};

/** "input src/a.c changed", "2 inputs and env CC changed", "parameters changed". */
export function summarise(changes: readonly CacheChange[]): string {
  if (changes.length === 1) {
    const [change] = changes as [CacheChange];
    if (change.kind === 'params') return 'parameters changed';
    if (change.kind === 'cwd') return `working directory changed (${change.detail})`;
    return `${WORDS[change.kind][0]} ${change.name} ${change.detail}`;
  }
  const byKind = new Map<CacheChange['kind'], CacheChange[]>();
  for (const change of changes) byKind.set(change.kind, [...(byKind.get(change.kind) ?? []), change]);
  const parts = [...byKind].map(([kind, list]) => {
    const [one, many] = WORDS[kind];
    if (kind === 'params' || kind === 'cwd') return one;
    return list.length === 1 ? `${one} ${list[0]!.name}` : `${list.length} ${many}`;
  });
  return `${parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`} changed`;
}
