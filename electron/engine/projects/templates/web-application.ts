// The web_application template: a dependency-free Node static server with a health endpoint, tests, a build and CI.
import type { ProjectTemplate } from './template.js';

// Embedded scripts are String.raw so their backslashes stay as written; they avoid backticks and "${" for the same reason.

const README = `# {{projectName}}

A small web application: static pages in public/, served by a dependency-free Node
server (src/server.js) that also answers GET /api/health. Nothing to install.

~~~
npm start          serve public/ on http://127.0.0.1:3000 (PORT to change it)
npm test           node --test: server and path-safety tests in tests/
npm run build      copy public/ to dist/ with a build-info.json of sizes and SHA-256 sums
~~~

Layout:

~~~
public/            index.html, styles.css, app.js (the page asks the server for its health)
src/server.js      static files + /api/health; refuses paths that escape its root
scripts/           build.mjs (dist/), smoke.mjs (serves dist/ and checks it), output.mjs
tests/             node:test tests
docs/              architecture notes
~~~

Workflows (in .codomyrmex/workflows, open them in Codomyrmex Orchestrator):

- ci: toolchain check, then syntax check, tests and code analysis in parallel, then build,
  a smoke test of the build, and a report that always runs.
- release: tests, a versioned build, release notes and a smoke test side by side, then
  the build copied to releases/<version>/.
`;

const PACKAGE_JSON = `{
  "name": "{{projectName}}",
  "version": "0.1.0",
  "private": true,
  "type": "module",
  "description": "A small web application run by Codomyrmex Orchestrator.",
  "scripts": {
    "start": "node src/server.js",
    "build": "node scripts/build.mjs",
    "test": "node --test"
  },
  "engines": {
    "node": ">=18"
  }
}
`;

const INDEX_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{projectName}}</title>
    <link rel="stylesheet" href="styles.css">
  </head>
  <body>
    <main>
      <h1>{{projectName}}</h1>
      <p>Served by a dependency-free Node server. Edit <code>public/index.html</code> to begin.</p>
      <p>Server status: <strong id="status">checking…</strong></p>
    </main>
    <script type="module" src="app.js"></script>
  </body>
</html>
`;

const STYLES_CSS = `:root {
  color-scheme: light dark;
  font-family: system-ui, sans-serif;
}

main {
  max-width: 40rem;
  margin: 4rem auto;
  padding: 0 1rem;
  line-height: 1.5;
}

#status.ok { color: seagreen; }
#status.down { color: firebrick; }
`;

const APP_JS = String.raw`// Asks the server for its health and shows the answer on the page.
const status = document.getElementById('status');

try {
  const response = await fetch('/api/health');
  const health = await response.json();
  status.textContent = health.ok ? 'up (' + health.name + ' ' + health.version + ')' : 'unhealthy';
  status.className = health.ok ? 'ok' : 'down';
} catch {
  status.textContent = 'unreachable (opened as a file? run npm start)';
  status.className = 'down';
}
`;

const SERVER_JS = String.raw`// A static file server for one folder, with a JSON health endpoint; Node's http module only.
import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const PUBLIC_DIR = fileURLToPath(new URL('../public', import.meta.url));
const PACKAGE = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

export function contentType(file) {
  return TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** The file a URL path names inside root, or null when the path is malformed or would leave root. */
export function resolveInside(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const base = resolve(root);
  const file = resolve(base, '.' + normalize('/' + decoded));
  return file === base || file.startsWith(base + sep) ? file : null;
}

export function createServer({ root = PUBLIC_DIR } = {}) {
  return createHttpServer(async (request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    if (pathname === '/api/health') {
      send(response, 200, TYPES['.json'], JSON.stringify({ ok: true, name: PACKAGE.name, version: PACKAGE.version }));
      return;
    }
    let file = resolveInside(root, pathname);
    if (file === null) return send(response, 400, 'text/plain; charset=utf-8', 'Bad path\n');
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      send(response, 200, contentType(file), await readFile(file));
    } catch {
      send(response, 404, 'text/plain; charset=utf-8', 'Not found\n');
    }
  });
}

