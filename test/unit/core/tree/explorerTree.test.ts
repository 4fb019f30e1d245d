// The tree below a project as a user meets it: the Backup Compliance Policy row, a cluster's schedule, snapshots
// (paging, filter, sharded), legacy snapshots; refresh, collapse, caching and errors — the model against the real
// client and the in-process simulator.
import { describe, test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { AtlasClient } from '../../../../src/core/atlas';
import type { Credentials } from '../../../../src/core/atlas';
import { AtlasSimulator, DEMO_CREDENTIALS, SEED, describeSeed } from '../../../../src/simulator';
import { describeItem, summarizeSchedule } from '../../../../src/core/schedule/describeSchedule';
import { ExplorerModel, present } from '../../../../src/core/tree/explorerModel';
import type { ExplorerModelOptions, ExplorerNode, SnapshotsNode } from '../../../../src/core/tree/explorerModel';
import { atlasUrl, idOf, jsonOf } from '../../../../src/core/tree/explorerPresent';

let sim: AtlasSimulator;
let url: string;

function client(
  credentials: Credentials = { kind: 'serviceAccount', ...DEMO_CREDENTIALS.serviceAccount },
): AtlasClient {
  return new AtlasClient({
    baseUrl: url,
    credentials,
    userAgent: 'atlas-backup-test/0',
    retry: { sleep: async () => {} },
  });
}

const readOnly = (): AtlasClient => client({ kind: 'apiKey', ...DEMO_CREDENTIALS.readOnlyApiKey });

function label(n: ExplorerNode): string {
  return present(n).label;
}

function find(rows: ExplorerNode[], kind: ExplorerNode['kind'], text?: string | RegExp): ExplorerNode {
  const n = rows.find(
    (r) =>
      r.kind === kind && (text === undefined || (typeof text === 'string' ? label(r) === text : text.test(label(r)))),
  );
  assert.ok(n, `a ${kind} row ${text ?? ''} among ${rows.map((r) => `${r.kind}:${label(r)}`).join(', ')}`);
  return n;
}

async function open(model: ExplorerModel, ...path: string[]): Promise<ExplorerNode> {
  let rows = await model.whenSettled();
  let node: ExplorerNode | undefined;
  for (const name of path) {
    node = rows.find((r) => label(r) === name);
    assert.ok(node, `${name} among ${rows.map(label).join(', ')}`);
    rows = await model.whenSettled(node);
  }
  return node!;
}

/** Waits until `check` holds, re-testing on every change the model reports (never on a timer). */
async function until(model: ExplorerModel, check: () => boolean): Promise<void> {
  while (!check())
    await new Promise<void>((resolve) => {
      const s = model.onDidChange(() => {
        s.dispose();
        resolve();
      });
    });
}

function requestsTo(fragment: string): number {
  return sim.requests.filter((r) => r.path.includes(fragment)).length;
}

/** Requests for the project list itself. */
function projectListRequests(): number {
  return sim.requests.filter((r) => r.path === '/api/atlas/v2/groups').length;
}

function model(opts: ExplorerModelOptions = {}, c: AtlasClient = client()): ExplorerModel {
  return new ExplorerModel(c, { timeZone: 'UTC', ...opts });
}

before(async () => {
  sim = new AtlasSimulator({});
  ({ url } = await sim.start(0));
});
after(async () => {
  await sim.stop();
});
beforeEach(() => {
  sim.reset();
});

describe('project rows and the Backup Compliance Policy', () => {
  test('a project under a policy gets a lock, and its policy row lists state, who authorised it, items in words and flags', async () => {
    const m = model();
    const production = await open(m, 'Production');
    assert.equal(present(production).badge, 'lock');
    assert.equal(present(production).icon, 'lock');
    const seeded = describeSeed().projects.find((p) => p.name === 'Production')!.clusters.length;
    assert.equal(present(production).description, `${seeded} clusters · compliance policy`);
    assert.match(present(production).tooltip!, /Backup Compliance Policy active/);
    const policyRow = m.getChildren(production)[0];
    assert.equal(policyRow.kind, 'compliance');
    assert.equal(present(policyRow).description, 'active');
    const rows = (await m.whenSettled(policyRow)).map(label);
    assert.equal(rows[0], 'State: active');
    assert.ok(rows.includes('Authorized by Dana Reyes'), rows.join(' | '));
    assert.ok(rows.includes('every 6 hours or more often, kept at least 2 days'), rows.join(' | '));
    assert.ok(rows.includes('daily, kept at least 7 days'));
    assert.ok(rows.includes('weekly, kept at least 4 weeks'));
    assert.ok(rows.includes('monthly, kept at least 12 months'));
    assert.ok(
      rows.some((r) => /^on-demand snapshots kept at least \d+ days?$/.test(r)),
      rows.join(' | '),
    );
    assert.ok(rows.some((r) => /^Restore window: \d+ days?$/.test(r)));
    for (const flag of ['Point-in-time restore required', 'Copy protection', 'Encryption at rest'])
      assert.ok(
        rows.some((r) => r.startsWith(flag)),
        flag,
      );
  });

  test('a project without a policy has no lock and says "No Backup Compliance Policy"', async () => {
    const m = model();
    const staging = await open(m, 'Staging');
    assert.equal(present(staging).badge, undefined);
    const policyRow = m.getChildren(staging)[0];
    assert.deepEqual((await m.whenSettled(policyRow)).map(label), ['No Backup Compliance Policy']);
    assert.equal(present(policyRow).description, 'none');
  });

  test('a role that may not read the policy gets "not readable with this role" with Atlas\'s reason, and the clusters still load', async () => {
    const m = model({}, readOnly());
    const production = await open(m, 'Production');
    const rows = m.getChildren(production);
    const seeded = describeSeed().projects.find((p) => p.name === 'Production')!.clusters.length;
    assert.equal(rows.filter((r) => r.kind === 'cluster').length, seeded, 'clusters are listed despite the 403');
    const policyRow = rows[0];
    await m.whenSettled(policyRow);
    assert.equal(present(policyRow).description, 'not readable with this role');
    const [denied] = m.getChildren(policyRow);
    assert.equal(label(denied), 'Not readable with this role');
    assert.ok(present(denied).description, 'the reason Atlas gave');
    assert.match(present(denied).tooltip!, /Project Owner/);
    assert.equal(present(production).badge, undefined);
  });
});

describe('cluster rows', () => {
  test('a cluster shows its schedule with a one-line summary, the next snapshot in UTC and local time, and items in words', async () => {
    const m = model({ timeZone: 'Asia/Tokyo' });
    const cluster = await open(m, 'Production', 'catalog-sharded');
    const expected = await client().getBackupSchedule(SEED.projects.production.id, 'catalog-sharded');
    const rows = m.getChildren(cluster);
    const schedule = find(rows, 'schedule');
    await m.whenSettled(schedule);
    const p = present(schedule);
    assert.equal(p.description, summarizeSchedule(expected));
    assert.match(p.description, /^\d+h·\d+[dwmy]( {2}\S+)+$/);
    assert.match(
      p.tooltip!,
      /Next snapshot: \d{4}\\-\d\d\\-\d\d \d\d\\:\d\d UTC \\\(\d{4}\\-\d\d\\-\d\d \d\d\\:\d\d local, UTC\\\+09\\:00\\\)/,
    );
    assert.equal(p.command?.id, 'atlasBackup.editSchedule', 'clicking opens the schedule editor');
    const items = m
      .getChildren(schedule)
      .filter((n) => n.kind === 'detail' && n.role === 'scheduleItem')
      .map(label);
    assert.deepEqual(items, expected.policies![0].policyItems.map(describeItem));
    assert.ok(
      items.some((i) => /^every \d+ hours, kept \d+ days?$/.test(i)),
      items.join(' | '),
    );
  });

  test('copy regions are listed under a schedule that copies', async () => {
    const m = model();
    const cluster = await open(m, 'Production', 'global-users');
    const schedule = find(m.getChildren(cluster), 'schedule');
    const rows = (await m.whenSettled(schedule)).map(label);
    assert.ok(
      rows.some((r) => /^Copy to AWS EU_CENTRAL_1: .*snapshots/.test(r)),
      rows.join(' | '),
    );
    assert.ok(rows.some((r) => /^Copy to AWS US_WEST_2: /.test(r)));
  });

  test('a cluster with backup off shows a warning and no schedule row', async () => {
    const m = model();
    const staging = await open(m, 'Staging');
    const off = find(m.getChildren(staging), 'cluster', 'staging-rs');
    assert.equal(present(off).badge, 'warning');
    assert.equal(present(off).contextValue, 'clusterBackupOff');
    const rows = m.getChildren(off);
    assert.equal(label(rows[0]), 'Cloud backup is off');
    assert.ok(!rows.some((r) => r.kind === 'schedule'));
    assert.ok(rows.some((r) => r.kind === 'snapshots'));
  });

  test('legacy snapshots appear only where the cluster has them, marked deprecated, with their parts', async () => {
    const m = model();
    const legacyApp = await open(m, 'Staging', 'legacy-app');
    await until(m, () => m.getChildren(legacyApp).some((r) => r.kind === 'legacySnapshots'));
    const legacy = find(m.getChildren(legacyApp), 'legacySnapshots');
    assert.match(present(legacy).description!, /^deprecated · \d+$/);
    const snaps = await m.whenSettled(legacy);
    assert.ok(snaps.length > 1 && snaps.every((s) => s.kind === 'legacySnapshot'));
    assert.match(present(snaps[0]).description!, /deprecated/);
    const withParts = snaps.find((s) => present(s).collapsible);
    if (withParts) assert.ok(m.getChildren(withParts).every((p) => p.kind === 'detail' && p.role === 'legacyPart'));

    const orders = await open(m, 'Production', 'orders-rs');
    await m.whenSettled(orders); // the legacy probe has answered
    assert.ok(!m.getChildren(orders).some((r) => r.kind === 'legacySnapshots'));
  });

  test("a cluster's rows appear at once and do not wait on each other: a failing schedule leaves the snapshots", async () => {
    const m = model();
    const production = await open(m, 'Production');
    const orders = find(m.getChildren(production), 'cluster', 'orders-rs');
    sim.faults.add({
      pathPrefix: `/api/atlas/v2/groups/${SEED.projects.production.id}/clusters/orders-rs/backup/schedule`,
      status: 500,
      errorCode: 'UNEXPECTED_ERROR',
      detail: 'Schedule store unavailable.',
      count: 1,
    });
    const rows = m.getChildren(orders);
    assert.deepEqual(
      rows.map((r) => r.kind),
      ['schedule', 'snapshots', 'restores', 'exportList'],
      'every row at once, before any answer',
    );
    const schedule = rows[0];
    const snapshots = rows[1];
    const scheduleRows = await m.whenSettled(schedule);
    assert.equal(scheduleRows[0].kind, 'error');
    assert.match(present(scheduleRows[0]).description!, /Schedule store unavailable/);
    assert.equal(present(schedule).description, "couldn't load");
    const snaps = await m.whenSettled(snapshots);
    assert.ok(snaps.filter((s) => s.kind === 'snapshot').length > 0, 'snapshots loaded regardless');
    m.retry(scheduleRows[0]);
    const again = await m.whenSettled(schedule);
    assert.ok(again.every((r) => r.kind === 'detail'));
  });
});

describe('snapshots', () => {
  test('newest first, a page at a time with a Load more row, total in the description', async () => {
    const m = model({ pageSize: 100 });
    const orders = await open(m, 'Production', 'orders-rs');
    const snapshots = find(m.getChildren(orders), 'snapshots') as SnapshotsNode;
    let rows = await m.whenSettled(snapshots);
    const total = (await client().listSnapshotsPage(SEED.projects.production.id, 'orders-rs', { itemsPerPage: 1 }))
      .totalCount!;
    assert.ok(total > 200, `orders-rs has several pages of snapshots (${total})`);
    assert.equal(present(snapshots).description, `${total.toLocaleString('en-US')} total`);
    assert.equal(rows.filter((r) => r.kind === 'snapshot').length, 100);
    assert.equal(rows.at(-1)!.kind, 'loadMore');
    assert.match(present(rows.at(-1)!).description!, new RegExp(`^100 of ${total.toLocaleString('en-US')} loaded$`));
    const created = rows
      .filter((r) => r.kind === 'snapshot')
      .map((r) => (r as { snapshot: { createdAt: string } }).snapshot.createdAt);
    assert.deepEqual(created, [...created].sort().reverse(), 'newest first');
    const first = rows[0];
    assert.match(label(first), /^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
    assert.match(
      present(first).description!,
      /^(scheduled|on-demand|fallback) · .*(expires \d{4}-\d\d-\d\d|no expiry)$/,
    );
    assert.equal(present(first).icon, 'pass');

    const before = requestsTo('/backup/snapshots');
    m.loadMore(rows.at(-1));
    rows = await m.whenSettled(snapshots);
    assert.equal(rows.filter((r) => r.kind === 'snapshot').length, 200);
    assert.equal(requestsTo('/backup/snapshots') - before, 1, 'one request a page');
    assert.deepEqual(sim.requests.filter((r) => r.path.endsWith('/backup/snapshots')).at(-1)!.query, {
      pageNum: '2',
      itemsPerPage: '100',
    });
    while (rows.at(-1)!.kind === 'loadMore') {
      m.loadMore(rows.at(-1));
      rows = await m.whenSettled(snapshots);
    }
    assert.equal(rows.filter((r) => r.kind === 'snapshot').length, total, 'all of them, no duplicates');
    assert.equal(new Set(rows.map((r) => r.id)).size, rows.length, 'stable unique ids');
  });

  test('the filter shows all, on-demand or one frequency, and says so in the description', async () => {
    const m = model();
    const orders = await open(m, 'Production', 'orders-rs');
    const snapshots = find(m.getChildren(orders), 'snapshots');
    const all = (await m.whenSettled(snapshots)).filter((r) => r.kind === 'snapshot');
    m.setSnapshotFilter(snapshots, 'onDemand');
    const onDemand = m.getChildren(snapshots).filter((r) => r.kind === 'snapshot');
    assert.ok(onDemand.length >= 1 && onDemand.length < all.length);
    assert.ok(onDemand.every((r) => present(r).description!.startsWith('on-demand')));
    assert.match(present(snapshots).description!, /on-demand only$/);
    m.setSnapshotFilter(snapshots, 'monthly');
    const monthly = m.getChildren(snapshots).filter((r) => r.kind === 'snapshot');
    assert.ok(monthly.length >= 1 && monthly.every((r) => / · monthly · /.test(present(r).description!)));
    m.setSnapshotFilter(snapshots, 'yearly');
    const yearly = m.getChildren(snapshots);
    assert.ok(yearly.some((r) => r.kind === 'empty' || r.kind === 'loadMore'));
    m.setSnapshotFilter(snapshots, 'all');
    assert.equal(m.getChildren(snapshots).filter((r) => r.kind === 'snapshot').length, all.length);
  });

  test('a sharded cluster lists its sharded snapshots', async () => {
    const m = model();
    const sharded = await open(m, 'Production', 'catalog-sharded');
    const snapshots = find(m.getChildren(sharded), 'snapshots');
    assert.equal(label(snapshots), 'Snapshots (sharded cluster)');
    const rows = await m.whenSettled(snapshots);
    assert.ok(rows.some((r) => r.kind === 'snapshot'));
    assert.ok(requestsTo('/backup/snapshots/shardedClusters') >= 1);
    assert.match(present(rows[0]).tooltip!, /Members: /);
    // The snapshot opens onto its members, one row per shard and the config server, with nothing fetched.
    const snap = rows.find((r) => r.kind === 'snapshot')!;
    assert.equal(present(snap).collapsible, true);
    const before = sim.requests.length;
    const members = m.getChildren(snap);
    assert.equal(sim.requests.length, before);
    const expected = snap.kind === 'snapshot' && 'members' in snap.snapshot ? (snap.snapshot.members ?? []) : [];
    assert.ok(expected.length >= 2, 'the seeded sharded snapshot has members');
    // Then the Databases row every completed snapshot has (restoreRows.ts).
    assert.deepEqual(
      members.map((r) => label(r)),
      [...expected.map((x) => x.replicaSetName), 'Databases'],
    );
    assert.match(present(members[0]).description!, new RegExp(`^${expected[0].cloudProvider} · ${expected[0].id}$`));
    assert.equal(present(members[0]).contextValue, 'detail.shardMember');
  });

  test("an error row for snapshots shows Atlas's reason and retry loads them; no notification is involved", async () => {
    const m = model();
    const production = await open(m, 'Production');
    const ledger = find(m.getChildren(production), 'cluster', 'ledger-pit');
    sim.faults.add({
      pathPrefix: `/api/atlas/v2/groups/${SEED.projects.production.id}/clusters/ledger-pit/backup/snapshots`,
      status: 503,
      errorCode: 'SERVICE_UNAVAILABLE',
      detail: 'Snapshots are resting.',
      count: 10,
    });
    const snapshots = find(m.getChildren(ledger), 'snapshots');
    const rows = await m.whenSettled(snapshots);
    assert.equal(rows[0].kind, 'error');
    assert.equal(label(rows[0]), "Couldn't load snapshots");
    assert.match(present(rows[0]).description!, /Snapshots are resting/);
    assert.equal(present(rows[0]).command?.id, 'atlasBackup.retry');
    sim.faults.clear();
    m.retry(rows[0]);
    assert.ok((await m.whenSettled(snapshots)).some((r) => r.kind === 'snapshot'));
  });
});

describe('refresh, collapse and caching', () => {
  test('refreshing one row reloads only it; the rest keeps its rows and makes no request', async () => {
    const m = model();
    const orders = await open(m, 'Production', 'orders-rs');
    const schedule = find(m.getChildren(orders), 'schedule');
    await m.whenSettled(schedule);
    const projectsBefore = m.getChildren().map((n) => n.id);
    const listBefore = projectListRequests();
    assert.ok(listBefore > 0);
    const scheduleBefore = requestsTo('/backup/schedule');
    const snapshotsBefore = requestsTo('/backup/snapshots');
    const summary = present(schedule).description;
    m.refreshNode(schedule);
    m.getChildren(schedule);
    assert.equal(present(schedule).description, summary, 'the summary stays while it reloads');
    assert.equal(m.isBusy(schedule), true);
    await m.whenSettled(schedule);
    assert.equal(requestsTo('/backup/schedule') - scheduleBefore, 1);
    assert.equal(requestsTo('/backup/snapshots'), snapshotsBefore, 'snapshots untouched');
    assert.deepEqual(
      m.getChildren().map((n) => n.id),
      projectsBefore,
    );
    assert.equal(projectListRequests(), listBefore, 'projects untouched');
  });

  test('refreshing a snapshot row refreshes its Snapshots list back to page one with the same ids', async () => {
    const m = model({ pageSize: 50 });
    const orders = await open(m, 'Production', 'orders-rs');
    const snapshots = find(m.getChildren(orders), 'snapshots');
    const first = await m.whenSettled(snapshots);
    m.refreshNode(first[3]);
    const again = await m.whenSettled(snapshots);
    assert.deepEqual(
      again.map((r) => r.id),
      first.map((r) => r.id),
    );
  });

  test('collapsing cancels what is in flight below; opening again loads afresh', async () => {
    const m = model();
    const production = await open(m, 'Production');
    const orders = find(m.getChildren(production), 'cluster', 'orders-rs');
    sim.faults.add({
      pathPrefix: `/api/atlas/v2/groups/${SEED.projects.production.id}/clusters/orders-rs/backup/schedule`,
      latencyMs: 300,
      count: 1,
    });
    const schedule = find(m.getChildren(orders), 'schedule');
    assert.equal(m.isBusy(schedule), true);
    m.collapsed(orders);
    assert.equal(schedule.kind === 'schedule' && schedule.schedule.state.status, 'idle', 'the slow load was dropped');
    const rows = await m.whenSettled(find(m.getChildren(orders), 'schedule'));
    assert.ok(rows.every((r) => r.kind === 'detail'));
  });

  test('nothing is fetched for rows nobody opened', async () => {
    const m = model();
    await open(m, 'Production');
    assert.equal(requestsTo('/backup/'), 0, 'no schedule or snapshot request before a cluster is opened');
    const staging = '/groups/' + SEED.projects.staging.id;
    const stagingRow = find(m.getChildren(), 'project', 'Staging');
    await until(m, () => stagingRow.kind === 'project' && stagingRow.policy.state.status === 'loaded');
    // An unopened project reads only its policy (its row's lock shows without opening it), never its clusters.
    assert.equal(requestsTo(staging), requestsTo(`${staging}/backupCompliancePolicy`), 'only the policy');
    assert.equal(requestsTo(`${staging}/backupCompliancePolicy`), 1, 'one policy request a project');
  });

  test('a short cache: shown again within the time-to-live, no request; after it, one background reload', async () => {
    let now = 1_000_000;
    const m = model({ ttlMs: 60_000, now: () => now });
    await m.whenSettled();
    const before = projectListRequests();
    assert.equal(before, 1);
    m.getChildren();
    assert.equal(projectListRequests(), before);
    now += 61_000;
    const stale = m.getChildren();
    assert.ok(
      stale.every((r) => r.kind === 'project'),
      'the old rows stay while it reloads',
    );
    assert.equal(m.isBusy(), true, 'reloading in the background');
    await m.whenSettled();
    assert.equal(projectListRequests(), before + 1);
    assert.deepEqual(
      m.getChildren().map((r) => r.id),
      stale.map((r) => r.id),
    );
  });
});

describe('Copy ID, Show JSON, Open in Atlas, tooltips', () => {
  test('ids, JSON and Atlas UI links come from what Atlas returned', async () => {
    const m = model();
    const orders = await open(m, 'Production', 'orders-rs');
    const production = m.parentOf(orders)!;
    assert.equal(idOf(production), SEED.projects.production.id);
    assert.equal(idOf(orders), SEED.clusters['orders-rs'].id);
    assert.equal((jsonOf(orders) as { name: string }).name, 'orders-rs');
    const gid = SEED.projects.production.id;
    assert.equal(atlasUrl(production, 'https://cloud.mongodb.com/'), `https://cloud.mongodb.com/v2/${gid}#/clusters`);
    assert.equal(
      atlasUrl(orders, 'https://cloud.mongodb.com'),
      `https://cloud.mongodb.com/v2/${gid}#/clusters/detail/orders-rs`,
    );
    const snapshots = find(m.getChildren(orders), 'snapshots');
    const [snap] = await m.whenSettled(snapshots);
    assert.equal(
      atlasUrl(snap, 'https://cloud.mongodb.com'),
      `https://cloud.mongodb.com/v2/${gid}#/clusters/backup/orders-rs`,
    );
    assert.equal(idOf(snap), (jsonOf(snap) as { id: string }).id);
    assert.equal(atlasUrl(snap, 'javascript:alert(1)'), undefined);
    const schedule = find(m.getChildren(orders), 'schedule');
    await m.whenSettled(schedule);
    assert.deepEqual(jsonOf(schedule), await client().getBackupSchedule(gid, 'orders-rs'));
  });

  test('Atlas text in tooltips is escaped: a description cannot inject links or HTML', async () => {
    const c = client();
    const gid = SEED.projects.production.id;
    await c.takeSnapshot(gid, 'ledger-pit', {
      retentionInDays: 7,
      description: '[click](https://evil.example) <img src=x> **bold**',
    });
    const m = model({}, c);
    const ledger = await open(m, 'Production', 'ledger-pit');
    const rows = await m.whenSettled(find(m.getChildren(ledger), 'snapshots'));
    const mine = rows.find((r) => r.kind === 'snapshot' && r.snapshot.description?.includes('evil'))!;
    const tip = present(mine).tooltip!;
    assert.doesNotMatch(tip, /(?<!\\)\[click(?<!\\)\]\(https/);
    assert.doesNotMatch(tip, /(?<!\\)<img/, 'no HTML that Markdown would render');
    assert.doesNotMatch(tip, /(?<!\\)\*\*bold/);
    assert.match(tip, /\\\[click\\\]\\\(https\\:\/\/evil\\\.example\\\)/);
    assert.notEqual(present(mine).icon, 'pass', 'a fresh on-demand snapshot is not complete yet');
    assert.equal(present(mine).contextValue, 'snapshotPending');
  });
});
