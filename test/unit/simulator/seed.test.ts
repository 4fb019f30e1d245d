// The seed's description of itself against what the simulator serves: tests take their figures from
// `describeSeed()`, so it must say exactly what a client sees (names, ids, order, backup state, totals).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AtlasSimulator, SEED, describeSeed } from '../../../src/simulator';
import { BearerClient, FakeClock, V2023, V2024 } from './helpers';

interface Group {
  id: string;
  name: string;
  orgId: string;
  clusterCount: number;
}
interface ServedCluster {
  id: string;
  name: string;
  clusterType: string;
  backupEnabled: boolean;
  pitEnabled: boolean;
  replicationSpecs: { regionConfigs: { electableSpecs: { instanceSize: string } }[] }[];
}

describe('describeSeed() agrees with the simulator', () => {
  const clock = new FakeClock();
  const sim = new AtlasSimulator({ now: clock.now });
  let api: BearerClient;
  before(async () => {
    api = new BearerClient((await sim.start()).url);
  });
  after(() => sim.stop());
  const facts = describeSeed();

  test('projects: the same names, ids, order and cluster counts as the groups listing', async () => {
    const groups = (
      await api.json<{ results: Group[]; totalCount: number }>('/api/atlas/v2/groups?itemsPerPage=500', {
        accept: V2023,
      })
    ).body;
    assert.equal(groups.totalCount, facts.projects.length);
    assert.deepEqual(
      groups.results.map((g) => [g.name, g.id, g.orgId, g.clusterCount]),
      facts.projects.map((p) => [p.name, p.id, facts.orgId, p.clusters.length]),
    );
  });

  test("clusters: each project's listing holds the described clusters in order, with their backup state", async () => {
    for (const p of facts.projects) {
      const served = (
        await api.json<{ results: ServedCluster[]; totalCount: number }>(
          `/api/atlas/v2/groups/${p.id}/clusters?itemsPerPage=500`,
          { accept: V2024 },
        )
      ).body;
      assert.equal(served.totalCount, p.clusters.length, p.name);
      assert.deepEqual(
        served.results.map((c) => ({
          name: c.name,
          id: c.id,
          projectName: p.name,
          clusterType: c.clusterType,
          instanceSize: c.replicationSpecs[0].regionConfigs[0].electableSpecs.instanceSize,
          backup: !c.backupEnabled ? 'off' : c.pitEnabled ? 'continuous' : 'on',
        })),
        p.clusters,
        p.name,
      );
    }
  });

  test('totals are the sums over the clusters, and agree with the all-clusters listing', async () => {
    assert.deepEqual(
      facts.clusters,
      facts.projects.flatMap((p) => p.clusters),
    );
    assert.equal(facts.backupOff, facts.clusters.filter((c) => c.backup === 'off').length);
    assert.equal(facts.continuous, facts.clusters.filter((c) => c.backup === 'continuous').length);
    const all = (
      await api.json<{ results: { clusters: { name: string; backupEnabled: boolean }[] }[] }>(
        '/api/atlas/v2/clusters',
        { accept: V2023 },
      )
    ).body;
    const served = all.results.flatMap((g) => g.clusters);
    assert.equal(served.length, facts.clusters.length);
    assert.equal(served.filter((c) => !c.backupEnabled).length, facts.backupOff);
    // The figures the tests lean on are not vacuous: the seed has clusters of every backup state.
    assert.ok(facts.backupOff > 0 && facts.continuous > 0 && facts.clusters.length > facts.backupOff);
  });

  test('SEED (the id index) and the description name the same projects and clusters', () => {
    const byName = Object.fromEntries(facts.projects.map((p) => [p.name, p.id]));
    for (const p of Object.values(SEED.projects)) assert.equal(byName[p.name], p.id, p.name);
    assert.equal(Object.keys(SEED.projects).length, facts.projects.length);
    const row = (name: string, id: string, groupId: string) => `${name} ${id} ${groupId}`;
    assert.deepEqual(
      Object.values(SEED.clusters)
        .map((c) => row(c.name, c.id, c.groupId))
        .sort(),
      facts.clusters.map((c) => row(c.name, c.id, byName[c.projectName])).sort(),
    );
  });

  test('a fresh description each call: a test that edits its copy cannot change the next', () => {
    const mine = describeSeed();
    mine.projects[0].clusters.pop();
    assert.deepEqual(describeSeed(), facts);
    assert.notEqual(describeSeed().projects[0].clusters.length, mine.projects[0].clusters.length);
  });
});
