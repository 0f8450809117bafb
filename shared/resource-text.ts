// Resources in words: what an id may be (it is written in workflow files as `resources: { <id>: 1 }`) and why one is
// refused — the form says it before sending, the contract the same if it gets that far — and amounts with their unit.
export const RESOURCE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const RESOURCE_ID_RULE = 'use only letters, digits, "_" and "-", at most 64 of them';

/** Why `id` cannot name a resource, or null when it can. */
export function resourceIdProblem(id: string): string | null {
  if (id === '') return 'Give the resource an id, e.g. db or gpu-slots.';
  if (id.length > 64) return `An id is at most 64 characters; this one has ${id.length}.`;
  const bad = [...id].find((character) => !/[A-Za-z0-9_-]/.test(character));
  if (bad !== undefined) {
    const shown = bad === ' ' ? 'a space' : /\s/.test(bad) ? 'a blank' : `"${bad}"`;
    return `An id may ${RESOURCE_ID_RULE}: ${shown} is not allowed.`;
  }
  return null;
}

/**
 * "1 slot", "2 cores", or a bare "1" when the resource has no unit; float sums (0.1 + 0.2) rounded off. The default
 * unit of a declared resource is the plural "units", said "1 unit" for one.
 */
export const amountWithUnit = (amount: number, unit: string): string => {
  const rounded = Math.round(amount * 1000) / 1000;
  if (unit === '') return String(rounded);
  return `${rounded} ${rounded === 1 && unit === 'units' ? 'unit' : unit}`;
};
