// Issue #16, item 10 and "a truncated body waits out the full 30 s": every answer is read under a size cap, a time to
// first byte and a time between bytes, and one cut short is an error at once. Small loopback servers play Atlas.
// The endless body runs in a child process with a small heap, a memory watchdog and a time cap, so that without the
// cap the test fails instead of filling the machine's memory (it reached 17 GB in 30 s).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AtlasClient } from '../../../../src/core/atlas/AtlasClient';
import { AtlasNetworkError, AtlasTimeoutError, mayHaveReachedAtlas } from '../../../../src/core/atlas/errors';
import { HostLimiter } from '../../../../src/core/atlas/hostLimiter';
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  Transport,
  defaultFetch,
  type FetchLike,
  type TransportOptions,
} from '../../../../src/core/atlas/transport';
import { AtlasSimulator, DEMO_CREDENTIALS } from '../../../../src/simulator';
import { SCALE } from '../../../../src/simulator/scaleSeed';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

async function serve(handler: Handler): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

function transport(url: string, o: Partial<TransportOptions> = {}): Transport {
  return new Transport({
    baseUrl: url,
    userAgent: 't/0',
    fetch: defaultFetch,
    timeoutMs: 30_000,
    limiter: new HostLimiter(4),
    retry: { maxAttempts: 1 },
    now: Date.now,
    secrets: [],
    ...o,
  });
}

async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  assert.fail('expected the request to fail');
}

// The child: an "Atlas" that answers every request with 200 and a body that never ends, and the real client asking
// it for projects. It prints what the client threw, or is stopped by its own watchdog past 400 MB.
async function endlessChild(): Promise<void> {
  const chunk = Buffer.alloc(64 * 1024, 'x');
  const server = await serve((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    const pump = () => {
      while (res.write(chunk));
    };
    res.on('drain', pump);
    res.on('close', () => res.off('drain', pump));
    pump();
  });
  const watchdog = setInterval(() => {
    if (process.memoryUsage().rss > 400 * 1024 * 1024) {
      process.stdout.write(JSON.stringify({ watchdog: process.memoryUsage().rss }));
      process.exit(3);
    }
  }, 20);
  const client = new AtlasClient({
    baseUrl: server.url,
    credentials: { kind: 'apiKey', publicKey: 'pub', privateKey: 'priv' },
    userAgent: 't/0',
    retry: { maxAttempts: 1 },
  });
  const e = await failure(client.listProjectsPage({}));
  clearInterval(watchdog);
  process.stdout.write(
    JSON.stringify({
      name: e.name,
      code: (e as AtlasNetworkError).code,
      message: e.message,
      rss: process.memoryUsage().rss,
    }),
  );
  await server.close();
}

