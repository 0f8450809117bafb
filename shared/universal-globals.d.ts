// The globals shared/ may use: both the page and Node have them (ESLint's fence allows no others), declared here
// because shared/'s tsconfig has neither DOM nor Node types.
declare const console: { warn(...data: unknown[]): void; error(...data: unknown[]): void; log(...data: unknown[]): void };
type UniversalTimer = { readonly __universalTimer: unique symbol };
declare function setTimeout(callback: () => void, ms?: number): UniversalTimer;
declare function clearTimeout(timer: UniversalTimer | undefined): void;
/** The WHATWG URL both sides have: the parts shared/ reads. */
declare class URL {
  constructor(url: string, base?: string);
  protocol: string;
  hostname: string;
  port: string;
  pathname: string;
  username: string;
  password: string;
  readonly searchParams: { get(name: string): string | null; has(name: string): boolean; set(name: string, value: string): void; delete(name: string): void };
  toString(): string;
}
