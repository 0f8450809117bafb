// The node_package template: a dependency-free ES module library with node:test tests, API docs and CI workflows.
import type { ProjectTemplate } from './template.js';

// Embedded scripts are String.raw so their backslashes stay as written; they avoid backticks and "${" for the same reason.

const README = `# {{projectName}}

Small text helpers as a dependency-free ES module package for Node 18 and later.

~~~js
import { slugify, titleCase, truncate, wordCount } from '{{projectName}}';

slugify('Hello, World!');          // 'hello-world'
titleCase('the quick brown fox');  // 'The Quick Brown Fox'
truncate('A long sentence', 8);    // 'A long…'
wordCount("It's two words");       // 3
~~~

The full API is in docs/API.md, generated from the doc comments in src/index.js
(npm run docs).

~~~
npm test           node --test: the tests in test/
npm run docs       regenerate docs/API.md
npm pack           the tarball npm would publish (only src/, README and package.json)
~~~

Workflows (in .codomyrmex/workflows, open them in Codomyrmex Orchestrator):

- ci: toolchain check, then syntax check, tests and code analysis in parallel, the public
  exports, an npm pack dry run, and a summary; a report always runs.
- release-check: the version in package.json, CHANGELOG.md and the run's version param agree,
  tests pass, and release notes are written.
- docs: regenerate docs/API.md and check that every export is documented.

Choose a license before publishing and set it in package.json.
`;

const PACKAGE_JSON = `{
  "name": "{{projectName}}",
  "version": "0.1.0",
  "description": "Small text helpers: slugify, titleCase, truncate, wordCount.",
  "type": "module",
  "main": "./src/index.js",
  "exports": {
    ".": "./src/index.js"
  },
  "files": [
    "src"
  ],
  "scripts": {
    "test": "node --test",
    "docs": "node scripts/docs.mjs"
  },
  "engines": {
    "node": ">=18"
  },
  "license": "UNLICENSED"
}
`;

const CHANGELOG = `# Changelog

## 0.1.0

- First version: slugify, titleCase, truncate, wordCount.
`;

const INDEX_JS = String.raw`// Small text helpers with no dependencies; every export has a doc comment that scripts/docs.mjs turns into docs/API.md.

/**
 * Turns text into a URL-safe slug: lower case ASCII letters and digits, words joined by "-".
 * Accents are dropped ("Crème brûlée" becomes "creme-brulee").
 * @param {string} text
 * @returns {string}
 */
export function slugify(text) {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * Capitalises the first letter of every word and lower-cases the rest.
 * @param {string} text
 * @returns {string}
 */
export function titleCase(text) {
  return text.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_, before, letter) => before + letter.toUpperCase());
}

/**
 * Shortens text to at most max characters, ending with the ellipsis when it had to cut.
 * @param {string} text
 * @param {number} max a non-negative integer
 * @param {string} [ellipsis='…']
 * @returns {string}
 */
export function truncate(text, max, ellipsis = '…') {
  if (!Number.isInteger(max) || max < 0) throw new RangeError('max must be a non-negative integer, got ' + max);
  if (text.length <= max) return text;
  if (max <= ellipsis.length) return ellipsis.slice(0, max);
  return text.slice(0, max - ellipsis.length).trimEnd() + ellipsis;
}

/**
 * Counts the words in text: runs of letters, digits and apostrophes.
 * @param {string} text
 * @returns {number}
 */
export function wordCount(text) {
  return (text.match(/[\p{L}\p{N}']+/gu) ?? []).length;
}
`;