if (process.env.ATLAS_BOUNDED_CHILD === 'endless') {
  void endlessChild();
} else {
  test('an endless body stops at the 32 MiB cap with an error saying so (child: 256 MB heap, watchdog, 60 s cap)', async () => {
    const child = spawn(process.execPath, ['--max-old-space-size=256', __filename], {
      env: { ...process.env, ATLAS_BOUNDED_CHILD: 'endless' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    let out = '',
      err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((r) =>
      child.on('close', (c, s) => r([c, s])),
    );
    clearTimeout(timer);
    assert.equal(signal, null, `killed after 60 s; stdout ${out}`);
    assert.equal(code, 0, `child exit ${code}: ${out} ${err.slice(0, 800)}`);
    const r = JSON.parse(out) as { name: string; code?: string; message: string; rss: number };
    assert.equal(r.code, 'ERESPONSETOOLARGE', out);
    assert.match(r.message, /answer to GET \/api\/atlas\/v2\/groups was larger than 32 MiB/);
    assert.ok(r.rss < 400 * 1024 * 1024, `rss ${r.rss}`);
  });

  test("the simulator's page of 500 snapshots is far below the cap (measured)", async (t) => {
    const sim = new AtlasSimulator({ seed: 'scale' });
    const { url } = await sim.start(0);
    try {
      const sizes: number[] = [];
      const measuring: FetchLike = async (u, init) => {
        const r = await defaultFetch(u, init);
        const text = await r.text();
        sizes.push(Buffer.byteLength(text));
        return { status: r.status, headers: r.headers, text: () => Promise.resolve(text) };
      };
      const c = new AtlasClient({
        baseUrl: url,
        credentials: { kind: 'serviceAccount', ...DEMO_CREDENTIALS.serviceAccount },
        userAgent: 't/0',
        fetch: measuring,
      });
      const projects = await c.listProjectsPage({ itemsPerPage: 500 });
      const fleet = projects.results.find((p) => p.name === SCALE.fleetProject)!;
      sizes.length = 0;
      const page = await c.listSnapshotsPage(fleet.id!, SCALE.bigCluster, { itemsPerPage: 500 });
      assert.equal(page.results.length, 500);
      const largest = Math.max(...sizes);
      t.diagnostic(
        `500 snapshots: ${largest} bytes (${(largest / 1024).toFixed(0)} KiB); cap ${DEFAULT_MAX_RESPONSE_BYTES}`,
      );
      assert.ok(largest * 16 < DEFAULT_MAX_RESPONSE_BYTES, `${largest} bytes is not far below the cap`);
    } finally {
      await sim.stop();
    }
  });

  test('a body that ends before its Content-Length fails at once, naming how much came', async () => {
    const hits: string[] = [];
    const server = await serve((req, res) => {
      hits.push(req.method ?? '');
      res.writeHead(200, { 'Content-Length': '1000', 'Content-Type': 'application/json' });
      res.write('x'.repeat(500), () => setTimeout(() => res.socket?.destroy(), 20));
    });
    try {
      const started = Date.now();
      const e = await failure(
        transport(server.url).request({ method: 'GET', path: '/x', headers: {}, idempotent: true }),
      );
      assert.ok(Date.now() - started < 5_000, `took ${Date.now() - started} ms`);
      assert.ok(e instanceof AtlasNetworkError);
      assert.equal(e.code, 'ETRUNCATED');
      assert.match(e.message, /The connection closed after 500 of 1000 bytes of Atlas's answer to GET \/x/);
      // After a write, a cut answer means Atlas may have applied it: the "may have reached Atlas" path.
      const w = await failure(
        transport(server.url).request({ method: 'PATCH', path: '/x', headers: {}, body: '{}', idempotent: false }),
      );
      assert.ok(w instanceof AtlasNetworkError && w.code === 'ETRUNCATED');
      assert.equal(mayHaveReachedAtlas(w), true);
      // With retries allowed: a GET is asked again (like after a dropped connection), a write never.
      hits.length = 0;
      const retrying = transport(server.url, { retry: { maxAttempts: 3, sleep: () => Promise.resolve() } });
      await failure(retrying.request({ method: 'GET', path: '/x', headers: {}, idempotent: true }));
      await failure(retrying.request({ method: 'PATCH', path: '/x', headers: {}, body: '{}', idempotent: false }));
      assert.deepEqual(hits, ['GET', 'GET', 'GET', 'PATCH']);
    } finally {
      await server.close();
    }
  });

  test('a chunked body cut off fails at once too', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"results": [', () => setTimeout(() => res.socket?.destroy(), 20));
    });
    try {
      const started = Date.now();
      const e = await failure(
        transport(server.url).request({ method: 'GET', path: '/x', headers: {}, idempotent: true }),
      );
      assert.ok(Date.now() - started < 5_000, `took ${Date.now() - started} ms`);
      assert.ok(e instanceof AtlasNetworkError, String(e));
      assert.equal(e.code, 'ETRUNCATED');
      assert.match(e.message, /closed after 13 bytes/);
    } finally {
      await server.close();
    }
  });

  test('a stall between bytes is a timeout naming the silence; no first byte is a timeout too; both may have reached Atlas', async () => {
    const held: http.ServerResponse[] = [];
    const server = await serve((req, res) => {
      held.push(res);
      if (req.url === '/stall') {
        res.writeHead(200, { 'Content-Length': '1000' });
        res.write('x'.repeat(100));
      } // '/silent': never answers
    });
    try {
      const t = transport(server.url, { timeoutMs: 5_000, idleTimeoutMs: 300 });
      let started = Date.now();
      const stall = await failure(t.request({ method: 'DELETE', path: '/stall', headers: {}, idempotent: false }));
      assert.ok(Date.now() - started < 3_000, `took ${Date.now() - started} ms`);
      assert.ok(stall instanceof AtlasTimeoutError, String(stall));
      assert.match(
        stall.message,
        /Atlas stopped sending its answer to DELETE \/stall: nothing arrived for 0\.3 s after 100 bytes/,
      );
      assert.equal(mayHaveReachedAtlas(stall), true);
      started = Date.now();
      const silent = await failure(
        transport(server.url, { timeoutMs: 300 }).request({
          method: 'GET',
          path: '/silent',
          headers: {},
          idempotent: true,
        }),
      );
      assert.ok(Date.now() - started < 3_000);
      assert.ok(silent instanceof AtlasTimeoutError);
      assert.match(silent.message, /Atlas did not answer GET \/silent within 0\.3 s/);
    } finally {
      for (const r of held) r.destroy();
      await server.close();
    }
  });

  test('an announced Content-Length over the cap is refused before reading; a body over a small cap stops there', async () => {
    const server = await serve((req, res) => {
      if (req.url === '/announced') {
        res.writeHead(200, { 'Content-Length': String(64 * 1024 * 1024) });
        res.write('x');
      } else {
        res.writeHead(200);
        res.end('y'.repeat(5000));
      }
    });
    try {
      const a = await failure(
        transport(server.url).request({ method: 'GET', path: '/announced', headers: {}, idempotent: true }),
      );
      assert.ok(a instanceof AtlasNetworkError && a.code === 'ERESPONSETOOLARGE');
      assert.match(a.message, /larger than 32 MiB \(it announced 64\.0 MiB\)/);
      const small = await failure(
        transport(server.url, { maxResponseBytes: 1024 }).request({
          method: 'POST',
          path: '/big',
          headers: {},
          body: '{}',
          idempotent: false,
        }),
      );
      assert.ok(small instanceof AtlasNetworkError && small.code === 'ERESPONSETOOLARGE');
      assert.equal(mayHaveReachedAtlas(small), true);
    } finally {
      await server.close();
    }
  });
}
