// The globals shared/ may use: both the page and Node have them (ESLint's fence allows no others), declared here
// because shared/'s tsconfig has neither DOM nor Node types.
declare const console: { warn(...data: unknown[]): void; error(...data: unknown[]): void; log(...data: unknown[]): void };
type UniversalTimer = { readonly __universalTimer: unique symbol };
declare function setTimeout(callback: () => void, ms?: number): UniversalTimer;
declare function clearTimeout(timer: UniversalTimer | undefined): void;
