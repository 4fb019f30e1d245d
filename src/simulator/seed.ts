// The demo data every part of the product relies on (names are a shared contract; see README.md).
// Ids are hashes of names, so they are identical on every run; times are relative to the clock
// at seed time, so the history always looks recent.
import { plannedHistory } from './scheduleTime';
import { contentsOf } from './snapshotContents';
import {
  addRetention,
  clusterKey,
  idFor,
  type Cluster,
  type CompliancePolicy,
  type FlexCluster,
  type FlexSnapshot,
  type PolicyItem,
  type Project,
  type Provider,
  type Schedule,
  type SimState,
  type Zone,
} from './model';

const ORG_ID = idFor('org', 'Atlas Backup Demo Org');
const DAY_MS = 86_400_000;

type ProjectName = 'Production' | 'Staging' | 'Sandbox' | 'Empty';
const PROJECT_NAMES: readonly ProjectName[] = ['Production', 'Staging', 'Sandbox', 'Empty'];

interface ZoneSpec {
  zoneName: string;
  provider: Provider;
  region: string;
  shards: number;
}
interface ClusterSpec {
  name: string;
  project: ProjectName;
  clusterType: Cluster['clusterType'];
  instanceSize: string;
  diskSizeGB: number;
  zones: ZoneSpec[];
  backupEnabled: boolean;
  pitEnabled: boolean;
  mongoDBVersion: string;
  schedule?: (c: Cluster) => Schedule;
  onDemand?: number;
  legacy?: boolean;
  /** Seeded to show one posture finding (see `describeSeed`): nothing else about the cluster stands out. */
  demo?: 'schedule-errors' | 'overdue' | 'not-compliant';
  /** No snapshot was taken in the last this many days (the history stops there). */
  snapshotsStoppedDaysAgo?: number;
}

function zone(cluster: string, z: ZoneSpec, instanceSize: string, diskSizeGB: number): Zone {
  return {
    zoneId: idFor('zone', `${cluster}/${z.zoneName}`),
    zoneName: z.zoneName,
    legacySpecId: idFor('replspec', `${cluster}/${z.zoneName}`),
    shardSpecIds: Array.from({ length: z.shards }, (_, i) => idFor('shardspec', `${cluster}/${z.zoneName}/${i}`)),
    regionConfigs: [
      { providerName: z.provider, regionName: z.region, priority: 7, instanceSize, nodeCount: 3, diskSizeGB },
    ],
  };
}

type ItemSpec = [PolicyItem['frequencyType'], number, PolicyItem['retentionUnit'], number];

function schedule(
  clusterName: string,
  items: ItemSpec[],
  ref: [number, number],
  extra: Partial<Schedule> = {},
): Schedule {
  return {
    policyId: idFor('policy', clusterName),
    items: items.map(([frequencyType, frequencyInterval, retentionUnit, retentionValue]) => ({
      id: idFor('policyItem', `${clusterName}/${frequencyType}`),
      frequencyType,
      frequencyInterval,
      retentionUnit,
      retentionValue,
    })),
    referenceHourOfDay: ref[0],
    referenceMinuteOfHour: ref[1],
    autoExportEnabled: false,
    useOrgAndGroupNamesInExportPrefix: false,
    copySettings: [],
    extraRetentionSettings: [],
    autoCopySettingsEnabled: false,
    copyPolicyItemsEnabled: false,
    ...extra,
  };
}

/**
 * The default schedule of a new cluster, as recorded from real Atlas (README.md): every 6 hours kept
 * 7 days, daily 7 days, Saturdays 4 weeks, the last day of the month 12 months, December 1 year, with
 * a 7-day restore window (shown for clusters with continuous backup).
 */
const DEFAULT_ITEMS: ItemSpec[] = [
  ['hourly', 6, 'days', 7],
  ['daily', 1, 'days', 7],
  ['weekly', 6, 'weeks', 4],
  ['monthly', 40, 'months', 12],
  ['yearly', 12, 'years', 1],
];
export const DEFAULT_RESTORE_WINDOW_DAYS = 7;

/** Atlas's default schedule for a new cluster (the reference time is Atlas's choice; callers pass one). */
export function defaultSchedule(
  clusterName: string,
  ref: [number, number] = [18, 0],
  extra: Partial<Schedule> = {},
): Schedule {
  return schedule(clusterName, DEFAULT_ITEMS, ref, { restoreWindowDays: DEFAULT_RESTORE_WINDOW_DAYS, ...extra });
}