function send(response, status, type, body) {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  response.end(body);
}

// Listen only when run as a program (npm start), not when imported by tests or the smoke check.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT ?? 3000);
  createServer().listen(port, '127.0.0.1', () => console.log('serving ' + PUBLIC_DIR + ' on http://127.0.0.1:' + port));
}
`;

const SERVER_TEST = String.raw`import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { contentType, createServer, resolveInside } from '../src/server.js';

let server;
let base;

before(async () => {
  server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = 'http://127.0.0.1:' + server.address().port;
});

after(() => {
  server.close();
  server.closeAllConnections();
});

test('the home page is served as HTML', async () => {
  const response = await fetch(base + '/');
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type'), /text\/html/);
  assert.match(await response.text(), /<title>/);
});

test('the health endpoint answers ok with the package name', async () => {
  const health = await (await fetch(base + '/api/health')).json();
  assert.equal(health.ok, true);
  assert.equal(typeof health.name, 'string');
});

test('a missing file is a 404', async () => {
  assert.equal((await fetch(base + '/nope.html')).status, 404);
});

test('paths cannot climb out of the served folder', () => {
  assert.equal(resolveInside('/srv/site', '/../../etc/passwd'), '/srv/site/etc/passwd');
  assert.equal(resolveInside('/srv/site', '/%2e%2e/secret'), '/srv/site/secret');
  assert.equal(resolveInside('/srv/site', '/%E0%A4%A'), null);
});

test('content types follow the extension', () => {
  assert.equal(contentType('a/b.CSS'), 'text/css; charset=utf-8');
  assert.equal(contentType('blob.bin'), 'application/octet-stream');
});
`;

const OUTPUT_JS = String.raw`// Step outputs: key=value lines appended to the file named by $CODOMYRMEX_OUTPUT (ignored when run by hand).
import { appendFileSync } from 'node:fs';

export function setOutput(key, value) {
  const file = process.env.CODOMYRMEX_OUTPUT;
  if (file) appendFileSync(file, key + '=' + String(value) + '\n');
}
`;

const BUILD_JS = String.raw`// Builds dist/: a copy of public/ and a build-info.json listing every file with its size and SHA-256.
import { createHash } from 'node:crypto';
import { cpSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setOutput } from './output.mjs';

const SOURCE = 'public';
const OUT = 'dist';

rmSync(OUT, { recursive: true, force: true });
cpSync(SOURCE, OUT, { recursive: true });

const files = walk(OUT)
  .map((relative) => {
    const body = readFileSync(join(OUT, relative));
    return { path: relative, bytes: body.length, sha256: createHash('sha256').update(body).digest('hex') };
  })
  .sort((a, b) => a.path.localeCompare(b.path));
const bytes = files.reduce((sum, file) => sum + file.bytes, 0);
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const info = { name: pkg.name, version: process.env.APP_VERSION || pkg.version, builtAt: new Date().toISOString(), files };
writeFileSync(join(OUT, 'build-info.json'), JSON.stringify(info, null, 2) + '\n');

for (const file of files) console.log(file.path.padEnd(24) + String(file.bytes).padStart(8) + ' B  ' + file.sha256.slice(0, 12));
console.log('built ' + info.name + ' ' + info.version + ': ' + files.length + ' files, ' + bytes + ' bytes in ' + OUT + '/');
setOutput('files', files.length);
setOutput('bytes', bytes);
setOutput('version', info.version);

/** Every file under dir, as a path relative to it with "/" separators. */
function walk(dir, prefix = '') {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name), prefix + entry.name + '/') : entry.isFile() ? [prefix + entry.name] : [],
  );
}
`;

const SMOKE_JS = String.raw`// Checks a build: the file count the build reported, every checksum, and the server answering from dist/.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createServer } from '../src/server.js';
import { setOutput } from './output.mjs';

