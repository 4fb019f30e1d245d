// Retry, timeout, cancellation, in-flight limit, versions and paging against a scripted fetch.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AtlasApiError,
  AtlasCancelledError,
  AtlasClient,
  AtlasNetworkError,
  AtlasTimeoutError,
  InvalidPathParameterError,
  hasNextPage,
  type AtlasClientOptions,
  type RequestLogEntry,
} from '../../../../src/core/atlas';
import { FakeFetch, GROUP, SNAP, deferred, systemError, type FakeHandler, type FakeReply } from './fakeFetch';

const SCHEDULE = { clusterName: 'orders-rs', policies: [{ id: '6a0000000000000000000001', policyItems: [] }] };

function setup(handler: FakeHandler, over: Partial<AtlasClientOptions> = {}) {
  const fake = new FakeFetch(handler);
  const sleeps: number[] = [];
  const log: RequestLogEntry[] = [];
  const client = new AtlasClient({
    baseUrl: 'https://atlas.test',
    userAgent: 'atlas-backup-vscode/test (node)',
    credentials: { kind: 'serviceAccount', clientId: 'id', clientSecret: 'secret' },
    fetch: fake.fetch,
    onRequest: (e) => log.push(e),
    retry: {
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      random: () => 0.5,
    },
    ...over,
  });
  const api = () => fake.requests.filter((r) => r.path !== '/api/oauth/token');
  return { fake, client, sleeps, log, api };
}

/** Answers the token endpoint, then the scripted replies for API calls in order (the last one repeats). */
function script(...replies: (FakeReply | Error)[]): FakeHandler {
  let i = 0;
  return (req) => {
    if (req.path === '/api/oauth/token') return { status: 200, body: { access_token: 't', expires_in: 3600 } };
    const r = replies[Math.min(i++, replies.length - 1)];
    if (r instanceof Error) throw r;
    return r;
  };
}
const ok = (body: object = { results: [] }): FakeReply => ({ status: 200, body });
const err = (status: number, errorCode: string, headers?: Record<string, string>): FakeReply => ({
  status,
  headers,
  body: { error: status, errorCode },
});

