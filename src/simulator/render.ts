// Wire shapes, per API version, from the internal model.
import { nextSnapshotMs } from './scheduleTime';
import { policyState } from './compliance';
import type {
  Cluster,
  CompliancePolicy,
  CopySetting,
  LegacySnapshot,
  PolicyItem,
  Project,
  Schedule,
  Snapshot,
} from './model';

export interface Link {
  href: string;
  rel: string;
}
type Json = Record<string, unknown>;

export const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const self = (base: string, path: string): Link[] => [{ href: `${base}${path}`, rel: 'self' }];

export function renderGroup(p: Project, clusterCount: number, base: string): Json {
  return {
    // Field set as in a captured real v2 answer (no tags/withDefaultAlertsSettings when unset).
    clusterCount,
    created: iso(p.createdMs),
    id: p.id,
    links: self(base, `/api/atlas/v2/groups/${p.id}`),
    name: p.name,
    orgId: p.orgId,
  };
}

/** A stable 5-character host slug per project, as in Atlas's `<cluster>.<slug>.mongodb.net`. */
export function hostSlug(c: Cluster): string {
  return c.groupId.slice(-5);
}

/** `ClusterConnectionStrings` (fake hosts in Atlas's shape; nothing listens there). */
export function connectionStrings(c: Cluster): Json {
  const slug = hostSlug(c);
  if (c.clusterType === 'REPLICASET') {
    const hosts = [0, 1, 2].map((i) => `${c.name}-shard-00-0${i}.${slug}.mongodb.net:27017`).join(',');
    return {
      standard: `mongodb://${hosts}/?ssl=true&authSource=admin&replicaSet=atlas-${slug}-shard-0`,
      standardSrv: `mongodb+srv://${c.name}.${slug}.mongodb.net`,
    };
  }
  const mongos = [0, 1, 2].map((i) => `${c.name}-mongos-00-0${i}.${slug}.mongodb.net:27016`).join(',');
  return {
    standard: `mongodb://${mongos}/?ssl=true&authSource=admin`,
    standardSrv: `mongodb+srv://${c.name}.${slug}.mongodb.net`,
  };
}

function ebs(r: Cluster['zones'][number]['regionConfigs'][number]): Json {
  return r.providerName === 'AWS'
    ? { ebsVolumeType: r.instanceSize.includes('_NVME') ? 'PROVISIONED' : 'STANDARD', diskIOPS: 3000 }
    : {};
}

function clusterCommon(c: Cluster, base: string): Json {
  return {
    id: c.id,
    name: c.name,
    groupId: c.groupId,
    clusterType: c.clusterType,
    stateName: c.stateName,
    paused: c.paused,
    backupEnabled: c.backupEnabled,
    pitEnabled: c.pitEnabled,
    mongoDBVersion: c.mongoDBVersion,
    mongoDBMajorVersion: c.mongoDBVersion.split('.').slice(0, 2).join('.'),
    versionReleaseSystem: 'LTS',
    createDate: iso(c.createDateMs),
    connectionStrings: connectionStrings(c),
    ...(c.clusterType !== 'REPLICASET'
      ? { configServerType: 'DEDICATED', configServerManagementMode: 'ATLAS_MANAGED' }
      : {}),
    terminationProtectionEnabled: false,
    encryptionAtRestProvider: 'NONE',
    links: self(base, `/api/atlas/v2/groups/${c.groupId}/clusters/${c.name}`),
  };
}

/** One `regionConfigs` entry; 2024-08-05 puts `diskSizeGB` in each hardware spec, 2023-02-01 on the cluster. */
function regionConfig(r: Cluster['zones'][number]['regionConfigs'][number], diskInSpecs: boolean): Json {
  const disk = diskInSpecs ? { diskSizeGB: r.diskSizeGB } : {};
  return {
    providerName: r.providerName,
    regionName: r.regionName,
    priority: r.priority,
    electableSpecs: { instanceSize: r.instanceSize, nodeCount: r.nodeCount, ...disk, ...ebs(r) },
    readOnlySpecs: { instanceSize: r.instanceSize, nodeCount: 0, ...disk },
    analyticsSpecs: { instanceSize: r.instanceSize, nodeCount: 0, ...disk },
  };
}

