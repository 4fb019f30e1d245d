#!/usr/bin/env node
// `npm test`: every tier, from a fresh clone if need be. Bootstraps with Node built-ins only (npm ci when
// node_modules is missing or stale, code-server + Chromium when missing), then runs, each under a time limit
// and with its output streamed: lint (ESLint, Prettier's check), typecheck, build, unit, package (.vsix), integration
// (mocha inside VS Code's extension host), UI (Playwright on the installed .vsix), third-party (MongoDB's MCP server,
// a v1.0 Digest client and the API reference's curl examples against the simulator; the clients are installed pinned
// into .cache/thirdparty on demand). Ends with a summary and "N passed, N failed".
// Under CI (the CI variable set), or with --clock, the unit and third-party tiers run again under shifted clocks
// (libfaketime's `faketime`: hours back, days back across a week boundary, and in a non-UTC time zone), each a step
// of its own ("unit@-5h: N passed, N failed"): the seed is built relative to the clock, so a test that holds only at
// some hours or on some days fails here rather than on the day it meets one.
// Flags: --unit, --integration, --ui, --thirdparty (run only those tiers, with the build and package they need; lint
// and typecheck run in a full run only); --clock (the clock runs; alone, only them).
'use strict';
const { bootstrap, runLimited, installKillOnExit, whichSync } = require('../tools/bootstrap');

const argv = process.argv.slice(2);
const picked = ['unit', 'integration', 'ui', 'thirdparty'].filter((t) => argv.includes(`--${t}`));
const clockOnly = argv.includes('--clock') && picked.length === 0;
const tiers = picked.length ? picked : clockOnly ? [] : ['unit', 'integration', 'ui', 'thirdparty'];
const all = picked.length === 0 && !clockOnly;
const clockRuns = argv.includes('--clock') || Boolean(process.env.CI);
const limit = (name, dflt) => Number(process.env[`ATLAS_TEST_TIMEOUT_${name.toUpperCase()}`] || dflt);

/**
 * The shifted clocks. `faketime -f` offsets the clock of every process below it (the simulator, the MCP server,
 * curl, openssl); the monotonic clock is left alone (FAKETIME_DONT_FAKE_MONOTONIC=1) so timers and timeouts keep
 * real time. esbuild, a Go binary, reads the time without libc and keeps the true clock, which it does not use.
 * Ten days back always crosses a week boundary (and, on ten days a month, a month end); Lord Howe's offset is
 * +10:30/+11 with a half-hour DST shift, so local dates differ from UTC ones most of the day.
 */
const CLOCKS = [
  { label: '-5h', faketime: '-5h' },
  { label: '-10d', faketime: '-10d' },
  { label: 'Lord_Howe', env: { TZ: 'Australia/Lord_Howe' } },
];
const clockTiers = clockRuns
  ? (picked.length ? picked : ['unit', 'thirdparty']).filter((t) => t === 'unit' || t === 'thirdparty')
  : [];
const TIER_CMD = { unit: ['scripts/test-unit.js'], thirdparty: ['test/thirdparty/run.js'] };
const clockSteps = clockTiers.flatMap((tier) =>
  CLOCKS.map((c) => ({
    name: `${tier}@${c.label}`,
    report: tier,
    cmd: c.faketime ? 'faketime' : process.execPath,
    args: c.faketime ? ['-f', c.faketime, process.execPath, ...TIER_CMD[tier]] : TIER_CMD[tier],
    env: { ...(c.faketime ? { FAKETIME_DONT_FAKE_MONOTONIC: '1' } : {}), ...(c.env ?? {}) },
    timeout: limit(tier, tier === 'unit' ? 600 : 420),
    counts: true,
    needs: c.faketime ? ['faketime'] : [],
  })),
);

