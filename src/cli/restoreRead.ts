// What the restore commands (restore, drill, restores) read from Atlas and the flags they share: the source, its
// snapshot and the target, each refusal naming the flag it is about, and whether a name is a dedicated or a Flex
// cluster. vscode-free; split from restore.ts so the collection and Flex restores share it without an import cycle.
import { listSourceSnapshots } from '../core/restore/restoreTargets';
import type { AtlasClient } from '../core/atlas/AtlasClient';
import { AtlasApiError } from '../core/atlas/errors';
import type { ClusterDescription, FlexCluster } from '../core/atlas/types';
import {
  completedSpan,
  flexClusterFacts,
  restoreClusterFacts,
  type RestoreClusterFacts,
  type RestoreSnapshotFacts,
} from '../core/restore';
import { RefusedError, UsageError } from './args';
import { checkClusterName, checkProjectId } from './atlas';

export const SNAPSHOT_ID = /^[a-f0-9]{24}$/;

/** `--format text|json`: a usage error names the flag. */
export function formatFrom(v: string | undefined): 'text' | 'json' {
  if (v === undefined || v === 'text') return 'text';
  if (v === 'json') return 'json';
  throw new UsageError(`--format "${v}" is not one of text, json`);
}

/** `--to <projectId>/<clusterName>`. */
export function parseTarget(v: string): { groupId: string; clusterName: string } {
  const slash = v.indexOf('/');
  if (slash < 0) throw new UsageError(`--to "${v}" must be <projectId>/<clusterName>`);
  return {
    groupId: checkProjectId(v.slice(0, slash), '--to: the project id'),
    clusterName: checkClusterName(v.slice(slash + 1), '--to: the cluster name'),
  };
}

const sharded = (f: RestoreClusterFacts) => f.topology.kind === 'sharded';

/** A UTC instant in this machine's time zone, with its offset: `2026-11-20 11:00:00 +01:00`. */
export function localWords(ms: number): string {
  const d = new Date(ms);
  const off = -d.getTimezoneOffset();
  const p = (n: number) => String(Math.trunc(Math.abs(n))).padStart(2, '0');
  const zone = `${off < 0 ? '-' : '+'}${p(off / 60)}:${p(off % 60)}`;
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())} ${zone}`;
}

/**
 * A 404 (or, for a project, a 403) about something the person named becomes a refusal naming the flag; anything else
 * (wrong credentials, a missing role on the source, the network) stays exit 3.
 */
export function refuseUnseen(
  e: unknown,
  flag: string,
  statuses: readonly number[],
  words: (code: string) => string | undefined,
): never {
  if (e instanceof AtlasApiError && statuses.includes(e.status)) {
    const w = words(e.errorCode);
    if (w) throw new RefusedError(`${flag}: ${w} Nothing was sent.`);
  }
  throw e;
}

export async function readCluster(
  client: AtlasClient,
  groupId: string,
  clusterName: string,
): Promise<RestoreClusterFacts> {
  return restoreClusterFacts(await client.getCluster(groupId, clusterName), { groupId });
}

export async function readSnapshot(
  client: AtlasClient,
  source: RestoreClusterFacts,
  snapshotId: string,
): Promise<RestoreSnapshotFacts> {
  try {
    return sharded(source)
      ? await client.getShardedSnapshot(source.groupId, source.name, snapshotId)
      : await client.getSnapshot(source.groupId, source.name, snapshotId);
  } catch (e) {
    return refuseUnseen(e, `--snapshot ${snapshotId}`, [404], (code) =>
      code === 'SNAPSHOT_NOT_FOUND' || code === 'RESOURCE_NOT_FOUND' || code === ''
        ? `${source.name} (project ${source.groupId}) has no snapshot with this id.`
        : undefined,
    );
  }
}

export async function readTarget(client: AtlasClient, t: { groupId: string; clusterName: string }) {
  try {
    return await readCluster(client, t.groupId, t.clusterName);
  } catch (e) {
    // The credentials already read the source, so a 403 here is about the target's project, not the credentials.
    return refuseUnseen(e, `--to ${t.groupId}/${t.clusterName}`, [404, 403], (code) =>
      code === 'CLUSTER_NOT_FOUND'
        ? `project ${t.groupId} has no cluster named ${t.clusterName}.`
        : `project ${t.groupId} is not one this account can see (${e instanceof AtlasApiError ? `${e.status} ${code || 'no code'}` : code}).`,
    );
  }
}

/** Every snapshot of the source (the core's listing, shared with the extension). */
export async function sourceSnapshots(client: AtlasClient, source: RestoreClusterFacts) {
  return listSourceSnapshots(client, source);
}

/** The span of the source's completed snapshots: where a point-in-time window starts. */
export async function completedSnapshots(client: AtlasClient, source: RestoreClusterFacts) {
  return completedSpan(await sourceSnapshots(client, source));
}

/**
 * Whether an error reading a cluster says the name is no dedicated cluster: the simulator answers 404
 * CLUSTER_NOT_FOUND, Atlas itself refuses a Flex cluster's name in the clusters API with
 * CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API.
 */
export function isNotDedicated(e: unknown): boolean {
  return (
    e instanceof AtlasApiError &&
    (e.errorCode === 'CLUSTER_NOT_FOUND' || e.errorCode === 'CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API')
  );
}

const isFlexNotFound = (e: unknown) =>
  e instanceof AtlasApiError && e.status === 404 && e.errorCode !== 'GROUP_NOT_FOUND';

export type AnyCluster = { kind: 'dedicated'; cluster: ClusterDescription } | { kind: 'flex'; cluster: FlexCluster };

/**
 * The cluster a command names, dedicated or Flex: Atlas lists them apart, so the dedicated cluster is asked for first
 * (the common case, one request) and only when Atlas says there is none, the Flex cluster of that name. When neither
 * exists, the dedicated cluster's error stands.
 */
export async function findClusterOrFlex(client: AtlasClient, groupId: string, name: string): Promise<AnyCluster> {
  try {
    return { kind: 'dedicated', cluster: await client.getCluster(groupId, name) };
  } catch (e) {
    if (!isNotDedicated(e)) throw e;
    try {
      return { kind: 'flex', cluster: await client.getFlexCluster(groupId, name) };
    } catch (e2) {
      if (isFlexNotFound(e2)) throw e;
      throw e2;
    }
  }
}

/** A restore's target, which for a Flex snapshot may be a dedicated or a Flex cluster; refusals name --to. */
export async function readTargetOrFlex(
  client: AtlasClient,
  t: { groupId: string; clusterName: string },
): Promise<RestoreClusterFacts> {
  try {
    return await readCluster(client, t.groupId, t.clusterName);
  } catch (e) {
    if (!isNotDedicated(e)) return readTarget(client, t);
    try {
      return flexClusterFacts(await client.getFlexCluster(t.groupId, t.clusterName), { groupId: t.groupId });
    } catch (e2) {
      if (isFlexNotFound(e2))
        throw new RefusedError(
          `--to ${t.groupId}/${t.clusterName}: project ${t.groupId} has no cluster or Flex cluster named ${t.clusterName}. Nothing was sent.`,
        );
      throw e2;
    }
  }
}