describe('retries', () => {
  test('GET 429 honours Retry-After, then succeeds', async () => {
    const { client, sleeps, api, log } = setup(script(err(429, 'RATE_LIMITED', { 'Retry-After': '2' }), ok()));
    await client.listProjectsPage();
    assert.equal(api().length, 2);
    assert.ok(
      sleeps.some((ms) => ms >= 2000),
      `waited ${sleeps.join()}`,
    );
    assert.deepEqual(
      log.filter((e) => e.path.startsWith('/api/atlas')).map((e) => [e.attempt, e.status]),
      [
        [1, 429],
        [2, 200],
      ],
    );
  });

  test('GET 503 and a reset connection are retried with backoff; maxAttempts bounds it', async () => {
    const a = setup(script(err(503, 'SERVICE_UNAVAILABLE'), systemError('ECONNRESET'), ok()));
    await a.client.listProjectsPage();
    assert.equal(a.api().length, 3);
    assert.deepEqual(a.sleeps, [250, 500], 'full jitter over 500·2^(n-1) with random()=0.5');

    const b = setup(script(err(503, 'SERVICE_UNAVAILABLE')), { retry: { maxAttempts: 4, sleep: async () => {} } });
    await assert.rejects(b.client.listProjectsPage(), (e: unknown) => e instanceof AtlasApiError && e.status === 503);
    assert.equal(b.api().length, 4);
  });

  test('GET 500 is not retried', async () => {
    const { client, api } = setup(script(err(500, 'UNEXPECTED_ERROR'), ok()));
    await assert.rejects(client.listProjectsPage(), /Atlas had an internal error/);
    assert.equal(api().length, 1);
  });

  test('PATCH is not retried after a 500 or a dropped connection, because Atlas may have applied it', async () => {
    const a = setup(script(err(500, 'UNEXPECTED_ERROR'), ok(SCHEDULE)));
    await assert.rejects(a.client.updateBackupSchedule(GROUP, 'orders-rs', SCHEDULE), AtlasApiError);
    assert.equal(a.api().length, 1);
    const b = setup(script(systemError('ECONNRESET'), ok(SCHEDULE)));
    await assert.rejects(
      b.client.updateBackupSchedule(GROUP, 'orders-rs', SCHEDULE),
      (e: unknown) => e instanceof AtlasNetworkError && e.code === 'ECONNRESET',
    );
    assert.equal(b.api().length, 1);
    const c = setup(script(err(503, 'SERVICE_UNAVAILABLE'), ok()));
    await assert.rejects(c.client.takeSnapshot(GROUP, 'orders-rs', { retentionInDays: 1 }), AtlasApiError);
    assert.equal(c.api().length, 1, 'a second on-demand snapshot must never be taken by a retry');
  });

  test('PATCH is retried after a 429 (Atlas refused it before acting) and after a refused connection', async () => {
    const a = setup(script(err(429, 'RATE_LIMITED', { 'Retry-After': '1' }), ok(SCHEDULE)));
    await a.client.updateBackupSchedule(GROUP, 'orders-rs', SCHEDULE);
    assert.equal(a.api().length, 2);
    assert.equal(a.api()[0].body, a.api()[1].body);
    const b = setup(script(systemError('ECONNREFUSED'), ok(SCHEDULE)));
    await b.client.updateBackupSchedule(GROUP, 'orders-rs', SCHEDULE);
    assert.equal(b.api().length, 2);
  });

  test('a Retry-After longer than a minute is surfaced, not waited out', async () => {
    const { client, api, sleeps } = setup(script(err(429, 'RATE_LIMITED', { 'Retry-After': '3600' }), ok()));
    await assert.rejects(
      client.listProjectsPage(),
      (e: unknown) =>
        e instanceof AtlasApiError && e.retryAfterSeconds === 3600 && /retry after 3600 s/.test(e.message),
    );
    assert.equal(api().length, 1);
    assert.ok(!sleeps.some((ms) => ms >= 3600_000));
  });

  test('after a 429 every other request to the host waits out the same pause', async () => {
    let now = 0;
    const { client, sleeps } = setup(script(err(429, 'RATE_LIMITED', { 'Retry-After': '5' }), ok()), {
      now: () => now,
      retry: {
        maxAttempts: 1,
        sleep: async (ms) => {
          sleeps.push(ms);
        },
      },
    });
    await assert.rejects(client.listProjectsPage());
    now += 1000;
    await client.listProjectsPage();
    assert.ok(sleeps.includes(4000), `sleeps ${sleeps.join()}`);
  });
});

test('a pause longer than we would wait is not imposed on other requests', async () => {
  const { client, sleeps } = setup(script(err(429, 'RATE_LIMITED', { 'Retry-After': '3600' }), ok()));
  await assert.rejects(client.listProjectsPage());
  await client.listProjectsPage();
  assert.deepEqual(sleeps, []);
});

test('a logger that throws does not fail the request', async () => {
  const { client } = setup(script(ok()), {
    onRequest: () => {
      throw new Error('broken output channel');
    },
  });
  assert.deepEqual((await client.listProjectsPage()).results, []);
});

