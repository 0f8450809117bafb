// Process trees for the fault suite and `npm run bench -- faults`: a workflow whose steps each hold one that left
// their group, and a census from the outside, as `ps` would take it: the processes that carry a mark in their
// environment (every process a command under test started, however it detached), and those in a process group.
// Linux only (it reads /proc); a zombie waiting to be reaped counts as gone.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A workflow of `count` steps, each a tree: a `setsid`'d daemon that ignores SIGTERM, a `timeout`-wrapped loop
 * (timeout moves to its own group), a plain background sleep; each step touches `up-N` in `dir` once all started.
 */
export function treesWorkflow(dir, count) {
  const step = (i) => `  - name: tree-${i}
    module: shell
    action: run
    parameters:
      command: |
        setsid sh -c 'trap "" TERM; sleep 60' &
        timeout 60 sh -c 'while :; do sleep 1; done' &
        sleep 60 &
        touch ${join(dir, `up-${i}`)}
        wait
`;
  return `version: 1\nname: trees\nconcurrency: ${count}\nsteps:\n${Array.from({ length: count }, (_, i) => step(i + 1)).join('')}`;
}

/** The variable a test sets on the command it starts; every process below inherits it. */
export const MARK = 'CODOMYRMEX_TEST_MARK';

function* live() {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'latin1');
    } catch {
      continue;
    }
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] === 'Z' || fields[0] === 'X') continue;
    yield { pid: Number(name), pgid: Number(fields[2]), command: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) };
  }
}

/** The live processes whose environment holds MARK=mark. */
export function marked(mark) {
  return [...live()].filter(({ pid }) => {
    try {
      return `\0${readFileSync(`/proc/${pid}/environ`, 'latin1')}`.includes(`\0${MARK}=${mark}\0`);
    } catch {
      return false;
    }
  });
}

/** The live processes of a process group. */
export function inGroup(pgid) {
  return [...live()].filter((entry) => entry.pgid === pgid);
}

/** SIGKILL to each (a test's cleanup, so a failed assertion leaves nothing running). */
export function killAll(entries) {
  for (const { pid } of entries) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
}
