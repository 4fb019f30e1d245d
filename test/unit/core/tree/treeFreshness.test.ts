// The tree never shows stale or incomplete state (issue #20 item 6) and marks what applies to a row (item 10): the
// compliance lock without opening the project, and after a second account; Atlas's schedule as a push just read it;
// Discard Draft and Push only where a draft is; the filter's mark. The model against the simulator, no VS Code.
import { describe, test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { AtlasClient } from '../../../../src/core/atlas';
import type { BackupSchedule } from '../../../../src/core/atlas';
import { AtlasSimulator, DEMO_CREDENTIALS, SEED, describeSeed } from '../../../../src/simulator';
import { DEFAULT_ACCOUNT_ID, ExplorerModel, present } from '../../../../src/core/tree/explorerModel';
import type { ExplorerNode, ProjectNode } from '../../../../src/core/tree/explorerModel';
import { policyActive } from '../../../../src/core/tree/explorerPresent';
import { summarizeSchedule } from '../../../../src/core/schedule/describeSchedule';
import { ContextValues } from '../../../../src/core/ids';

let sim: AtlasSimulator;
let url: string;

function client(): AtlasClient {
  return new AtlasClient({
    baseUrl: url,
    credentials: { kind: 'serviceAccount', ...DEMO_CREDENTIALS.serviceAccount },
    userAgent: 'atlas-backup-test/0',
    retry: { sleep: async () => {} },
  });
}

const label = (n: ExplorerNode) => present(n).label;

function find(rows: ExplorerNode[], kind: ExplorerNode['kind'], text?: string): ExplorerNode {
  const n = rows.find((r) => r.kind === kind && (text === undefined || label(r) === text));
  assert.ok(n, `a ${kind} row ${text ?? ''} among ${rows.map((r) => `${r.kind}:${label(r)}`).join(', ')}`);
  return n;
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

/** The project rows under `parent` once each one's policy has been read (its lock, or none). */
async function projectsWithPolicies(model: ExplorerModel, parent?: ExplorerNode): Promise<ExplorerNode[]> {
  await model.whenSettled(parent);
  const settled = () =>
    model
      .getChildren(parent)
      .every((p) => p.kind !== 'project' || p.policy.state.status === 'loaded' || p.policy.state.status === 'failed');
  await until(model, settled);
  return model.getChildren(parent);
}

const requests = (method: string, fragment: string) =>
  sim.requests.filter((r) => r.method === method && r.path.includes(fragment)).length;

/** Which seeded projects Atlas says are under an active policy, by name (the simulator's answer, not a figure). */
async function lockedProjects(): Promise<string[]> {
  const c = client();
  const out: string[] = [];
  for (const p of describeSeed().projects) if (policyActive(await c.getCompliancePolicy(p.id))) out.push(p.name);
  return out.sort();
}

/** A colleague keeps every orders-rs snapshot 3 units longer, in Atlas; Atlas's answer. */
async function colleagueChanges(): Promise<BackupSchedule> {
  const c = client();
  const current = await c.getBackupSchedule(SEED.projects.production.id, 'orders-rs');
  const policy = current.policies![0];
  const policyItems = policy.policyItems.map((i) => ({ ...i, retentionValue: i.retentionValue + 3 }));
  return c.updateBackupSchedule(
    SEED.projects.production.id,
    'orders-rs',
    { ...current, policies: [{ ...policy, policyItems }] },
    { current },
  );
}

const lockedRows = (rows: ExplorerNode[]) =>
  rows
    .filter((r) => r.kind === 'project' && present(r).badge === 'lock')
    .map(label)
    .sort();

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

describe('the compliance lock', () => {
  test('shows on a project nobody opened: one policy request a project, no cluster listing', async () => {
    const expected = await lockedProjects();
    assert.ok(expected.length > 0, 'the seed has a project under a policy');
    sim.reset();
    const model = new ExplorerModel(client());
    const projects = await projectsWithPolicies(model);
    assert.deepEqual(lockedRows(projects), expected);
    for (const p of projects) {
      if (p.kind !== 'project') continue;
      assert.equal(requests('GET', `/groups/${p.groupId}/backupCompliancePolicy`), 1, p.project.name);
      assert.equal(requests('GET', `/groups/${p.groupId}/clusters`), 0, `${p.project.name}: not opened`);
      if (expected.includes(label(p))) assert.match(present(p).description!, /compliance policy/);
    }
    // Shown again within the time-to-live: no second request; opening the project reuses the same answer.
    const production = find(model.getChildren(), 'project', 'Production') as ProjectNode;
    await model.whenSettled(production);
    assert.equal(requests('GET', `/groups/${production.groupId}/backupCompliancePolicy`), 1);
  });

  test('survives a second account: every account root shows the lock, and a draft mark is carried', async () => {
    const expected = await lockedProjects();
    const model = new ExplorerModel(undefined);
    model.setClusterMarks({
      hasDraft: (groupId, name) => groupId === SEED.projects.production.id && name === 'orders-rs',
    });
    model.setSource(client());
    assert.deepEqual(lockedRows(await projectsWithPolicies(model)), expected);
    model.setAccounts([
      { id: 'first', label: 'First', source: client(), active: true },
      { id: 'second', label: 'Second', source: client() },
    ]);
    const accounts = await model.whenSettled();
    assert.deepEqual(
      accounts.map((a) => a.kind),
      ['account', 'account'],
    );
    for (const account of accounts) {
      const projects = await projectsWithPolicies(model, account);
      assert.deepEqual(lockedRows(projects), expected, `${label(account)}: the lock without opening a project`);
      const clusters = await model.whenSettled(find(projects, 'project', 'Production'));
      const orders = find(clusters, 'cluster', 'orders-rs');
      assert.equal(present(orders).contextValue, ContextValues.clusterDraft, `${label(account)}: the draft mark`);
      assert.match(present(orders).description!, /^backup on · draft · /);
      const other = clusters.find((c) => c.kind === 'cluster' && c.info.backupEnabled && label(c) !== 'orders-rs')!;
      assert.equal(present(other).contextValue, ContextValues.cluster);
    }
  });
});

describe('the policy reads of a long project list', () => {
  test('go one at a time and never hold up a project someone opens: its policy jumps the queue', async () => {
    const names = describeSeed()
      .projects.map((p) => p.name)
      .sort((a, b) => a.localeCompare(b));
    assert.ok(names.length >= 4, 'enough projects to fill the background reads');
    const id = (name: string) => describeSeed().projects.find((p) => p.name === name)!.id;
    // The first two projects' policies answer slowly: they hold the background reads' turn.
    for (const slow of names.slice(0, 2))
      sim.faults.add({
        pathPrefix: `/api/atlas/v2/groups/${id(slow)}/backupCompliancePolicy`,
        latencyMs: 400,
        count: 1,
      });
    const model = new ExplorerModel(client());
    const projects = await model.whenSettled();
    const last = find(projects, 'project', names[names.length - 1]) as ProjectNode;
    assert.equal(requests('GET', `/groups/${last.groupId}/backupCompliancePolicy`), 0, 'still waiting its turn');
    await model.whenSettled(last); // opened: its clusters, and its policy now
    await until(model, () => last.policy.state.status === 'loaded');
    const slowRows = names.slice(0, 2).map((n) => find(projects, 'project', n) as ProjectNode);
    assert.ok(
      slowRows.every((p) => p.policy.state.status === 'loading'),
      'the opened project did not wait for the slow reads ahead of it',
    );
    assert.equal(requests('GET', `/groups/${last.groupId}/backupCompliancePolicy`), 1, 'read once');
  });
});

describe('a schedule another feature has just read from Atlas', () => {
  test('shows at once, without a fetch, on the row already shown; an unchanged one tells the tree nothing', async () => {
    const model = new ExplorerModel(client());
    const production = find(await model.whenSettled(), 'project', 'Production');
    const orders = find(await model.whenSettled(production), 'cluster', 'orders-rs');
    const schedule = find(await model.whenSettled(orders), 'schedule');
    await model.whenSettled(schedule);
    const before = present(schedule).description;

    // A colleague changes it in Atlas; the push that finds it has read Atlas's version.
    const atlas = await colleagueChanges();
    const items = atlas.policies![0].policyItems;
    assert.notEqual(summarizeSchedule(atlas), before, 'the change shows in the summary');

    const gets = requests('GET', '/clusters/orders-rs/backup/schedule');
    const heard: (string | undefined)[] = [];
    model.onDidChange((n) => heard.push(n?.id));
    model.scheduleSeen({ groupId: SEED.projects.production.id, clusterName: 'orders-rs', origin: url }, atlas);
    assert.equal(present(schedule).description, summarizeSchedule(atlas), 'the new schedule, at once');
    assert.deepEqual(heard, [schedule.id]);
    assert.deepEqual(
      model
        .getChildren(schedule)
        .filter((r) => r.kind === 'detail' && r.role === 'scheduleItem')
        .map(label).length,
      items.length,
    );
    assert.equal(requests('GET', '/clusters/orders-rs/backup/schedule'), gets, 'nothing fetched again');

    model.scheduleSeen({ groupId: SEED.projects.production.id, clusterName: 'orders-rs' }, atlas);
    assert.deepEqual(heard, [schedule.id], 'the same schedule again changes no row');
  });

  test('with several accounts: the one named, and every account on that Atlas', async () => {
    const model = new ExplorerModel(undefined);
    model.setAccounts([
      { id: 'first', label: 'First', source: client(), active: true },
      { id: 'second', label: 'Second', source: client() },
    ]);
    const rows: ExplorerNode[] = [];
    for (const account of await model.whenSettled()) {
      const production = find(await model.whenSettled(account), 'project', 'Production');
      const orders = find(await model.whenSettled(production), 'cluster', 'orders-rs');
      const schedule = find(await model.whenSettled(orders), 'schedule');
      await model.whenSettled(schedule);
      rows.push(schedule);
    }
    const atlas = await colleagueChanges();
    const now = summarizeSchedule(atlas);
    const at = { groupId: SEED.projects.production.id, clusterName: 'orders-rs' };
    model.scheduleSeen({ ...at, accountId: 'second' }, atlas);
    assert.notEqual(present(rows[0]).description, now, 'the first account was not named');
    assert.equal(present(rows[1]).description, now);
    model.scheduleSeen({ ...at, origin: url }, atlas);
    assert.equal(present(rows[0]).description, now, 'same Atlas, same cluster');
    model.scheduleSeen({ ...at, accountId: DEFAULT_ACCOUNT_ID, origin: 'https://elsewhere.example' }, {});
    assert.equal(present(rows[0]).description, now, 'another Atlas changes nothing here');
  });
});

describe('marks that decide the menus', () => {
  test("a cluster's and its schedule row's context values follow its draft; a filtered snapshots row is marked", async () => {
    const drafts = new Set<string>();
    const model = new ExplorerModel(client());
    model.setClusterMarks({ hasDraft: (_g, name) => drafts.has(name) });
    const production = find(await model.whenSettled(), 'project', 'Production');
    const orders = find(await model.whenSettled(production), 'cluster', 'orders-rs');
    const rows = await model.whenSettled(orders);
    const schedule = find(rows, 'schedule');
    const snapshots = find(rows, 'snapshots');
    assert.equal(present(orders).contextValue, ContextValues.cluster);
    assert.equal(present(schedule).contextValue, ContextValues.schedule);
    const heard: (string | undefined)[] = [];
    model.onDidChange((n) => heard.push(n?.id));
    drafts.add('orders-rs');
    model.refreshMarks();
    assert.equal(present(orders).contextValue, ContextValues.clusterDraft);
    assert.equal(present(schedule).contextValue, ContextValues.scheduleDraft);
    assert.deepEqual(heard.sort(), [orders.id, schedule.id].sort(), 'VS Code hears both rows');
    drafts.clear();
    model.refreshMarks();
    assert.equal(present(schedule).contextValue, ContextValues.schedule);

    assert.equal(present(snapshots).contextValue, ContextValues.snapshots);
    model.setSnapshotFilter(snapshots, 'daily');
    assert.equal(present(snapshots).contextValue, ContextValues.snapshotsFiltered);
    model.setSnapshotFilter(snapshots, 'all');
    assert.equal(present(snapshots).contextValue, ContextValues.snapshots);
  });
});
