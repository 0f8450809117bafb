// A step's whole process tree, found and ended. Its members: the step's process and every descendant by parent links,
// whatever process group it moved to (`timeout` and many build tools do); what stays in the step's session or group
// after its parent exited; and on Linux every process carrying the step's tag in its environment — a `setsid`'d
// daemon whose parent has gone — as Jenkins' ProcessTreeKiller finds a build's processes by its cookie.
// It imports nothing but Node (and the engine's two-line sleepSync): the process host bundles it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { sleepSync } from '../sleep-sync.js';
import { childProcess } from './child-process.js';

/** The variable every step's process gets, with a value of its own, so that its descendants can be found by it. */
export const PROCESS_TAG = 'CODOMYRMEX_PROCESS_TAG';

const IS_LINUX = process.platform === 'linux';
// USER_HZ is 100 on every Linux architecture Node runs on; /proc gives times and start times in it.
export const TICKS_PER_SECOND = 100;

export interface ProcessEntry {
  pid: number;
  ppid: number;
  pgid: number;
  /** The session (Linux only, else -1): a descendant that changed its group still shares it. */
  sid: number;
  /** When it started, in ticks since boot (Linux only, else 0): tells a new process from one that reused a pid. */
  start: number;
  /** User + system CPU time in ticks, and resident pages (Linux only, else 0). */
  ticks: number;
  rssPages: number;
  /** CPU ticks of its children that exited and were reaped by it (Linux only, else 0): a tree's past members' time. */
  childTicks?: number;
}

/** Where a tree starts: a step's pid, its tag, and (for the tag search) no process older than `since` (ticks). */
export interface TreeRoot {
  pid: number;
  tag?: string;
  since?: number;
  /** The step's own process has exited (and was reaped): a process with its pid now is another one. */
  exited?: boolean;
}

let counter = 0;

/** A tag no other step's process has: the engine's pid, the time and a counter. */
export function newProcessTag(): string {
  return `${process.pid}-${Date.now().toString(36)}-${++counter}`;
}

let bootOffset: number | undefined;

/**
 * A monotonic clock in milliseconds. Not the `performance` global: its first use loads Node's perf_hooks (~1.4 ms of a
 * CLI's or a host's start-up, before the first command).
 */
function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/**
 * Ticks since boot a second ago, as /proc counts process start times (Linux), for `TreeRoot.since`: /proc/uptime is
 * read once, then the monotonic clock counts on (it stops during suspend while boot time goes on, which only widens
 * the search). The second covers the rounding of both clocks.
 */
export function processesSince(): number {
  if (!IS_LINUX) return 0;
  if (bootOffset === undefined) {
    try {
      bootOffset = Number(readFileSync('/proc/uptime', 'latin1').split(' ')[0]) * 1000 - monotonicMs();
    } catch {
      bootOffset = 0;
    }
  }
  return Math.max(0, Math.floor(((bootOffset + monotonicMs()) / 1000 - 1) * TICKS_PER_SECOND));
}

/** A snapshot of the machine's live processes (zombies left out: they are gone, only not reaped yet). */
export class ProcessTable {
  private readonly byPid = new Map<number, ProcessEntry>();
  private readonly children = new Map<number, number[]>();
  /** Environments read so far, NUL-led: one read per process however many trees are searched. */
  private readonly environments = new Map<number, string>();

  /**
   * @param newSessionsFrom where the table holds only pids from this one up (a young tree's range, see memberPids):
   *   a member's session is one made after its root started, so its id is in the range too.
   */
  constructor(
    entries: Iterable<ProcessEntry>,
    private readonly newSessionsFrom = 0,
  ) {
    for (const entry of entries) {
      this.byPid.set(entry.pid, entry);
      const siblings = this.children.get(entry.ppid);
      if (siblings === undefined) this.children.set(entry.ppid, [entry.pid]);
      else siblings.push(entry.pid);
    }
  }