describe('timeouts and cancellation', () => {
  test('an attempt past timeoutMs is an AtlasTimeoutError naming the request', async () => {
    const { client, log } = setup(
      (req) =>
        req.path === '/api/oauth/token'
          ? { status: 200, body: { access_token: 't', expires_in: 3600 } }
          : new Promise<FakeReply>(() => {}),
      { timeoutMs: 30 },
    );
    await assert.rejects(client.getBackupSchedule(GROUP, 'orders-rs'), (e: unknown) => {
      assert.ok(e instanceof AtlasTimeoutError);
      assert.equal(e.kind, 'timeout');
      assert.match(
        e.message,
        /did not answer GET \/api\/atlas\/v2\/groups\/.*\/backup\/schedule within 0\.0 s|within 0\.03 s|within/,
      );
      return true;
    });
    assert.equal(log.at(-1)!.outcome, 'timeout');
  });

  test('the caller aborting mid-request is AtlasCancelledError, logged as cancelled, not retried', async () => {
    const hold = deferred<FakeReply>();
    const { client, api, log } = setup((req) =>
      req.path === '/api/oauth/token' ? { status: 200, body: { access_token: 't', expires_in: 3600 } } : hold.promise,
    );
    const ac = new AbortController();
    const p = client.listClustersPage(GROUP, { signal: ac.signal });
    while (api().length === 0) await new Promise((r) => setImmediate(r));
    ac.abort();
    await assert.rejects(p, AtlasCancelledError);
    assert.equal(api().length, 1);
    assert.equal(log.at(-1)!.outcome, 'cancelled');
  });

  test('aborting during a retry wait cancels; an already-aborted signal sends nothing', async () => {
    const ac = new AbortController();
    const { client, api } = setup(script(err(503, 'SERVICE_UNAVAILABLE'), ok()), {
      retry: {
        sleep: (_ms, signal) =>
          new Promise((_, reject) => {
            signal?.addEventListener('abort', () => reject(new Error('aborted')));
            ac.abort();
          }),
      },
    });
    await assert.rejects(client.listProjectsPage({ signal: ac.signal }), AtlasCancelledError);
    assert.equal(api().length, 1);
    const b = setup(script(ok()));
    await assert.rejects(b.client.listProjectsPage({ signal: AbortSignal.abort() }), AtlasCancelledError);
    assert.equal(b.fake.requests.length, 0);
  });
});