/**
 * A cluster in the shape of the version served: `ClusterDescription20240805` (one replication spec per
 * shard, `zoneId`), `AdvancedClusterDescription` (2023-02-01: one spec per zone with `numShards`, the
 * zone-level id) or `LegacyAtlasCluster` (2023-01-01 and v1.0: `providerSettings`, `regionsConfig`).
 */
export function renderCluster(c: Cluster, base: string, version = '2024-08-05'): Json {
  if (version >= '2024-08-05') {
    const replicationSpecs = c.zones.flatMap((z) =>
      z.shardSpecIds.map((shardId) => ({
        id: shardId,
        zoneId: z.zoneId,
        zoneName: z.zoneName,
        regionConfigs: z.regionConfigs.map((r) => regionConfig(r, true)),
      })),
    );
    return { ...clusterCommon(c, base), retainBackups: false, replicationSpecs };
  }
  const first = c.zones[0].regionConfigs[0];
  if (version >= '2023-02-01') {
    return {
      ...clusterCommon(c, base),
      diskSizeGB: first.diskSizeGB,
      replicationSpecs: c.zones.map((z) => ({
        id: z.legacySpecId,
        numShards: z.shardSpecIds.length,
        zoneId: z.zoneId,
        zoneName: z.zoneName,
        regionConfigs: z.regionConfigs.map((r) => regionConfig(r, false)),
      })),
    };
  }
  const cs = connectionStrings(c);
  return {
    ...clusterCommon(c, base),
    // Legacy `backupEnabled` meant the retired legacy backup; Cloud Backup is `providerBackupEnabled`.
    providerBackupEnabled: c.backupEnabled,
    diskSizeGB: first.diskSizeGB,
    numShards: c.zones[0].shardSpecIds.length,
    replicationFactor: first.nodeCount,
    mongoURI: String(cs.standard).split('/?')[0],
    srvAddress: cs.standardSrv,
    providerSettings: {
      providerName: first.providerName,
      instanceSizeName: first.instanceSize,
      regionName: first.regionName,
      ...ebs(first),
    },
    replicationSpecs: c.zones.map((z) => ({
      id: z.legacySpecId,
      numShards: z.shardSpecIds.length,
      zoneName: z.zoneName,
      regionsConfig: Object.fromEntries(
        z.regionConfigs.map((r) => [
          r.regionName,
          { analyticsNodes: 0, electableNodes: r.nodeCount, priority: r.priority, readOnlyNodes: 0 },
        ]),
      ),
    })),
  };
}

/** `CloudCluster` of `GET /api/atlas/v2/clusters` (all clusters the caller can see, grouped by project). */
export function renderCloudCluster(c: Cluster): Json {
  const nodes = c.zones.reduce(
    (n, z) => n + z.shardSpecIds.length * z.regionConfigs.reduce((m, r) => m + r.nodeCount, 0),
    0,
  );
  return {
    alertCount: 0,
    authEnabled: true,
    availability: c.paused ? 'unavailable' : 'available',
    backupEnabled: c.backupEnabled,
    clusterId: c.id,
    dataSizeBytes: Math.round(c.zones[0].regionConfigs[0].diskSizeGB * 0.35 * 1024 ** 3),
    name: c.name,
    nodeCount: nodes,
    sslEnabled: true,
    type: c.clusterType === 'REPLICASET' ? 'REPLICA_SET' : 'SHARDED_CLUSTER',
    versions: [c.mongoDBVersion],
  };
}

export function renderOrg(id: string, name: string, base: string): Json {
  return {
    id,
    isDeleted: false,
    links: self(base, `/api/atlas/v2/orgs/${id}`),
    name,
    skipDefaultAlertsSettings: false,
  };
}

function renderItem(i: PolicyItem): Json {
  return {
    id: i.id,
    frequencyInterval: i.frequencyInterval,
    frequencyType: i.frequencyType,
    retentionUnit: i.retentionUnit,
    retentionValue: i.retentionValue,
  };
}

