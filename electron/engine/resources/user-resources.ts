// User-defined resources (a `gpu: 1`, a `db: 4`): kept in the settings store and registered with the ResourceManager
// at start, so they survive restarts and are shared by every door.
import { z } from 'zod';
import { NotFoundError, ResourceError } from '../../../shared/errors.js';
import type { Resource } from '../../../shared/model.js';
import type { ResourceDeclaration, ResourceManager } from './resource-manager.js';
import type { SettingsStore } from '../store/settings-store.js';

const KEY = 'resources';

/** A declared resource's schema, built when one is first read, not when the engine loads. */
let builtDeclaration: ReturnType<typeof buildDeclaration> | undefined;
const declarationSchema = () => (builtDeclaration ??= buildDeclaration());

function buildDeclaration() {
  return z.object({
    id: z.string().min(1).max(64),
    type: z.enum(['cpu', 'memory', 'gpu', 'custom']).optional(),
    capacity: z.number().positive(),
    unit: z.string().max(32).optional(),
  });
}

export class UserResources {
  constructor(
    private readonly settings: SettingsStore,
    private readonly resources: ResourceManager,
  ) {}

  /** Registers every saved declaration; a broken entry is skipped with a warning, never fatal. */
  load(warn: (message: string) => void = () => {}): void {
    const saved = this.settings.get(KEY);
    if (saved === undefined) return;
    const entries = Array.isArray(saved) ? saved : [];
    if (!Array.isArray(saved)) warn(`settings: "${KEY}" is not a list; ignored`);
    for (const entry of entries) {
      const parsed = declarationSchema().safeParse(entry);
      if (!parsed.success) {
        warn(`settings: skipped a saved resource (${parsed.error.issues.map((i) => `${i.path.join('.') || 'entry'}: ${i.message}`).join('; ')})`);
        continue;
      }
      try {
        this.resources.registerResource(parsed.data);
      } catch (error) {
        warn(`settings: skipped resource "${parsed.data.id}": ${(error as Error).message}`);
      }
    }
  }

  /** The user's own declarations — not the resources a workflow file declares for its runs. */
  list(): ResourceDeclaration[] {
    const saved = this.settings.get(KEY);
    return Array.isArray(saved) ? saved.flatMap((entry) => {
      const parsed = declarationSchema().safeParse(entry);
      return parsed.success ? [parsed.data] : [];
    }) : [];
  }

  /** Adds or changes a user-defined resource and saves it. */
  async define(declaration: ResourceDeclaration): Promise<Resource> {
    const previous = this.resources.getResource(declaration.id);
    const resource = this.resources.registerResource(declaration);
    const { id, type, capacity, unit } = resource;
    try {
      await this.settings.set(KEY, [...this.list().filter((d) => d.id !== id), { id, type, capacity, unit }]);
    } catch (error) {
      // Not saved, so not declared either: what the monitor shows is what the next start will load.
      if (previous === undefined) this.resources.removeResource(id);
      else this.resources.registerResource(previous);
      throw error;
    }
    return resource;
  }

  async remove(id: string): Promise<void> {
    const saved = this.list();
    if (!this.resources.listResources().some((r) => r.id === id)) throw new NotFoundError('resource', `unknown resource "${id}"`);
    if (!saved.some((d) => d.id === id)) throw new ResourceError(`"${id}" is not a user-defined resource (user-defined: ${saved.map((d) => d.id).join(', ') || 'none'})`);
    await this.settings.set(KEY, saved.filter((d) => d.id !== id));
    this.resources.removeResource(id);
  }
}