const INDEX_TEST = String.raw`import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { slugify, titleCase, truncate, wordCount } from '../src/index.js';

describe('slugify', () => {
  test('joins words with dashes and drops punctuation', () => assert.equal(slugify('Hello, World!'), 'hello-world'));
  test('drops accents', () => assert.equal(slugify('Crème brûlée'), 'creme-brulee'));
  test('trims dashes at both ends', () => assert.equal(slugify('  --a b--  '), 'a-b'));
});

describe('titleCase', () => {
  test('capitalises every word', () => assert.equal(titleCase('the QUICK brown-fox'), 'The Quick Brown-Fox'));
});

describe('truncate', () => {
  test('leaves short text alone', () => assert.equal(truncate('short', 10), 'short'));
  test('cuts long text and adds the ellipsis within the limit', () => {
    const cut = truncate('A long sentence', 8);
    assert.equal(cut, 'A long…');
    assert.ok(cut.length <= 8);
  });
  test('refuses a negative limit', () => assert.throws(() => truncate('x', -1), RangeError));
});

describe('wordCount', () => {
  test('counts words with apostrophes as one', () => assert.equal(wordCount("It's two words"), 3));
  test('is zero for blank text', () => assert.equal(wordCount('   '), 0));
});
`;

const OUTPUT_JS = String.raw`// Step outputs: key=value lines appended to the file named by $CODOMYRMEX_OUTPUT (ignored when run by hand).
import { appendFileSync } from 'node:fs';

export function setOutput(key, value) {
  const file = process.env.CODOMYRMEX_OUTPUT;
  if (file) appendFileSync(file, key + '=' + String(value) + '\n');
}
`;

const DOCS_JS = String.raw`// Generates docs/API.md from the doc comments above each exported function in src/index.js.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { setOutput } from './output.mjs';

const SOURCE = 'src/index.js';
const OUT = 'docs/API.md';
const source = readFileSync(SOURCE, 'utf8');
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

const lines = ['# ' + pkg.name + ' ' + pkg.version + ' API', '', 'Generated from ' + SOURCE + ' by scripts/docs.mjs.', ''];
const undocumented = [];
let documented = 0;
// The comment may not contain "*/", so an undocumented export cannot borrow an earlier comment.
for (const match of source.matchAll(/(?:\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*)?export function (\w+)\(([^)]*)\)/g)) {
  const [, comment, name, params] = match;
  if (!comment) {
    undocumented.push(name);
    continue;
  }
  documented++;
  const text = comment
    .split('\n')
    .map((line) => line.replace(/^\s*\* ?/, '').trimEnd())
    .filter((line) => line !== '');
  lines.push('## ' + name + '(' + params + ')', '');
  lines.push(...text.filter((line) => !line.startsWith('@')), '');
  for (const tag of text.filter((line) => line.startsWith('@'))) lines.push('- ' + tag);
  lines.push('');
}

mkdirSync('docs', { recursive: true });
writeFileSync(OUT, lines.join('\n'));
console.log('wrote ' + OUT + ': ' + documented + ' documented functions' + (undocumented.length ? '; undocumented: ' + undocumented.join(', ') : ''));
setOutput('documented', documented);
setOutput('undocumented', undocumented.join(',') || 'none');
setOutput('path', OUT);
`;

const CHECK_EXPORTS_JS = String.raw`// Loads the package through its "exports" entry, as a user would, and lists what it exports.
import { readFileSync } from 'node:fs';
import { setOutput } from './output.mjs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const entry = typeof pkg.exports === 'string' ? pkg.exports : pkg.exports?.['.'] ?? pkg.main;
if (!entry) {
  console.error('package.json has neither "exports" nor "main"');
  process.exit(1);
}
const api = await import(new URL('../' + entry.replace(/^\.\//, ''), import.meta.url).href);
const names = Object.keys(api).sort();
const notFunctions = names.filter((name) => typeof api[name] !== 'function');
console.log(pkg.name + ' -> ' + entry + ' exports ' + names.length + ': ' + names.join(', '));
if (names.length === 0) {
  console.error('the entry point exports nothing');
  process.exit(1);
}
if (notFunctions.length > 0) console.log('not functions: ' + notFunctions.join(', '));
setOutput('count', names.length);
setOutput('names', names.join(','));
`;

