// The IPC wiring main binds, as data: one invoke channel routes every contract command, one channel pushes events.
import { COMMANDS, type Command } from '../../shared/ipc.js';

/** `ipcMain.handle` channel: `(command, request) → Reply`. The preload repeats the name (a test checks they agree). */
export const INVOKE_CHANNEL = 'codomyrmex:invoke';
/** `webContents.send` channel: one `EventBatch` per push, at most ~60 a second. */
export const EVENTS_CHANNEL = 'codomyrmex:events';

/** `webContents.send` channel: `{ requestId }`, main's close prompt asking the page to save (see close-prompt.ts). */
export const SAVE_REQUEST_CHANNEL = 'codomyrmex:save-request';
/** `ipcRenderer.send` channel: `{ requestId, saved }`, the page's answer; checked by sender, shape and request id. */
export const SAVE_RESULT_CHANNEL = 'codomyrmex:save-result';

/** Every channel main registers with `ipcMain.handle`; nothing else is invoked. */
export const HANDLED_CHANNELS: readonly string[] = [INVOKE_CHANNEL];
/** Every channel main listens to with `ipcMain.on`: the close prompt's answer only. */
export const LISTENED_CHANNELS: readonly string[] = [SAVE_RESULT_CHANNEL];

/** Each contract command and the channel that reaches it: all go through the one validated invoke channel. */
export const COMMAND_ROUTES: Readonly<Record<Command, string>> = Object.fromEntries(COMMANDS.map((command) => [command, INVOKE_CHANNEL])) as Record<Command, string>;
