// The palette's cluster pick is one list of "project / cluster" (issue #20 item 10): every cluster the sign-in sees,
// in one request where Atlas offers the listing, and the same list where it does not.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { AtlasClient } from '../../../../src/core/atlas';
import { AtlasSimulator, DEMO_CREDENTIALS, describeSeed } from '../../../../src/simulator';
import { choiceLabel, listClusterChoices } from '../../../../src/core/tree/clusterChoices';

let sim: AtlasSimulator;
let client: AtlasClient;

before(async () => {
  sim = new AtlasSimulator({});
  const { url } = await sim.start(0);
  client = new AtlasClient({
    baseUrl: url,
    credentials: { kind: 'serviceAccount', ...DEMO_CREDENTIALS.serviceAccount },
    userAgent: 'atlas-backup-test/0',
    retry: { sleep: async () => {} },
  });
});
after(async () => {
  await sim.stop();
});
beforeEach(() => sim.reset());

/** Every seeded cluster as the pick should offer it, sorted by project then cluster. */
function expected(): string[] {
  return describeSeed()
    .clusters.map((c) => ({ p: c.projectName, c: c.name }))
    .sort((a, b) => a.p.localeCompare(b.p) || a.c.localeCompare(b.c))
    .map((x) => `${x.p} / ${x.c}`);
}

test('every cluster of every project, labelled "project / cluster", in one request', async () => {
  const choices = await listClusterChoices(client);
  assert.deepEqual(choices.map(choiceLabel), expected());
  assert.equal(sim.requests.length - sim.requests.filter((r) => r.path.includes('/oauth')).length, 1, 'one listing');
  const seed = describeSeed();
  for (const c of choices) {
    const s = seed.clusters.find((x) => x.projectName === c.projectName && x.name === c.clusterName)!;
    assert.equal(c.groupId, seed.projects.find((p) => p.name === c.projectName)!.id);
    assert.equal(c.backupEnabled, s.backup !== 'off', `${choiceLabel(c)}: backup ${s.backup}`);
  }
});

test('where Atlas has no all-clusters listing (404), the projects and their clusters give the same list', async () => {
  sim.faults.add({ pathPrefix: '/api/atlas/v2/clusters', status: 404, errorCode: 'RESOURCE_NOT_FOUND', count: 1 });
  const choices = await listClusterChoices(client);
  assert.deepEqual(choices.map(choiceLabel), expected());
});

test('any other failure is not hidden behind the fallback', async () => {
  sim.faults.add({ pathPrefix: '/api/atlas/v2/clusters', status: 500, errorCode: 'UNEXPECTED_ERROR', count: 5 });
  await assert.rejects(listClusterChoices(client), /UNEXPECTED_ERROR|500/);
});
