import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventBatch, PreloadBridge } from '../../../shared/ipc.js';
import { EVENTS_CHANNEL as MAIN_EVENTS, INVOKE_CHANNEL as MAIN_INVOKE } from '../../../electron/main/channels.js';
import { EVENTS_CHANNEL, INVOKE_CHANNEL } from '../../../electron/preload/bridge.js';
import { ipcRenderer, state } from './fake-electron.js';

vi.mock('electron', () => import('./fake-electron.js'));

let bridge: PreloadBridge;

beforeAll(async () => {
  await import('../../../electron/preload/preload.js');
  expect([...state.exposed.keys()]).toEqual(['codomyrmex']);
  bridge = state.exposed.get('codomyrmex') as PreloadBridge;
});

beforeEach(() => {
  ipcRenderer.removeAllListeners();
  ipcRenderer.invoke.mockClear();
});

const batch: EventBatch = { events: [{ type: 'step.log', executionId: 'e1', step: 'a', text: 'hi\n' }] };

describe('the preload', () => {
  it('uses the channels main binds', () => {
    expect([INVOKE_CHANNEL, EVENTS_CHANNEL]).toEqual([MAIN_INVOKE, MAIN_EVENTS]);
  });

  it('exposes exactly invoke and onEvents, frozen, and nothing of ipcRenderer', async () => {
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'onEvents']);
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
});
