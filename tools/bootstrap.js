// First-run bootstrap shared by `npm start` and `npm test`. Node built-ins only: on a fresh clone this runs
// before node_modules exists. It installs what is missing and nothing else, so a second run costs milliseconds.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..');
const CODE_SERVER = path.join(ROOT, '.vscode-e2e', 'node_modules', '.bin', 'code-server');
const CHROMIUM = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'];

const mtime = (f) => {
  try {
    return fs.statSync(f).mtimeMs;
  } catch {
    return 0;
  }
};

const LOCK = path.join(ROOT, 'package-lock.json');
const HASH_MARKER = path.join(ROOT, 'node_modules', '.atlas-lock-sha256');
const lockHash = () => require('node:crypto').createHash('sha256').update(fs.readFileSync(LOCK)).digest('hex');

/**
 * Why node_modules needs `npm ci`, or '' if it is current. Content, not mtime, decides when we can: a checkout
 * that rewrites an identical package-lock.json must not cost a reinstall.
 */
function depsStale() {
  const hidden = path.join(ROOT, 'node_modules', '.package-lock.json'); // npm writes it on every install
  if (!fs.existsSync(hidden)) return 'node_modules is missing';
  if (fs.existsSync(HASH_MARKER) && fs.readFileSync(HASH_MARKER, 'utf8').trim() === lockHash()) return '';
  if (mtime(LOCK) > mtime(hidden)) return 'package-lock.json changed since node_modules was installed';
  fs.writeFileSync(HASH_MARKER, lockHash()); // `npm install` ran after the lock changed: current, remember it
  return '';
}

function codeServerMissing() {
  if (!fs.existsSync(CODE_SERVER)) return 'code-server is not installed';
  if (!CHROMIUM.some((p) => fs.existsSync(p))) return 'Chromium is not installed';
  return '';
}

function step(label, cmd, args) {
  const t = Date.now();
  console.log(`\n▶ ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, npm_config_yes: 'true' },
  });
  if (r.status !== 0) throw new Error(`${label} failed (exit ${r.status ?? r.signal})`);
  console.log(`  ${label} took ${((Date.now() - t) / 1000).toFixed(1)} s`);
}

/** The path of an executable on PATH, or '' (no shell: `command -v` is a shell builtin). */
function whichSync(name) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    const p = path.join(dir, name);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      if (fs.statSync(p).isFile()) return p;
    } catch {
      /* not here */
    }
  }
  return '';
}

/** Installs npm dependencies if stale and (when `browser` is true) code-server + Chromium if missing. */
function bootstrap({ browser = true } = {}) {
  const why = depsStale();
  if (why) {
    step(`npm ci (${why})`, 'npm', ['ci', '--no-audit', '--no-fund']);
    fs.writeFileSync(HASH_MARKER, lockHash());
  }
  if (browser) {
    const miss = codeServerMissing();
    if (miss) step(`setup code-server (${miss})`, 'bash', [path.join(ROOT, 'tools', 'setup-code-server.sh')]);
  }
}

/**
 * Runs a command in its own process group, streaming its output, killing the whole group after `timeoutSec`.
 * Resolves { code, output, timedOut, seconds }.
 */
function runLimited(cmd, args, { timeoutSec = 600, env = {} } = {}) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(cmd, args, {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
      env: { ...process.env, ...env },
    });
    running.add(child.pid);
    let output = '';
    const keep = (d) => {
      output += d;
      if (output.length > 200000) output = output.slice(-100000);
    };
    child.stdout.on('data', (d) => {
      process.stdout.write(d);
      keep(d);
    });
    child.stderr.on('data', (d) => {
      process.stderr.write(d);
      keep(d);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(`\n⏱ ${cmd} ${args.join(' ')} exceeded ${timeoutSec} s: stopping it`);
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* gone */
      }
      setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }, 10000).unref();
    }, timeoutSec * 1000);
    child.on('error', (e) => {
      output += String(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      running.delete(child.pid);
      resolve({ code: code ?? (signal ? 128 : 1), output, timedOut, seconds: (Date.now() - t0) / 1000 });
    });
  });
}

// Children of runLimited: killed if we are interrupted, so a Ctrl+C or a CI timeout leaves nothing behind.
const running = new Set();
let handlers = false;
function installKillOnExit() {
  if (handlers) return;
  handlers = true;
  const killAll = (sig) => {
    for (const pid of running) {
      try {
        process.kill(-pid, sig);
      } catch {
        /* gone */
      }
    }
  };
  process.on('exit', () => killAll('SIGKILL'));
  // SIGTERM first and wait: a child driver needs a moment to stop the code-server/simulator groups it owns
  // (SIGKILLing it at once would orphan them until the next run's reaper).
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'])
    process.on(s, () => {
      killAll('SIGTERM');
      const deadline = Date.now() + 10000;
      const wait = () => (running.size === 0 || Date.now() > deadline ? process.exit(130) : setTimeout(wait, 100));
      wait();
    });
}

module.exports = { ROOT, bootstrap, depsStale, codeServerMissing, runLimited, installKillOnExit, step, whichSync };
