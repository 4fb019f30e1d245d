// What the CLI and the extension share between the plan and the request: the source's snapshots (the sharded list for
// a sharded cluster), the newest completed one (a drill's default), the create request a plan describes, and the
// restore targets a person picks from, compatible ones first and the others with the reason they cannot be picked.
// vscode-free; the caller passes the client.
import type { Page } from '../atlas/AtlasClient';
import type { CreateRestoreJobRequest, ReplicaSetSnapshot, ShardedClusterSnapshot } from '../atlas/types';
import type { RestoreClusterFacts, RestorePlan, RestoreSnapshotFacts } from './restorePlan';

/** The client calls listing a source's snapshots (AtlasClient fits). */
export interface SourceSnapshotLister {
  listShardedSnapshots(
    groupId: string,
    clusterName: string,
    opts?: { signal?: AbortSignal },
  ): Promise<Page<ShardedClusterSnapshot>>;
  listSnapshots(
    groupId: string,
    clusterName: string,
    opts?: { itemsPerPage?: number; signal?: AbortSignal },
  ): AsyncIterable<ReplicaSetSnapshot>;
}

/** Every snapshot of the source: the sharded list for a sharded cluster, else the replica-set list, 500 a page. */
export async function listSourceSnapshots(
  client: SourceSnapshotLister,
  source: RestoreClusterFacts,
  signal?: AbortSignal,
): Promise<(ReplicaSetSnapshot | ShardedClusterSnapshot)[]> {
  if (source.topology.kind === 'sharded')
    return (await client.listShardedSnapshots(source.groupId, source.name, { signal })).results;
  const all: ReplicaSetSnapshot[] = [];
  for await (const s of client.listSnapshots(source.groupId, source.name, { itemsPerPage: 500, signal })) all.push(s);
  return all;
}

/** The newest completed snapshot with an id, or undefined when there is none. */
export function newestCompletedSnapshot<T extends RestoreSnapshotFacts>(snapshots: Iterable<T>): T | undefined {
  let best: T | undefined;
  for (const s of snapshots) {
    if (s.status !== 'completed' || !s.id) continue;
    const t = Date.parse(s.createdAt ?? '');
    if (!best || (Number.isFinite(t) && t > Date.parse(best.createdAt ?? ''))) best = s;
  }
  return best;
}

/** The create request a plan describes (the plan holds the snapshot or the point in time, and the target). */
export function restoreRequestFor(plan: RestorePlan): CreateRestoreJobRequest {
  const snapshotId = plan.source.snapshot?.id ?? '';
  if (plan.kind === 'download' || !plan.target) return { deliveryType: 'download', snapshotId };
  const onto = { targetGroupId: plan.target.groupId, targetClusterName: plan.target.clusterName };
  if (plan.kind === 'automated') return { deliveryType: 'automated', snapshotId, ...onto };
  const pit = plan.source.pointInTime;
  return pit?.oplog
    ? { deliveryType: 'pointInTime', ...onto, oplogTs: pit.oplog.ts, oplogInc: pit.oplog.inc }
    : { deliveryType: 'pointInTime', ...onto, pointInTimeUTCSeconds: pit?.epochSeconds };
}

/** What ranking needs of a plan (a snapshot restore's or a collection restore's): its checks. */
export interface TargetPlan {
  checks: readonly { passed: boolean; reason: string }[];
}

/** One cluster a restore could go to, and what its plan says of it. */
export interface RestoreTargetChoice<P extends TargetPlan = RestorePlan> {
  target: RestoreClusterFacts;
  plan: P;
  /** Every check passed: it may be picked. */
  compatible: boolean;
  /** Why it cannot be picked: the failed checks' reasons, in the plan's order; undefined when compatible. */
  reason?: string;
}

/**
 * Every candidate with its plan, compatible ones first; within each group the source's own project first, then by
 * project name and cluster name, so the list reads the same each time. A drill's scratch cluster is wanted away from
 * the source (its project is often production): `sourceProjectLast` puts the source's project last instead.
 */
export function rankRestoreTargets<P extends TargetPlan = RestorePlan>(
  source: Pick<RestoreClusterFacts, 'groupId'>,
  candidates: readonly RestoreClusterFacts[],
  planFor: (target: RestoreClusterFacts) => P,
  o: { sourceProjectLast?: boolean } = {},
): RestoreTargetChoice<P>[] {
  const choices = candidates.map((target): RestoreTargetChoice<P> => {
    const plan = planFor(target);
    const failed = plan.checks.filter((c) => !c.passed);
    return failed.length
      ? { target, plan, compatible: false, reason: failed.map((c) => c.reason).join(' ') }
      : { target, plan, compatible: true };
  });
  const key = (c: RestoreTargetChoice<P>) => [
    c.compatible ? 0 : 1,
    (c.target.groupId === source.groupId) === !o.sourceProjectLast ? 0 : 1,
    (c.target.projectName ?? c.target.groupId).toLowerCase(),
    c.target.name.toLowerCase(),
  ];
  return choices.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
    return 0;
  });
}
