// ResourceManager: declared resources with capacities, all-or-nothing allocation to tasks, and usage history.
import { EventEmitter } from 'node:events';
import { availableParallelism, totalmem } from 'node:os';
import { NotFoundError, ResourceError } from '../../../shared/errors.js';
import type { Resource, ResourceAllocation, ResourceType } from '../../../shared/model.js';
import type { LeaseShortfall, MachineLeases } from './machine-leases.js';

const HISTORY_LIMIT = 10_000;

export interface ResourceDeclaration {
  id: string;
  type?: ResourceType;
  capacity: number;
  unit?: string;
}

interface ResourceEvents {
  allocated: [ResourceAllocation];
  released: [ResourceAllocation];
  changed: [Resource];
  removed: [string];
  /** Another process may have freed capacity: steps waiting on the machine's leases try again. */
  poll: [];
}

/** How often steps waiting for capacity other processes hold look again. */
const MACHINE_POLL_MS = 100;

export class ResourceManager extends EventEmitter<ResourceEvents> {
  private readonly resources = new Map<string, Resource>();
  /** resourceId → taskId → live allocation. */
  private readonly allocations = new Map<string, Map<string, ResourceAllocation>>();
  private readonly used = new Map<string, number>();
  private readonly history: ResourceAllocation[] = [];
  /** Resources found short on the machine since the last poll: asked again only after it, so waiting costs no writes. */
  private readonly machineShort = new Map<string, number>();
  private pollTimer: NodeJS.Timeout | null = null;
  private leasesWork = true;

  /** With `leases`, every allocation is also a lease on the machine's shared count (every process admits against it). */
  /** `machine`: what a worker declares of its cores and memory (`--resources cores=4,memory=8G`), else this machine's. */
  constructor(private readonly leases: MachineLeases | null = null, machine: { cores?: number; memoryMB?: number } = {}) {
    super();
    this.setMaxListeners(0);
    this.put({ id: 'cpu', type: 'cpu', capacity: machine.cores ?? availableParallelism(), unit: 'cores', builtin: true });
    this.put({ id: 'memory', type: 'memory', capacity: machine.memoryMB ?? Math.floor(totalmem() / 1024 / 1024), unit: 'MB', builtin: true });
  }

  registerResource(declaration: ResourceDeclaration): Resource {
    const { id, capacity } = declaration;
    if (!/^[A-Za-z0-9_-]+$/.test(id)) throw new ResourceError(`resource id "${id}" must be letters, digits, "_" or "-"`);
    if (!(capacity > 0) || !Number.isFinite(capacity)) throw new ResourceError(`resource "${id}": capacity must be a positive number, got ${capacity}`);
    const existing = this.resources.get(id);
    if (existing?.builtin) throw new ResourceError(`resource "${id}" is built in and cannot be redeclared`);
    const inUse = this.used.get(id) ?? 0;
    if (capacity < inUse) throw new ResourceError(`resource "${id}": capacity ${capacity} is below the ${inUse} allocated now`);
    const resource: Resource = { id, type: declaration.type ?? 'custom', capacity, unit: declaration.unit ?? 'units', builtin: false };
    this.put(resource);
    this.emit('changed', resource);
    return resource;
  }

  removeResource(id: string): void {
    const resource = this.requireResource(id);
    if (resource.builtin) throw new ResourceError(`resource "${id}" is built in and cannot be removed`);
    if ((this.used.get(id) ?? 0) > 0) throw new ResourceError(`resource "${id}" is allocated to ${[...this.allocations.get(id)!.keys()].join(', ')}; release it first`);
    this.resources.delete(id);
    this.allocations.delete(id);
    this.used.delete(id);
    this.emit('removed', id);
  }

  getResource(id: string): Resource | undefined {
    return this.resources.get(id);
  }

  listResources(): Resource[] {
    return [...this.resources.values()];
  }

  getAvailableCapacity(resourceId: string): number {
    const resource = this.requireResource(resourceId);
    return resource.capacity - (this.used.get(resourceId) ?? 0);
  }

  /** `holder` names the task for people ("<workflow> › <step>"); messages and the monitor use it over the taskId. */
  allocateResource(resourceId: string, taskId: string, amount: number, holder?: string): ResourceAllocation {
    this.checkAllocation(resourceId, taskId, amount, holder);
    const short = this.lease(taskId, { [resourceId]: amount });
    if (short !== null) {
      const resource = this.requireResource(resourceId);
      throw new ResourceError(`resource "${resourceId}": ${holder ?? taskId} asks for ${amount} ${resource.unit} but only ${short.available} of ${resource.capacity} are free on this machine (other processes hold the rest)`);
    }
    return this.allocateHere(resourceId, taskId, amount, holder);
  }

