// Wire shapes, per API version, from the internal model.
import { nextSnapshotMs } from './scheduleTime';
import type { Cluster, CompliancePolicy, CopySetting, LegacySnapshot, PolicyItem, Project, Schedule, Snapshot } from './model';

export interface Link { href: string; rel: string }
type Json = Record<string, unknown>;

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const self = (base: string, path: string): Link[] => [{ href: `${base}${path}`, rel: 'self' }];

export function renderGroup(p: Project, clusterCount: number, base: string): Json {
  return {
    // Field set as in a captured real v2 answer (no tags/withDefaultAlertsSettings when unset).
    clusterCount, created: iso(p.createdMs), id: p.id, links: self(base, `/api/atlas/v2/groups/${p.id}`), name: p.name, orgId: p.orgId,
  };
}

export function renderCluster(c: Cluster, base: string): Json {
  const replicationSpecs = c.zones.flatMap((z) => z.shardSpecIds.map((shardId) => ({
    id: shardId,
    zoneId: z.zoneId,
    zoneName: z.zoneName,
    regionConfigs: z.regionConfigs.map((r) => ({
      providerName: r.providerName,
      regionName: r.regionName,
      priority: r.priority,
      electableSpecs: {
        instanceSize: r.instanceSize,
        nodeCount: r.nodeCount,
        diskSizeGB: r.diskSizeGB,
        ...(r.providerName === 'AWS' ? { ebsVolumeType: r.instanceSize.includes('_NVME') ? 'PROVISIONED' : 'STANDARD', diskIOPS: 3000 } : {}),
      },
      readOnlySpecs: { instanceSize: r.instanceSize, nodeCount: 0, diskSizeGB: r.diskSizeGB },
      analyticsSpecs: { instanceSize: r.instanceSize, nodeCount: 0, diskSizeGB: r.diskSizeGB },
    })),
  })));
  return {
    id: c.id,
    name: c.name,
    groupId: c.groupId,
    clusterType: c.clusterType,
    stateName: c.stateName,
    paused: c.paused,
    backupEnabled: c.backupEnabled,
    pitEnabled: c.pitEnabled,
    retainBackups: false,
    mongoDBVersion: c.mongoDBVersion,
    mongoDBMajorVersion: c.mongoDBVersion.split('.').slice(0, 2).join('.'),
    versionReleaseSystem: 'LTS',
    createDate: iso(c.createDateMs),
    ...(c.clusterType !== 'REPLICASET' ? { configServerType: 'DEDICATED', configServerManagementMode: 'ATLAS_MANAGED' } : {}),
    terminationProtectionEnabled: false,
    encryptionAtRestProvider: 'NONE',
    replicationSpecs,
    links: self(base, `/api/atlas/v2/groups/${c.groupId}/clusters/${c.name}`),
  };
}

function renderItem(i: PolicyItem): Json {
  return { id: i.id, frequencyInterval: i.frequencyInterval, frequencyType: i.frequencyType, retentionUnit: i.retentionUnit, retentionValue: i.retentionValue };
}

function renderCopySetting(cs: CopySetting, s: Schedule, key: Json): Json {
  const out: Json = { cloudProvider: cs.cloudProvider, regionName: cs.regionName, shouldCopyOplogs: cs.shouldCopyOplogs ?? false, ...key };
  if (cs.lastNumberOfSnapshots !== undefined) out.lastNumberOfSnapshots = cs.lastNumberOfSnapshots;
  else if (s.copyPolicyItemsEnabled) out.copyPolicyItems = (cs.copyPolicyItems ?? []).map((i) => ({ ...i }));
  else out.frequencies = [...(cs.frequencies ?? [])];
  return out;
}

/** `DiskBackupSnapshotSchedule20240805` (zone-keyed) or `DiskBackupSnapshotSchedule` (2023-01-01). */
export function renderSchedule(c: Cluster, s: Schedule, version: string, nowMs: number, base: string): Json {
  const next = nextSnapshotMs(s, nowMs);
  const v2024 = version >= '2024-08-05';
  const out: Json = {
    clusterId: c.id,
    clusterName: c.name,
    autoExportEnabled: s.autoExportEnabled,
    ...(v2024 ? { autoCopySettingsEnabled: s.autoCopySettingsEnabled } : {}),
    copySettings: s.copySettings.map((cs) => {
      if (v2024) return renderCopySetting(cs, s, { zoneId: cs.zoneId });
      const z = c.zones.find((zz) => zz.zoneId === cs.zoneId);
      return renderCopySetting(cs, s, { replicationSpecId: z?.legacySpecId ?? cs.zoneId });
    }),
    ...(s.copyPolicyItemsEnabled ? { copyPolicyItemsEnabled: true } : {}),
    ...(s.export ? { export: { ...s.export } } : {}),
    extraRetentionSettings: s.extraRetentionSettings.map((e) => ({ ...e })),
    ...(next !== undefined ? { nextSnapshot: iso(next) } : {}),
    policies: [{ id: s.policyId, policyItems: s.items.map(renderItem) }],
    referenceHourOfDay: s.referenceHourOfDay,
    referenceMinuteOfHour: s.referenceMinuteOfHour,
    ...(c.pitEnabled && s.restoreWindowDays !== undefined ? { restoreWindowDays: s.restoreWindowDays } : {}),
    useOrgAndGroupNamesInExportPrefix: s.useOrgAndGroupNamesInExportPrefix,
    links: self(base, `/api/atlas/v2/groups/${c.groupId}/clusters/${c.name}/backup/schedule`),
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
    members: ids.map((id, i) => ({ cloudProvider: provider, id, replicaSetName: i < shards ? `${c.name}-shard-${i}` : `${c.name}-config-0` })),
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
    parts: [{
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
    }],
    links: self(base, `/api/atlas/v2/groups/${c.groupId}/clusters/${c.name}/snapshots/${s.id}`),
  };
}

export function renderCompliance(projectId: string, p: CompliancePolicy): Json {
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
    state: p.state,
    updatedDate: iso(p.updatedDateMs),
    updatedUser: p.updatedUser,
  };
}
