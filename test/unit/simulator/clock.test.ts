// The simulator's clock as a user sets it (`--now`), and its certificate as a client whose clock is behind sees it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { AtlasSimulator, SEED, makeSelfSignedCert } from '../../../src/simulator';
import { clockFrom, parseArgs, parseInstant } from '../../../src/simulator/cliArgs';
import { CERT_BACKDATE_DAYS, CERT_VALID_DAYS } from '../../../src/simulator/tls';
import { BearerClient, V2023 } from './helpers';

const DAY_MS = 86_400_000;
type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('--now', () => {
  test('takes an ISO-8601 date-time with Z or an offset, or epoch ms, as one argument or with =', () => {
    assert.equal((parseArgs(['--now', '2026-12-05T23:30:00Z']) as { now: number }).now, Date.UTC(2026, 11, 5, 23, 30));
    assert.equal(
      (parseArgs(['--now=2026-12-06T10:00:00+10:30']) as { now: number }).now,
      Date.UTC(2026, 11, 5, 23, 30),
    );
    assert.equal(parseInstant('2027-03-14T01:59:59.5-05:00'), Date.UTC(2027, 2, 14, 6, 59, 59, 500));
    assert.equal(parseInstant('2028-02-29T00:00Z'), Date.UTC(2028, 1, 29));
    assert.equal(parseInstant('1796513400000'), 1796513400000);
    assert.equal('now' in (parseArgs([]) as object), false, 'without --now the machine clock is used');
  });

  test('refuses a time without a zone, a date not on the calendar, garbage, and nothing, naming --now', () => {
    const refused = (v: string[], rule: RegExp) => {
      const r = parseArgs(['--now', ...v]);
      assert.equal(typeof r, 'string', `${v.join(' ')} accepted`);
      assert.match(r as string, /^--now /);
      assert.match(r as string, rule);
    };
    refused(['2026-12-05T23:30:00'], /with Z or an offset/); // local time: would depend on TZ
    refused(['2026-12-05'], /with Z or an offset/);
    refused(['yesterday'], /with Z or an offset/);
    refused(['2026-02-29T00:00:00Z'], /not a calendar date/); // 2026 is no leap year
    refused(['2026-04-31T00:00:00Z'], /not a calendar date/);
    refused(['2026-12-05T24:00:00Z'], /not a time of day/);
    refused(['2026-12-05T23:30:00+19:00'], /offset beyond/);
    refused(['99999999999999999999'], /out of range/);
    refused([], /needs an instant/);
  });

  test('the clock starts at the instant given and advances with elapsed time', () => {
    let elapsed = 1234.5;
    const now = clockFrom(Date.UTC(2027, 0, 31, 23, 59, 59), () => elapsed);
    assert.equal(now(), Date.UTC(2027, 0, 31, 23, 59, 59));
    elapsed += 1500;
    assert.equal(new Date(now()).toISOString(), '2027-02-01T00:00:00.500Z');
  });
});

