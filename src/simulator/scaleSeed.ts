// The scale seed (`--seed scale`, or `new AtlasSimulator({ seed: 'scale' })`): the demo data plus enough to show how
// the tree and the fleet's posture report behave for a big organisation — 300 projects in all, one of them
// ("Scale Fleet") with 50 clusters, and one cluster there ("history-5000") with 5,000 snapshots; every other extra
// project has 10 clusters (2,960 of them), with the mix a real fleet has: one in ten with backup off, a few NVMe
// clusters still on a 6-hourly schedule (a rule error), a few whose newest snapshot is three days old (overdue). Deterministic like the demo seed: ids are hashes of names,
// times are relative to the clock at seed time. Not the default: demos and tests use the small seed.
import { buildState, defaultSchedule } from './seed';
import { clusterKey, idFor, type Cluster, type Project, type SimState, type Snapshot } from './model';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export const SCALE = {
  /** Projects in all, the four demo projects included. */
  projectCount: 300,
  fleetProject: 'Scale Fleet',
  fleetClusters: 50,
  /** Clusters in each extra project other than Scale Fleet. */
  clustersPerProject: 10,
  bigCluster: 'history-5000',
  bigClusterSnapshots: 5_000,
} as const;

function replicaSet(groupId: string, name: string, nowMs: number, i: number): Cluster {
  return {
    id: idFor('cluster', `${groupId}/${name}`),
    name,
    groupId,
    clusterType: 'REPLICASET',
    stateName: 'IDLE',
    paused: false,
    backupEnabled: i % 10 !== 9, // one in ten has backup off
    pitEnabled: i % 7 === 3,
    mongoDBVersion: '8.0.4',
    createDateMs: nowMs - (200 + i) * DAY_MS,
    zones: [
      {
        zoneId: idFor('zone', `${groupId}/${name}/Zone 1`),
        zoneName: 'Zone 1',
        legacySpecId: idFor('replspec', `${groupId}/${name}/Zone 1`),
        shardSpecIds: [idFor('shardspec', `${groupId}/${name}/Zone 1/0`)],
        regionConfigs: [
          {
            providerName: 'AWS',
            regionName: 'US_EAST_1',
            priority: 7,
            instanceSize: 'M30',
            nodeCount: 3,
            diskSizeGB: 40,
          },
        ],
      },
    ],
    snapshots: [],
    legacySnapshots: [],
  };
}

/** 5,000 hourly-ish snapshots, newest first, every one still within its retention. */
function history(c: Cluster, nowMs: number, count: number): Snapshot[] {
  const itemId = c.schedule?.items.find((x) => x.frequencyType === 'hourly')?.id;
  return Array.from({ length: count }, (_, k) => {
    const created = nowMs - (k + 1) * HOUR_MS;
    const onDemand = k % 250 === 7;
    return {
      id: idFor('snapshot', `${c.groupId}/${c.name}/${k}`),
      createdAtMs: created,
      expiresAtMs: created + 400 * DAY_MS,
      snapshotType: onDemand ? ('onDemand' as const) : ('scheduled' as const),
      frequencyType: onDemand ? undefined : k % 24 === 0 ? ('daily' as const) : ('hourly' as const),
      policyItems: onDemand || !itemId ? [] : [itemId],
      description: onDemand ? `Checkpoint ${k}` : undefined,
      storageSizeBytes: 14 * 1024 ** 3 + (k % 97) * 1024 ** 2,
      mongodVersion: c.mongoDBVersion,
    };
  });
}

export function buildScaleState(nowMs: number): SimState {
  const state = buildState(nowMs);
  const orgId = state.projects[0]?.orgId ?? idFor('org', 'Atlas Backup Demo Org');
  const extra = SCALE.projectCount - state.projects.length;
  const projects: Project[] = [];
  projects.push({
    id: idFor('group', SCALE.fleetProject),
    name: SCALE.fleetProject,
    orgId,
    createdMs: nowMs - 500 * DAY_MS,
  });
  for (let i = 1; projects.length < extra; i++) {
    const name = `Scale ${String(i).padStart(3, '0')}`;
    projects.push({ id: idFor('group', name), name, orgId, createdMs: nowMs - (100 + i) * DAY_MS });
  }
  state.projects.push(...projects);
  // Every extra project has ten clusters (the first keeps the name `scale-NNN-rs`), each backed-up one with its two
  // most recent snapshots, so the posture report has something to judge.
  for (const [i, p] of projects.slice(1).entries()) {
    const base = p.name.toLowerCase().replace(/\s+/g, '-');
    for (let j = 0; j < SCALE.clustersPerProject; j++) {
      const n = i * SCALE.clustersPerProject + j;
      const c = replicaSet(
        p.id,
        j === 0 ? `${base}-rs` : `${base}-${String(j).padStart(2, '0')}`,
        nowMs,
        j === 0 ? i : n,
      );
      if (n % 97 === 41) for (const z of c.zones) for (const r of z.regionConfigs) r.instanceSize = 'M40_NVME';
      if (c.backupEnabled) {
        c.schedule = defaultSchedule(c.name, [n % 24, 0]);
        c.snapshots = history(c, nowMs, 2);
        if (n % 89 === 17)
          for (const x of c.snapshots) {
            x.createdAtMs -= 3 * DAY_MS;
            x.expiresAtMs -= 3 * DAY_MS;
          }
      }
      state.clusters.set(clusterKey(p.id, c.name), c);
    }
  }
  const fleet = projects[0];
  for (let i = 0; i < SCALE.fleetClusters; i++) {
    const name = i === 0 ? SCALE.bigCluster : `fleet-${String(i).padStart(2, '0')}`;
    const c = replicaSet(fleet.id, name, nowMs, i);
    if (i === 0) {
      c.backupEnabled = true;
      c.pitEnabled = false;
    }
    if (c.backupEnabled) c.schedule = defaultSchedule(name, [i % 24, 30]);
    c.snapshots = history(c, nowMs, i === 0 ? SCALE.bigClusterSnapshots : c.backupEnabled ? 12 : 0);
    state.clusters.set(clusterKey(fleet.id, name), c);
  }
  return state;
}