const OUT = 'dist';
const expected = process.argv[2] === undefined ? undefined : Number(process.argv[2]);
const info = JSON.parse(readFileSync(join(OUT, 'build-info.json'), 'utf8'));
const problems = [];

if (expected !== undefined && info.files.length !== expected) problems.push('the build reported ' + expected + ' files, build-info lists ' + info.files.length);
for (const file of info.files) {
  const sum = createHash('sha256').update(readFileSync(join(OUT, file.path))).digest('hex');
  if (sum !== file.sha256) problems.push(file.path + ' does not match its checksum');
}

const server = createServer({ root: resolve(OUT) });
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const base = 'http://127.0.0.1:' + server.address().port;
try {
  const page = await fetch(base + '/');
  if (page.status !== 200 || !(await page.text()).includes('<title>')) problems.push('GET / did not return the page');
  const health = await (await fetch(base + '/api/health')).json();
  if (health.ok !== true) problems.push('GET /api/health is not ok');
} finally {
  server.close();
  server.closeAllConnections();
}

if (problems.length > 0) {
  for (const problem of problems) console.error('smoke: ' + problem);
  process.exit(1);
}
console.log('smoke: ' + info.files.length + ' files verified, / and /api/health answer from ' + OUT + '/');
setOutput('verified', info.files.length);
`;

const ARCHITECTURE_MD = `# Architecture of {{projectName}}

- The browser loads public/index.html; public/app.js calls GET /api/health.
- src/server.js serves one folder (public/ in development, dist/ in the smoke check)
  and resolves every path inside it, so "/../" can never reach other files.
- scripts/build.mjs makes dist/ and records each file's size and SHA-256 in
  dist/build-info.json; scripts/smoke.mjs checks a build against that record.
- Workflow steps report figures (file counts, versions) through $CODOMYRMEX_OUTPUT,
  so later steps can check them (see scripts/output.mjs).
`;

// CI: the toolchain check gates three independent checks; the build waits for all of them, and the file count it
// reports is passed to the smoke test through its outputs. The report runs whatever happened.
const CI_WORKFLOW = `# Continuous integration for {{projectName}}: everything that needs no network, then a build that is smoke-tested.
version: 1
name: ci
description: Check the toolchain; syntax-check, test and measure the code in parallel; build; smoke-test the build.
concurrency: 4
params:
  maxSourceLines:
    default: 2000
    description: Line budget for src/; the budget step fails above it.