describe('the CLI with --now builds its seed at that instant', () => {
  // A Monday just after a month end and the start of US daylight saving time: far from the day the test runs.
  const FIXED = '2027-03-01T00:15:00Z';
  const fixedMs = Date.parse(FIXED);
  let dir = '';
  let child: ChildProcess | undefined;
  let api: BearerClient;
  let startedAt = 0;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'atlas-sim-now-'));
    const out = join(dir, 'simulator.js');
    const esbuild = createRequire(join(process.cwd(), 'package.json'))('esbuild') as typeof import('esbuild');
    await esbuild.build({
      entryPoints: [join(process.cwd(), 'src/simulator/main.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      outfile: out,
      logLevel: 'silent',
    });
    startedAt = Date.now();
    child = spawn(process.execPath, [out, '--json', '--port', '0', '--now', FIXED], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const first = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child!.stdout! }).once('line', resolve);
      child!.once('exit', (code) => reject(new Error(`the simulator exited (${code}) before listening`)));
    });
    api = new BearerClient((JSON.parse(first) as { url: string }).url);
  });
  after(() => {
    child?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  const ordersSnapshots = async (a: BearerClient) => {
    const { production } = SEED.projects;
    return (
      await a.json<Obj>(`/api/atlas/v2/groups/${production.id}/clusters/orders-rs/backup/snapshots?itemsPerPage=500`, {
        accept: V2023,
      })
    ).body;
  };

  test('the same snapshots as a simulator whose clock is that instant, dated relative to it', async () => {
    const page = await ordersSnapshots(api);
    const sim = new AtlasSimulator({ now: () => fixedMs });
    try {
      const expected = await ordersSnapshots(new BearerClient((await sim.start()).url));
      assert.equal(page.totalCount, expected.totalCount);
      assert.deepEqual(
        page.results.map((s: Obj) => s.id),
        expected.results.map((s: Obj) => s.id),
      );
    } finally {
      await sim.stop();
    }
    const created = page.results.map((s: Obj) => Date.parse(s.createdAt));
    assert.ok(Math.max(...created) <= fixedMs, 'nothing was taken after the instant given');
    assert.ok(Math.max(...created) > fixedMs - DAY_MS, 'the newest snapshot is from the day before it');
    // The seed's first on-demand snapshot is taken 2 days and 3 hours before the seed's clock.
    const onDemand = page.results
      .filter((s: Obj) => s.snapshotType === 'onDemand')
      .map((s: Obj) => Date.parse(s.createdAt));
    assert.ok(
      onDemand.includes(fixedMs - 2 * DAY_MS - 3 * 3_600_000),
      onDemand.map((ms: number) => new Date(ms).toISOString()).join(),
    );
  });

  test('its clock advances from there: a snapshot taken now is dated just after the instant', async () => {
    const { production } = SEED.projects;
    const r = await api.json<Obj>(`/api/atlas/v2/groups/${production.id}/clusters/ledger-pit/backup/snapshots`, {
      method: 'POST',
      accept: V2023,
      body: { description: 'clock', retentionInDays: 7 },
    });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const at = Date.parse(r.body.createdAt as string);
    assert.ok(at >= fixedMs && at <= fixedMs + (Date.now() - startedAt), `${r.body.createdAt} vs ${FIXED}`);
  });
});

describe('the certificate made at start', () => {
  const tls = makeSelfSignedCert();
  after(() => rmSync(join(tls.certPath, '..'), { recursive: true, force: true }));

  test(`is valid from ${CERT_BACKDATE_DAYS} days before it is made to ${CERT_VALID_DAYS} days after`, () => {
    const made = Date.now();
    const cert = new X509Certificate(tls.cert);
    const from = Date.parse(cert.validFrom);
    const to = Date.parse(cert.validTo);
    // Whole seconds on the certificate; a minute of slack for a slow machine.
    assert.ok(Math.abs(from - (made - CERT_BACKDATE_DAYS * DAY_MS)) < 60_000, cert.validFrom);
    assert.ok(Math.abs(to - (made + CERT_VALID_DAYS * DAY_MS)) < 60_000, cert.validTo);
    assert.ok(cert.checkHost('localhost') && cert.checkIP('127.0.0.1'));
  });

  test('a client whose clock is a day behind accepts it (OpenSSL verifying at that time)', () => {
    const verifyAt = (ms: number) =>
      execFileSync(
        'openssl',
        ['verify', '-CAfile', tls.certPath, '-attime', String(Math.floor(ms / 1000)), tls.certPath],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
      );
    assert.match(verifyAt(Date.now() - DAY_MS), /: OK/);
    assert.throws(
      () => verifyAt(Date.now() - (CERT_BACKDATE_DAYS + 1) * DAY_MS),
      /not yet valid/,
      'a clock further behind than the margin is refused, so the check above can fail',
    );
  });
});
