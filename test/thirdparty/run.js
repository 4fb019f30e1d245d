#!/usr/bin/env node
// Third-party tier: real Atlas clients that are not ours, against the simulator over HTTPS, as a user would point
// them at it from the simulator's banner. Proves the simulator answers as Atlas does, not only as our client expects.
//
//   - MongoDB's MCP server (`mongodb-mcp-server`, pinned), driven over stdio with MCP JSON-RPC: lists projects and
//     clusters, inspects a cluster, and revokes its token when it shuts down;
//   - a v1.0 HTTP Digest client from the registry (`mongodb-atlas-api-client`, pinned);
//   - the Atlas API reference's curl examples, unchanged but for the host and `--cacert` (v2 with the 2025-03-12
//     date, v1.0 compliance policy and schedule, bearer and `--digest`, token revocation).
//
// The clients are installed on demand into an ignored cache folder (never package.json: the MCP server is ~400 MB),
// pinned with a lock file (test/thirdparty/package*.json, npm ci), with install scripts off. Usage: node test/thirdparty/run.js [--root DIR] [--http] [--only SUBSTRING] [--install-only]
//   --root DIR   bundle the simulator from DIR/src/simulator/main.ts (default: this checkout), e.g. another worktree
//   --http       start the simulator without --https (to see what an HTTP-only simulator does)
//   --install-only  install the clients and stop (scripts/test.js runs it with the true clock before the clock runs)
// Env: ATLAS_THIRDPARTY_CACHE (default <repo>/.cache/thirdparty). Ends with "thirdparty: N passed, N failed".
'use strict';
const { spawn, spawnSync, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const https = require('node:https');
const http = require('node:http');
const path = require('node:path');
const readline = require('node:readline');

const REPO = path.resolve(__dirname, '../..');
const PINNED = { 'mongodb-mcp-server': '3.0.4', 'mongodb-atlas-api-client': '4.19.0' };
const argv = process.argv.slice(2);
const opt = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const ROOT = path.resolve(opt('--root') ?? REPO);
const ONLY = opt('--only');
const USE_HTTP = argv.includes('--http');
const CACHE = path.resolve(process.env.ATLAS_THIRDPARTY_CACHE || path.join(REPO, '.cache/thirdparty'));

function log(s) {
  process.stdout.write(`${s}\n`);
}

// ---- install (pinned, on demand) ----

function ensureInstalled() {
  // The versions are pinned in test/thirdparty/package.json and, with every transitive dependency, in its lock file;
  // npm ci installs exactly that. The cache is reused while the lock file is unchanged.
  const manifest = fs.readFileSync(path.join(__dirname, 'package.json'), 'utf8');
  const lock = fs.readFileSync(path.join(__dirname, 'package-lock.json'), 'utf8');
  const pinned = JSON.parse(manifest).dependencies;
  for (const [p, v] of Object.entries(PINNED))
    if (pinned[p] !== v) throw new Error(`test/thirdparty/package.json pins ${p}@${pinned[p]}, run.js expects ${v}`);
  const want = require('node:crypto').createHash('sha256').update(lock).digest('hex');
  const marker = path.join(CACHE, 'installed.sha256');
  const names = Object.entries(PINNED)
    .map(([p, v]) => `${p}@${v}`)
    .join(', ');
  if (
    fs.existsSync(marker) &&
    fs.readFileSync(marker, 'utf8') === want &&
    Object.keys(PINNED).every((p) => fs.existsSync(path.join(CACHE, 'node_modules', p, 'package.json')))
  ) {
    log(`thirdparty: clients already installed in ${CACHE} (${names})`);
    return 0;
  }
  fs.mkdirSync(CACHE, { recursive: true });
  fs.writeFileSync(path.join(CACHE, 'package.json'), manifest);
  fs.writeFileSync(path.join(CACHE, 'package-lock.json'), lock);
  const t0 = Date.now();
  log(`thirdparty: installing ${names} into ${CACHE} (npm ci, install scripts off) …`);
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], {
    cwd: CACHE,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error(`npm ci failed (exit ${r.status})`);
  fs.writeFileSync(marker, want);
  const s = (Date.now() - t0) / 1000;
  log(`thirdparty: installed in ${s.toFixed(1)} s`);
  return s;
}

// ---- the simulator ----

async function startSimulator() {
  const out = path.join(CACHE, 'simulator.js');
  const esbuild = require(require.resolve('esbuild', { paths: [REPO] }));
  await esbuild.build({
    entryPoints: [path.join(ROOT, 'src/simulator/main.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: out,
    logLevel: 'silent',
  });
  const child = spawn(process.execPath, [out, '--json', '--port', '0', ...(USE_HTTP ? [] : ['--https'])], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const first = await new Promise((resolve, reject) => {
    const rl = readline.createInterface({ input: child.stdout });
    rl.once('line', resolve);
    child.once('exit', (code) =>
      reject(
        new Error(`the simulator exited (${code}) before listening: ${stderr.trim().split('\n')[0] || 'no output'}`),
      ),
    );
  });
  const info = JSON.parse(first);
  const ca = info.caCertPath ? fs.readFileSync(info.caCertPath, 'utf8') : undefined;
  return {
    ...info,
    child,
    ca,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}

/** A request to the simulator's control plane (trusting its certificate). */
function control(sim, method, p) {
  return new Promise((resolve, reject) => {
    const mod = sim.url.startsWith('https:') ? https : http;
    const req = mod.request(`${sim.url}${p}`, { method, ca: sim.ca }, (res) => {
      let text = '';
      res.on('data', (d) => {
        text += d;
      });
      res.on('end', () => resolve(text ? JSON.parse(text) : undefined));
    });
    req.on('error', reject);
    req.end();
  });
}

// ---- MCP over stdio ----

/** The variables that shift a process's clock (libfaketime's LD_PRELOAD and FAKETIME*) or set its time zone. */
function clockEnv() {
  return Object.fromEntries(
    Object.entries(process.env).filter(([k]) => k === 'TZ' || k === 'LD_PRELOAD' || k.startsWith('FAKETIME')),
  );
}

class McpSession {
  constructor(sim) {
    const bin = path.join(CACHE, 'node_modules/mongodb-mcp-server/dist/esm/index.js');
    this.logDir = fs.mkdtempSync(path.join(CACHE, 'mcp-logs-'));
    this.child = spawn(process.execPath, [bin], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        // Under a clock run (scripts/test.js) the server keeps the shifted clock and time zone of everything else.
        ...clockEnv(),
        // Exactly what the simulator's banner prints for it.
        MDB_MCP_API_BASE_URL: `${sim.url}/`,
        MDB_MCP_API_CLIENT_ID: sim.credentials.serviceAccount.clientId,
        MDB_MCP_API_CLIENT_SECRET: sim.credentials.serviceAccount.clientSecret,
        // Its fetch trusts the OS store (the `system-ca` package), which reads SSL_CERT_FILE; Node's own TLS reads
        // NODE_EXTRA_CA_CERTS. The banner prints both.
        ...(sim.caCertPath ? { NODE_EXTRA_CA_CERTS: sim.caCertPath, SSL_CERT_FILE: sim.caCertPath } : {}),
        MDB_MCP_TELEMETRY: 'disabled',
        MDB_MCP_READ_ONLY: 'true',
        MDB_MCP_LOGGERS: 'disk',
        MDB_MCP_LOG_PATH: this.logDir,
        DO_NOT_TRACK: '1',
      },
    });
    this.stderr = '';
    this.child.stderr.on('data', (d) => {
      this.stderr += d;
    });
    this.nextId = 1;
    this.pending = new Map();
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code) => {
        for (const p of this.pending.values())
          p.reject(new Error(`the MCP server exited (${code}): ${this.stderr.trim().slice(-400)}`));
        resolve(code);
      }),
    );
    readline.createInterface({ input: this.child.stdout }).on('line', (line) => {
      let msg;
      try {
        msg = JSON.parse(line);
      } catch {
        return;
      }
      if (msg.id !== undefined && this.pending.has(msg.id)) {
        const p = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        if (msg.error) p.reject(new Error(`MCP error ${msg.error.code}: ${msg.error.message}`));
        else p.resolve(msg.result);
      }
    });
  }

  request(method, params, timeoutMs = 60_000) {
    const id = this.nextId++;
    const done = new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`no answer to ${method} within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
    });
    this.child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
    return done;
  }

  notify(method, params) {
    this.child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method, ...(params ? { params } : {}) })}\n`);
  }

  async start() {
    const init = await this.request('initialize', {
      protocolVersion: '2025-06-18',
      capabilities: {},
      clientInfo: { name: 'atlas-backup-thirdparty-tier', version: '1' },
    });
    this.notify('notifications/initialized');
    return init;
  }

  /** Calls a tool; returns its text. A tool error is thrown with its text. */
  async tool(name, args) {
    const r = await this.request('tools/call', { name, arguments: args });
    const text = (r.content ?? [])
      .filter((c) => c.type === 'text')
      .map((c) => c.text)
      .join('\n');
    if (r.isError) throw new Error(`${name} failed: ${text.slice(0, 600)}`);
    return { text, structured: r.structuredContent };
  }

  async close() {
    this.child.stdin.end();
    const code = await Promise.race([this.exited, new Promise((r) => setTimeout(() => r('timeout'), 15_000))]);
    if (code === 'timeout') {
      this.child.kill('SIGTERM');
      await this.exited;
    }
    fs.rmSync(this.logDir, { recursive: true, force: true });
    return code;
  }
}