function sandboxSpecs(): ClusterSpec[] {
  return Array.from({ length: 120 }, (_, i) => {
    const name = `sandbox-${String(i + 1).padStart(3, '0')}`;
    const backupEnabled = i % 3 !== 2; // mixed: two in three have backup on
    return {
      name,
      project: 'Sandbox',
      clusterType: 'REPLICASET',
      instanceSize: 'M10',
      diskSizeGB: 10,
      zones: [{ zoneName: 'Zone 1', provider: 'AWS', region: 'US_EAST_1', shards: 1 }],
      backupEnabled,
      pitEnabled: false,
      mongoDBVersion: '8.0.4',
      schedule: backupEnabled
        ? () =>
            schedule(
              name,
              [
                ['daily', 1, 'days', 7],
                ['weekly', 7, 'weeks', 2],
              ],
              [(i * 7) % 24, 0],
            )
        : undefined,
    } satisfies ClusterSpec;
  });
}

const CLUSTER_SPECS: ClusterSpec[] = [
  {
    name: 'orders-rs',
    project: 'Production',
    clusterType: 'REPLICASET',
    instanceSize: 'M30',
    diskSizeGB: 40,
    zones: [{ zoneName: 'Zone 1', provider: 'AWS', region: 'US_EAST_1', shards: 1 }],
    backupEnabled: true,
    pitEnabled: false,
    mongoDBVersion: '7.0.14',
    onDemand: 3,
    // Long retentions so the history is several hundred snapshots (paging is real), and every item
    // is at or above Production's compliance policy.
    schedule: () =>
      schedule(
        'orders-rs',
        [
          ['hourly', 6, 'days', 60],
          ['daily', 1, 'days', 120],
          ['weekly', 6, 'weeks', 52],
          ['monthly', 40, 'months', 24],
        ],
        [2, 30],
      ),
  },
  {
    name: 'analytics-nvme',
    project: 'Production',
    clusterType: 'REPLICASET',
    instanceSize: 'M40_NVME',
    diskSizeGB: 380,
    zones: [{ zoneName: 'Zone 1', provider: 'AWS', region: 'US_EAST_1', shards: 1 }],
    backupEnabled: true,
    pitEnabled: false,
    mongoDBVersion: '7.0.14',
    schedule: () =>
      schedule(
        'analytics-nvme',
        [
          ['hourly', 12, 'days', 2],
          ['daily', 1, 'days', 7],
          ['weekly', 6, 'weeks', 4],
          ['monthly', 40, 'months', 12],
        ],
        [18, 0],
      ),
  },
  {
    name: 'catalog-sharded',
    project: 'Production',
    clusterType: 'SHARDED',
    instanceSize: 'M50',
    diskSizeGB: 160,
    zones: [{ zoneName: 'Zone 1', provider: 'GCP', region: 'CENTRAL_US', shards: 2 }],
    backupEnabled: true,
    pitEnabled: false,
    mongoDBVersion: '8.0.4',
    onDemand: 1,
    schedule: () => defaultSchedule('catalog-sharded', [18, 0]),
  },
  {
    name: 'global-users',
    project: 'Production',
    clusterType: 'GEOSHARDED',
    instanceSize: 'M30',
    diskSizeGB: 40,
    zones: [
      { zoneName: 'EMEA', provider: 'AWS', region: 'EU_WEST_1', shards: 1 },
      { zoneName: 'Americas', provider: 'AWS', region: 'US_EAST_1', shards: 1 },
    ],
    backupEnabled: true,
    pitEnabled: false,
    mongoDBVersion: '8.0.4',
    schedule: (c) =>
      defaultSchedule('global-users', [4, 0], {
        copySettings: [
          {
            zoneId: c.zones[0].zoneId,
            cloudProvider: 'AWS',
            regionName: 'EU_CENTRAL_1',
            shouldCopyOplogs: false,
            frequencies: ['HOURLY', 'DAILY'],
          },
          {
            zoneId: c.zones[1].zoneId,
            cloudProvider: 'AWS',
            regionName: 'US_WEST_2',
            shouldCopyOplogs: false,
            frequencies: ['DAILY', 'WEEKLY'],
          },
        ],
      }),
  },
  {
    name: 'ledger-pit',
    project: 'Production',
    clusterType: 'REPLICASET',
    instanceSize: 'M40',
    diskSizeGB: 128,
    zones: [{ zoneName: 'Zone 1', provider: 'AZURE', region: 'US_EAST_2', shards: 1 }],
    backupEnabled: true,
    pitEnabled: true,
    mongoDBVersion: '7.0.14',
    schedule: () =>
      schedule(
        'ledger-pit',
        [
          ['hourly', 6, 'days', 3],
          ['daily', 1, 'days', 7],
          ['weekly', 6, 'weeks', 4],
          ['monthly', 40, 'months', 12],
        ],
        [18, 0],
        { restoreWindowDays: 2 },
      ),
  },
  {
    name: 'staging-rs',
    project: 'Staging',
    clusterType: 'REPLICASET',
    instanceSize: 'M10',
    diskSizeGB: 10,
    zones: [{ zoneName: 'Zone 1', provider: 'AWS', region: 'US_EAST_1', shards: 1 }],
    backupEnabled: false,
    pitEnabled: false,
    mongoDBVersion: '8.0.4',
  },
  {
    name: 'legacy-app',
    project: 'Staging',
    clusterType: 'REPLICASET',
    instanceSize: 'M20',
    diskSizeGB: 20,
    zones: [{ zoneName: 'Zone 1', provider: 'AWS', region: 'US_WEST_2', shards: 1 }],
    backupEnabled: true,
    pitEnabled: false,
    mongoDBVersion: '6.0.19',
    legacy: true,
    schedule: () => defaultSchedule('legacy-app', [18, 0]),
  },
  ...sandboxSpecs(),
  // Three clusters so each posture filter has something to show. Appended, so every cluster above keeps its place
  // (and its creation date, which follows the order).
  {
    name: 'billing-rs',
    project: 'Production',
    clusterType: 'REPLICASET',
    instanceSize: 'M20',
    diskSizeGB: 20,
    zones: [{ zoneName: 'Zone 1', provider: 'AWS', region: 'US_EAST_1', shards: 1 }],
    backupEnabled: true,
    pitEnabled: false,
    mongoDBVersion: '7.0.14',
    demo: 'not-compliant',
    // Daily snapshots kept 3 days where Production's compliance policy asks for 7 (a schedule older than the policy):
    // every other item meets it, and the retentions are in order, so the policy is its one finding.
    schedule: () =>
      schedule(
        'billing-rs',
        [
          ['hourly', 6, 'days', 2],
          ['daily', 1, 'days', 3],
          ['weekly', 6, 'weeks', 4],
          ['monthly', 40, 'months', 12],
        ],
        [1, 0],
      ),
  },
  {
    name: 'events-rs',
    project: 'Staging',
    clusterType: 'REPLICASET',
    instanceSize: 'M10',
    diskSizeGB: 10,
    zones: [{ zoneName: 'Zone 1', provider: 'AWS', region: 'US_EAST_1', shards: 1 }],
    backupEnabled: true,
    pitEnabled: false,
    mongoDBVersion: '8.0.4',
    demo: 'schedule-errors',
    // Weekly snapshots kept 1 week, shorter than the daily ones (14 days): the rules' retention-order error (Atlas
    // refuses such a schedule today; this one predates the check). Staging has no policy, so it is not also
    // non-compliant.
    schedule: () =>
      schedule(
        'events-rs',
        [
          ['daily', 1, 'days', 14],
          ['weekly', 7, 'weeks', 1],
        ],
        [3, 0],
      ),
  },
  {
    name: 'reports-rs',
    project: 'Staging',
    clusterType: 'REPLICASET',
    instanceSize: 'M10',
    diskSizeGB: 10,
    zones: [{ zoneName: 'Zone 1', provider: 'AWS', region: 'US_WEST_2', shards: 1 }],
    backupEnabled: true,
    pitEnabled: false,
    mongoDBVersion: '8.0.4',
    demo: 'overdue',
    // A valid daily schedule whose snapshots stopped three days ago: overdue after 26.4 h.
    snapshotsStoppedDaysAgo: 3,
    schedule: () =>
      schedule(
        'reports-rs',
        [
          ['daily', 1, 'days', 7],
          ['weekly', 7, 'weeks', 4],
        ],
        [5, 0],
      ),
  },
];

