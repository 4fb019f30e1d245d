// What the rules need to know about a cluster, from the documents Atlas returns for it. Pure and vscode-free: the
// editor's diagnostics (src/core/schedule/scheduleContextSource.ts), the fleet posture report and apply-to-many all map a
// cluster to its rule context here, so a cluster is judged the same way everywhere.
import { describeCluster } from '../atlas/describeCluster';
import type { BackupSchedule, ClusterDescription, ExportBucket } from '../atlas/types';
import type { CompliancePolicy, ScheduleContext } from './types';

export interface AtlasContextParts {
  /** The cluster (2024-08-05): NVMe, continuous backup, zones. Missing → those rules stay silent. */
  cluster?: ClusterDescription;
  /** The project's Backup Compliance Policy as GET returns it; undefined when it has none or it is unknown. */
  compliance?: CompliancePolicy;
  /** The schedule Atlas has now: its item ids are the ones a PATCH may keep. */
  schedule?: BackupSchedule;
  /** The project's export buckets: the ids automatic export may name. Missing → the rule stays silent. */
  exportBuckets?: readonly ExportBucket[];
}

export function scheduleContextFrom(parts: AtlasContextParts): ScheduleContext {
  const ctx: ScheduleContext = {};
  if (parts.cluster) {
    const info = describeCluster(parts.cluster);
    ctx.nvme = info.nvme;
    ctx.pitEnabled = info.pitEnabled;
    ctx.zones = info.zones
      .filter((z) => z.zoneId)
      .map((z) => ({ zoneId: z.zoneId!, zoneName: z.zoneName, providers: z.providers }));
  }
  if (parts.compliance) ctx.compliance = parts.compliance;
  if (parts.schedule) {
    const items = (parts.schedule.policies ?? []).flatMap((p) => p.policyItems ?? []);
    ctx.serverItems = items.filter((i) => i.id).map((i) => ({ id: i.id!, frequencyType: String(i.frequencyType) }));
    ctx.serverItemIds = ctx.serverItems.map((i) => i.id);
  }
  if (parts.exportBuckets)
    ctx.exportBuckets = parts.exportBuckets.map((b) => ({
      id: b._id,
      bucketName: b.bucketName,
      cloudProvider: b.cloudProvider,
    }));
  return ctx;
}