const PACK_SUMMARY_JS = String.raw`// Reads "npm pack --dry-run --json" on stdin and checks the tarball holds what users need and nothing else.
import { setOutput } from './output.mjs';

let input = '';
for await (const chunk of process.stdin) input += chunk;
const [pack] = JSON.parse(input);
const files = pack.files.map((file) => file.path);
const problems = [];
for (const required of ['package.json', 'README.md', 'src/index.js']) {
  if (!files.includes(required)) problems.push('missing ' + required);
}
for (const file of files) if (/^(test|scripts|\.codomyrmex)\//.test(file)) problems.push('should not ship ' + file);

console.log(pack.filename + ': ' + files.length + ' files, ' + pack.size + ' bytes packed, ' + pack.unpackedSize + ' unpacked');
for (const file of files) console.log('  ' + file);
if (problems.length > 0) {
  for (const problem of problems) console.error('pack: ' + problem);
  process.exit(1);
}
setOutput('filename', pack.filename);
setOutput('entries', files.length);
setOutput('unpackedSize', pack.unpackedSize);
`;

// CI: the toolchain check gates three independent checks; the exports check and an npm pack dry run follow, and a
// summary gathers their outputs with the code analysis. The report runs whatever happened.
const CI_WORKFLOW = `# Continuous integration for {{projectName}}: syntax, tests, analysis, public exports and the published file list.
version: 1
name: ci
description: Check the toolchain; syntax-check, test and analyse in parallel; check the exports and what npm would publish.
concurrency: 4
steps:
  - name: check_env
    module: environment_setup
    action: check_environment
    parameters:
      requirements: ["node>=18", "npm"]

  # Fan-out: these three only need the toolchain.
  - name: syntax
    module: shell
    action: run
    parameters:
      command: |
        for f in src/*.js test/*.js scripts/*.mjs; do node --check "$f" || exit 1; done
        echo "syntax ok"
    dependencies: [check_env]

  - name: test
    module: shell
    action: run
    parameters:
      command: npm test --silent
      # npm would otherwise look for a newer npm on the network.
      env: { NPM_CONFIG_UPDATE_NOTIFIER: "false" }
    dependencies: [check_env]
    timeout: 120

  - name: analyze
    module: static_analysis
    action: analyze_code
    parameters:
      path: src
    dependencies: [check_env]

  - name: exports
    module: shell
    action: run
    parameters:
      command: node scripts/check-exports.mjs
    dependencies: [syntax]

  # A dry run builds the file list without writing a tarball or touching the registry.
  - name: pack
    module: shell
    action: run
    parameters:
      command: npm pack --dry-run --json | node scripts/pack-summary.mjs
      env: { NPM_CONFIG_UPDATE_NOTIFIER: "false" }
    dependencies: [test, exports]

  # Fan-in: one line from the outputs of three branches.
  - name: summary
    module: shell
    action: run
    parameters:
      command: >-
        echo "\${{ steps.pack.outputs.filename }}: \${{ steps.pack.outputs.entries }} files,
        \${{ steps.pack.outputs.unpackedSize }} bytes unpacked;
        exports \${{ steps.exports.outputs.names }};
        src/ \${{ steps.analyze.outputs.lines }} lines"
    dependencies: [pack, analyze]

  - name: report
    module: shell
    action: run
    parameters:
      command: |
        echo "ci finished at $(date -u +%Y-%m-%dT%H:%M:%SZ)"
        node -p "const p = require('./package.json'); p.name + '@' + p.version + ' (node ' + process.version + ')'"
    dependencies: [summary]
    runWhen: always
`;