  /** The live processes; on Linux, with `pids`, only those in that range (see memberPids). */
  static read(pids: PidRange | null = null): ProcessTable {
    return IS_LINUX ? new ProcessTable(readProc(pids), pids?.from ?? 0) : new ProcessTable(readPs());
  }

  get(pid: number): ProcessEntry | undefined {
    return this.byPid.get(pid);
  }

  /** The pids of the root's tree (the root included while it lives). */
  tree(root: TreeRoot): Set<number> {
    const members = new Set<number>();
    const add = (pid: number): void => {
      if (members.has(pid) || !this.byPid.has(pid)) return;
      members.add(pid);
      for (const child of this.children.get(pid) ?? []) add(child);
    };
    if (root.exited !== true) add(root.pid);
    for (const entry of this.byPid.values()) {
      if (entry.pgid === root.pid || entry.sid === root.pid) add(entry.pid);
    }
    if (root.tag !== undefined && IS_LINUX) {
      const since = root.since ?? 0;
      const needle = `\0${PROCESS_TAG}=${root.tag}\0`;
      for (const entry of this.byPid.values()) {
        // A process that carries the tag is in the root's session or in one its tree made since (setsid): in an older
        // session (another program's new process, on a busy machine) it cannot be, and its environment is not read.
        if (members.has(entry.pid) || entry.start < since || entry.sid < this.newSessionsFrom) continue;
        // A process inherits the tag from its parent: one whose parent is as new as the step is found through that
        // parent (an orphan's new parent, init or a subreaper, is older), so only the tops of new trees are read.
        const parent = this.byPid.get(entry.ppid);
        if (parent !== undefined && parent.start >= since) continue;
        if (this.environment(entry.pid).includes(needle)) add(entry.pid);
      }
    }
    return members;
  }

  private environment(pid: number): string {
    let text = this.environments.get(pid);
    if (text === undefined) {
      try {
        // Variables are NUL-separated; the leading NUL makes the first one match like the rest.
        text = `\0${readFileSync(`/proc/${pid}/environ`, 'latin1')}`;
      } catch {
        text = ''; // another user's process, or gone
      }
      this.environments.set(pid, text);
    }
    return text;
  }
}

/** Past this many pids, listing /proc is cheaper than trying each pid of the range. */
const PROBE_LIMIT = 2048;

/** The pids of a range, tried one by one: listing /proc walks every process of a busy machine (ms each time here). */
function* pidNames(pids: PidRange): Generator<string> {
  for (let pid = pids.from; pid <= pids.to; pid++) yield String(pid);
}

/** One pass over /proc/<pid>/stat: after the command name come state, ppid, group, session, …, times, start, rss. */
function* readProc(pids: PidRange | null): Generator<ProcessEntry> {
  let names: Iterable<string>;
  const probing = pids !== null && pids.to - pids.from < PROBE_LIMIT;
  try {
    names = probing ? pidNames(pids) : readdirSync('/proc');
  } catch {
    return;
  }
  const lowest = pids?.from ?? 0;
  for (const name of names) {
    const code = name.charCodeAt(0);
    if (code < 48 || code > 57 || Number(name) < lowest) continue;
    // Most pids of a probed range are gone (a run's short commands used them): a read of a missing file throws, ~20 µs
    // for the error and its stack, where a check that it is there costs ~4 (2,048 pids: ~40 ms → ~9).
    if (probing && !existsSync(`/proc/${name}`)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'latin1');
    } catch {
      continue; // it exited between the listing and the read, or (tried by pid) there is none
    }
    // The command name may hold spaces and parentheses: the fields start after its last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] === 'Z' || fields[0] === 'X') continue;
    // A pid tried directly may be a thread's id (a listing shows only processes): a thread's exit signal is -1.
    if (probing && fields[35] === '-1') continue;
    yield {
      pid: Number(name),
      ppid: Number(fields[1]),
      pgid: Number(fields[2]),
      sid: Number(fields[3]),
      ticks: Number(fields[11]) + Number(fields[12]),
      childTicks: Number(fields[13]) + Number(fields[14]),
      start: Number(fields[19]),
      rssPages: Number(fields[21]),
    };
  }
}