const steps = [
  // First, for fast feedback: a finding fails the run like a type error does.
  all && { name: 'lint', cmd: 'npm', args: ['run', '--silent', 'lint'], timeout: limit('lint', 300) },
  all && { name: 'typecheck', cmd: 'npm', args: ['run', '--silent', 'typecheck'], timeout: limit('typecheck', 300) },
  (tiers.includes('integration') || tiers.includes('ui')) && {
    name: 'build',
    cmd: process.execPath,
    args: ['esbuild.js'],
    timeout: limit('build', 180),
    gate: true,
  },
  tiers.includes('unit') && {
    name: 'unit',
    cmd: process.execPath,
    args: ['scripts/test-unit.js'],
    timeout: limit('unit', 600),
    counts: true,
  },
  // Cold (a new CI machine) the install takes about a minute; the tests about 15 s.
  tiers.includes('thirdparty') && {
    name: 'thirdparty',
    cmd: process.execPath,
    args: ['test/thirdparty/run.js'],
    timeout: limit('thirdparty', 420),
    counts: true,
  },
  tiers.includes('ui') && {
    name: 'package',
    cmd: 'npm',
    args: ['run', '--silent', 'package'],
    timeout: limit('package', 180),
    gate: true,
    needs: ['build'],
  },
  tiers.includes('integration') && {
    name: 'integration',
    cmd: process.execPath,
    args: ['test/e2e/run-integration.js', '--no-build'],
    timeout: limit('integration', 600),
    counts: true,
    needs: ['build'],
  },
  tiers.includes('ui') && {
    name: 'ui',
    cmd: process.execPath,
    args: ['test/e2e/run-ui.js', '--no-build'],
    timeout: limit('ui', 600),
    counts: true,
    needs: ['build', 'package'],
  },
  // The clients are installed with the true clock (npm and TLS refuse what looks like it comes from the future);
  // the clock runs only use them.
  clockTiers.includes('thirdparty') &&
    !tiers.includes('thirdparty') && {
      name: 'thirdparty install',
      cmd: process.execPath,
      args: ['test/thirdparty/run.js', '--install-only'],
      timeout: limit('thirdparty', 420),
      gate: true,
    },
  clockSteps.some((s) => s.needs.includes('faketime')) && {
    name: 'faketime',
    check: () => (whichSync('faketime') ? '' : 'faketime is not installed (Debian/Ubuntu: apt-get install faketime)'),
    gate: true,
  },
  ...clockSteps.map((s) =>
    s.report === 'thirdparty' && !tiers.includes('thirdparty')
      ? { ...s, needs: [...s.needs, 'thirdparty install'] }
      : s,
  ),
].filter(Boolean);

async function main() {
  installKillOnExit();
  const t0 = Date.now();
  try {
    bootstrap({ browser: tiers.includes('integration') || tiers.includes('ui') });
  } catch (e) {
    console.error(`\nbootstrap failed: ${e.message}`);
    console.log('\n0 passed, 1 failed');
    process.exit(1);
  }
  const rows = [];
  const failedGates = new Set();
  for (const s of steps) {
    const blocked = (s.needs || []).filter((n) => failedGates.has(n));
    if (blocked.length) {
      rows.push({
        name: s.name,
        status: `skipped (${blocked.join(', ')} failed)`,
        passed: 0,
        failed: s.counts ? 1 : 0,
        seconds: 0,
      });
      if (s.gate) failedGates.add(s.name);
      continue;
    }
    if (s.check) {
      const why = s.check();
      if (why) console.error(`\n━━━ ${s.name} ━━━ ${why}`);
      rows.push({ name: s.name, status: why ? 'FAILED (missing)' : 'ok', passed: 0, failed: why ? 1 : 0, seconds: 0 });
      if (why) failedGates.add(s.name);
      continue;
    }
    const shown = (c) => (c === process.execPath ? 'node' : c);
    const envShown = Object.entries(s.env ?? {})
      .map(([k, v]) => `${k}=${v} `)
      .join('');
    console.log(
      `\n━━━ ${s.name} ━━━ (${envShown}${shown(s.cmd)} ${s.args.map(shown).join(' ')}; limit ${s.timeout} s)`,
    );
    const r = await runLimited(s.cmd, s.args, {
      timeoutSec: s.timeout,
      env: { CI: process.env.CI || '', ...(s.env ?? {}) },
    });
    let passed = 0,
      failed = 0;
    if (s.counts) {
      const m = [...r.output.matchAll(new RegExp(`^${s.report ?? s.name}: (\\d+) passed, (\\d+) failed`, 'gm'))].pop();
      if (m) {
        passed = Number(m[1]);
        failed = Number(m[2]);
      }
      if (r.code !== 0 && failed === 0) failed = 1; // crashed or timed out before reporting
    } else if (r.code !== 0) {
      failed = 1;
    }
    if (s.report) console.log(`${s.name}: ${passed} passed, ${failed} failed`);
    if (r.code !== 0 && s.gate) failedGates.add(s.name);
    if (s.name === 'package' && /Couldn't detect the repository/.test(r.output)) {
      console.error(
        '\nhint: vsce rewrites relative links in README.md and needs a "repository" in package.json for that;' +
          ' add --no-rewrite-relative-links to the "package" script, or a repository field, or make the links absolute.',
      );
    }
    const status = r.timedOut ? `TIMED OUT after ${s.timeout} s` : r.code === 0 ? 'ok' : `FAILED (exit ${r.code})`;
    rows.push({ name: s.name, status, passed, failed, seconds: r.seconds });
  }
  const passed = rows.reduce((n, r) => n + r.passed, 0);
  const failed = rows.reduce((n, r) => n + r.failed, 0);
  console.log('\n━━━ summary ━━━');
  for (const r of rows) {
    const counts = steps.find((s) => s.name === r.name).counts ? `${r.passed} passed, ${r.failed} failed` : '';
    console.log(`  ${r.name.padEnd(20)} ${r.status.padEnd(28)} ${counts.padEnd(24)} ${r.seconds.toFixed(1)} s`);
  }
  console.log(`  total ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && passed > 0 && rows.every((r) => r.status === 'ok') ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  console.log('\n0 passed, 1 failed');
  process.exit(1);
});
