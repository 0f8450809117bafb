// The sandboxed preload (built as CommonJS, dist/electron/preload.cjs): exposes the typed bridge to the page.
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge.js';

contextBridge.exposeInMainWorld('codomyrmex', createBridge(ipcRenderer));
