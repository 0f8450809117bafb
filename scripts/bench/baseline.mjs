// `npm run bench -- --baseline REV [--rounds N] [sections…]`: the same sections measured on this tree's build and on
// REV's build, section by section, in alternating rounds (ABBA) so both see the same machine load and neither always
// goes second; each side's runs are folded into medians and printed one under the other.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { abbaOrder, mergeRuns } from './alternating-runs.mjs';

const ROOT = new URL('../..', import.meta.url).pathname;

const git = (...args) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();

/** A built checkout of REV, kept under node_modules/.cache so a second bench run reuses it. */
function baselineTree(rev) {
  const commit = git('rev-parse', '--verify', `${rev}^{commit}`);
  const dir = join(ROOT, 'node_modules', '.cache', 'bench-baseline', commit.slice(0, 12));
  if (!existsSync(join(dir, 'package.json'))) {
    mkdirSync(join(dir, '..'), { recursive: true });
    execFileSync('git', ['-C', ROOT, 'worktree', 'add', '--detach', '--force', dir, commit], { stdio: 'ignore' });
  }
  // The baseline shares this tree's installed packages when its lockfile is the same (a bench compares our code, not
  // dependency versions); a baseline that depended on other packages gets its own install, once.
  if (!existsSync(join(dir, 'node_modules'))) {
    const lockfile = (tree) => readFileSync(join(tree, 'package-lock.json'), 'utf8');
    if (lockfile(dir) === lockfile(ROOT)) symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    else {
      process.stdout.write(`installing the baseline's own dependencies (its lockfile differs) in ${dir} …\n`);
      execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } });
    }
  }
  if (!existsSync(join(dir, 'dist', 'cli'))) {
    process.stdout.write(`building the baseline ${commit.slice(0, 12)} in ${dir} …\n`);
    execFileSync(process.execPath, ['scripts/build.mjs', '--no-types'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  return { dir, label: `${rev} (${commit.slice(0, 12)})` };
}

/** Runs one section of a tree's own bench script and returns what it printed after its header line. */
function runSection(dir, section) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', 'scripts/bench.mjs', section], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => { out += chunk; });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out.split('\n').slice(1).join('\n').trim()) : reject(new Error(`bench ${section} in ${dir} exited with ${code}`))));
  });
}

export async function benchAgainstBaseline(rev, sections, rounds = 2) {
  const baseline = baselineTree(rev);
  const here = `this tree (${git('rev-parse', '--short=12', 'HEAD')}${git('status', '--porcelain', '--untracked-files=no') === '' ? '' : ', with uncommitted changes'})`;
  for (const section of sections) {
    process.stdout.write(`\n════ ${section}: ${here} vs baseline ${baseline.label} — medians of ${rounds} alternating runs (ABBA)\n`);
    const outputs = { baseline: [], ours: [] };
    let baselineFailed = null;
    for (const side of abbaOrder(rounds)) {
      if (side === 'ours') outputs.ours.push(await runSection(ROOT, section));
      else if (baselineFailed === null) {
        await runSection(baseline.dir, section).then((out) => outputs.baseline.push(out), (error) => { baselineFailed = error; });
      }
    }
    const theirs = baselineFailed === null ? mergeRuns(outputs.baseline) : `(baseline could not run this section: ${baselineFailed.message})`;
    process.stdout.write(`── baseline ${baseline.label}\n${theirs}\n── ${here}\n${mergeRuns(outputs.ours)}\n`);
  }
}