function complianceFor(projectId: string, nowMs: number): CompliancePolicy {
  const item = (
    t: PolicyItem['frequencyType'],
    interval: number,
    unit: PolicyItem['retentionUnit'],
    value: number,
  ): PolicyItem => ({
    id: idFor('bcpItem', `${projectId}/${t}`),
    frequencyType: t,
    frequencyInterval: interval,
    retentionUnit: unit,
    retentionValue: value,
  });
  return {
    authorizedEmail: 'compliance-officer@example.com',
    authorizedUserFirstName: 'Dana',
    authorizedUserLastName: 'Reyes',
    copyProtectionEnabled: false,
    deletable: false,
    encryptionAtRestEnabled: false,
    onDemandPolicyItem: item('ondemand', 0, 'days', 3),
    pitEnabled: false,
    restoreWindowDays: 2,
    scheduledPolicyItems: [
      item('hourly', 6, 'days', 2),
      item('daily', 1, 'days', 7),
      item('weekly', 1, 'weeks', 4),
      item('monthly', 1, 'months', 12),
    ],
    state: 'ACTIVE',
    updatedDateMs: nowMs - 90 * DAY_MS,
    updatedUser: 'compliance-officer@example.com',
  };
}

// Deterministic pseudo-random numbers (sizes) so snapshots look varied but never change between runs.
function prng(seedText: string): () => number {
  let h = 2166136261;
  for (const ch of seedText) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return () => {
    h = Math.imul(h ^ (h >>> 15), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    h ^= h >>> 16;
    return (h >>> 0) / 4294967296;
  };
}

function seedSnapshots(c: Cluster, spec: ClusterSpec, nowMs: number): void {
  if (!c.schedule) return;
  const rand = prng(c.name);
  const base = spec.diskSizeGB * 0.35 * 1024 ** 3;
  const members = c.clusterType !== 'REPLICASET' ? c.zones.flatMap((z) => z.shardSpecIds).length + 1 : 0;
  const stoppedMs = nowMs - (spec.snapshotsStoppedDaysAgo ?? 0) * DAY_MS;
  c.snapshots = plannedHistory(c.schedule, nowMs)
    .filter((p) => p.createdAtMs <= stoppedMs)
    .map((p) => ({
      // Keyed by the absolute time, so a snapshot keeps its id across restarts while it exists.
      id: idFor('snapshot', `${c.name}/${p.createdAtMs}`),
      createdAtMs: p.createdAtMs,
      expiresAtMs: p.expiresAtMs,
      snapshotType: 'scheduled' as const,
      frequencyType: p.label.frequencyType === 'ondemand' ? undefined : p.label.frequencyType,
      policyItems: p.itemIds,
      storageSizeBytes: Math.round(base * (0.9 + rand() * 0.2)),
      mongodVersion: c.mongoDBVersion,
      memberIds: members
        ? Array.from({ length: members }, (_, m) => idFor('member', `${c.name}/${p.createdAtMs}/${m}`))
        : undefined,
    }));
  for (let k = 0; k < (spec.onDemand ?? 0); k++) {
    const created = nowMs - (k * 9 + 2) * DAY_MS - 3 * 3_600_000;
    c.snapshots.push({
      id: idFor('snapshot', `${c.name}/onDemand/${k}`),
      createdAtMs: created,
      expiresAtMs: addRetention(created, 'days', 30),
      snapshotType: 'onDemand',
      policyItems: [],
      description: ['Before schema migration', 'Pre-release checkpoint', 'Quarter close'][k % 3],
      storageSizeBytes: Math.round(base * (0.9 + rand() * 0.2)),
      mongodVersion: c.mongoDBVersion,
      memberIds: members
        ? Array.from({ length: members }, (_, m) => idFor('member', `${c.name}/od${k}/${m}`))
        : undefined,
    });
  }
  c.snapshots.sort((a, b) => b.createdAtMs - a.createdAtMs);
}

function seedLegacy(c: Cluster, nowMs: number): void {
  const rand = prng(`${c.name}/legacy`);
  c.legacySnapshots = Array.from({ length: 14 }, (_, i) => {
    const created = nowMs - (i * 2 + 1) * DAY_MS;
    const doNotDelete = i % 5 === 4;
    const dataSize = Math.round(6 * 1024 ** 3 * (0.9 + rand() * 0.2));
    return {
      id: idFor('legacySnapshot', `${c.name}/${i}`),
      complete: i !== 0, // the newest one is still being taken
      createdMs: created,
      // The spec declares `increment` with minimum 1199145600; seeded values respect it.
      increment: 1199145600 + i + 1,
      doNotDelete,
      expiresMs: doNotDelete ? undefined : created + 60 * DAY_MS,
      incremental: i % 7 !== 6,
      lastOplogMs: created - 60_000,
      dataSizeBytes: dataSize,
      storageSizeBytes: Math.round(dataSize * 1.1),
      fileSizeBytes: Math.round(dataSize * 1.05),
    };
  });
}

export function buildState(nowMs: number): SimState {
  const projects: Project[] = PROJECT_NAMES.map((name, i) => ({
    id: idFor('group', name),
    name,
    orgId: ORG_ID,
    createdMs: nowMs - (400 - i * 30) * DAY_MS,
  }));
  const production = projects[0];
  production.compliance = complianceFor(production.id, nowMs);
  const clusters = new Map<string, Cluster>();
  CLUSTER_SPECS.forEach((spec, i) => {
    const groupId = idFor('group', spec.project);
    const c: Cluster = {
      id: idFor('cluster', `${spec.project}/${spec.name}`),
      name: spec.name,
      groupId,
      clusterType: spec.clusterType,
      stateName: 'IDLE',
      paused: false,
      backupEnabled: spec.backupEnabled,
      pitEnabled: spec.pitEnabled,
      mongoDBVersion: spec.mongoDBVersion,
      createDateMs: nowMs - (300 - (i % 200)) * DAY_MS,
      zones: spec.zones.map((z) => zone(spec.name, z, spec.instanceSize, spec.diskSizeGB)),
      snapshots: [],
      legacySnapshots: [],
      seededAtMs: nowMs,
    };
    if (spec.backupEnabled && spec.schedule) c.schedule = spec.schedule(c);
    seedSnapshots(c, spec, nowMs);
    if (spec.legacy) seedLegacy(c, nowMs);
    clusters.set(clusterKey(groupId, c.name), c);
  });
  seedRestoreJobs(clusters, nowMs);
  seedExports(production, clusters, nowMs);
  return { projects, clusters, seq: 0, flexClusters: FLEX_SPECS.map((spec) => flexCluster(spec, nowMs)) };
}

interface FlexSpec {
  name: string;
  project: ProjectName;
  provider: Provider;
  region: string;
  mongoDBVersion: string;
  /** Daily snapshots kept (Atlas keeps the last eight of a Flex cluster). */
  snapshots: number;
}

/** Flex clusters, listed apart from clusters (`…/flexClusters`, 2024-11-13), with their own backups. */
const FLEX_SPECS: readonly FlexSpec[] = [
  {
    name: 'staging-flex',
    project: 'Staging',
    provider: 'AWS',
    region: 'US_EAST_1',
    mongoDBVersion: '8.0.4',
    snapshots: 8,
  },
];

/**
 * A Flex cluster with a daily snapshot at 03:00 UTC for the last `snapshots` days (each taking three minutes and
 * kept eight days), and one download requested two days ago, its four-hour link long expired.
 */
function flexCluster(spec: FlexSpec, nowMs: number): FlexCluster {
  const groupId = idFor('group', spec.project);
  const today3am = Math.floor(nowMs / DAY_MS) * DAY_MS + 3 * 3_600_000;
  const newest = today3am <= nowMs - 5 * 60_000 ? today3am : today3am - DAY_MS;
  const snapshots: FlexSnapshot[] = Array.from({ length: spec.snapshots }, (_, i) => {
    const startMs = newest - i * DAY_MS;
    return {
      id: idFor('flexSnapshot', `${spec.project}/${spec.name}/${i}`),
      startMs,
      finishMs: startMs + 3 * 60_000,
      expiresAtMs: startMs + 8 * DAY_MS,
      mongoDBVersion: spec.mongoDBVersion,
    };
  });
  const f: FlexCluster = {
    id: idFor('flexCluster', `${spec.project}/${spec.name}`),
    name: spec.name,
    groupId,
    mongoDBVersion: spec.mongoDBVersion,
    createDateMs: nowMs - 60 * DAY_MS,
    backingProviderName: spec.provider,
    regionName: spec.region,
    diskSizeGB: 5,
    snapshots,
    restoreJobs: [],
  };
  const old = snapshots.find((s) => s.finishMs <= nowMs - 2 * DAY_MS);
  if (old) {
    f.restoreJobs.push({
      id: idFor('flexRestoreJob', `${spec.project}/${spec.name}/seed/download`),
      deliveryType: 'DOWNLOAD',
      snapshotId: old.id,
      snapshotFinishMs: old.finishMs,
      createdAtMs: nowMs - 2 * DAY_MS,
      durationMs: 0,
      fails: false,
    });
  }
  return f;
}

/**
 * Export set-up of Production: cloud provider access roles (one AWS role registered but never authorised, so the
 * refusal to use it can be shown), two buckets and one finished export of `orders-rs`. The other projects have none.
 */
const ACCESS_ROLE_SPECS: { project: string; key: string; providerName: Provider; name: string; authorized: boolean }[] =
  [
    { project: 'Production', key: 'aws-export', providerName: 'AWS', name: 'atlas-backup-export', authorized: true },
    { project: 'Production', key: 'aws-pending', providerName: 'AWS', name: 'atlas-backup-pending', authorized: false },
    { project: 'Production', key: 'azure-export', providerName: 'AZURE', name: 'atlas-backup-sp', authorized: true },
    { project: 'Production', key: 'gcp-export', providerName: 'GCP', name: 'atlas-backup-sa', authorized: true },
  ];
const EXPORT_BUCKET_SPECS: {
  project: string;
  key: string;
  cloudProvider: Provider;
  bucketName: string;
  role: string;
  serviceUrl?: string;
}[] = [
  { project: 'Production', key: 'aws', cloudProvider: 'AWS', bucketName: 'acme-atlas-exports', role: 'aws-export' },
  {
    project: 'Production',
    key: 'azure',
    cloudProvider: 'AZURE',
    bucketName: 'exports',
    role: 'azure-export',
    serviceUrl: 'https://acmeatlasexports.blob.core.windows.net/exports',
  },
];
const roleId = (project: string, key: string) => idFor('accessRole', `${project}/${key}`);
const bucketId = (project: string, key: string) => idFor('exportBucket', `${project}/${key}`);

function seedExports(production: Project, clusters: Map<string, Cluster>, nowMs: number): void {
  production.accessRoles = ACCESS_ROLE_SPECS.filter((r) => r.project === production.name).map((r, i) => ({
    id: roleId(r.project, r.key),
    providerName: r.providerName,
    name: r.name,
    createdAtMs: nowMs - (r.authorized ? 120 - i : 1) * DAY_MS,
    ...(r.authorized ? { authorizedAtMs: nowMs - (119 - i) * DAY_MS } : {}),
  }));
  production.exportBuckets = EXPORT_BUCKET_SPECS.filter((b) => b.project === production.name).map((b) => ({
    id: bucketId(b.project, b.key),
    cloudProvider: b.cloudProvider,
    bucketName: b.bucketName,
    roleId: roleId(b.project, b.role),
    ...(b.serviceUrl ? { serviceUrl: b.serviceUrl } : {}),
  }));
  const orders = clusters.get(clusterKey(production.id, 'orders-rs'));
  const snap = orders?.snapshots.find((s) => s.createdAtMs <= nowMs - 3 * DAY_MS);
  if (!orders || !snap) return;
  const createdAtMs = nowMs - 3 * DAY_MS + 3_600_000;
  orders.exportJobs = [
    {
      id: idFor('exportJob', 'orders-rs/seed/aws'),
      snapshotId: snap.id,
      snapshotCreatedAtMs: snap.createdAtMs,
      exportBucketId: bucketId('Production', 'aws'),
      customData: [{ key: 'purpose', value: 'quarterly-archive' }],
      createdAtMs,
      startMs: createdAtMs + 60_000,
      msPerCollection: 4 * 60_000,
      totalCollections: [...contentsOf(orders, snap).values()].reduce((n, cols) => n + cols.length, 0),
      fails: false,
      components: [],
    },
  ];
}

/**
 * Restore history, so "last restore" has something to show: `orders-rs` was restored onto `sandbox-001` two days
 * ago (a drill onto a scratch cluster in another project) and downloaded six days ago (links long expired). Every
 * other seeded cluster has never been restored.
 */
function seedRestoreJobs(clusters: Map<string, Cluster>, nowMs: number): void {
  const orders = clusters.get(clusterKey(idFor('group', 'Production'), 'orders-rs'));
  if (!orders) return;
  const before = (ms: number) => orders.snapshots.find((s) => s.createdAtMs <= ms);
  const jobs: Cluster['restoreJobs'] = [];
  const drill = before(nowMs - 2 * DAY_MS);
  if (drill) {
    jobs.push({
      id: idFor('restoreJob', 'orders-rs/seed/automated'),
      deliveryType: 'automated',
      snapshotId: drill.id,
      snapshotCreatedAtMs: drill.createdAtMs,
      createdAtMs: nowMs - 2 * DAY_MS + 30 * 60_000,
      durationMs: 42 * 60_000,
      fails: false,
      targetGroupId: idFor('group', 'Sandbox'),
      targetClusterName: 'sandbox-001',
      components: [],
    });
  }
  const download = before(nowMs - 6 * DAY_MS);
  if (download) {
    jobs.push({
      id: idFor('restoreJob', 'orders-rs/seed/download'),
      deliveryType: 'download',
      snapshotId: download.id,
      snapshotCreatedAtMs: download.createdAtMs,
      createdAtMs: nowMs - 6 * DAY_MS + 2 * 3_600_000,
      durationMs: 9 * 60_000,
      fails: false,
      components: [],
    });
  }
  orders.restoreJobs = jobs;
}

export interface NewClusterSpec {
  groupId: string;
  name: string;
  /** Continuous Cloud Backup (default false). */
  pitEnabled?: boolean;
  /** Default true. */
  backupEnabled?: boolean;
  instanceSize?: string;
  provider?: Provider;
  region?: string;
}

/**
 * A cluster as Atlas creates it: a replica set of three, IDLE, with Atlas's default backup schedule (five items,
 * restore window 7 days) when backup is on, and no snapshots yet. For tests and demos of "a new cluster".
 */
export function newCluster(spec: NewClusterSpec, nowMs: number): Cluster {
  const z = zone(
    spec.name,
    { zoneName: 'Zone 1', provider: spec.provider ?? 'AWS', region: spec.region ?? 'US_EAST_1', shards: 1 },
    spec.instanceSize ?? 'M10',
    10,
  );
  const backupEnabled = spec.backupEnabled ?? true;
  const c: Cluster = {
    id: idFor('cluster', `${spec.groupId}/${spec.name}`),
    name: spec.name,
    groupId: spec.groupId,
    clusterType: 'REPLICASET',
    stateName: 'IDLE',
    paused: false,
    backupEnabled,
    pitEnabled: backupEnabled && (spec.pitEnabled ?? false),
    mongoDBVersion: '8.0.4',
    createDateMs: nowMs,
    zones: [z],
    snapshots: [],
    legacySnapshots: [],
  };
  if (backupEnabled) c.schedule = defaultSchedule(spec.name, [new Date(nowMs).getUTCHours(), 0]);
  return c;
}

interface SeedCluster {
  id: string;
  groupId: string;
  name: string;
  zoneIds: string[];
  zones: { zoneId: string; zoneName: string; replicationSpecId: string }[];
}

function seedIndex() {
  const projects = {
    production: { id: idFor('group', 'Production'), name: 'Production' },
    staging: { id: idFor('group', 'Staging'), name: 'Staging' },
    sandbox: { id: idFor('group', 'Sandbox'), name: 'Sandbox' },
    empty: { id: idFor('group', 'Empty'), name: 'Empty' },
  } as const;
  const clusters: Record<string, SeedCluster> = {};
  for (const spec of CLUSTER_SPECS) {
    const zones = spec.zones.map((z) => zone(spec.name, z, spec.instanceSize, spec.diskSizeGB));
    clusters[spec.name] = {
      id: idFor('cluster', `${spec.project}/${spec.name}`),
      groupId: idFor('group', spec.project),
      name: spec.name,
      zoneIds: zones.map((z) => z.zoneId),
      zones: zones.map((z) => ({ zoneId: z.zoneId, zoneName: z.zoneName, replicationSpecId: z.legacySpecId })),
    };
  }
  return { orgId: ORG_ID, projects, clusters };
}

/** Stable ids of the seeded demo data, e.g. `SEED.projects.production.id`, `SEED.clusters['orders-rs']`. */
export const SEED = seedIndex();

/** One seeded cluster as the seed describes it (see `describeSeed`). */
export interface SeedClusterFacts {
  name: string;
  id: string;
  projectName: string;
  clusterType: Cluster['clusterType'];
  instanceSize: string;
  /** `off` without cloud backup, `continuous` with point-in-time restore, else `on`. */
  backup: 'off' | 'on' | 'continuous';
}

/** One seeded Flex cluster (listed under `…/flexClusters`, never among a project's clusters). */
export interface SeedFlexClusterFacts {
  name: string;
  id: string;
  projectName: string;
  projectId: string;
  /** Its daily snapshots at seed time, all completed. */
  snapshots: number;
}

/** One seeded project with its clusters in the order the simulator lists them. */
export interface SeedProjectFacts {
  name: string;
  id: string;
  clusters: SeedClusterFacts[];
  /** Its Flex clusters, which `…/clusters` does not list. */
  flexClusters: SeedFlexClusterFacts[];
}

/** What the demo seed holds, in the order the simulator serves it. */
export interface SeedFacts {
  orgId: string;
  projects: SeedProjectFacts[];
  /** Every seeded cluster, project by project (dedicated clusters only: Flex clusters are listed apart). */
  clusters: SeedClusterFacts[];
  /** Every seeded Flex cluster, project by project. */
  flexClusters: SeedFlexClusterFacts[];
  /** Clusters with cloud backup off. */
  backupOff: number;
  /** Clusters with continuous cloud backup (point-in-time restore). */
  continuous: number;
  /** Export buckets, project by project. */
  exportBuckets: { projectName: string; id: string; bucketName: string; cloudProvider: Provider }[];
  /** Cloud provider access roles; `authorized` false cannot back a bucket. */
  accessRoles: { projectName: string; id: string; providerName: Provider; authorized: boolean }[];
  /**
   * The clusters seeded to show each posture finding, by name: a schedule the rules flag as an error, a newest
   * snapshot older than the schedule promises, a schedule below the project's Backup Compliance Policy. A
   * non-compliant schedule is also an error, so the posture's "with errors" holds both of the first and last.
   */
  scheduleErrors: string[];
  overdue: string[];
  notCompliant: string[];
}

/**
 * The seed's own description, computed from the same specs `buildState` builds from, so tests take their figures
 * from here (or from the simulator's answers) and keep passing when the demo data grows.
 */
export function describeSeed(): SeedFacts {
  const projects = PROJECT_NAMES.map((name): SeedProjectFacts => ({
    name,
    id: idFor('group', name),
    clusters: CLUSTER_SPECS.filter((spec) => spec.project === name).map((spec) => ({
      name: spec.name,
      id: idFor('cluster', `${spec.project}/${spec.name}`),
      projectName: name,
      clusterType: spec.clusterType,
      instanceSize: spec.instanceSize,
      backup: !spec.backupEnabled ? 'off' : spec.pitEnabled ? 'continuous' : 'on',
    })),
    flexClusters: FLEX_SPECS.filter((spec) => spec.project === name).map((spec) => ({
      name: spec.name,
      id: idFor('flexCluster', `${spec.project}/${spec.name}`),
      projectName: name,
      projectId: idFor('group', name),
      snapshots: spec.snapshots,
    })),
  }));
  const clusters = projects.flatMap((p) => p.clusters);
  return {
    orgId: ORG_ID,
    projects,
    clusters,
    flexClusters: projects.flatMap((p) => p.flexClusters),
    backupOff: clusters.filter((c) => c.backup === 'off').length,
    continuous: clusters.filter((c) => c.backup === 'continuous').length,
    exportBuckets: EXPORT_BUCKET_SPECS.map((b) => ({
      projectName: b.project,
      id: bucketId(b.project, b.key),
      bucketName: b.bucketName,
      cloudProvider: b.cloudProvider,
    })),
    accessRoles: ACCESS_ROLE_SPECS.map((r) => ({
      projectName: r.project,
      id: roleId(r.project, r.key),
      providerName: r.providerName,
      authorized: r.authorized,
    })),
    scheduleErrors: CLUSTER_SPECS.filter((c) => c.demo === 'schedule-errors').map((c) => c.name),
    overdue: CLUSTER_SPECS.filter((c) => c.demo === 'overdue').map((c) => c.name),
    notCompliant: CLUSTER_SPECS.filter((c) => c.demo === 'not-compliant').map((c) => c.name),
  };
}
