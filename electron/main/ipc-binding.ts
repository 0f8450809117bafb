// Binds the contract to Electron IPC: one handled channel dispatching through EngineApi (validated, never throwing)
// for trusted senders only, and the engine's events pushed to the window in batches.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { EventBatch, Reply } from '../../shared/ipc.js';
import type { EngineApi } from '../engine/api.js';
import { EVENTS_CHANNEL, INVOKE_CHANNEL } from './channels.js';

/** Decides whether a frame's URL is our app's page (see app-location.ts). */
export type SenderCheck = (url: string) => boolean;

/** The reply to a frame that is not ours: typed like every other refusal, and the command never runs. */
export function untrustedSenderReply(url: string): Reply {
  return { ok: false, error: { code: 'invalid-request', message: `refused: the request came from a page that is not the app (${url || 'unknown frame'})` } };
}

/** Handles one invoke; exported for tests, which call it with the event Electron would pass. */
export async function handleInvoke(api: EngineApi, isAppUrl: SenderCheck, event: Pick<IpcMainInvokeEvent, 'senderFrame'>, command: unknown, request: unknown): Promise<Reply> {
  // senderFrame is null once the frame navigated away or was destroyed; such a request is dropped like a foreign one.
  const url = event.senderFrame?.url ?? '';
  if (!isAppUrl(url)) return untrustedSenderReply(url);
  if (typeof command !== 'string') return { ok: false, error: { code: 'unknown-command', message: `the command must be a string, got ${command === null ? 'null' : typeof command}` } };
  return api.dispatch(command, request);
}

/** Registers the invoke channel; returns the function that removes it. */
export function bindContract(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, api: EngineApi, isAppUrl: SenderCheck): () => void {
  ipcMain.handle(INVOKE_CHANNEL, (event, command: unknown, request: unknown) => handleInvoke(api, isAppUrl, event, command, request));
  return () => ipcMain.removeHandler(INVOKE_CHANNEL);
}

/** Pushes event batches (≤ 60 a second) to the window's contents while they live; returns the stop function. */
export function pushEvents(api: EngineApi, contents: () => WebContents | null, intervalMs?: number): () => void {
  const subscription = api.subscribe((batch: EventBatch) => {
    const target = contents();
    if (target !== null && !target.isDestroyed()) target.send(EVENTS_CHANNEL, batch);
  }, intervalMs);
  return () => subscription.close();
}