// ---- curl and the Digest client ----

function sh(script, env) {
  const r = spawnSync('bash', ['-c', script], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 30_000 });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

/** `curl -w` trailer: the HTTP status and the Content-Type on the last line. */
const TRAILER = ` --silent --show-error --write-out '\\n%{http_code} %{content_type}'`;
function curl(command, env) {
  const r = sh(command + TRAILER, env);
  if (r.status !== 0) throw new Error(`curl failed (${r.status}): ${r.err.trim()}`);
  const lines = r.out.split('\n');
  const [code, contentType] = lines.pop().split(' ');
  const text = lines.join('\n');
  let body;
  try {
    body = text.trim() ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  return { status: Number(code), contentType, body };
}

function digestClientScript(code, sim) {
  const r = spawnSync(process.execPath, ['-e', code], {
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      ...process.env,
      NODE_PATH: path.join(CACHE, 'node_modules'),
      ...(sim.caCertPath ? { NODE_EXTRA_CA_CERTS: sim.caCertPath } : {}),
      SIM_URL: sim.url,
      PUBLIC_KEY: sim.credentials.apiKey.publicKey,
      PRIVATE_KEY: sim.credentials.apiKey.privateKey,
    },
  });
  if (r.status !== 0) throw new Error(`the Digest client failed: ${(r.stderr || r.stdout).trim().slice(0, 600)}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

/** The same names, in any order. */
function sameNames(a, b) {
  return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
}

// ---- the tests ----

function tests(sim, seed) {
  const { production, staging } = seed;
  const env = {
    BASE: sim.url,
    CA: sim.caCertPath ?? '',
    PUBLIC_KEY: sim.credentials.apiKey.publicKey,
    PRIVATE_KEY: sim.credentials.apiKey.privateKey,
    CLIENT_ID: sim.credentials.serviceAccount.clientId,
    CLIENT_SECRET: sim.credentials.serviceAccount.clientSecret,
    GROUP_ID: production,
    STAGING_ID: staging,
  };
  const cacert = sim.caCertPath ? '--cacert "$CA" ' : '';
  const token = () => {
    // The reference's token request (Service Accounts page), unchanged but for the host.
    const r = curl(
      `curl ${cacert}--request POST --url "$BASE/api/oauth/token" --header 'accept: application/json' --header 'cache-control: no-cache' --header 'content-type: application/x-www-form-urlencoded' --user "$CLIENT_ID:$CLIENT_SECRET" --data 'grant_type=client_credentials'`,
      env,
    );
    assert(
      r.status === 200 && r.body && r.body.access_token,
      `token request answered ${r.status} ${JSON.stringify(r.body)}`,
    );
    return r.body.access_token;
  };
  return [
    [
      'MCP server over HTTPS: lists projects, clusters (one project and all), inspects a cluster, revokes its token on exit',
      async () => {
        assert(
          sim.url.startsWith('https:'),
          'the simulator is not serving HTTPS (the MCP server refuses an http:// token URL)',
        );
        const mcp = new McpSession(sim);
        try {
          await mcp.start();
          const { tools } = await mcp.request('tools/list', {});
          for (const t of ['atlas-list-projects', 'atlas-list-clusters', 'atlas-inspect-cluster'])
            assert(
              tools.some((x) => x.name === t),
              `tool ${t} missing`,
            );
          const projects = await mcp.tool('atlas-list-projects', { limit: 50 });
          for (const name of ['Production', 'Staging', 'Sandbox', 'Empty'])
            assert(projects.text.includes(name), `project ${name} missing from: ${projects.text.slice(0, 400)}`);
          assert(projects.text.includes(production), 'project id missing');
          const clusters = await mcp.tool('atlas-list-clusters', { projectId: production });
          for (const name of ['orders-rs', 'analytics-nvme', 'catalog-sharded', 'global-users', 'ledger-pit'])
            assert(clusters.text.includes(name), `cluster ${name} missing from: ${clusters.text.slice(0, 600)}`);
          const all = await mcp.tool('atlas-list-clusters', {});
          assert(
            all.text.includes(`Found ${seed.allClusters} clusters across all projects`),
            `all clusters (the simulator's GET /clusters holds ${seed.allClusters}): ${all.text.slice(0, 300)}`,
          );
          const inspected = await mcp.tool('atlas-inspect-cluster', {
            projectId: production,
            clusterName: 'analytics-nvme',
          });
          for (const want of ['analytics-nvme', 'M40_NVME', 'AWS', 'US_EAST_1', 'mongodb+srv://analytics-nvme.'])
            assert(inspected.text.includes(want), `inspect lacks ${want}: ${inspected.text.slice(0, 600)}`);
        } finally {
          await mcp.close();
        }
        const log = await control(sim, 'GET', '/__sim/requests');
        const bad = log.filter((r) => r.status >= 400 && !(r.status === 401 && r.auth === 'none'));
        assert(
          !bad.length,
          `the simulator refused the MCP server: ${bad.map((r) => `${r.method} ${r.path} → ${r.status}`).join(', ')}`,
        );
        assert(
          log.some((r) => r.method === 'POST' && r.path === '/api/oauth/revoke' && r.status === 200),
          'the MCP server did not revoke its token on shutdown (or the simulator refused it)',
        );
      },
    ],
    [
      'curl, v2, --digest: GET the backup schedule with Accept 2025-03-12',
      () => {
        const r = curl(
          `curl ${cacert}--user "$PUBLIC_KEY:$PRIVATE_KEY" --digest --header "Accept: application/vnd.atlas.2025-03-12+json" -X GET "$BASE/api/atlas/v2/groups/$GROUP_ID/clusters/orders-rs/backup/schedule?pretty=true"`,
          env,
        );
        assert(r.status === 200, `HTTP ${r.status}: ${JSON.stringify(r.body)}`);
        assert(
          r.contentType.startsWith('application/vnd.atlas.2024-08-05+json'),
          `Content-Type ${r.contentType} does not name the version served`,
        );
        assert(
          r.body.clusterName === 'orders-rs' && r.body.policies[0].policyItems.length === 4,
          'not the orders-rs schedule',
        );
      },
    ],
    [
      'curl, v2, bearer: token, then list projects and clusters with Accept 2025-03-12',
      () => {
        const t = token();
        const g = curl(
          `curl ${cacert}--header "Authorization: Bearer ${t}" --header "Accept: application/vnd.atlas.2025-03-12+json" -X GET "$BASE/api/atlas/v2/groups?pretty=true"`,
          env,
        );
        assert(
          g.status === 200 && g.body.totalCount === seed.projectCount,
          `groups (the seed has ${seed.projectCount}): HTTP ${g.status} ${JSON.stringify(g.body).slice(0, 200)}`,
        );
        const c = curl(
          `curl ${cacert}--header "Authorization: Bearer ${t}" --header "Accept: application/vnd.atlas.2025-03-12+json" -X GET "$BASE/api/atlas/v2/groups/$GROUP_ID/clusters?pretty=true"`,
          env,
        );
        const names = c.status === 200 ? c.body.results.map((x) => x.name) : [];
        assert(
          c.status === 200 && sameNames(names, seed.productionClusters),
          `clusters: HTTP ${c.status} [${names}], the seed has [${seed.productionClusters}]`,
        );
        assert(
          c.body.results.every((x) => x.connectionStrings && x.connectionStrings.standardSrv),
          'clusters without connectionStrings',
        );
      },
    ],
    [
      'curl, bearer: POST /api/oauth/revoke, then the token gets 401',
      () => {
        const t = token();
        const call = () =>
          curl(
            `curl ${cacert}--header "Authorization: Bearer ${t}" --header "Accept: application/vnd.atlas.2025-03-12+json" -X GET "$BASE/api/atlas/v2/groups"`,
            env,
          );
        assert(call().status === 200, 'fresh token refused');
        const r = curl(
          `curl ${cacert}--request POST --url "$BASE/api/oauth/revoke" --header 'content-type: application/x-www-form-urlencoded' --user "$CLIENT_ID:$CLIENT_SECRET" --data "token=${t}&token_type_hint=access_token"`,
          env,
        );
        assert(r.status === 200, `revoke answered ${r.status}`);
        assert(call().status === 401, 'the revoked token still works');
      },
    ],
    [
      'curl, v1.0, --digest: GET the Backup Compliance Policy (and {} where there is none)',
      () => {
        const r = curl(
          `curl ${cacert}--user "$PUBLIC_KEY:$PRIVATE_KEY" --digest --header "Accept: application/json" -X GET "$BASE/api/atlas/v1.0/groups/$GROUP_ID/backupCompliancePolicy?pretty=true"`,
          env,
        );
        assert(r.status === 200, `HTTP ${r.status}: ${JSON.stringify(r.body)}`);
        assert(r.contentType.startsWith('application/json'), `Content-Type ${r.contentType}`);
        assert(r.body.state === 'ACTIVE' && r.body.projectId === production, 'not the Production policy');
        const none = curl(
          `curl ${cacert}--user "$PUBLIC_KEY:$PRIVATE_KEY" --digest --header "Accept: application/json" -X GET "$BASE/api/atlas/v1.0/groups/$STAGING_ID/backupCompliancePolicy"`,
          env,
        );
        assert(
          none.status === 200 && JSON.stringify(none.body) === '{}',
          `no policy: HTTP ${none.status} ${JSON.stringify(none.body)}`,
        );
      },
    ],
    [
      'curl, v1.0, --digest: PATCH the backup schedule, seen by v2',
      () => {
        const get = curl(
          `curl ${cacert}--user "$PUBLIC_KEY:$PRIVATE_KEY" --digest --header "Accept: application/json" -X GET "$BASE/api/atlas/v1.0/groups/$STAGING_ID/clusters/legacy-app/backup/schedule"`,
          env,
        );
        assert(get.status === 200, `GET HTTP ${get.status}`);
        const body = JSON.stringify({ referenceHourOfDay: 12, referenceMinuteOfHour: 30, policies: get.body.policies });
        const r = curl(
          `curl ${cacert}--user "$PUBLIC_KEY:$PRIVATE_KEY" --digest --header "Content-Type: application/json" --request PATCH "$BASE/api/atlas/v1.0/groups/$STAGING_ID/clusters/legacy-app/backup/schedule" --data '${body}'`,
          env,
        );
        assert(
          r.status === 200 && r.body.referenceHourOfDay === 12,
          `PATCH HTTP ${r.status}: ${JSON.stringify(r.body).slice(0, 300)}`,
        );
        const v2 = curl(
          `curl ${cacert}--user "$PUBLIC_KEY:$PRIVATE_KEY" --digest --header "Accept: application/vnd.atlas.2025-03-12+json" "$BASE/api/atlas/v2/groups/$STAGING_ID/clusters/legacy-app/backup/schedule"`,
          env,
        );
        assert(v2.body.referenceMinuteOfHour === 30, 'v2 does not see the v1.0 change');
      },
    ],
    [
      `Digest client mongodb-atlas-api-client@${PINNED['mongodb-atlas-api-client']} on v1.0: projects, clusters, a cluster, snapshots`,
      () => {
        const r = digestClientScript(
          `
        const getClient = require('mongodb-atlas-api-client');
        const c = getClient({ publicKey: process.env.PUBLIC_KEY, privateKey: process.env.PRIVATE_KEY, baseUrl: process.env.SIM_URL + '/api/atlas/v1.0', projectId: '${production}' });
        (async () => {
          const projects = await c.project.getAll();
          const clusters = await c.cluster.getAll();
          const one = await c.cluster.get('orders-rs');
          const snaps = await c.cloudBackup.getAllReplicaSetCloudBackups('orders-rs');
          console.log(JSON.stringify({ projects: (projects.results || []).map((p) => p.name), clusters: (clusters.results || []).map((x) => x.name),
            size: one.providerSettings && one.providerSettings.instanceSizeName, error: one.errorCode || projects.errorCode || snaps.errorCode, snaps: snaps.totalCount }));
        })().catch((e) => { console.error(e && e.stack || e); process.exit(1); });`,
          sim,
        );
        assert(!r.error, `Atlas error ${r.error}`);
        assert(
          ['Production', 'Staging', 'Sandbox', 'Empty'].every((n) => r.projects.includes(n)),
          `projects: ${r.projects}`,
        );
        assert(
          sameNames(r.clusters, seed.productionClusters) && r.clusters.includes('orders-rs'),
          `clusters: [${r.clusters}], the seed has [${seed.productionClusters}]`,
        );
        assert(r.size === 'M30', `orders-rs size ${r.size}`);
        // The seed is built relative to the moment the simulator starts, so the count moves with the clock: the expected
        // figure is the simulator's own v2 answer, read right after the client's.
        const v2 = curl(
          `curl ${cacert}--user "$PUBLIC_KEY:$PRIVATE_KEY" --digest --header "Accept: application/vnd.atlas.2023-01-01+json" "$BASE/api/atlas/v2/groups/$GROUP_ID/clusters/orders-rs/backup/snapshots?itemsPerPage=1"`,
          env,
        );
        assert(
          v2.status === 200 && Number.isInteger(v2.body.totalCount) && v2.body.totalCount > 0,
          `v2 snapshots: HTTP ${v2.status}`,
        );
        assert(
          r.snaps === v2.body.totalCount,
          `snapshots: the Digest client saw ${r.snaps}, the simulator's v2 API says ${v2.body.totalCount}`,
        );
      },
    ],
  ];
}

