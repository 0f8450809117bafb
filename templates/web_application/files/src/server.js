// A static file server for one folder, with a JSON health endpoint; Node's http module only.
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