/** Elsewhere (macOS, the BSDs): parent links and groups from one `ps`. */
function readPs(): ProcessEntry[] {
  let text: string;
  try {
    text = childProcess().execFileSync('ps', ['-A', '-o', 'pid=,ppid=,pgid=,stat='], { encoding: 'latin1', windowsHide: true });
  } catch {
    return [];
  }
  return text.split('\n').flatMap((line) => {
    const [pid, ppid, pgid, state] = line.trim().split(/\s+/);
    if (pid === undefined || pid === '' || state?.startsWith('Z')) return [];
    return [{ pid: Number(pid), ppid: Number(ppid), pgid: Number(pgid), sid: -1, start: 0, ticks: 0, rssPages: 0 }];
  });
}

/** Processes seen in a tree, by pid with their start time: one that reused a pid is not taken for them. */
type Seen = Map<number, number>;

/**
 * More new processes a second than a core starts (a fork and exit of the tinyest process takes it 40–100 µs): with
 * the cores, it bounds how soon pids can wrap round (see memberPids).
 */
const MAX_FORKS_PER_SECOND_PER_CORE = 50_000;
let pidMax: number | undefined;

function readPidFile(path: string): number {
  try {
    return Number(readFileSync(path, 'latin1'));
  } catch {
    return Number.NaN;
  }
}

/** Pids from `from` to `to`, both included. */
export interface PidRange {
  from: number;
  to: number;
}

/**
 * The pids the members of these trees can have, or null when that is not sure. Every member started after its root,
 * and Linux hands out pids in increasing order until they wrap round at pid_max: while the last pid handed out is
 * above the lowest root's and too few processes can have started since the oldest root did to wrap round, no member
 * has a pid outside the range from the lowest root to that last one, and a pass reads only those processes' stat files
 * (on a busy machine, listing /proc and reading every process takes 3–20 ms). A process started after this is read
 * takes the next pass, as one a listing missed would.
 */
export function memberPids(roots: readonly TreeRoot[]): PidRange | null {
  if (!IS_LINUX || roots.length === 0) return null;
  const lowest = Math.min(...roots.map((root) => root.pid));
  // A root with no pid yet (see signalTrees) bounds nothing.
  if (lowest <= 1) return null;
  const oldest = Math.min(...roots.map((root) => root.since ?? 0));
  const last = readPidFile('/proc/sys/kernel/ns_last_pid');
  pidMax ??= readPidFile('/proc/sys/kernel/pid_max');
  if (oldest <= 0 || !(last >= lowest) || !(pidMax > 0)) return null;
  const seconds = (processesSince() - oldest) / TICKS_PER_SECOND;
  return seconds * MAX_FORKS_PER_SECOND_PER_CORE * availableParallelism() < pidMax - (last - lowest) ? { from: lowest, to: last } : null;
}

