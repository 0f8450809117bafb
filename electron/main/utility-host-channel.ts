// What main's utility-process launcher and the process host's adapter inside the utility process agree on, beside
// the host's own messages: how main says "disconnect" and where the host learns main's pid.

/** Posted by main instead of closing a channel (a utility process has none): the host ends its trees and exits. */
export const UTILITY_DISCONNECT = 'codomyrmex:host-disconnect';

/** Main's pid, which the host watches: when main dies, Electron gives the utility process no other sign. */
export const ENGINE_PID_ENV = 'CODOMYRMEX_ENGINE_PID';
