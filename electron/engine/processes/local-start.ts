// Starting a step's command in this process, where no process host is up yet (or none is built): the same start as a
// host's (spawn-command.ts), its leftovers swept from here, and those still awaiting their sweep ended as it closes.
import { killTreesNow, LeftoverSweeper } from './process-tree.js';
import { spawnCommand, type CommandSpec, type StartedCommand } from './spawn-command.js';

const sweeper = new LeftoverSweeper();

/** Starts the command with stdout and stderr on `fd` (the caller closes it). Never throws. */
export function startHere(command: CommandSpec, fd: number): StartedCommand {
  return spawnCommand(command, fd, sweeper);
}

/** Ends at once what commands started here left behind and is not swept yet: a command closing calls it last. */
export function sweepHereNow(): void {
  const roots = sweeper.take();
  if (roots.length > 0) killTreesNow(roots);
}