/** Sends `signal` to every member of the roots' trees (and to the roots' groups); returns how many are alive. */
export function signalTrees(roots: readonly TreeRoot[], signal: NodeJS.Signals, seen: Seen = new Map()): number {
  // A root whose command never started has pid -1 and no tree; as a group, -(-1) would be init. No step is 0 or 1.
  // One told before its start (pid -1, a tag) is found by its tag alone: its command may have started meanwhile.
  const started = roots.filter((root) => root.pid > 1 || (root.pid === -1 && root.tag !== undefined));
  const table = ProcessTable.read(memberPids(started));
  for (const root of started) {
    for (const pid of table.tree(root)) seen.set(pid, table.get(pid)!.start);
  }
  let alive = 0;
  for (const [pid, start] of seen) {
    // A member whose parent died before it was found again keeps its place by pid and start time.
    if (table.get(pid)?.start !== start) {
      seen.delete(pid);
      continue;
    }
    alive++;
    kill(pid, signal);
  }
  for (const root of started) if (root.pid > 1) kill(-root.pid, signal);
  return alive;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Ends trees: SIGTERM, then SIGKILL to whatever is left after `graceMs`. Each pass looks again, so a process forked
 * meanwhile, or orphaned by its parent's death, is not missed. Resolves once nothing of them is left.
 */
export async function endTrees(roots: readonly TreeRoot[], graceMs: number): Promise<void> {
  const seen: Seen = new Map();
  if (signalTrees(roots, 'SIGTERM', seen) === 0) return;
  const deadline = Date.now() + graceMs;
  for (let wait = 25; Date.now() < deadline; wait = Math.min(wait * 2, 200)) {
    await sleep(Math.min(wait, Math.max(0, deadline - Date.now())));
    if (signalTrees(roots, 'SIGTERM', seen) === 0) return;
  }
  await killTrees(roots, seen);
}

/** Trees waiting a moment to be ended together, by grace period. */
const batches = new Map<number, { roots: TreeRoot[]; done: Promise<void> }>();

/**
 * `endTrees` for one tree, sharing its passes over /proc with the other trees asked for within a few milliseconds:
 * cancelling a run of twenty steps costs one pass at a time, not twenty.
 */
export function endTree(root: TreeRoot, graceMs: number): Promise<void> {
  let batch = batches.get(graceMs);
  if (batch === undefined) {
    const roots: TreeRoot[] = [];
    const done = sleep(5).then(() => {
      batches.delete(graceMs);
      return endTrees(roots, graceMs);
    });
    batch = { roots, done };
    batches.set(graceMs, batch);
  }
  batch.roots.push(root);
  return batch.done;
}

/** SIGKILL to the trees, again until a pass finds nothing alive (a fork in flight is caught by the next pass). */
export async function killTrees(roots: readonly TreeRoot[], seen: Seen = new Map()): Promise<void> {
  for (let pass = 0; pass < 20; pass++) {
    if (signalTrees(roots, 'SIGKILL', seen) === 0) return;
    await sleep(10);
  }
}

/** The same at once, for a process about to exit: a few passes with no event loop to wait on. */
export function killTreesNow(roots: readonly TreeRoot[]): void {
  const seen: Seen = new Map();
  for (let pass = 0; pass < 5; pass++) {
    if (signalTrees(roots, 'SIGKILL', seen) === 0) return;
    sleepSync(10);
  }
}

function kill(target: number, signal: NodeJS.Signals): void {
  try {
    process.kill(target, signal);
  } catch {
    // Already gone.
  }
}

/**
 * Ends what steps left behind once their own process has exited: a moment later, and at most one pass over /proc
 * every `spacingMs` for all the steps that ended meanwhile, so a burst of short steps costs a few passes, not one each.
 */
export class LeftoverSweeper {
  private pending: TreeRoot[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** When the last pass ran: none yet, so the first comes `delayMs` after an exit, however young the process is. */
  private last = -Infinity;

  constructor(private readonly delayMs = 25, private readonly spacingMs = 500) {}

  add(root: TreeRoot): void {
    // Elsewhere a pass spawns `ps`; there the step's group, killed at its exit, is what is ended.
    if (!IS_LINUX) return;
    this.pending.push({ ...root, exited: true });
    if (this.timer !== null) return;
    const wait = Math.max(this.delayMs, this.last + this.spacingMs - monotonicMs());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.last = monotonicMs();
      void killTrees(this.pending.splice(0));
    }, wait);
  }

  /** The steps waiting for their pass, taken away (a process about to exit ends them itself). */
  take(): TreeRoot[] {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    return this.pending.splice(0);
  }
}
