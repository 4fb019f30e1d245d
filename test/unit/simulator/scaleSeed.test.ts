// The scale seed: 300 projects, 50 clusters in one, 5,000 snapshots on one, served through the real API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AtlasClient } from '../../../src/core/atlas';
import { AtlasSimulator, DEMO_CREDENTIALS, describeSeed } from '../../../src/simulator';
import { SCALE } from '../../../src/simulator/scaleSeed';

test('the scale seed serves 300 projects, 50 clusters in Scale Fleet and 5,000 snapshots on history-5000; the demo seed stays small', async () => {
  const sim = new AtlasSimulator({ seed: 'scale' });
  const { url } = await sim.start(0);
  try {
    const c = new AtlasClient({
      baseUrl: url,
      credentials: { kind: 'serviceAccount', ...DEMO_CREDENTIALS.serviceAccount },
      userAgent: 't/0',
    });
    const projects = await c.listProjectsPage({ itemsPerPage: 500 });
    assert.equal(projects.totalCount, 300);
    assert.ok(
      projects.results.some((p) => p.name === 'Production'),
      'the demo projects are still there',
    );
    const fleet = projects.results.find((p) => p.name === SCALE.fleetProject)!;
    const clusters = await c.listClustersPage(fleet.id!, { itemsPerPage: 500 });
    assert.equal(clusters.totalCount, 50);
    const page = await c.listSnapshotsPage(fleet.id!, SCALE.bigCluster, { itemsPerPage: 500, pageNum: 10 });
    assert.equal(page.totalCount, 5000);
    assert.equal(page.results.length, 500);
    assert.equal(page.hasNext, false);
    // Thousands of clusters: ten in each other extra project.
    const other = projects.results.find((p) => p.name === 'Scale 001')!;
    assert.equal((await c.listClustersPage(other.id!, { itemsPerPage: 500 })).totalCount, SCALE.clustersPerProject);
    assert.equal(other.clusterCount, SCALE.clustersPerProject);
  } finally {
    await sim.stop();
  }
  const demo = new AtlasSimulator({});
  const { url: demoUrl } = await demo.start(0);
  try {
    const c = new AtlasClient({
      baseUrl: demoUrl,
      credentials: { kind: 'serviceAccount', ...DEMO_CREDENTIALS.serviceAccount },
      userAgent: 't/0',
    });
    assert.equal((await c.listProjectsPage({ itemsPerPage: 500 })).totalCount, describeSeed().projects.length);
  } finally {
    await demo.stop();
  }
});
