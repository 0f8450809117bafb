import { beforeEach, describe, expect, it, vi } from 'vitest';
import { LISTENED_CHANNELS, SAVE_REQUEST_CHANNEL, SAVE_RESULT_CHANNEL } from '../../../electron/main/channels.js';
import { closePromptOptions, parseSaveResult, workflowNameOf } from '../../../electron/main/close-prompt.js';
import { app, dialog, fakeEvent, resetFakeElectron, sendToMain, state, type FakeBrowserWindow } from './fake-electron.js';
import { APP_URL, launch } from './launch.js';

vi.mock('electron', () => import('./fake-electron.js'));
vi.mock('electron-store', () => import('./fake-electron-store.js'));

beforeEach(() => resetFakeElectron());

const SAVE = 0;
const DISCARD = 1;
const CANCEL = 2;

/** The app's window with unsaved edits in the page (its beforeunload asks to stay), titled as the renderer titles it. */
async function dirtyWindow(): Promise<FakeBrowserWindow> {
  await launch();
  const window = state.windows[0]!;
  window.webContents.blocksUnload = true;
  window.title = '● diamond — Codomyrmex Orchestrator';
  return window;
}

/** The save request main sent to the page, answered as the page's preload would. */
async function answerSave(window: FakeBrowserWindow, saved: boolean, from: { sender?: unknown; url?: string } = {}): Promise<string> {
  await vi.waitFor(() => expect(window.webContents.send).toHaveBeenCalledWith(SAVE_REQUEST_CHANNEL, { requestId: expect.any(String) }));
  const { requestId } = window.webContents.send.mock.calls.find(([channel]) => channel === SAVE_REQUEST_CHANNEL)![1] as { requestId: string };
  sendToMain(SAVE_RESULT_CHANNEL, from.sender ?? window.webContents, from.url ?? APP_URL, { requestId, saved });
  return requestId;
}

describe('closing the window with unsaved edits', () => {
  it('asks Save / Discard / Cancel in a native dialog naming the workflow', async () => {
    const window = await dirtyWindow();
    window.close();
    expect(dialog.showMessageBoxSync).toHaveBeenCalledOnce();
    const [parent, options] = dialog.showMessageBoxSync.mock.calls[0]!;
    expect(parent).toBe(window);
    expect(options).toMatchObject({ buttons: ['Save', 'Discard', 'Cancel'], defaultId: SAVE, cancelId: CANCEL, message: 'Save the changes to "diamond"?' });
    // Cancel (the fake's default answer) keeps the window and the edits.
    expect(window.isDestroyed()).toBe(false);
  });

  it('closes without the edits on Discard', async () => {
    const window = await dirtyWindow();
    dialog.showMessageBoxSync.mockReturnValue(DISCARD);
    window.close();
    expect(window.isDestroyed()).toBe(true);
    expect(window.webContents.send).not.toHaveBeenCalledWith(SAVE_REQUEST_CHANNEL, expect.anything());
  });

  it('on Save asks the page to save, and closes once it has', async () => {
    const window = await dirtyWindow();
    dialog.showMessageBoxSync.mockReturnValue(SAVE);
    window.close();
    expect(window.isDestroyed()).toBe(false);
    // The page saved: its beforeunload no longer objects, and the close goes on.
    window.webContents.blocksUnload = false;
    await answerSave(window, true);
    await vi.waitFor(() => expect(window.isDestroyed()).toBe(true));
    expect(dialog.showMessageBoxSync).toHaveBeenCalledOnce();
  });

  it('stays open when the save failed, and ignores answers from another page, another sender or in another shape', async () => {
    const window = await dirtyWindow();
    dialog.showMessageBoxSync.mockReturnValue(SAVE);
    window.close();
    const requestId = await answerSave(window, true, { url: 'https://evil.example/' });
    sendToMain(SAVE_RESULT_CHANNEL, { other: 'contents' }, APP_URL, { requestId, saved: true });
    sendToMain(SAVE_RESULT_CHANNEL, window.webContents, APP_URL, { requestId, saved: 'yes' });
    sendToMain(SAVE_RESULT_CHANNEL, window.webContents, APP_URL, { requestId: 'guessed', saved: true });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(window.close).toHaveBeenCalledOnce();
    sendToMain(SAVE_RESULT_CHANNEL, window.webContents, APP_URL, { requestId, saved: false });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(window.close).toHaveBeenCalledOnce();
    expect(window.isDestroyed()).toBe(false);
  });

  it('on Save during a reload, reloads once saved; during a quit, quits once saved', async () => {
    const window = await dirtyWindow();
    dialog.showMessageBoxSync.mockReturnValue(SAVE);
    window.webContents.emit('will-prevent-unload', fakeEvent());
    await answerSave(window, true);
    await vi.waitFor(() => expect(window.webContents.reload).toHaveBeenCalledOnce());
    expect(window.close).not.toHaveBeenCalled();

    window.webContents.send.mockClear();
    app.emit('before-quit', fakeEvent());
    window.close();
    await answerSave(window, true);
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledOnce());
  });

  it('closes at once, without asking, when nothing is unsaved', async () => {
    await launch();
    const window = state.windows[0]!;
    window.close();
    expect(dialog.showMessageBoxSync).not.toHaveBeenCalled();
    expect(window.isDestroyed()).toBe(true);
  });

  it('listens on the save-result channel only, and stops when the window is gone', async () => {
    const window = await dirtyWindow();
    expect([...state.listeners.entries()].filter(([, set]) => set.size > 0).map(([channel]) => channel)).toEqual([...LISTENED_CHANNELS]);
    window.webContents.blocksUnload = false;
    window.close();
    expect(state.listeners.get(SAVE_RESULT_CHANNEL)!.size).toBe(0);
  });
});

describe('the close prompt’s pieces', () => {
  it('reads the workflow name from the title the renderer sets, and phrases the question without one', () => {
    expect(workflowNameOf('● ci — Codomyrmex Orchestrator')).toBe('ci');
    expect(workflowNameOf('ci — Codomyrmex Orchestrator')).toBeNull();
    expect(workflowNameOf('Codomyrmex Orchestrator')).toBeNull();
    expect(closePromptOptions('Codomyrmex Orchestrator').message).toBe('Save the changes to the open workflow?');
  });

  it('accepts exactly { requestId, saved }', () => {
    expect(parseSaveResult({ requestId: 'a', saved: true })).toEqual({ requestId: 'a', saved: true });
    for (const bad of [null, 'a', [], { requestId: 'a' }, { requestId: 1, saved: true }, { requestId: 'a', saved: 1 }, { requestId: 'a', saved: true, extra: 1 }, { requestId: 'x'.repeat(65), saved: true }]) {
      expect(parseSaveResult(bad), JSON.stringify(bad)).toBeNull();
    }
  });
});
