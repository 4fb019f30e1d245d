import type { ClusterDescription } from './types';

export interface ClusterZoneFacts {
  zoneId?: string;
  zoneName?: string;
  providers: string[];
  regions: string[];
}

export interface ClusterFacts {
  name: string;
  clusterType: string;
  /** The first electable instance size found (e.g. `M40_NVME`); undefined for a cluster without one. */
  instanceSize?: string;
  providers: string[];
  /** NVMe sizes contain `_NVME` (including the `*_NVME_GEN_2` AWS sizes): Atlas then accepts only hourly interval 12. */
  nvme: boolean;
  backupEnabled: boolean;
  pitEnabled: boolean;
  zones: ClusterZoneFacts[];
  stateName?: string;
  paused?: boolean;
}

function unique(values: (string | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => typeof v === 'string' && v.length > 0))];
}

/** The facts the tree and the schedule rules need, from a 2024-08-05 cluster description. */
export function describeCluster(c: ClusterDescription): ClusterFacts {
  const specs = c.replicationSpecs ?? [];
  const regionConfigs = specs.flatMap((s) => s.regionConfigs ?? []);
  const instanceSize =
    regionConfigs.map((r) => r.electableSpecs?.instanceSize).find((s) => !!s) ??
    regionConfigs.map((r) => r.effectiveElectableSpecs?.instanceSize).find((s) => !!s);
  const nvme = regionConfigs.some((r) =>
    [r.electableSpecs, r.readOnlySpecs, r.analyticsSpecs].some((h) => h?.instanceSize?.includes('_NVME')),
  );

  // A sharded cluster has one replication spec per shard, all in the same zone: group specs by zone.
  const zones: ClusterZoneFacts[] = [];
  for (const s of specs) {
    const key = s.zoneId ?? s.zoneName;
    let z = key !== undefined ? zones.find((x) => (x.zoneId ?? x.zoneName) === key) : undefined;
    if (!z) {
      z = { zoneId: s.zoneId, zoneName: s.zoneName, providers: [], regions: [] };
      zones.push(z);
    }
    z.providers = unique([...z.providers, ...(s.regionConfigs ?? []).map((r) => r.providerName)]);
    z.regions = unique([...z.regions, ...(s.regionConfigs ?? []).map((r) => r.regionName)]);
  }

  return {
    name: c.name ?? '',
    clusterType: c.clusterType ?? 'REPLICASET',
    instanceSize,
    providers: unique(regionConfigs.map((r) => r.providerName)),
    nvme,
    backupEnabled: c.backupEnabled === true,
    pitEnabled: c.pitEnabled === true,
    zones,
    stateName: c.stateName,
    paused: c.paused,
  };
}
