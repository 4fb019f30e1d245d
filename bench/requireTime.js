#!/usr/bin/env node
// `node bench/requireTime.js dist/extension.js`: prints the milliseconds one `require` of a bundle takes in this fresh
// process (reading, compiling and running its top level), with `vscode` stubbed. bench/run.js runs it several times
// for every bundle the extension loads and prints the medians: the activation cost that bytes only stand in for.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { performance } = require('node:perf_hooks');

// Enough of `vscode` for a bundle's top level: every export name of the real API (esbuild's ESM interop copies own
// properties), each a callable, constructible, extensible stand-in.
function stand(name) {
  return new Proxy(function () {}, {
    get: (t, p) => (p === 'prototype' ? t.prototype : typeof p === 'symbol' || p === 'then' ? undefined : stand(p)),
    apply: () => stand(name),
    construct: () => ({}),
  });
}
const dts = fs.readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
const vscode = {};
for (const m of dts.matchAll(/^[\t ]+export (?:class|enum|namespace|function|const|let|var) (\w+)/gm))
  vscode[m[1]] = stand(m[1]);
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? vscode : load.call(this, request, ...rest);
};

const file = path.resolve(process.argv[2]);
const t0 = performance.now();
require(file);
process.stdout.write(`${(performance.now() - t0).toFixed(2)}\n`);
