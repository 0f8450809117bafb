// Why a queued step waits for a resource, in the words the canvas and the monitor show: how much of which resource it
// needs and how much is free, in the resource's unit, and who holds it — runs and steps by name, never by id.
import type { Resource, ResourceAllocation } from '../../../shared/model.js';
import { amountWithUnit } from '../../../shared/resource-text.js';

/** Who holds an allocation: its holder's name ("<workflow> › <step>") where the allocation carries one. */
export const holderOf = (allocation: ResourceAllocation): string => allocation.holder ?? allocation.taskId;

/** "needs 1 slot of db, 0 free — held by ci › migrate (1)": what is missing first, as a canvas node shows it. */
export function resourceQueueReason(
  resource: Pick<Resource, 'id' | 'unit'>,
  missing: { amount: number; available: number },
  holders: readonly ResourceAllocation[],
): string {
  const needs = `needs ${amountWithUnit(missing.amount, resource.unit)} of ${resource.id}, ${amountWithUnit(missing.available, '')} free`;
  // Nothing here holds it, yet it is short: another process on the machine (a `codomyrmex run`, serve, mcp) leases it.
  if (holders.length === 0) return `${needs} — held by another process on this machine`;
  // Three names say enough; a crowd is counted.
  const named = holders.slice(0, 3).map((allocation) => `${holderOf(allocation)} (${amountWithUnit(allocation.amount, '')})`);
  const more = holders.length > 3 ? ` and ${holders.length - 3} more` : '';
  return `${needs} — held by ${named.join(', ')}${more}`;
}
