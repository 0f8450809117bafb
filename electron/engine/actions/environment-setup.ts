// environment_setup.check_environment: are the tools a project needs installed, in versions it accepts? Asked
// without a list (the guide's Quick Start), it reads what the project's own files require.
import { arch, cpus, platform, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';
import { ActionFailure, defineAction, type ActionContext } from './action.js';
import { projectRequirements, RequirementFileError } from './project-requirements.js';
import { semverLibrary } from './semver-library.js';
import { childProcess } from '../processes/child-process.js';

export interface ToolCheck {
  found: boolean;
  /** The version read from `<tool> --version`, or null when none could be read. */
  version: string | null;
  satisfies: boolean;
  /** The semver range asked for, or null when any version will do. */
  required: string | null;
}

interface Requirement {
  name: string;
  range: string | null;
  /** Where a requirement read from the project's files came from. */
  sources?: string[];
}

/** What the project's files require; a file it cannot read fails the step, naming it. */
function projectNeeds(dir: string, context: ActionContext): Requirement[] {
  let needs: Requirement[];
  try {
    needs = projectRequirements(dir);
  } catch (error) {
    if (error instanceof RequirementFileError) throw new ActionFailure(`cannot tell what the project needs: ${error.message}`);
    throw error;
  }
  context.log('stdout', needs.length === 0
    ? `${dir}: no requirement files (package.json engines, .nvmrc, .node-version, .tool-versions, requirements.txt, pyproject.toml, .python-version); nothing to check but the machine\n`
    : `${dir}: checking what ${[...new Set(needs.flatMap((need) => need.sources!.map((source) => source.replace(/[ :].*/, ''))))].join(', ')} require\n`);
  return needs;
}

const VERSION_TIMEOUT_MS = 10_000;

/** `npm>=9 <12` → npm and `>=9 <12`; the name ends at the first space or range operator. */
export function parseRequirement(text: string): Requirement | string {
  const match = /^([^\s<>=^~]+)\s*(.*)$/.exec(text.trim());
  if (match === null) return `"${text}" names no tool`;
  const name = match[1]!;
  const range = match[2]!.trim();
  if (range === '') return { name, range: null };
  if (semverLibrary().validRange(range) === null) return `"${text}": "${range}" is not a semver range (e.g. >=18, ^9, >=9 <12)`;
  return { name, range };
}

const params = () => z.object({
  requirements: z
    .array(z.string().min(1))
    .min(1, 'list at least one tool')
    .superRefine((items, ctx) => {
      const seen = new Set<string>();
      items.forEach((item, index) => {
        const parsed = parseRequirement(item);
        if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', path: [index], message: parsed });
        else if (seen.has(parsed.name)) ctx.addIssue({ code: 'custom', path: [index], message: `${parsed.name} is listed twice; put both ranges in one entry` });
        else seen.add(parsed.name);
      });
    })
    .optional()
    .describe("Tools to look for, each with an optional semver range: node>=18, git, npm>=9 <12, python3. Left out: the tools the project's files require (package.json engines, .nvmrc, .node-version, .tool-versions, requirements.txt, pyproject.toml requires-python, .python-version)."),
  path: z.string().min(1).default('.').describe("Without requirements: the folder whose files say what is needed, relative to the project's folder."),
  failOnMissing: z.boolean().default(true).describe('Fail the step when a tool is missing or its version is out of range.'),
});

const checkEnvironment = defineAction({
  module: 'environment_setup',
  action: 'check_environment',
  description: 'Checks that the tools a project needs are installed, in versions it accepts, and reports the machine.',
  icon: 'check-square',
  params,
  outputs: ['tools', 'ok', 'missing', 'sources', 'platform', 'arch', 'cpus', 'memoryMB'],
  async run(p, context) {
    // The schema has already rejected every entry parseRequirement refuses.
    const requirements = p.requirements?.map((text) => parseRequirement(text) as Requirement) ?? projectNeeds(resolve(context.cwd, p.path), context);
    const sources = Object.fromEntries(requirements.map((r) => [r.name, r.sources ?? ['requirements']]));
    const checks = await Promise.all(requirements.map((requirement) => checkTool(requirement, context)));
    const tools: Record<string, ToolCheck> = {};
    requirements.forEach((requirement, index) => {
      const check = checks[index]!;
      tools[requirement.name] = check;
      context.log('stdout', `${describeCheck(requirement.name, check)}\n`);
    });
    const missing = requirements.filter((r) => !tools[r.name]!.satisfies).map((r) => r.name);
    const outputs = {
      tools,
      ok: missing.length === 0,
      missing,
      sources,
      platform: platform(),
      arch: arch(),
      cpus: cpus().length,
      memoryMB: Math.round(totalmem() / 1024 / 1024),
    };
    if (p.failOnMissing && missing.length > 0) {
      const unmet = missing.map((name) => describeCheck(name, tools[name]!)).join('; ');
      throw new ActionFailure(`environment check failed: ${unmet}`, null, outputs);
    }
    return { outputs };
  },
});

async function checkTool(requirement: Requirement, context: ActionContext): Promise<ToolCheck> {
  // The engine runs in Node, so the Node that runs it is the one to report; no process needed.
  const output = requirement.name === 'node' ? process.version : await versionOutput(requirement.name, context);
  if (output === null) return { found: false, version: null, satisfies: false, required: requirement.range };
  const semver = semverLibrary();
  const version = semver.coerce(output)?.version ?? null;
  const satisfies = requirement.range === null || (version !== null && semver.satisfies(version, requirement.range));
  return { found: true, version, satisfies, required: requirement.range };
}

/** `<tool> --version`'s output (stdout, then stderr: python 2 and java write there), '' when it ran but failed, null when absent. */
function versionOutput(tool: string, context: ActionContext): Promise<string | null> {
  return new Promise((resolve, reject) => {
    childProcess().execFile(
      tool,
      ['--version'],
      { env: context.env, cwd: context.cwd, timeout: VERSION_TIMEOUT_MS, signal: context.signal, windowsHide: true },
      (error, stdout, stderr) => {
        if (context.signal.aborted) reject(context.signal.reason as Error);
        else if (error !== null && (error as NodeJS.ErrnoException).code === 'ENOENT') resolve(null);
        else if (error !== null && (error as NodeJS.ErrnoException).code === 'EACCES') resolve(null);
        else resolve(`${stdout}\n${stderr}`);
      },
    );
  });
}

function describeCheck(name: string, check: ToolCheck): string {
  const wanted = check.required === null ? '' : ` (needs ${check.required})`;
  if (!check.found) return `${name}: not found${wanted}`;
  const version = check.version ?? 'version unknown';
  return `${name}: ${version}${wanted}${check.satisfies ? '' : ' — does not satisfy'}`;
}

export const actions = [checkEnvironment];
