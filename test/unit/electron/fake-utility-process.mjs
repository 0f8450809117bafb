// Runs a module the way Electron's utility process would, for the fake `utilityProcess.fork`: no Node IPC channel,
// only `process.parentPort` (here over a socket on fd 3, one JSON message a line). argv: module, then its arguments.
import { EventEmitter } from 'node:events';
import { Socket } from 'node:net';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';

const socket = new Socket({ fd: 3, readable: true, writable: true });
const port = new EventEmitter();
port.postMessage = (message) => socket.write(`${JSON.stringify(message)}\n`);
// As Electron's parentPort does, messages wait until a 'message' listener is registered.
const queued = [];
const deliver = (data) => (port.listenerCount('message') > 0 ? port.emit('message', { data }) : queued.push(data));
port.on('newListener', (event) => event === 'message' && setImmediate(() => queued.splice(0).forEach(deliver)));
createInterface({ input: socket }).on('line', (line) => deliver(JSON.parse(line))).on('error', () => undefined);
// Main's death closes the socket; a real utility process is not told, so neither is this one.
socket.on('error', () => undefined);
process.parentPort = port;
const [module, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], module, ...args];
await import(pathToFileURL(module).href);