/** Resolves once `ok()` holds, looking again after each turn of the event loop; fails if it never does. */
async function until(ok: () => boolean, what: string, maxTurns = 1000): Promise<void> {
  for (let turn = 0; !ok(); turn++) {
    if (turn === maxTurns) assert.fail(`never came to pass: ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

describe('in-flight limit', () => {
  test('at most maxInFlightPerHost requests reach the host at once; the rest queue', async () => {
    const hold = deferred();
    const { client, fake } = setup(
      async (req) => {
        if (req.path === '/api/oauth/token') return { status: 200, body: { access_token: 't', expires_in: 3600 } };
        await hold.promise;
        return ok();
      },
      { maxInFlightPerHost: 3 },
    );
    const calls = Array.from({ length: 12 }, () => client.listClustersPage(GROUP));
    await until(() => fake.inFlight + client.queuedRequests === 12, 'every request at the host or in the queue');
    assert.equal(fake.inFlight, 3);
    assert.equal(client.queuedRequests, 9);
    hold.resolve();
    await Promise.all(calls);
    assert.equal(fake.peakInFlight, 3);
    assert.equal(client.peakInFlight, 3);
  });

  test('a queued request whose signal aborts leaves the queue', async () => {
    const hold = deferred();
    const { client, fake } = setup(
      async (req) => {
        if (req.path === '/api/oauth/token') return { status: 200, body: { access_token: 't', expires_in: 3600 } };
        await hold.promise;
        return ok();
      },
      { maxInFlightPerHost: 1 },
    );
    const first = client.listClustersPage(GROUP);
    const ac = new AbortController();
    const queued = client.listClustersPage(GROUP, { signal: ac.signal });
    await until(() => fake.inFlight === 1 && client.queuedRequests === 1, 'one request at the host, one queued');
    ac.abort();
    await assert.rejects(queued, AtlasCancelledError);
    assert.equal(client.queuedRequests, 0, 'it left the queue');
    hold.resolve();
    await first;
    assert.equal(fake.requests.filter((r) => r.path.includes('/clusters')).length, 1);
  });
});

describe('requests on the wire', () => {
  test('each operation pins its version in Accept (and Content-Type with a body), User-Agent always', async () => {
    const { client, api } = setup((req) =>
      req.path === '/api/oauth/token'
        ? { status: 200, body: { access_token: 't', expires_in: 3600 } }
        : req.method === 'DELETE' && req.path.endsWith(SNAP)
          ? { status: 204 }
          : { status: 200, body: { results: [], state: 'ACTIVE', authorizedEmail: 'a@b.c' } },
    );
    const pol = {
      authorizedEmail: 'a@b.c',
      authorizedUserFirstName: 'A',
      authorizedUserLastName: 'B',
      state: 'ACTIVE' as const,
    };
    const ops: [string, () => Promise<unknown>, string, string][] = [
      ['listProjects', () => client.listProjectsPage(), 'GET', '2023-01-01'],
      ['listClusters', () => client.listClustersPage(GROUP), 'GET', '2024-08-05'],
      ['getCluster', () => client.getCluster(GROUP, 'c1'), 'GET', '2024-08-05'],
      ['getBackupSchedule', () => client.getBackupSchedule(GROUP, 'c1'), 'GET', '2024-08-05'],
      ['updateBackupSchedule', () => client.updateBackupSchedule(GROUP, 'c1', SCHEDULE), 'PATCH', '2024-08-05'],
      ['deleteBackupSchedules', () => client.deleteBackupSchedules(GROUP, 'c1'), 'DELETE', '2024-08-05'],
      ['listSnapshots', () => client.listSnapshotsPage(GROUP, 'c1'), 'GET', '2023-01-01'],
      ['getSnapshot', () => client.getSnapshot(GROUP, 'c1', SNAP), 'GET', '2023-01-01'],
      ['takeSnapshot', () => client.takeSnapshot(GROUP, 'c1', { retentionInDays: 1 }), 'POST', '2023-01-01'],
      [
        'updateSnapshotRetention',
        () => client.updateSnapshotRetention(GROUP, 'c1', SNAP, { retentionUnit: 'DAYS', retentionValue: 3 }),
        'PATCH',
        '2023-01-01',
      ],
      ['deleteSnapshot', () => client.deleteSnapshot(GROUP, 'c1', SNAP), 'DELETE', '2023-01-01'],
      ['listShardedSnapshots', () => client.listShardedSnapshots(GROUP, 'c1'), 'GET', '2023-01-01'],
      ['getShardedSnapshot', () => client.getShardedSnapshot(GROUP, 'c1', SNAP), 'GET', '2023-01-01'],
      [
        'listLegacySnapshots',
        () => client.listLegacySnapshotsPage(GROUP, 'c1', { completed: 'all' }),
        'GET',
        '2023-01-01',
      ],
      ['getLegacySnapshot', () => client.getLegacySnapshot(GROUP, 'c1', SNAP), 'GET', '2023-01-01'],
      ['getCompliancePolicy', () => client.getCompliancePolicy(GROUP), 'GET', '2023-10-01'],
      [
        'putCompliancePolicy',
        () => client.putCompliancePolicy(GROUP, pol, { overwriteBackupPolicies: false }),
        'PUT',
        '2023-10-01',
      ],
      ['deleteCompliancePolicy', () => client.deleteCompliancePolicy(GROUP), 'DELETE', '2024-11-13'],
    ];
    for (const [name, call, method, version] of ops) {
      const before = api().length;
      await call();
      const r = api()[before];
      assert.equal(r.method, method, name);
      assert.equal(r.headers['Accept'], `application/vnd.atlas.${version}+json`, name);
      assert.equal(
        r.headers['Content-Type'],
        r.body === undefined ? undefined : `application/vnd.atlas.${version}+json`,
        name,
      );
      assert.equal(r.headers['User-Agent'], 'atlas-backup-vscode/test (node)', name);
    }
    const put = api().find((r) => r.method === 'PUT')!;
    assert.match(put.path, /\/backupCompliancePolicy\?overwriteBackupPolicies=false$/);
    assert.equal(JSON.parse(put.body!).state, undefined, 'read-only state not sent');
    assert.match(
      api().find((r) => r.path.includes('/c1/snapshots?'))!.path,
      /\/clusters\/c1\/snapshots\?completed=all&pageNum=1&itemsPerPage=100$/,
    );
    assert.match(api().find((r) => r.path.endsWith('shardedClusters'))!.path, /\/backup\/snapshots\/shardedClusters$/);
  });

  test('the PATCH body never carries read-only fields', async () => {
    const { client, api } = setup(script(ok(SCHEDULE)));
    await client.updateBackupSchedule(GROUP, 'orders-rs', {
      ...SCHEDULE,
      clusterId: '6d0000000000000000000001',
      links: [],
      nextSnapshot: 'x',
    });
    assert.deepEqual(Object.keys(JSON.parse(api()[0].body!)), ['policies']);
  });

  test('hostile names throw before anything is sent', async () => {
    const { client, fake } = setup(script(ok()));
    for (const name of ['../groups', 'a%2Fb', 'a b', 'ünicode', '']) {
      await assert.rejects(client.getBackupSchedule(GROUP, name), InvalidPathParameterError);
      assert.throws(() => client.listSnapshots(GROUP, name), InvalidPathParameterError);
    }
    await assert.rejects(client.getSnapshot(GROUP, 'orders-rs', '../x'), /Invalid snapshotId/);
    await assert.rejects(client.listClustersPage('not-a-group'), /Invalid groupId/);
    assert.equal(fake.requests.length, 0);
  });

  test('a non-JSON success body is a clear error; an empty 204 is fine', async () => {
    const { client } = setup(script({ status: 200, body: '<html>proxy login</html>' }));
    await assert.rejects(client.getBackupSchedule(GROUP, 'c1'), /not JSON .*proxy/);
  });

  test('the compliance policy is undefined when the project has none', async () => {
    const a = setup(script({ status: 200, body: '{}' }));
    assert.equal(await a.client.getCompliancePolicy(GROUP), undefined);
    const b = setup(script({ status: 404, body: { error: 404, errorCode: 'BACKUP_COMPLIANCE_POLICY_NOT_FOUND' } }));
    assert.equal(await b.client.getCompliancePolicy(GROUP), undefined);
    const c = setup(script({ status: 404, body: { error: 404, errorCode: 'GROUP_NOT_FOUND' } }));
    await assert.rejects(c.client.getCompliancePolicy(GROUP), /project no longer exists/);
  });
});

describe('paging', () => {
  test('hasNextPage stops on a short page, totalCount, or links without next', () => {
    assert.equal(hasNextPage(100, 1, 100, 120, undefined), true);
    assert.equal(hasNextPage(20, 2, 100, 120, undefined), false);
    assert.equal(hasNextPage(100, 1, 100, 100, undefined), false);
    assert.equal(hasNextPage(100, 1, 100, undefined, [{ rel: 'self', href: 'x' }]), false);
    assert.equal(hasNextPage(100, 1, 100, undefined, [{ rel: 'self' }, { rel: 'next' }]), true);
    assert.equal(hasNextPage(0, 1, 100, 500, undefined), false);
  });

  test('the iterator follows pages until a short page', async () => {
    const all = Array.from({ length: 120 }, (_, i) => ({ name: `sandbox-${String(i + 1).padStart(3, '0')}` }));
    const { client, api } = setup((req) => {
      if (req.path === '/api/oauth/token') return { status: 200, body: { access_token: 't', expires_in: 3600 } };
      const q = new URL(req.url).searchParams;
      const n = Number(q.get('pageNum')),
        per = Number(q.get('itemsPerPage'));
      return ok({ results: all.slice((n - 1) * per, n * per) }); // no totalCount, no links
    });
    const names: string[] = [];
    for await (const c of client.listClusters(GROUP, { itemsPerPage: 50 })) names.push(c.name!);
    assert.equal(names.length, 120);
    assert.equal(names[119], 'sandbox-120');
    assert.equal(api().length, 3);
    await assert.rejects(
      client.listProjectsPage({ itemsPerPage: 501 }),
      /itemsPerPage must be an integer from 1 to 500/,
    );
  });
});
