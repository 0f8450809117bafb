import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventBatch, PreloadBridge } from '../../../shared/ipc.js';
import { EVENTS_CHANNEL as MAIN_EVENTS, INVOKE_CHANNEL as MAIN_INVOKE, SAVE_REQUEST_CHANNEL as MAIN_SAVE_REQUEST, SAVE_RESULT_CHANNEL as MAIN_SAVE_RESULT } from '../../../electron/main/channels.js';
import { EVENTS_CHANNEL, INVOKE_CHANNEL, SAVE_REQUEST_CHANNEL, SAVE_RESULT_CHANNEL } from '../../../electron/preload/bridge.js';
import { ipcRenderer, state } from './fake-electron.js';

vi.mock('electron', () => import('./fake-electron.js'));

let bridge: PreloadBridge;

beforeAll(async () => {
  await import('../../../electron/preload/preload.js');
  expect([...state.exposed.keys()]).toEqual(['codomyrmex']);
  bridge = state.exposed.get('codomyrmex') as PreloadBridge;
});

beforeEach(() => {
  // The bridge's own save-request listener stays, as it would in the page.
  ipcRenderer.removeAllListeners(EVENTS_CHANNEL);
  ipcRenderer.invoke.mockClear();
});

const batch: EventBatch = { events: [{ type: 'step.log', executionId: 'e1', step: 'a', text: 'hi\n' }] };

describe('the preload', () => {
  it('uses the channels main binds', () => {
    expect([INVOKE_CHANNEL, EVENTS_CHANNEL, SAVE_REQUEST_CHANNEL, SAVE_RESULT_CHANNEL]).toEqual([MAIN_INVOKE, MAIN_EVENTS, MAIN_SAVE_REQUEST, MAIN_SAVE_RESULT]);
  });

  it('exposes exactly invoke, onEvents and onSaveRequest, frozen, and nothing of ipcRenderer', async () => {
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'onEvents', 'onSaveRequest']);
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(Object.values(bridge).every((member) => typeof member === 'function')).toBe(true);
    expect(Object.values(bridge)).not.toContain(ipcRenderer);
  });

  it('invokes the one contract channel with the command and the request', async () => {
    await expect(bridge.invoke('app.info', {})).resolves.toEqual({ ok: true, value: null });
    expect(ipcRenderer.invoke).toHaveBeenCalledWith(MAIN_INVOKE, 'app.info', {});
  });

  it('hands listeners the batch only, never the IPC event, and unsubscribes', async () => {
    const listener = vi.fn();
    const unsubscribe = bridge.onEvents(listener);
    const rawEvent = { sender: ipcRenderer, senderId: 0, ports: [] };
    ipcRenderer.emit(MAIN_EVENTS, rawEvent, batch);
    expect(listener.mock.calls).toEqual([[batch]]);
    unsubscribe();
    unsubscribe();
    ipcRenderer.emit(MAIN_EVENTS, rawEvent, batch);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(ipcRenderer.listenerCount(MAIN_EVENTS)).toBe(0);
  });

  it('refuses a listener that is not a function', async () => {
    expect(() => bridge.onEvents('alert(1)' as never)).toThrow(TypeError);
    expect(ipcRenderer.listenerCount(MAIN_EVENTS)).toBe(0);
  });

  it("answers main's save request with what the page's save handler resolved, and false without one", async () => {
    const rawEvent = { sender: ipcRenderer, senderId: 0, ports: [] };
    const answers = async (requestId: string) => {
      ipcRenderer.send.mockClear();
      ipcRenderer.emit(MAIN_SAVE_REQUEST, rawEvent, { requestId });
      await vi.waitFor(() => expect(ipcRenderer.send).toHaveBeenCalledOnce());
      return ipcRenderer.send.mock.calls[0];
    };
    expect(await answers('r0')).toEqual([MAIN_SAVE_RESULT, { requestId: 'r0', saved: false }]);
    const save = vi.fn(() => Promise.resolve(true));
    const off = bridge.onSaveRequest(save);
    expect(await answers('r1')).toEqual([MAIN_SAVE_RESULT, { requestId: 'r1', saved: true }]);
    expect(save).toHaveBeenCalledOnce();
    const offFailing = bridge.onSaveRequest(() => Promise.reject(new Error('conflict')));
    expect(await answers('r2')).toEqual([MAIN_SAVE_RESULT, { requestId: 'r2', saved: false }]);
    offFailing();
    off();
    expect(await answers('r3')).toEqual([MAIN_SAVE_RESULT, { requestId: 'r3', saved: false }]);
    ipcRenderer.send.mockClear();
    ipcRenderer.emit(MAIN_SAVE_REQUEST, rawEvent, 'no id');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(ipcRenderer.send).not.toHaveBeenCalled();
    expect(() => bridge.onSaveRequest('save()' as never)).toThrow(TypeError);
  });
});