// Release check: three independent agreements (package.json, CHANGELOG.md, tests) on the version given as a param,
// then release notes that list the exports, written only when all of them hold.
const RELEASE_CHECK_WORKFLOW = `# Release check for {{projectName}}: is the version consistent everywhere, and do the tests pass?
version: 1
name: release-check
description: Check package.json and CHANGELOG.md agree with the version to release, run the tests, write release notes.
params:
  version:
    default: "0.1.0"
    description: The version about to be released.
steps:
  - name: manifest
    module: shell
    action: run
    parameters:
      command: |
        version=$(node -p "require('./package.json').version")
        echo "package.json is at $version"
        echo "version=$version" >> "$CODOMYRMEX_OUTPUT"

  - name: version_matches
    module: shell
    action: run
    parameters:
      command: |
        if [ "\${{ steps.manifest.outputs.version }}" != "\${{ params.version }}" ]; then
          echo "package.json says \${{ steps.manifest.outputs.version }}, the release is \${{ params.version }}"
          exit 1
        fi
        echo "package.json matches \${{ params.version }}"
    dependencies: [manifest]

  - name: changelog
    module: shell
    action: run
    parameters:
      command: |
        case "$(cat CHANGELOG.md)" in
          *"## \${{ params.version }}"*) echo "CHANGELOG.md has an entry for \${{ params.version }}" ;;
          *) echo "CHANGELOG.md has no '## \${{ params.version }}' heading"; exit 1 ;;
        esac

  - name: test
    module: shell
    action: run
    parameters:
      command: npm test --silent
      env: { NPM_CONFIG_UPDATE_NOTIFIER: "false" }
    timeout: 120

  - name: exports
    module: shell
    action: run
    parameters:
      command: node scripts/check-exports.mjs

  # Fan-in: notes only for a release that passed every check.
  - name: notes
    module: file
    action: write
    parameters:
      path: "docs/releases/v\${{ params.version }}.md"
      mkdir: true
      content: |
        # {{projectName}} \${{ params.version }}

        Exports (\${{ steps.exports.outputs.count }}): \${{ steps.exports.outputs.names }}

        See CHANGELOG.md for what changed.
    dependencies: [version_matches, changelog, test, exports]

  - name: report
    module: shell
    action: run
    parameters:
      command: ls docs/releases 2>/dev/null || echo "no release notes yet"
    dependencies: [notes]
    runWhen: always
`;

// Docs: generate the API page and list the exports side by side, then require one documented function per export.
const DOCS_WORKFLOW = `# API docs for {{projectName}}: regenerate docs/API.md and make sure every export is documented.
version: 1
name: docs
description: Generate docs/API.md from the doc comments, list the exports, and check that every export is documented.
steps:
  - name: api
    module: shell
    action: run
    parameters:
      command: node scripts/docs.mjs

  - name: exports
    module: shell
    action: run
    parameters:
      command: node scripts/check-exports.mjs

  - name: coverage
    module: shell
    action: run
    parameters:
      command: |
        documented=\${{ steps.api.outputs.documented }}
        exported=\${{ steps.exports.outputs.count }}
        echo "$documented of $exported exports documented (undocumented: \${{ steps.api.outputs.undocumented }})"
        [ "$documented" -eq "$exported" ]
    dependencies: [api, exports]

  - name: report
    module: shell
    action: run
    parameters:
      command: |
        if [ -f docs/API.md ]; then echo "docs/API.md: $(wc -l < docs/API.md) lines"; else echo "docs/API.md was not generated"; fi
    dependencies: [coverage]
    runWhen: always
`;

export const NODE_PACKAGE_TEMPLATE: ProjectTemplate = {
  name: 'node_package',
  description: 'A dependency-free ES module package: src/, node:test tests, generated API docs, CI, release and docs workflows.',
  directories: ['src', 'test', 'scripts', 'docs'],
  files: {
    'README.md': README,
    'CHANGELOG.md': CHANGELOG,
    'package.json': PACKAGE_JSON,
    '.gitignore': 'node_modules/\n*.tgz\n',
    'src/index.js': INDEX_JS,
    'test/index.test.js': INDEX_TEST,
    'scripts/output.mjs': OUTPUT_JS,
    'scripts/docs.mjs': DOCS_JS,
    'scripts/check-exports.mjs': CHECK_EXPORTS_JS,
    'scripts/pack-summary.mjs': PACK_SUMMARY_JS,
  },
  config: {
    entry: 'src/index.js',
    testCommand: 'npm test',
    defaultWorkflow: 'ci',
  },
  workflows: {
    ci: CI_WORKFLOW,
    'release-check': RELEASE_CHECK_WORKFLOW,
    docs: DOCS_WORKFLOW,
  },
};
