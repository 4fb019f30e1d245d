// A cluster row's recovery posture in the tree, as a user hovering it meets it: the RPO with why, the restorable window
// with its restore points and the last restore — the posture report's own figures for that cluster —, loaded with the
// cluster's other backup rows for a counted number of requests, and a cluster that takes no scheduled snapshots shown
// as an error. The model against the real client and the in-process simulator.
import { describe, test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { AtlasClient } from '../../../../src/core/atlas';
import type { Credentials } from '../../../../src/core/atlas';
import { AtlasSimulator, DEMO_CREDENTIALS, describeSeed } from '../../../../src/simulator';
import { ExplorerModel, present } from '../../../../src/core/tree/explorerModel';
import type { ClusterNode, ExplorerModelOptions, ExplorerNode } from '../../../../src/core/tree/explorerModel';
import { clusterRecovery, TAIL_PAGE } from '../../../../src/core/tree/clusterRecovery';
import { loadPosture } from '../../../../src/core/fleet/loader';
import { lastRestoreCell, restorableCell, rpoCell } from '../../../../src/core/recovery/recoveryWords';

let sim: AtlasSimulator;
let url: string;
const SEED = describeSeed();
const projectId = (name: string) => SEED.projects.find((p) => p.name === name)!.id;

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

const label = (n: ExplorerNode) => present(n).label;
/** The tooltip as a person reads it: Markdown's escapes undone. */
const tipOf = (n: ExplorerNode) =>
  present(n)
    .tooltip!.replace(/\\(.)/g, '$1')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"');

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

/** Opens a cluster and waits, on the model's own events, until its recovery posture has settled. */
async function openRecovery(model: ExplorerModel, project: string, cluster: string): Promise<ClusterNode> {
  const node = (await open(model, project, cluster)) as ClusterNode;
  assert.equal(node.kind, 'cluster');
  while (clusterRecovery(node).state !== 'loaded')
    await new Promise<void>((resolve) => {
      const s = model.onDidChange(() => {
        s.dispose();
        resolve();
      });
    });
  return node;
}

const requestsTo = (fragment: string) => sim.requests.filter((r) => r.path.includes(fragment));

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

describe("a cluster row's recovery posture", () => {
  test("the tooltip says the posture report's RPO, window and last restore, for one restore-job list and at most two snapshot pages more", async () => {
    const nowMs = Date.now();
    // 100 a page: orders-rs has more, so the oldest snapshot is read from the end of the list.
    const m = model({ pageSize: 100, now: () => nowMs });
    const orders = await openRecovery(m, 'Production', 'orders-rs');
    const snapshotRequests = requestsTo('/clusters/orders-rs/backup/snapshots');
    assert.equal(requestsTo('/clusters/orders-rs/backup/restoreJobs').length, 1, 'one restore-job list');
    assert.ok(
      snapshotRequests.length >= 2 && snapshotRequests.length <= 3,
      `${snapshotRequests.length} snapshot pages`,
    );
    for (const r of snapshotRequests.slice(1)) assert.equal(r.query.itemsPerPage, String(TAIL_PAGE), 'a short page');

    const { rows } = await loadPosture(client(), { projectIds: [projectId('Production')], now: () => nowMs });
    const expected = rows.find((r) => r.clusterName === 'orders-rs')!;
    const view = clusterRecovery(orders);
    assert.deepEqual(view.posture!.recovery, expected.recovery, "the posture report's figures");

    const tip = tipOf(orders);
    const rec = expected.recovery!;
    assert.match(tip, /\*\*Recovery posture\*\*/);
    assert.ok(tip.includes(`RPO: ${rpoCell(expected)} — the most frequent policy item's interval`), tip);
    assert.ok(tip.includes(`Restorable: ${restorableCell(expected)} · restore points: ${rec.restorePoints!}`), tip);
    assert.match(restorableCell(expected), / UTC → .* UTC$/, 'from the oldest to the newest snapshot');
    // When, how it was delivered and how long ago; how long it took and whether a drill only where our history knows.
    assert.ok(tip.includes(`Last restore: ${lastRestoreCell(expected, nowMs)}`), tip);
    assert.match(lastRestoreCell(expected, nowMs), /^\d{4}-\d\d-\d\d \d\d:\d\d UTC \(automated, [\d.]+ (h|d) ago\)$/);
    assert.equal(present(orders).icon, 'database', 'a schedule that takes snapshots is no error');
    // Markdown: a line right after a list item continues that item, so the section starts after a blank line.
    const lines = present(orders).tooltip!.split('\n');
    const heading = lines.findIndex((l) => l.startsWith('**Recovery posture**'));
    assert.ok(
      lines.slice(0, heading).some((l) => l.startsWith('- ')),
      'the zones list comes first',
    );
    assert.equal(lines[heading - 1].trim(), '', 'a blank line between the zones list and the recovery posture');
  });

  test('a short list costs no snapshot page more, and what our history knows shows the duration and the drill', async () => {
    const m = model();
    const first = await openRecovery(m, 'Production', 'orders-rs');
    const job = (await client().listRestoreJobsPage(projectId('Production'), 'orders-rs')).results.find(
      (j) => j.finishedAt === clusterRecovery(first).posture!.recovery!.lastRestore!.finishedAt,
    )!;
    const pagesRead = requestsTo('/clusters/orders-rs/backup/snapshots').length;
    const total = (await client().listSnapshotsPage(projectId('Production'), 'orders-rs', { itemsPerPage: 1 }))
      .totalCount!;
    assert.ok(total <= 500, `orders-rs's ${total} snapshots fit the tree's first page of 500`);
    assert.equal(pagesRead, 1, 'the first page holds them all: no page more for the oldest');
    const startedAt = new Date(Date.parse(job.finishedAt!) - 42 * 60_000).toISOString();
    m.setKnownRestores((id) => (id === job.id ? { startedAt, drill: true } : null));
    assert.match(tipOf(first), /Last restore: \S+ \d\d:\d\d UTC \(automated, .* ago, took 42 min, drill\)/);
    m.setKnownRestores((id) => (id === job.id ? { drill: false } : null));
    assert.match(tipOf(first), /Last restore: \S+ \d\d:\d\d UTC \(automated, [\d.]+ (h|d) ago, not a drill\)/);
  });

  test('a cluster nobody opened says how to load its posture and costs nothing; backup off costs no restore-job list', async () => {
    const m = model();
    const production = await open(m, 'Production');
    const orders = m.getChildren(production).find((r) => label(r) === 'orders-rs')!;
    assert.match(tipOf(orders), /open the cluster to load it/);
    assert.equal(requestsTo('/backup/').length, 0);
    const off = SEED.clusters.find((c) => c.backup === 'off')!;
    const offNode = await open(m, off.projectName, off.name);
    await m.whenSettled(offNode);
    assert.equal(requestsTo(`/clusters/${off.name}/backup/restoreJobs`).length, 0);
    assert.doesNotMatch(tipOf(offNode), /Recovery posture/);
  });

  test('continuous backup: a minute, with why, and any second of the restore window', async () => {
    const pit = SEED.clusters.find((c) => c.backup === 'continuous')!;
    const node = await openRecovery(model(), pit.projectName, pit.name);
    const tip = tipOf(node);
    assert.match(
      tip,
      /RPO: 60 s \(continuous\) — continuous backup; no API exposes the oplog copy's lag, so this is the bound we state/,
    );
    assert.match(tip, /Restorable: continuous, [\d.]+ days? · restore points: any second/);
    assert.match(tip, /Last restore: never/);
    assert.match(tip, /\$\(warning\) Never restored: .*\(`no-recent-restore`\)/);
  });

  test('Delete All Backup Schedules: the cluster row itself is an error, with the badge other errors use', async () => {
    const victim = SEED.clusters.find((c) => c.backup === 'on' && c.projectName !== 'Production')!;
    await client().deleteBackupSchedules(projectId(victim.projectName), victim.name);
    const node = await openRecovery(model(), victim.projectName, victim.name);
    const p = present(node);
    assert.equal(p.icon, 'error');
    assert.equal(p.iconColor, 'list.errorForeground');
    assert.equal(p.badge, 'error');
    assert.match(p.description!, /^backup on · no scheduled snapshots/);
    assert.match(
      tipOf(node),
      /\$\(error\) \*\*Takes no scheduled snapshots\*\*: backup is on, but the schedule has no policy items \(`no-scheduled-snapshots`\)/,
    );
    assert.match(
      tipOf(node),
      /RPO: .* \(nothing scheduled\) — nothing is scheduled: the newest snapshot's age, and growing/,
    );
    // Its neighbour, untouched, is no error.
    const other = SEED.clusters.find(
      (c) => c.backup === 'on' && c.projectName === victim.projectName && c.name !== victim.name,
    );
    if (other) {
      const n = await openRecovery(model(), other.projectName, other.name);
      assert.notEqual(present(n).badge, 'error');
    }
  });

  test('the RPO target and the restore age come from the settings the model is given', async () => {
    const m = model();
    const orders = await openRecovery(m, 'Production', 'orders-rs');
    assert.doesNotMatch(tipOf(orders), /rpo-over-target|no-recent-restore/);
    m.setRecoveryOptions({ rpoTargetSeconds: 60, restoreAgeDays: 1 });
    const tip = tipOf(orders);
    assert.match(tip, /\$\(warning\) RPO .* is above the target of 60 s\. \(`rpo-over-target`\)/);
    assert.match(
      tip,
      /\$\(warning\) The last successful restore finished .*none in the last 1 days\. \(`no-recent-restore`\)/,
    );
  });

  test('restore jobs that cannot be read leave the last restore unknown, with Atlas\'s reason, not "never"', async () => {
    const m = model({}, client({ kind: 'apiKey', ...DEMO_CREDENTIALS.readOnlyApiKey }));
    const orders = await openRecovery(m, 'Production', 'orders-rs');
    const jobs = requestsTo('/clusters/orders-rs/backup/restoreJobs');
    assert.equal(jobs.length, 1);
    assert.equal(jobs[0].status, 403, 'reading restore jobs needs Project Backup Manager');
    const tip = tipOf(orders);
    assert.match(tip, /Last restore: \? — not read: .+/);
    assert.doesNotMatch(tip, /never|no-recent-restore/i);
  });
});
