// The marks a row carries for its menus: a cluster with continuous backup (Restore to a Point in Time is offered only
// there) and a project under a Backup Compliance Policy (Edit, not Set Up). The model against the simulator; which
// clusters and projects have them comes from the seed's description and Atlas's answers, never from a figure here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { AtlasClient } from '../../../../src/core/atlas';
import { AtlasSimulator, DEMO_CREDENTIALS, describeSeed } from '../../../../src/simulator';
import { ExplorerModel, present } from '../../../../src/core/tree/explorerModel';
import type { ExplorerNode } from '../../../../src/core/tree/explorerModel';
import { ContextValues } from '../../../../src/core/ids';

let sim: AtlasSimulator;
let url: string;
before(async () => {
  sim = new AtlasSimulator({});
  ({ url } = await sim.start(0));
});
after(async () => {
  await sim.stop();
});

const client = () =>
  new AtlasClient({
    baseUrl: url,
    credentials: { kind: 'serviceAccount', ...DEMO_CREDENTIALS.serviceAccount },
    userAgent: 'atlas-backup-test/0',
    retry: { sleep: async () => {} },
  });

async function settledProjects(model: ExplorerModel): Promise<ExplorerNode[]> {
  await model.whenSettled();
  const done = () =>
    model
      .getChildren()
      .every((p) => p.kind !== 'project' || p.policy.state.status === 'loaded' || p.policy.state.status === 'failed');
  while (!done())
    await new Promise<void>((resolve) => {
      const s = model.onDidChange(() => {
        s.dispose();
        resolve();
      });
    });
  return model.getChildren();
}

test('a cluster with continuous backup is marked for Restore to a Point in Time; the others are not', async () => {
  const facts = describeSeed();
  assert.ok(facts.continuous > 0, 'the seed has a cluster with continuous backup');
  const model = new ExplorerModel(undefined);
  model.setSource(client());
  const projects = await settledProjects(model);
  let seen = 0;
  for (const p of projects) {
    if (p.kind !== 'project') continue;
    for (const c of await model.whenSettled(p)) {
      if (c.kind !== 'cluster') continue;
      const fact: (typeof facts.clusters)[number] = facts.clusters.find(
        (f) => f.projectName === p.project.name && f.name === c.clusterName,
      )!;
      const expected =
        fact.backup === 'continuous'
          ? ContextValues.clusterPointInTime
          : fact.backup === 'on'
            ? ContextValues.cluster
            : ContextValues.clusterBackupOff;
      assert.equal(present(c).contextValue, expected, `${fact.projectName}/${fact.name} (${fact.backup})`);
      seen++;
    }
  }
  assert.equal(seen, facts.clusters.length);
  model.dispose();
});

test('a cluster with continuous backup and a draft keeps both marks', async () => {
  const pit = describeSeed().clusters.find((c) => c.backup === 'continuous')!;
  const model = new ExplorerModel(undefined);
  model.setClusterMarks({ hasDraft: (_groupId, name) => name === pit.name });
  model.setSource(client());
  const project = (await settledProjects(model)).find(
    (p) => p.kind === 'project' && p.project.name === pit.projectName,
  )!;
  const row = (await model.whenSettled(project)).find((c) => c.kind === 'cluster' && c.clusterName === pit.name)!;
  assert.equal(present(row).contextValue, ContextValues.clusterPointInTimeDraft);
  model.dispose();
});

test('a project under a compliance policy is marked (Edit), one without is not (Set Up), as Atlas answers', async () => {
  const model = new ExplorerModel(undefined);
  model.setSource(client());
  const c = client();
  const kinds = new Set<string>();
  for (const p of await settledProjects(model)) {
    if (p.kind !== 'project') continue;
    const policy = await c.getCompliancePolicy(p.groupId);
    const expected = policy ? ContextValues.projectPolicy : ContextValues.project;
    assert.equal(present(p).contextValue, expected, p.project.name);
    kinds.add(expected);
  }
  assert.equal(kinds.size, 2, 'the seed has projects with and without a policy');
  model.dispose();
});
