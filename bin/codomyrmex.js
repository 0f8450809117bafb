#!/usr/bin/env node
// The `codomyrmex` command: runs the built CLI script from V8's code cache (compiled once, then reused by every start),
// or says how to build it. A CommonJS script (bin/package.json says so): an ES module entry would load Node's ES module
// loader and the streams and readline modules it uses, ~20 modules, before the first line of the CLI runs.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS script, as said above */
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const vm = require('node:vm');

const script = join(__dirname, '..', 'dist', 'cli', 'main.cjs');
let source;
try {
  // The build leaves it all ASCII: read as Latin-1, it becomes a one-byte string with no UTF-8 decoding.
  source = readFileSync(script, 'latin1');
} catch {
  process.stderr.write('codomyrmex: the CLI is not built yet; run `npm run build` (or `npm install`) in the repository first.\n');
  process.exit(2);
}

/** A short, stable hash of a string (FNV-1a): which Node flags a cache was made under. */
function fnv1a(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16);
}

// A cache fits only the script it was made from (the build writes the script's hash on its last line), and V8 refuses
// one made by another Node or under other flags: each gets its own file, so that they never overwrite each other.
const build = /\/\/# codomyrmex-build=([0-9a-f]+)\n$/.exec(source.slice(-64))?.[1];
const cacheFile = build === undefined ? null : join(dirname(script), 'code-cache', `${build}-${process.version}-${process.arch}-${fnv1a(`${process.execArgv.join(' ')}|${process.env.NODE_OPTIONS ?? ''}`)}.bin`);
let cachedData;
try {
  if (cacheFile !== null) cachedData = readFileSync(cacheFile);
} catch {
  // None yet: this run writes it.
}

// The script is one function expression, `(function (exports, require, module, __filename, __dirname) {…})`.
const compiled = new vm.Script(source, { filename: script, cachedData });
// Made as the process ends, so that it holds every function this command compiled, not only the top level.
if (cacheFile !== null && (cachedData === undefined || compiled.cachedDataRejected)) {
  process.once('exit', () => {
    try {
      mkdirSync(dirname(cacheFile), { recursive: true });
      const partial = `${cacheFile}.${process.pid}`;
      writeFileSync(partial, compiled.createCachedData());
      renameSync(partial, cacheFile);
    } catch {
      // A read-only install: every start compiles, as without a cache.
    }
  });
}
const cli = { exports: {} };
compiled.runInThisContext()(cli.exports, createRequire(script), cli, script, dirname(script));
