// The engine's settings (user-defined resources, and later other preferences) behind one small interface, in one JSON
// file in $CODOMYRMEX_HOME shared by every door. Writes go through conf (electron-store's core: atomic writes);
// reads parse the file directly, because importing conf costs ~70 ms and every `codomyrmex run` reads the settings
// while only the app's settings views write them. A file with a syntax error is never lost: it is kept as it is, a
// copy saved beside it (`settings.json.bad-<time>`), the user told, and changes refused until it is fixed — the
// next change must not replace the user's resources with itself alone.
import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { OrchestrationError } from '../../../shared/errors.js';

export interface SettingsStore {
  get(key: string): unknown;
  /** Saves one key; refused (rejects) while the file on disk cannot be read. */
  set(key: string, value: unknown): Promise<void>;
}

/** The file name (without extension) both doors use, so the app and the CLI see the same settings. */
export const SETTINGS_NAME = 'settings';

type Warn = (message: string) => void;

export function openSettings(home: string, warn: Warn = (message) => void process.stderr.write(`codomyrmex: ${message}\n`)): SettingsStore {
  const file = join(home, `${SETTINGS_NAME}.json`);
  const broken = new BrokenFile(file, warn);
  let writer: Promise<{ set(key: string, value: unknown): void }> | null = null;
  return {
    get(key) {
      return readSettings(file, broken)[key];
    },
    async set(key, value) {
      readSettings(file, broken);
      if (broken.problem !== null) {
        throw new OrchestrationError(`cannot save the settings: ${file} ${broken.problem}; fix or remove that file first (its content is kept, a copy is at ${broken.copy})`);
      }
      // clearInvalidConfig off: should the file break between our read and conf's, conf throws rather than empties it.
      writer ??= import('conf').then(({ default: Conf }) => new Conf<Record<string, unknown>>({ cwd: home, configName: SETTINGS_NAME, clearInvalidConfig: false }));
      (await writer).set(key, value);
    },
  };
}

/** The settings file's state when it cannot be read: what is wrong, and where its copy is (made once per content). */
class BrokenFile {
  problem: string | null = null;
  copy: string | null = null;
  private seen: string | null = null;

  constructor(
    private readonly file: string,
    private readonly warn: Warn,
  ) {}

  found(text: string, problem: string): void {
    this.problem = problem;
    if (this.seen === text) return;
    this.seen = text;
    // One copy per content: a restart with the same broken file finds the copy it made before.
    this.copy = earlierCopy(this.file, text) ?? `${this.file}.bad-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    try {
      if (!existsSync(this.copy)) copyFileSync(this.file, this.copy);
    } catch (error) {
      this.copy = `(none: ${(error as Error).message})`;
    }
    this.warn(`the settings file ${this.file} ${problem}: it is left as it is and a copy kept at ${this.copy}; `
      + 'your saved resources are not loaded and changes to them are refused until you fix or remove the file');
  }

  fine(): void {
    this.problem = null;
  }
}

function earlierCopy(file: string, text: string): string | null {
  const prefix = `${basename(file)}.bad-`;
  try {
    for (const name of readdirSync(dirname(file))) {
      if (name.startsWith(prefix) && readFileSync(join(dirname(file), name), 'utf8') === text) return join(dirname(file), name);
    }
  } catch {
    // No earlier copy to find: a new one is made.
  }
  return null;
}

/** The settings as saved; a missing or unreadable file reads as empty (the engine must start whatever it holds). */
function readSettings(file: string, broken: BrokenFile): Record<string, unknown> {
  if (!existsSync(file)) {
    broken.fine();
    return {};
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return {};
  }
  let value: unknown = {};
  try {
    // An empty file holds nothing to lose: it reads as no settings.
    if (text.trim() !== '') value = JSON.parse(text);
  } catch (error) {
    broken.found(text, `is not valid JSON (${(error as Error).message})`);
    return {};
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    broken.found(text, 'does not hold a JSON object');
    return {};
  }
  broken.fine();
  return value as Record<string, unknown>;
}
