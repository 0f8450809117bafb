// A stand-in for `electron-store` (which loads the real Electron from node_modules): keeps values in memory.
export const stores = new Map<string, Map<string, unknown>>();

export default class FakeElectronStore {
  readonly options: Record<string, unknown>;
  private readonly values: Map<string, unknown>;
  constructor(options: Record<string, unknown> = {}) {
    this.options = options;
    const name = String(options.name ?? 'config');
    this.values = stores.get(name) ?? new Map();
    stores.set(name, this.values);
  }
  get(key: string): unknown {
    return this.values.get(key);
  }
  set(key: string, value: unknown): void {
    this.values.set(key, structuredClone(value));
  }
}
