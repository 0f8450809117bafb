// What every command shares: the options the command line takes, the exit codes, and the user's mistake (UsageError).
import type { parseArgs } from 'node:util';

export const EXIT = { ok: 0, failed: 1, invalid: 2, interrupted: 130 } as const;

export const OPTIONS = {
  param: { type: 'string', multiple: true },
  concurrency: { type: 'string' },
  json: { type: 'boolean' },
  debug: { type: 'boolean' },
  limit: { type: 'string' },
  workflow: { type: 'string' },
  status: { type: 'string' },
  cwd: { type: 'string' },
  project: { type: 'string' },
  'from-failed': { type: 'boolean' },
  only: { type: 'string', multiple: true },
  from: { type: 'string' },
  to: { type: 'string' },
  port: { type: 'string' },
  'older-than': { type: 'string' },
  'dry-run': { type: 'boolean' },
  into: { type: 'string' },
  'status-follows-runs': { type: 'string' },
  'health-check': { type: 'string' },
  'log-level': { type: 'string' },
  redis: { type: 'string' },
  pool: { type: 'string' },
  workdir: { type: 'string' },
  resources: { type: 'string' },
  'no-cache': { type: 'boolean' },
  force: { type: 'string', multiple: true },
  explain: { type: 'boolean' },
  'max-bytes': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

export type CliValues = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

/** A user's mistake on the command line: one message, exit 2, no stack. */
export class UsageError extends Error {}
