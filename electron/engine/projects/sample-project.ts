// The sample project a first run offers in one click: the files of samples/sample-project (real files, copied into
// dist/ by the build) laid out in the data folder and registered, ready to run.
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OrchestrationError } from '../../../shared/errors.js';
import type { Project } from '../../../shared/model.js';
import type { ProjectManager } from './project-manager.js';
import { makeFolders } from '../make-folders.js';

export const SAMPLE_PROJECT = 'sample-project';

/** samples/sample-project beside the code: dist/samples in a build or a package, the repo's own folder from source. */
export function findSampleDir(from: string = dirname(fileURLToPath(import.meta.url))): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'samples', SAMPLE_PROJECT);
    if (existsSync(join(candidate, '.codomyrmex', 'workflows'))) return candidate;
    if (dirname(dir) === dir) return null;
  }
}

/** `<home>/projects/sample-project`, registered. A folder already there (the sample made before, then forgotten) is
 * registered again as it is, so the user's edits to it survive. */
export function createSampleProject(projects: ProjectManager, home: string, source: string | null = findSampleDir()): Project {
  const target = join(home, 'projects', SAMPLE_PROJECT);
  const registered = projects.findProjectByPath(target);
  if (registered !== null) return registered;
  if (!existsSync(target)) {
    if (source === null) throw new OrchestrationError('the sample project\'s files are missing from this installation (no samples/sample-project beside the app)');
    copyFolder(source, target);
  }
  return projects.addProject(target, SAMPLE_PROJECT);
}

/** By reads and writes, not fs.cp: in a packaged app the source is inside Electron's asar archive. */
function copyFolder(from: string, to: string): void {
  makeFolders(to);
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) copyFolder(source, target);
    else if (entry.isFile()) {
      writeFileSync(target, readFileSync(source));
      chmodSync(target, statSync(source).mode & 0o777);
    }
  }
}
