import { prop, show } from '../scheduleDocument';
import type { Rule } from '../rule';

// Automatic export writes to `export.exportBucketId`, a bucket of the cluster's project: an id from another project,
// or of a bucket since removed, is refused by Atlas at push time. Only checked when the project's buckets are known.
export const exportBucketExists: Rule = {
  id: 'export-bucket-exists',
  severity: 'error',
  summary: "`export.exportBucketId` is one of the project's export buckets (when the project is known).",
  check(doc, ctx, report) {
    const buckets = ctx.exportBuckets;
    if (!buckets) return;
    const n = prop(prop(doc.object, 'export'), 'exportBucketId');
    if (!n || n.type !== 'string') return;
    const id = String(n.value);
    if (buckets.some((b) => b.id === id)) return;
    const byName = buckets.filter((b) => b.bucketName === id);
    const known = buckets.length
      ? `the project's buckets are ${buckets.map((b) => `${b.bucketName} (${b.id})`).join(', ')}`
      : 'the project has no export bucket: add one first (Add Export Bucket… on the Export Buckets row)';
    report({
      path: ['export', 'exportBucketId'],
      at: n,
      message:
        byName.length === 1
          ? `export.exportBucketId is the bucket name ${show(n)}; Atlas needs its id, ${byName[0].id}`
          : `export.exportBucketId ${show(n)} is not an export bucket of this project: ${known}`,
      fixes: buckets.map((b) => ({
        title: `Export to ${b.bucketName} (${b.cloudProvider})`,
        edits: doc.edit(['export', 'exportBucketId'], b.id),
        ...(byName.length === 1 && b === byName[0] ? { isPreferred: true } : {}),
      })),
    });
  },
};