function renderCopySetting(cs: CopySetting, s: Schedule, key: Json): Json {
  const out: Json = {
    cloudProvider: cs.cloudProvider,
    regionName: cs.regionName,
    shouldCopyOplogs: cs.shouldCopyOplogs ?? false,
    ...key,
  };
  if (cs.lastNumberOfSnapshots !== undefined) out.lastNumberOfSnapshots = cs.lastNumberOfSnapshots;
  else if (s.copyPolicyItemsEnabled) out.copyPolicyItems = (cs.copyPolicyItems ?? []).map((i) => ({ ...i }));
  else out.frequencies = [...(cs.frequencies ?? [])];
  return out;
}

/**
 * `DiskBackupSnapshotSchedule20240805` (zone-keyed) or `DiskBackupSnapshotSchedule` (2023-01-01, v1.0).
 * The field set follows the recorded real Atlas answer (README.md): `copyPolicyItemsEnabled` always, a
 * `links` pair (`self` and the project, rel `https://cloud.mongodb.com/group`), `nextSnapshot` only
 * while the policy has items; empty `extraRetentionSettings` and a false `autoCopySettingsEnabled` omitted.
 */
export function renderSchedule(
  c: Cluster,
  s: Schedule,
  version: string,
  nowMs: number,
  base: string,
  api: 'v2' | 'v1.0' = 'v2',
): Json {
  const next = nextSnapshotMs(s, nowMs);
  const v2024 = version >= '2024-08-05';
  // v1.0's DiskBackupSnapshotSchedule has no copyPolicyItemsEnabled; it shows only when used.
  const out: Json = {
    autoExportEnabled: s.autoExportEnabled,
    ...(v2024 && s.autoCopySettingsEnabled ? { autoCopySettingsEnabled: true } : {}),
    clusterId: c.id,
    clusterName: c.name,
    ...(api === 'v2' || s.copyPolicyItemsEnabled ? { copyPolicyItemsEnabled: s.copyPolicyItemsEnabled } : {}),
    copySettings: s.copySettings.map((cs) => {
      if (v2024) return renderCopySetting(cs, s, { zoneId: cs.zoneId });
      const z = c.zones.find((zz) => zz.zoneId === cs.zoneId);
      return renderCopySetting(cs, s, { replicationSpecId: z?.legacySpecId ?? cs.zoneId });
    }),
    ...(s.export ? { export: { ...s.export } } : {}),
    ...(s.extraRetentionSettings.length
      ? { extraRetentionSettings: s.extraRetentionSettings.map((e) => ({ ...e })) }
      : {}),
    links: [
      { href: `${base}/api/atlas/v2/groups/${c.groupId}/clusters/${c.name}/backup/schedule`, rel: 'self' },
      { href: `${base}/api/atlas/v2/groups/${c.groupId}`, rel: 'https://cloud.mongodb.com/group' },
    ],
    ...(next !== undefined && s.items.length ? { nextSnapshot: iso(next) } : {}),
    policies: [{ id: s.policyId, policyItems: s.items.map(renderItem) }],
    referenceHourOfDay: s.referenceHourOfDay,
    referenceMinuteOfHour: s.referenceMinuteOfHour,
    ...(c.pitEnabled && s.restoreWindowDays !== undefined ? { restoreWindowDays: s.restoreWindowDays } : {}),
    useOrgAndGroupNamesInExportPrefix: s.useOrgAndGroupNamesInExportPrefix,
  };
  return out;
}

/** On-demand snapshots move queued → inProgress → completed on the injected clock. */
export const ON_DEMAND_QUEUED_MS = 2_000;
export const ON_DEMAND_COMPLETE_MS = 10_000;

export function snapshotStatus(s: Snapshot, nowMs: number): 'queued' | 'inProgress' | 'completed' {
  if (s.snapshotType !== 'onDemand') return 'completed';
  const age = nowMs - s.createdAtMs;
  if (age < ON_DEMAND_QUEUED_MS) return 'queued';
  if (age < ON_DEMAND_COMPLETE_MS) return 'inProgress';
  return 'completed';
}

function common(s: Snapshot, nowMs: number): Json {
  return {
    id: s.id,
    createdAt: iso(s.createdAtMs),
    ...(s.description !== undefined ? { description: s.description } : {}),
    expiresAt: iso(s.expiresAtMs),
    ...(s.frequencyType ? { frequencyType: s.frequencyType } : {}),
    mongodVersion: s.mongodVersion,
    policyItems: [...s.policyItems],
    snapshotType: s.snapshotType,
    status: snapshotStatus(s, nowMs),
    storageSizeBytes: snapshotStatus(s, nowMs) === 'completed' ? s.storageSizeBytes : 0,
  };
}

