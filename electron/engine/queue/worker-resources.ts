// A worker's `--resources cores=4,memory=8G,gpu=1`: what it admits its steps against, by the ResourceManager's rules.
import { availableParallelism, totalmem } from 'node:os';
import { ResourceError } from '../../../shared/errors.js';
import { RESOURCE_ID_PATTERN } from '../../../shared/resource-text.js';
import { ResourceManager } from '../resources/resource-manager.js';

const MEMORY_UNITS: Record<string, number> = { '': 1, M: 1, MB: 1, G: 1024, GB: 1024, T: 1024 * 1024, TB: 1024 * 1024 };

/** Resource id → capacity in the engine's units (cpu in cores, memory in MB); cpu and memory default to the machine's. */
export function parseWorkerResources(text: string | undefined): Record<string, number> {
  const resources: Record<string, number> = { cpu: availableParallelism(), memory: Math.floor(totalmem() / 1024 / 1024) };
  if (text === undefined || text.trim() === '') return resources;
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (eq <= 0 || value === '') throw new ResourceError(`--resources takes name=amount pairs separated by commas (cores=4,memory=8G,gpu=1), got "${part}"`);
    if (name === 'cores' || name === 'cpu') resources.cpu = amount(name, value);
    else if (name === 'memory') resources.memory = memoryMB(value);
    else if (RESOURCE_ID_PATTERN.test(name)) resources[name] = amount(name, value);
    else throw new ResourceError(`--resources: "${name}" is no resource name (letters, digits, "_" or "-")`);
  }
  return resources;
}

/** A ResourceManager holding exactly what the worker declared. */
export function workerResourceManager(resources: Record<string, number>): ResourceManager {
  const manager = new ResourceManager(null, { cores: resources.cpu!, memoryMB: resources.memory! });
  for (const [id, capacity] of Object.entries(resources)) {
    if (id !== 'cpu' && id !== 'memory') manager.registerResource({ id, capacity, ...(id === 'gpu' ? { type: 'gpu' as const } : {}) });
  }
  return manager;
}

function amount(name: string, value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new ResourceError(`--resources: ${name} must be a positive number, got "${value}"`);
  return number;
}

function memoryMB(value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([A-Za-z]*)$/.exec(value);
  const unit = match?.[2]?.toUpperCase() ?? '';
  if (match === null || !(unit in MEMORY_UNITS)) throw new ResourceError(`--resources: memory takes a size such as 8G, 512M or 2048 (MB), got "${value}"`);
  return Math.floor(Number(match[1]) * MEMORY_UNITS[unit]!);
}
