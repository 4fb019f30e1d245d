// A Flex cluster's restore plan: its snapshot onto a cluster (Flex or dedicated) or as a file to download. The same
// plan and checks as a dedicated cluster's (restorePlan.ts), from a Flex cluster's facts: a Flex cluster is a replica
// set without customer-managed keys or continuous backup, and its download link works for four hours, not one.
import type { FlexCluster, FlexSnapshot } from '../atlas/types';
import { buildRestorePlan, type RestoreClusterFacts, type RestorePlan, type RestoreSnapshotFacts } from './restorePlan';

/** How long a Flex snapshot's download link works after the request. */
export const FLEX_DOWNLOAD_HOURS = 4;

export function flexClusterFacts(
  f: FlexCluster,
  o: { groupId?: string; projectName?: string } = {},
): RestoreClusterFacts {
  return {
    groupId: o.groupId ?? f.groupId ?? '',
    projectName: o.projectName,
    name: f.name ?? '',
    tier: 'Flex',
    mongoDBVersion: f.mongoDBVersion,
    topology: { kind: 'replicaSet' },
    encryptionAtRestProvider: 'NONE',
    continuousBackup: false,
  };
}

/** A Flex snapshot's facts: Atlas says `COMPLETED` where a dedicated snapshot says `completed`. */
export function flexSnapshotFacts(s: FlexSnapshot): RestoreSnapshotFacts {
  return {
    id: s.id,
    createdAt: s.finishTime ?? s.startTime ?? s.scheduledTime,
    status: s.status?.toLowerCase(),
    snapshotType: 'scheduled',
    frequencyType: 'daily',
    mongodVersion: s.mongoDBVersion,
  };
}

export type FlexRestorePlanInput =
  | {
      kind: 'automated';
      source: FlexCluster;
      snapshot: FlexSnapshot;
      target: RestoreClusterFacts;
      nowMs: number;
      allowSourceAsTarget?: boolean;
    }
  | { kind: 'download'; source: FlexCluster; snapshot: FlexSnapshot; nowMs: number };

export function buildFlexRestorePlan(input: FlexRestorePlanInput): RestorePlan {
  const source = flexClusterFacts(input.source);
  const snapshot = flexSnapshotFacts(input.snapshot);
  if (input.kind === 'download') {
    const plan = buildRestorePlan({ kind: 'download', source, snapshot, nowMs: input.nowMs });
    return {
      ...plan,
      effects: [
        `Atlas prepares ${source.name}'s snapshot as one archive to download; the link works for ${FLEX_DOWNLOAD_HOURS} hours from now.`,
        'Nothing changes on any cluster.',
      ],
    };
  }
  const plan = buildRestorePlan({
    kind: 'automated',
    source,
    snapshot,
    target: input.target,
    nowMs: input.nowMs,
    allowSourceAsTarget: input.allowSourceAsTarget,
  });
  return { ...plan, effects: [...plan.effects, 'A Flex restore job cannot be cancelled once started.'] };
}
