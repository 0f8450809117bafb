// The IPC wiring main binds, as data: one invoke channel routes every contract command, one channel pushes events.
import { COMMANDS, type Command } from '../../shared/ipc.js';

/** `ipcMain.handle` channel: `(command, request) → Reply`. The preload repeats the name (a test checks they agree). */
export const INVOKE_CHANNEL = 'codomyrmex:invoke';
/** `webContents.send` channel: one `EventBatch` per push, at most ~60 a second. */
export const EVENTS_CHANNEL = 'codomyrmex:events';

/** Every channel main registers with `ipcMain.handle`; nothing else is listened to. */
export const HANDLED_CHANNELS: readonly string[] = [INVOKE_CHANNEL];

/** Each contract command and the channel that reaches it: all go through the one validated invoke channel. */
export const COMMAND_ROUTES: Readonly<Record<Command, string>> = Object.fromEntries(COMMANDS.map((command) => [command, INVOKE_CHANNEL])) as Record<Command, string>;