export function renderReplicaSnapshot(c: Cluster, s: Snapshot, nowMs: number, base: string): Json {
  const z = c.zones[0];
  return {
    ...common(s, nowMs),
    cloudProvider: z.regionConfigs[0].providerName,
    copyRegions: c.schedule?.copySettings.filter((cs) => cs.zoneId === z.zoneId).map((cs) => cs.regionName ?? '') ?? [],
    replicaSetName: `${c.name}-shard-0`,
    type: 'replicaSet',
    links: self(base, `/api/atlas/v2/groups/${c.groupId}/clusters/${c.name}/backup/snapshots/${s.id}`),
  };
}

export function renderShardedSnapshot(c: Cluster, s: Snapshot, nowMs: number, base: string): Json {
  const shards = c.zones.flatMap((z) => z.shardSpecIds).length;
  const ids = s.memberIds ?? [];
  const provider = c.zones[0].regionConfigs[0].providerName;
  return {
    ...common(s, nowMs),
    configServerType: 'DEDICATED',
    members: ids.map((id, i) => ({
      cloudProvider: provider,
      id,
      replicaSetName: i < shards ? `${c.name}-shard-${i}` : `${c.name}-config-0`,
    })),
    snapshotIds: [...ids],
    type: 'shardedCluster',
    links: self(base, `/api/atlas/v2/groups/${c.groupId}/clusters/${c.name}/backup/snapshots/shardedCluster/${s.id}`),
  };
}

export function renderLegacySnapshot(c: Cluster, s: LegacySnapshot, base: string): Json {
  return {
    id: s.id,
    clusterId: c.id,
    clusterName: c.name,
    groupId: c.groupId,
    complete: s.complete,
    created: { date: iso(s.createdMs), increment: s.increment },
    doNotDelete: s.doNotDelete,
    ...(s.expiresMs !== undefined && !s.doNotDelete ? { expires: iso(s.expiresMs) } : {}),
    incremental: s.incremental,
    lastOplogAppliedTimestamp: { date: iso(s.lastOplogMs), increment: s.increment },
    parts: [
      {
        clusterId: c.id,
        ...(s.complete ? { completedTime: iso(s.createdMs + 12 * 60_000) } : {}),
        compressionSetting: 'GZIP',
        dataSizeBytes: s.dataSizeBytes,
        encryptionEnabled: false,
        fcv: c.mongoDBVersion.split('.').slice(0, 2).join('.'),
        fileSizeBytes: s.fileSizeBytes,
        machineId: `${c.name}-shard-00-01.a1b2c.mongodb.net:27017`,
        mongodVersion: c.mongoDBVersion,
        replicaSetName: `${c.name}-shard-0`,
        replicaState: 'SECONDARY',
        storageSizeBytes: s.storageSizeBytes,
        typeName: 'REPLICA_SET',
      },
    ],
    links: self(base, `/api/atlas/v2/groups/${c.groupId}/clusters/${c.name}/snapshots/${s.id}`),
  };
}

export function renderCompliance(projectId: string, p: CompliancePolicy, nowMs: number): Json {
  return {
    authorizedEmail: p.authorizedEmail,
    authorizedUserFirstName: p.authorizedUserFirstName,
    authorizedUserLastName: p.authorizedUserLastName,
    copyProtectionEnabled: p.copyProtectionEnabled,
    deletable: p.deletable,
    encryptionAtRestEnabled: p.encryptionAtRestEnabled,
    ...(p.onDemandPolicyItem ? { onDemandPolicyItem: renderItem(p.onDemandPolicyItem) } : {}),
    pitEnabled: p.pitEnabled,
    projectId,
    ...(p.restoreWindowDays !== undefined ? { restoreWindowDays: p.restoreWindowDays } : {}),
    scheduledPolicyItems: p.scheduledPolicyItems.map(renderItem),
    state: policyState(p, nowMs),
    updatedDate: iso(p.updatedDateMs),
    updatedUser: p.updatedUser,
  };
}
