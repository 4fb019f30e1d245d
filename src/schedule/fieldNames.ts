// The field names of a 2024-08-05 backup schedule, per object, as the schedule schema (schema.ts) lists them. The
// unknown-field rule needs only these names, and the extension bundle would otherwise carry the whole schema with its
// descriptions (13 KiB) for them; test/unit/schedule/schema.test.ts keeps this list equal to the schema's.
export const FIELD_NAMES = {
  root: ['$schema', 'atlas', 'clusterId', 'clusterName', 'links', 'nextSnapshot', 'policies', 'referenceHourOfDay', 'referenceMinuteOfHour',
    'restoreWindowDays', 'autoExportEnabled', 'export', 'useOrgAndGroupNamesInExportPrefix', 'autoCopySettingsEnabled', 'copyPolicyItemsEnabled',
    'copySettings', 'extraRetentionSettings', 'updateSnapshots', 'updateCopySnapshots', 'deleteSnapshots', 'deleteCopySnapshots', 'deleteCopiedBackups'],
  atlas: ['groupId', 'clusterName', 'pulled'],
  policy: ['id', 'policyItems'],
  item: ['id', 'frequencyType', 'frequencyInterval', 'retentionUnit', 'retentionValue'],
  copySetting: ['zoneId', 'cloudProvider', 'regionName', 'shouldCopyOplogs', 'frequencies', 'copyPolicyItems', 'lastNumberOfSnapshots'],
  copyItem: ['id', 'frequencyType', 'retentionUnit', 'retentionValue'],
  export: ['exportBucketId', 'frequencyType'],
  extraRetention: ['frequencyType', 'retentionDays'],
  deleteCopied: ['cloudProvider', 'regionName', 'zoneId'],
} satisfies Record<string, string[]>;