steps:
  - name: check_env
    module: environment_setup
    action: check_environment
    parameters:
      requirements: ["node>=18", "npm"]

  # Fan-out: these three only need the toolchain, not each other.
  - name: lint
    module: shell
    action: run
    parameters:
      command: |
        count=0
        for f in src/*.js public/*.js scripts/*.mjs tests/*.js; do
          node --check "$f" || exit 1
          count=$((count + 1))
        done
        echo "syntax ok in $count files"
        echo "files=$count" >> "$CODOMYRMEX_OUTPUT"
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

  # Reads the analysis outputs; the threshold is a workflow param so it can be raised per run.
  - name: budget
    module: shell
    action: run
    parameters:
      command: |
        lines=\${{ steps.analyze.outputs.lines }}
        echo "src/: \${{ steps.analyze.outputs.files }} files, $lines lines (budget \${{ params.maxSourceLines }}), \${{ steps.analyze.outputs.fixme }} FIXME"
        [ "$lines" -le \${{ params.maxSourceLines }} ] || { echo "src/ is over its line budget"; exit 1; }
    dependencies: [analyze]

  # Fan-in: build only what passed every check.
  - name: build
    module: shell
    action: run
    parameters:
      command: node scripts/build.mjs
    dependencies: [lint, test, budget]

  # The build's own file count is checked against dist/ and its checksums; the server must answer from dist/.
  - name: smoke
    module: shell
    action: run
    parameters:
      command: node scripts/smoke.mjs \${{ steps.build.outputs.files }}
    dependencies: [build]
    timeout: 30
    retry: { count: 1, delay: 1, backoff: 1 }

  # Always runs, so a red run still says how far it got.
  - name: report
    module: shell
    action: run
    parameters:
      command: |
        echo "ci finished at $(date -u +%Y-%m-%dT%H:%M:%SZ)"
        if [ -f dist/build-info.json ]; then
          node -p "const b = require('./dist/build-info.json'); 'dist/: ' + b.name + ' ' + b.version + ', ' + b.files.length + ' files, built ' + b.builtAt"
        else
          echo "dist/: no build (a step before the build failed)"
        fi
    dependencies: [smoke]
    runWhen: always
`;

// Release: a versioned build, then notes and a smoke test side by side, then the verified build copied into
// releases/<version>/. The version is a run param, used by the build, the notes and the copy.
const RELEASE_WORKFLOW = `# Release for {{projectName}}: build a version, write its notes, verify it, and keep a copy under releases/.
version: 1
name: release
description: Test, build with a version stamp, write release notes and smoke-test in parallel, then publish to releases/.
params:
  version:
    default: "0.1.0"
    description: The version stamped into dist/build-info.json and the release folder's name.
steps:
  - name: test
    module: shell
    action: run
    parameters:
      command: npm test --silent
      env: { NPM_CONFIG_UPDATE_NOTIFIER: "false" }
    timeout: 120

  - name: build
    module: shell
    action: run
    parameters:
      command: node scripts/build.mjs
      env: { APP_VERSION: "\${{ params.version }}" }
    dependencies: [test]

  # Fan-out: the notes use the build's figures; the smoke test checks the build itself.
  - name: notes
    module: file
    action: write
    parameters:
      path: "releases/\${{ params.version }}/NOTES.md"
      mkdir: true
      content: |
        # {{projectName}} \${{ params.version }}

        - Files: \${{ steps.build.outputs.files }} (\${{ steps.build.outputs.bytes }} bytes)
        - Checksums: site/build-info.json
    dependencies: [build]

  - name: smoke
    module: shell
    action: run
    parameters:
      command: node scripts/smoke.mjs \${{ steps.build.outputs.files }}
    dependencies: [build]
    timeout: 30

  # Fan-in: only a verified build with notes is published.
  - name: publish
    module: shell
    action: run
    parameters:
      command: |
        target="releases/\${{ params.version }}/site"
        rm -rf "$target" && mkdir -p "$target" && cp -R dist/. "$target/"
        echo "published \${{ steps.build.outputs.version }} to $target (notes: \${{ steps.notes.outputs.path }})"
        echo "dir=$target" >> "$CODOMYRMEX_OUTPUT"
    dependencies: [smoke, notes]

  - name: report
    module: shell
    action: run
    parameters:
      command: ls -R releases 2>/dev/null || echo "nothing released yet"
    dependencies: [publish]
    runWhen: always
`;

export const WEB_APPLICATION_TEMPLATE: ProjectTemplate = {
  name: 'web_application',
  description: 'A small web application: static pages served by a dependency-free Node server, with tests, a build, CI and release workflows.',
  directories: ['src', 'public/assets', 'tests', 'scripts', 'docs'],
  files: {
    'README.md': README,
    'package.json': PACKAGE_JSON,
    '.gitignore': 'node_modules/\ndist/\nreleases/\n',
    'public/index.html': INDEX_HTML,
    'public/styles.css': STYLES_CSS,
    'public/app.js': APP_JS,
    'src/server.js': SERVER_JS,
    'tests/server.test.js': SERVER_TEST,
    'scripts/output.mjs': OUTPUT_JS,
    'scripts/build.mjs': BUILD_JS,
    'scripts/smoke.mjs': SMOKE_JS,
    'docs/architecture.md': ARCHITECTURE_MD,
  },
  config: {
    port: 3000,
    publicDir: 'public',
    buildDir: 'dist',
    defaultWorkflow: 'ci',
  },
  workflows: {
    ci: CI_WORKFLOW,
    release: RELEASE_WORKFLOW,
  },
};
