import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeCluster } from '../../../../src/core/atlas';

describe('describeCluster', () => {
  test('replica set: first electable size, provider, flags', () => {
    const f = describeCluster({
      name: 'ledger-pit',
      clusterType: 'REPLICASET',
      backupEnabled: true,
      pitEnabled: true,
      stateName: 'IDLE',
      paused: false,
      replicationSpecs: [
        {
          zoneId: 'z1',
          zoneName: 'Zone 1',
          regionConfigs: [{ providerName: 'AZURE', regionName: 'US_EAST_2', electableSpecs: { instanceSize: 'M40' } }],
        },
      ],
    });
    assert.deepEqual(f, {
      name: 'ledger-pit',
      clusterType: 'REPLICASET',
      instanceSize: 'M40',
      providers: ['AZURE'],
      nvme: false,
      backupEnabled: true,
      pitEnabled: true,
      zones: [{ zoneId: 'z1', zoneName: 'Zone 1', providers: ['AZURE'], regions: ['US_EAST_2'] }],
      stateName: 'IDLE',
      paused: false,
    });
  });

  test('NVMe detected by "contains _NVME" (GEN_2 sizes too)', () => {
    for (const size of ['M40_NVME', 'M40_NVME_GEN_2']) {
      assert.equal(
        describeCluster({
          replicationSpecs: [{ regionConfigs: [{ providerName: 'AWS', electableSpecs: { instanceSize: size } }] }],
        }).nvme,
        true,
        size,
      );
    }
    assert.equal(describeCluster({}).nvme, false);
    assert.equal(describeCluster({}).backupEnabled, false);
  });

  test('sharded specs in one zone collapse; geosharded zones stay apart', () => {
    const shard = (zoneId: string, zoneName: string, region: string) => ({
      zoneId,
      zoneName,
      regionConfigs: [{ providerName: 'AWS' as const, regionName: region, electableSpecs: { instanceSize: 'M30' } }],
    });
    const g = describeCluster({
      clusterType: 'GEOSHARDED',
      replicationSpecs: [
        shard('a', 'EMEA', 'EU_WEST_1'),
        shard('a', 'EMEA', 'EU_WEST_1'),
        shard('b', 'Americas', 'US_EAST_1'),
      ],
    });
    assert.deepEqual(
      g.zones.map((z) => [z.zoneId, z.zoneName, z.regions]),
      [
        ['a', 'EMEA', ['EU_WEST_1']],
        ['b', 'Americas', ['US_EAST_1']],
      ],
    );
    assert.deepEqual(g.providers, ['AWS']);
  });
});
