// Unsaved edits when the window closes, reloads or the app quits: the page's beforeunload asks to stay, and Electron,
// unlike a browser, would then cancel silently. Main asks instead — Save, Discard or Cancel — and "Save" saves
// through the page (the editor's own save action) before going on with what the user did.
import { randomUUID } from 'node:crypto';
import type { App, BrowserWindow, Dialog, Event, IpcMain, IpcMainEvent, MessageBoxSyncOptions } from 'electron';
import { SAVE_REQUEST_CHANNEL, SAVE_RESULT_CHANNEL } from './channels.js';
import type { SenderCheck } from './ipc-binding.js';

export const CLOSE_PROMPT_BUTTONS = ['Save', 'Discard', 'Cancel'] as const;
const SAVE = 0;
const DISCARD = 1;
/** A page that does not answer in this time has not saved: the window stays open. */
export const SAVE_TIMEOUT_MS = 30_000;

const TITLE_SUFFIX = ' — Codomyrmex Orchestrator';

/** The open workflow's name from the window title, "● name — Codomyrmex Orchestrator" (renderer/app/document-title.ts). */
export function workflowNameOf(title: string): string | null {
  if (!title.startsWith('● ') || !title.endsWith(TITLE_SUFFIX)) return null;
  const name = title.slice(2, -TITLE_SUFFIX.length).trim();
  return name === '' ? null : name;
}

export function closePromptOptions(title: string): MessageBoxSyncOptions {
  const name = workflowNameOf(title);
  return {
    type: 'warning',
    title: 'Unsaved changes',
    message: name === null ? 'Save the changes to the open workflow?' : `Save the changes to "${name}"?`,
    detail: 'Your changes are lost if you do not save them.',
    buttons: [...CLOSE_PROMPT_BUTTONS],
    defaultId: SAVE,
    cancelId: 2,
    noLink: true,
  };
}

/** The page's answer, `{ requestId, saved }` and nothing else; anything else is no answer. */
export function parseSaveResult(payload: unknown): { requestId: string; saved: boolean } | null {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return null;
  const { requestId, saved, ...rest } = payload as Record<string, unknown>;
  if (Object.keys(rest).length > 0 || typeof requestId !== 'string' || requestId.length > 64 || typeof saved !== 'boolean') return null;
  return { requestId, saved };
}

export interface ClosePromptOptions {
  dialog: Pick<Dialog, 'showMessageBoxSync'>;
  ipcMain: Pick<IpcMain, 'on' | 'removeListener'>;
  app: Pick<App, 'on' | 'removeListener' | 'quit'>;
  isAppUrl: SenderCheck;
  timeoutMs?: number;
}

type Intent = 'quit' | 'close' | 'reload';

/** Guards the window's unsaved edits; returns the function that removes the guard (done on 'closed' too). */
export function guardUnsavedEdits(window: BrowserWindow, options: ClosePromptOptions): () => void {
  const { dialog, ipcMain, app, isAppUrl, timeoutMs = SAVE_TIMEOUT_MS } = options;
  const contents = window.webContents;
  const pending = new Map<string, (saved: boolean) => void>();
  // 'close' and 'before-quit' come before the page's beforeunload: they tell what the user asked for.
  let closing = false;
  let quitting = false;
  const onClose = (): void => void (closing = true);
  const onBeforeQuit = (): void => void (quitting = true);
  window.on('close', onClose);
  app.on('before-quit', onBeforeQuit);

  const onResult = (event: IpcMainEvent, payload: unknown): void => {
    if (event.sender !== contents || !isAppUrl(event.senderFrame?.url ?? '')) return;
    const result = parseSaveResult(payload);
    if (result !== null) pending.get(result.requestId)?.(result.saved);
  };
  ipcMain.on(SAVE_RESULT_CHANNEL, onResult);

  const requestSave = (): Promise<boolean> => {
    const requestId = randomUUID();
    return new Promise<boolean>((resolve) => {
      const done = (saved: boolean): void => {
        clearTimeout(timer);
        pending.delete(requestId);
        resolve(saved);
      };
      const timer = setTimeout(() => done(false), timeoutMs);
      pending.set(requestId, done);
      contents.send(SAVE_REQUEST_CHANNEL, { requestId });
    });
  };

  const goOn = (intent: Intent): void => {
    if (window.isDestroyed()) return;
    if (intent === 'quit') app.quit();
    else if (intent === 'close') window.close();
    else contents.reload();
  };

  const onPreventUnload = (event: Event): void => {
    const intent: Intent = quitting ? 'quit' : closing ? 'close' : 'reload';
    // Whatever is chosen, this attempt is over: a Cancel or a Save leaves the window open for now.
    closing = quitting = false;
    const choice = dialog.showMessageBoxSync(window, closePromptOptions(window.getTitle()));
    // preventDefault on will-prevent-unload overrides the page: it unloads without its edits.
    if (choice === DISCARD) event.preventDefault();
    else if (choice === SAVE) void requestSave().then((saved) => saved && goOn(intent));
  };
  contents.on('will-prevent-unload', onPreventUnload);

  const remove = (): void => {
    ipcMain.removeListener(SAVE_RESULT_CHANNEL, onResult);
    app.removeListener('before-quit', onBeforeQuit);
    for (const done of [...pending.values()]) done(false);
  };
  window.once('closed', remove);
  return remove;
}
