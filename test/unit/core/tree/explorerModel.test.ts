// The explorer as a user meets it: projects, clusters with their backup state, loading/empty/error rows,
// retry and refresh — the model against the real client and the simulator, no VS Code needed.
import { describe, test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { AtlasClient } from '../../../../src/core/atlas';
import { AtlasSimulator, DEMO_CREDENTIALS, SEED, describeSeed } from '../../../../src/simulator';
import { ExplorerModel, present } from '../../../../src/core/tree/explorerModel';
import type { ExplorerNode } from '../../../../src/core/tree/explorerModel';

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

// Names and counts of the seeded data come from the seed's own description (it grows; see seed.test.ts).
const FACTS = describeSeed();
/** The seeded names sorted as the tree sorts them. */
const sortedAsTree = (names: string[]) => [...names].sort((a, b) => a.localeCompare(b));
const clusterNames = (project: string) =>
  sortedAsTree(FACTS.projects.find((p) => p.name === project)!.clusters.map((c) => c.name));

function labels(nodes: ExplorerNode[]): string[] {
  return nodes.map((n) => present(n).label);
}

/** A project's rows after its Backup Compliance Policy and Export Buckets rows. */
async function clustersOf(model: ExplorerModel, p: ExplorerNode): Promise<ExplorerNode[]> {
  const rows = await model.whenSettled(p);
  assert.equal(rows[0].kind, 'compliance', 'the policy row comes first');
  assert.equal(rows[1].kind, 'exportList', 'the Export Buckets row comes second');
  return rows.slice(2);
}

async function project(model: ExplorerModel, name: string): Promise<ExplorerNode> {
  const p = (await model.whenSettled()).find((n) => present(n).label === name);
  assert.ok(p, `project ${name} is listed`);
  return p;
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

describe('explorer', () => {
  test('shows nothing until signed in', () => {
    const model = new ExplorerModel(undefined);
    assert.deepEqual(model.getChildren(), []);
    assert.equal(model.signedIn, false);
  });

  test('a first look shows a loading row, then the seeded projects sorted by name', async () => {
    const model = new ExplorerModel(client());
    const first = model.getChildren();
    assert.deepEqual(
      first.map((n) => n.kind),
      ['loading'],
    );
    assert.equal(present(first[0]).label, 'Loading…');
    const projects = await model.whenSettled();
    assert.deepEqual(labels(projects), sortedAsTree(FACTS.projects.map((p) => p.name)));
    assert.equal(
      present(projects.find((p) => present(p).label === 'Production')!).description,
      `${clusterNames('Production').length} clusters`,
    );
  });

  test('clusters show tier, provider and backup state', async () => {
    const model = new ExplorerModel(client());
    const clusters = await clustersOf(model, await project(model, 'Production'));
    const byName = new Map(clusters.map((c) => [present(c).label, present(c)]));
    assert.deepEqual([...byName.keys()], clusterNames('Production'));
    // The backup state first: the default sidebar width cuts the end of a description off.
    assert.equal(byName.get('orders-rs')!.description, 'backup on · M30 · AWS');
    assert.equal(byName.get('ledger-pit')!.description, 'continuous backup · M40 · AZURE');
    assert.match(byName.get('analytics-nvme')!.tooltip!, /NVMe/);
    assert.match(byName.get('global-users')!.tooltip!, /EMEA/);
    assert.match(byName.get('global-users')!.tooltip!, /Americas/);
    const staging = await clustersOf(model, await project(model, 'Staging'));
    assert.match(present(staging.find((c) => present(c).label === 'staging-rs')!).description!, /^backup off · /);
  });

  test('a project with more clusters than one page lists them all', async () => {
    const model = new ExplorerModel(client());
    const clusters = await clustersOf(model, await project(model, 'Sandbox'));
    const seeded = clusterNames('Sandbox');
    assert.ok(seeded.length > 100, 'the Sandbox project needs more than one page of 100');
    assert.deepEqual(labels(clusters), seeded);
  });

  test('a project without clusters shows an empty row', async () => {
    const model = new ExplorerModel(client());
    const rows = await clustersOf(model, await project(model, 'Empty'));
    assert.deepEqual(
      rows.map((n) => n.kind),
      ['empty'],
    );
    assert.equal(present(rows[0]).label, 'No clusters in this project');
  });

  test("a failure shows an error row with Atlas's reason, and retry loads the clusters", async () => {
    const model = new ExplorerModel(client());
    const staging = await project(model, 'Staging');
    sim.faults.add({
      pathPrefix: `/api/atlas/v2/groups/${SEED.projects.staging.id}/clusters`,
      status: 500,
      errorCode: 'UNEXPECTED_ERROR',
      detail: 'Unexpected error in the demo backend.',
      count: 1,
    });
    const rows = await clustersOf(model, staging);
    // Staging's Flex cluster is listed apart (…/flexClusters), so it still shows after the failed cluster list.
    assert.deepEqual(
      rows.map((n) => n.kind),
      ['error', 'flexCluster'],
    );
    const p = present(rows[0]);
    assert.equal(p.label, "Couldn't load clusters");
    assert.match(p.description!, /Unexpected error in the demo backend/);
    assert.equal(p.command?.id, 'atlasBackup.retry');
    const changed = new Promise<ExplorerNode | undefined>((resolve) => {
      const s = model.onDidChange((n) => {
        s.dispose();
        resolve(n);
      });
    });
    model.retry(rows[0]);
    assert.equal((await changed)?.id, staging.id, 'the tree is told to re-read the project');
    const after = await clustersOf(model, staging);
    assert.deepEqual(labels(after.filter((n) => n.kind === 'cluster')), clusterNames('Staging'));
  });

  test('refused credentials give an error row that offers sign-in', async () => {
    const model = new ExplorerModel(
      new AtlasClient({
        baseUrl: url,
        credentials: {
          kind: 'serviceAccount',
          clientId: DEMO_CREDENTIALS.serviceAccount.clientId,
          clientSecret: 'wrong-secret',
        },
        userAgent: 't/0',
      }),
    );
    const rows = await model.whenSettled();
    assert.deepEqual(
      rows.map((n) => n.kind),
      ['error'],
    );
    assert.equal(present(rows[0]).command?.id, 'atlasBackup.signIn');
    assert.doesNotMatch(JSON.stringify(present(rows[0])), /wrong-secret/);
  });

  test('a dead server gives an error row, not a hang', async () => {
    const dead = new AtlasSimulator({});
    const { url: deadUrl } = await dead.start(0);
    await dead.stop();
    const model = new ExplorerModel(
      new AtlasClient({
        baseUrl: deadUrl,
        credentials: { kind: 'serviceAccount', ...DEMO_CREDENTIALS.serviceAccount },
        userAgent: 't/0',
        retry: { sleep: async () => {} },
      }),
    );
    const rows = await model.whenSettled();
    assert.deepEqual(
      rows.map((n) => n.kind),
      ['error'],
    );
    assert.equal(present(rows[0]).label, "Couldn't load projects");
  });

  test('refresh keeps the rows shown while it reloads (so expansion survives), cancels what was in flight, keeps ids', async () => {
    const model = new ExplorerModel(client());
    const before = await model.whenSettled();
    const listRequests = () => sim.requests.filter((r) => r.path === '/api/atlas/v2/groups').length;
    const n0 = listRequests();
    sim.faults.add({ pathPrefix: '/api/atlas/v2/groups', latencyMs: 200, count: 1 });
    model.refresh();
    const during = model.getChildren();
    assert.deepEqual(
      during.map((n) => n.id),
      before.map((n) => n.id),
      'the old rows, not a Loading… row',
    );
    assert.equal(model.isBusy(), true);
    model.refresh(); // the slow load is abandoned
    model.getChildren();
    const again = await model.whenSettled();
    assert.deepEqual(
      again.map((n) => n.id),
      before.map((n) => n.id),
    );
    assert.ok(listRequests() > n0, 'the refresh asked Atlas again');
  });

  test('signing out empties the tree', async () => {
    const model = new ExplorerModel(client());
    await model.whenSettled();
    model.setSource(undefined);
    assert.deepEqual(model.getChildren(), []);
  });
});

describe('explorer accounts and marks', () => {
  test('each account is a root row, expanded, with its own projects under ids prefixed by the account', async () => {
    const model = new ExplorerModel(undefined);
    model.setAccounts([
      { id: 'prod', label: 'Production org', description: 'service account', source: client(), active: true },
      { id: 'other', label: 'Other org', source: client() },
    ]);
    const roots = model.getChildren();
    assert.deepEqual(
      roots.map((n) => [n.kind, n.id]),
      [
        ['account', 'prod'],
        ['account', 'other'],
      ],
    );
    assert.equal(present(roots[0]).expanded, true);
    assert.match(present(roots[0]).description!, /active/);
    const prodProjects = await model.whenSettled(roots[0]);
    const otherProjects = await model.whenSettled(roots[1]);
    assert.deepEqual(labels(prodProjects), labels(otherProjects));
    assert.ok(prodProjects.every((p) => p.id.startsWith('prod/') && p.accountId === 'prod'));
    assert.ok(otherProjects.every((p) => p.id.startsWith('other/') && p.accountId === 'other'));
    const ids = new Set([...prodProjects, ...otherProjects].map((n) => n.id));
    assert.equal(ids.size, prodProjects.length * 2, 'ids are unique across accounts');
    const production = prodProjects.find((p) => present(p).label === 'Production')!;
    const orders = (await clustersOf(model, production)).find((c) => present(c).label === 'orders-rs')!;
    assert.equal(orders.kind, 'cluster');
    assert.deepEqual(
      [orders.accountId, (orders as { groupId: string }).groupId, (orders as { clusterName: string }).clusterName],
      ['prod', SEED.projects.production.id, 'orders-rs'],
    );
    for (const child of model.getChildren(orders)) {
      assert.deepEqual(
        [child.accountId, (child as { groupId?: string }).groupId, (child as { clusterName?: string }).clusterName],
        ['prod', SEED.projects.production.id, 'orders-rs'],
        `${child.kind} carries its cluster`,
      );
    }
  });

  test('the same account list again keeps ids stable; a duplicate account id is refused', async () => {
    const model = new ExplorerModel(undefined);
    const c = client();
    model.setAccounts([{ id: 'a', label: 'A', source: c }]);
    const loaded = await model.whenSettled(model.getChildren()[0]);
    // An error or empty row also has a stable id, so the ids are only worth comparing once the projects are there.
    assert.deepEqual(labels(loaded), ['Empty', 'Production', 'Sandbox', 'Staging']);
    assert.ok(loaded.every((n) => n.kind === 'project'));
    const first = loaded.map((n) => n.id);
    model.setAccounts([{ id: 'a', label: 'A', source: c }]);
    const again = await model.whenSettled(model.getChildren()[0]);
    assert.deepEqual(labels(again), ['Empty', 'Production', 'Sandbox', 'Staging']);
    assert.deepEqual(
      again.map((n) => n.id),
      first,
    );
    assert.throws(
      () =>
        model.setAccounts([
          { id: 'x', label: 'X', source: c },
          { id: 'x', label: 'Y', source: c },
        ]),
      /Two accounts have the id x/,
    );
  });

  test('a cluster with a draft says so in its description and tooltip; refreshMarks updates only what changed', async () => {
    const model = new ExplorerModel(client());
    const drafts = new Set<string>(['orders-rs']);
    model.setClusterMarks({ hasDraft: (groupId, name) => groupId === SEED.projects.production.id && drafts.has(name) });
    const clusters = await clustersOf(model, await project(model, 'Production'));
    const orders = clusters.find((c) => present(c).label === 'orders-rs')!;
    const ledger = clusters.find((c) => present(c).label === 'ledger-pit')!;
    assert.match(present(orders).description!, /^backup on · draft · /);
    assert.match(present(orders).tooltip!, /draft/);
    assert.doesNotMatch(present(ledger).description!, /draft/);
    const changed: (string | undefined)[] = [];
    model.onDidChange((n) => changed.push(n?.id));
    drafts.delete('orders-rs');
    drafts.add('ledger-pit');
    model.refreshMarks();
    assert.deepEqual(changed.sort(), [orders.id, ledger.id].sort());
    assert.doesNotMatch(present(orders).description!, /draft/);
    assert.match(present(ledger).description!, /draft/);
  });
});

describe('marks after a refresh', () => {
  test('refreshMarks tells the tree about the very row object it was given, also after refreshes', async () => {
    const model = new ExplorerModel(client());
    const drafts = new Set<string>();
    model.setClusterMarks({ hasDraft: (_g, name) => drafts.has(name) });
    const production = await project(model, 'Production');
    await clustersOf(model, production);
    for (let i = 0; i < 3; i++) {
      model.refresh();
      const during = model.getChildren().find((p) => present(p).label === 'Production')!;
      assert.equal(during, production, 'while reloading, the rows shown are the same objects');
      await model.whenSettled();
      await clustersOf(model, production);
    }
    const shownProduction = model.getChildren().find((p) => present(p).label === 'Production')!;
    assert.equal(shownProduction, production, 'a refreshed row is the same object (VS Code knows rows by identity)');
    const shown = await clustersOf(model, shownProduction);
    const orders = shown.find((c) => present(c).label === 'orders-rs')!;
    const emitted: unknown[] = [];
    model.onDidChange((n) => emitted.push(n));
    drafts.add('orders-rs');
    model.refreshMarks();
    assert.ok(emitted.includes(orders), 'the row object the tree holds');
    assert.match(present(orders).description!, /draft/);
  });
});