async function main() {
  if (argv.includes('--install-only')) {
    // `npm test` installs with the true clock before running this tier under a shifted one (npm's registry and its
    // TLS certificates refuse a clock far off).
    ensureInstalled();
    return;
  }
  const t0 = Date.now();
  let passed = 0;
  let failed = 0;
  let sim;
  try {
    const installSeconds = ensureInstalled();
    sim = await startSimulator();
    log(`thirdparty: simulator ${sim.url} (from ${path.relative(process.cwd(), ROOT) || '.'})`);
    const seed = await seedFacts(sim);
    for (const [name, fn] of tests(sim, seed)) {
      if (ONLY && !name.includes(ONLY)) continue;
      await control(sim, 'POST', '/__sim/reset');
      const t = Date.now();
      try {
        await fn();
        passed++;
        log(`  ✔ ${name} (${Date.now() - t} ms)`);
      } catch (e) {
        failed++;
        log(
          `  ✖ ${name} (${Date.now() - t} ms)\n      ${String((e && e.message) || e)
            .split('\n')
            .join('\n      ')}`,
        );
      }
    }
    log(
      `thirdparty: install ${installSeconds ? `${installSeconds.toFixed(1)} s (cold)` : 'cached'}, total ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );
  } catch (e) {
    failed++;
    log(`  ✖ setup: ${(e && e.message) || e}`);
  } finally {
    if (sim) await sim.stop();
  }
  log(`thirdparty: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}

/**
 * What the seed holds, asked of the simulator itself with Digest on 2023-01-01 (its ids are hashes of names, and the
 * seed grows as issues add clusters and projects): the project ids, how many projects, each project's cluster names,
 * and the cluster count of `GET /clusters` as the MCP server reads it (one page, its defaults).
 */
async function seedFacts(sim) {
  const env = {
    BASE: sim.url,
    CA: sim.caCertPath ?? '',
    PUBLIC_KEY: sim.credentials.apiKey.publicKey,
    PRIVATE_KEY: sim.credentials.apiKey.privateKey,
  };
  const get = (p) => {
    const r = curl(
      `curl ${sim.caCertPath ? '--cacert "$CA" ' : ''}--user "$PUBLIC_KEY:$PRIVATE_KEY" --digest --header "Accept: application/vnd.atlas.2023-01-01+json" "$BASE/api/atlas/v2${p}"`,
      env,
    );
    if (r.status !== 200) throw new Error(`GET ${p} answered ${r.status}`);
    return r.body;
  };
  const groups = get('/groups?itemsPerPage=500');
  if (groups.totalCount !== groups.results.length) throw new Error(`more than 500 projects (${groups.totalCount})`);
  const id = (name) => {
    const g = groups.results.find((x) => x.name === name);
    if (!g) throw new Error(`no project ${name} in the seed`);
    return g.id;
  };
  const production = id('Production');
  const clusterNames = (groupId) => get(`/groups/${groupId}/clusters?itemsPerPage=500`).results.map((c) => c.name);
  const all = get('/clusters');
  return {
    production,
    staging: id('Staging'),
    projectCount: groups.totalCount,
    productionClusters: clusterNames(production),
    allClusters: all.results.reduce((n, g) => n + (g.clusters ?? []).length, 0),
  };
}

main();