  private checkAllocation(resourceId: string, taskId: string, amount: number, holder?: string): void {
    const resource = this.requireResource(resourceId);
    const who = holder ?? taskId;
    if (!(amount > 0)) throw new ResourceError(`resource "${resourceId}": amount must be positive, got ${amount} for ${who}`);
    if (amount > resource.capacity) {
      throw new ResourceError(`resource "${resourceId}": ${who} asks for ${amount} ${resource.unit} but its capacity is ${resource.capacity}`);
    }
    const available = this.getAvailableCapacity(resourceId);
    if (amount > available) {
      throw new ResourceError(`resource "${resourceId}": ${who} asks for ${amount} ${resource.unit} but only ${available} of ${resource.capacity} are free`);
    }
    if (this.allocations.get(resourceId)?.has(taskId)) throw new ResourceError(`resource "${resourceId}" is already allocated to ${who}`);
  }

  private allocateHere(resourceId: string, taskId: string, amount: number, holder?: string): ResourceAllocation {
    const allocation: ResourceAllocation = { resourceId, taskId, ...(holder !== undefined ? { holder } : {}), amount, allocatedAt: Date.now(), releasedAt: null };
    let byTask = this.allocations.get(resourceId);
    if (byTask === undefined) this.allocations.set(resourceId, (byTask = new Map()));
    byTask.set(taskId, allocation);
    this.used.set(resourceId, (this.used.get(resourceId) ?? 0) + amount);
    this.record(allocation);
    this.emit('allocated', allocation);
    return allocation;
  }

  /** Allocates every amount or none; returns the first resource that does not fit, or null when all were allocated. */
  tryAllocateAll(taskId: string, request: Readonly<Record<string, number>>, holder?: string): { resourceId: string; amount: number; available: number } | null {
    for (const [resourceId, amount] of Object.entries(request)) {
      const available = this.getAvailableCapacity(resourceId);
      if (amount > available) return { resourceId, amount, available };
      const machineFree = this.machineShort.get(resourceId);
      if (machineFree !== undefined) return { resourceId, amount, available: machineFree };
    }
    for (const [resourceId, amount] of Object.entries(request)) this.checkAllocation(resourceId, taskId, amount, holder);
    const short = this.lease(taskId, request);
    if (short !== null) {
      this.machineShort.set(short.resourceId, short.available);
      this.pollMachine();
      return short;
    }
    for (const [resourceId, amount] of Object.entries(request)) this.allocateHere(resourceId, taskId, amount, holder);
    return null;
  }

  releaseResource(resourceId: string, taskId: string): void {
    const allocation = this.allocations.get(resourceId)?.get(taskId);
    if (allocation === undefined) return;
    this.allocations.get(resourceId)!.delete(taskId);
    this.machineShort.delete(resourceId);
    if (this.leasesWork) this.leases?.release(taskId, resourceId);
    this.used.set(resourceId, (this.used.get(resourceId) ?? 0) - allocation.amount);
    allocation.releasedAt = Date.now();
    this.emit('released', allocation);
  }

  /** Releases everything a task holds, however it ended. */
  releaseTask(taskId: string): void {
    for (const [resourceId, byTask] of this.allocations) if (byTask.has(taskId)) this.releaseResource(resourceId, taskId);
  }

  /** Live allocations, optionally of one resource. */
  getAllocations(resourceId?: string): ResourceAllocation[] {
    const maps = resourceId === undefined ? [...this.allocations.values()] : [this.allocations.get(resourceId) ?? new Map()];
    return maps.flatMap((byTask) => [...byTask.values()]);
  }

  /** Past and live allocations, newest last (the last 10,000). */
  getUsageHistory(resourceId?: string): ResourceAllocation[] {
    return resourceId === undefined ? [...this.history] : this.history.filter((a) => a.resourceId === resourceId);
  }

  private lease(taskId: string, request: Readonly<Record<string, number>>): LeaseShortfall | null {
    if (this.leases === null || !this.leasesWork) return null;
    try {
      return this.leases.acquire(taskId, request, (id) => this.requireResource(id).capacity);
    } catch {
      // A data folder that cannot be written (read-only, full disk) must not stop runs: admit against this process alone.
      this.leasesWork = false;
      return null;
    }
  }

  private pollMachine(): void {
    if (this.pollTimer !== null) return;
    this.pollTimer = setTimeout(() => {
      this.pollTimer = null;
      this.machineShort.clear();
      this.emit('poll');
    }, MACHINE_POLL_MS);
  }

  private requireResource(id: string): Resource {
    const resource = this.resources.get(id);
    if (resource === undefined) throw new NotFoundError('resource', `unknown resource "${id}" (known: ${[...this.resources.keys()].join(', ')})`);
    return resource;
  }

  private put(resource: Resource): void {
    this.resources.set(resource.id, resource);
  }

  private record(allocation: ResourceAllocation): void {
    this.history.push(allocation);
    if (this.history.length > HISTORY_LIMIT) this.history.splice(0, this.history.length - HISTORY_LIMIT);
  }
}
