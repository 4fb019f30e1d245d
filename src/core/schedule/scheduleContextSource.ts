// What the rules need to know about a schedule's target cluster, read from Atlas. No vscode import:
// the consistency tests run it in plain Node against the simulator.
import { parse } from 'jsonc-parser';
import { scheduleContextFrom } from './contextFromAtlas';
import type { AtlasClient, ExportBucket } from '../atlas';
import type { ScheduleContext } from './';

/** The cluster a schedule file targets, from its optional `"atlas": { "groupId", "clusterName" }`. */
export function scheduleTarget(text: string): { groupId: string; clusterName: string } | undefined {
  const doc = parse(text, [], { allowTrailingComma: true, disallowComments: false }) as unknown;
  if (!doc || typeof doc !== 'object') return undefined;
  const atlas = (doc as Record<string, unknown>).atlas;
  if (!atlas || typeof atlas !== 'object') return undefined;
  const { groupId, clusterName } = atlas as Record<string, unknown>;
  return typeof groupId === 'string' && typeof clusterName === 'string' ? { groupId, clusterName } : undefined;
}

/**
 * What the rules need to know about the target cluster, fetched through the signed-in client. The cluster itself
 * is needed (its failure is thrown, so the file can say why the cluster rules did not run); the other parts are
 * optional: a part Atlas refuses (say, the compliance policy without Project Owner) is simply missing, and the
 * rules that need it stay silent.
 */
export async function fetchScheduleContext(
  client: AtlasClient,
  groupId: string,
  clusterName: string,
  signal?: AbortSignal,
): Promise<ScheduleContext> {
  // allSettled: a part Atlas refuses (the compliance policy needs Project Owner) is just unknown.
  const [c, bcp, schedule, buckets] = await Promise.allSettled([
    client.getCluster(groupId, clusterName, { signal }),
    client.getCompliancePolicy(groupId, { signal }),
    client.getBackupSchedule(groupId, clusterName, { signal }),
    exportBucketsOf(client, groupId, signal),
  ]);
  if (signal?.aborted) throw new Error('cancelled');
  if (c.status === 'rejected') throw c.reason;
  return scheduleContextFrom({
    cluster: c.status === 'fulfilled' ? c.value : undefined,
    compliance: bcp.status === 'fulfilled' ? bcp.value : undefined,
    schedule: schedule.status === 'fulfilled' ? schedule.value : undefined,
    exportBuckets: buckets.status === 'fulfilled' ? buckets.value : undefined,
  });
}

/** Every export bucket of the project (all pages): the automatic export's bucket is picked among them. */
async function exportBucketsOf(client: AtlasClient, groupId: string, signal?: AbortSignal): Promise<ExportBucket[]> {
  const out: ExportBucket[] = [];
  for await (const b of client.listExportBuckets(groupId, { signal })) out.push(b);
  return out;
}
