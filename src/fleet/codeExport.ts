// A schedule as code: a Terraform `mongodbatlas_cloud_backup_schedule` resource, the `--file` JSON of
// `atlas backups schedule update` with its command line, and a curl PATCH with HTTP Digest. vscode-free: the CLI's
// `export` and the editor share it. No secret is ever written: curl reads the API key from the Atlas CLI's variables.
import { OPERATIONS, mediaType } from '../atlas/operations';
import { toScheduleUpdate } from '../atlas/toScheduleUpdate';
import type { BackupSchedule, CopySetting } from '../atlas/types';

export interface ExportTarget {
  groupId: string;
  clusterName: string;
}

export interface CodeExport {
  /** The text to write (HCL, JSON or a shell script). */
  text: string;
  /** What the export could not say, each a sentence (a field the format has no attribute for). */
  warnings: string[];
}

/** Thrown when the schedule cannot be expressed at all (say, two hourly items: Terraform allows one block). */
export class ExportError extends Error {
  override name = 'ExportError';
}

// ---- Terraform ----

/**
 * Attribute and block names of `mongodbatlas_cloud_backup_schedule`, from the provider's resource documentation
 * (docs/resources/cloud_backup_schedule.md of mongodb/terraform-provider-mongodbatlas). The golden-file test checks
 * every name the export writes is one of these.
 */
export const TERRAFORM_ATTRIBUTES = {
  resource: [
    'project_id',
    'cluster_name',
    'reference_hour_of_day',
    'reference_minute_of_hour',
    'restore_window_days',
    'update_snapshots',
    'policy_item_hourly',
    'policy_item_daily',
    'policy_item_weekly',
    'policy_item_monthly',
    'policy_item_yearly',
    'auto_export_enabled',
    'use_org_and_group_names_in_export_prefix',
    'copy_settings',
    'export',
  ],
  policyItem: ['frequency_interval', 'retention_unit', 'retention_value'],
  copySettings: ['cloud_provider', 'frequencies', 'region_name', 'zone_id', 'should_copy_oplogs'],
  export: ['export_bucket_id', 'frequency_type'],
} as const;

/** An HCL quoted string: `\` and `"` escaped, control characters as escapes, and `${`/`%{` not read as templates. */
export function hclString(s: string): string {
  const body = s
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    // Matching control characters is the point: each becomes a \uXXXX escape.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/\$\{/g, () => '$${')
    .replace(/%\{/g, () => '%%{');
  return `"${body}"`;
}

/** A Terraform resource name from a cluster name: lower case, `-` → `_`, never starting with a digit. */
export function resourceName(clusterName: string): string {
  const n = clusterName.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  return /^[a-z_]/.test(n) ? n : `cluster_${n}`;
}

type Attr = [string, string];

/** Attributes aligned on `=` as `terraform fmt` aligns consecutive single-line attributes. */
function attrs(list: Attr[], indent: string): string[] {
  const width = Math.max(0, ...list.map(([k]) => k.length));
  return list.map(([k, v]) => `${indent}${k.padEnd(width)} = ${v}`);
}

function block(name: string, list: Attr[], indent = '  '): string[] {
  return [`${indent}${name} {`, ...attrs(list, `${indent}  `), `${indent}}`];
}

const ITEM_BLOCK: Record<string, string> = {
  hourly: 'policy_item_hourly',
  daily: 'policy_item_daily',
  weekly: 'policy_item_weekly',
  monthly: 'policy_item_monthly',
  yearly: 'policy_item_yearly',
};
const SINGLE = new Set(['hourly', 'daily']);

export function toTerraform(schedule: BackupSchedule, target: ExportTarget): CodeExport {
  const warnings: string[] = [];
  const items = (schedule.policies ?? []).flatMap((p) => p.policyItems ?? []);
  for (const t of SINGLE) {
    if (items.filter((i) => i.frequencyType === t).length > 1)
      throw new ExportError(
        `the schedule has more than one ${t} item; the Terraform resource takes one ${ITEM_BLOCK[t]} block (and Atlas one ${t} item)`,
      );
  }
  const top: Attr[] = [
    ['project_id', hclString(target.groupId)],
    ['cluster_name', hclString(target.clusterName)],
  ];
  const timing: Attr[] = [];
  if (schedule.referenceHourOfDay !== undefined)
    timing.push(['reference_hour_of_day', String(schedule.referenceHourOfDay)]);
  if (schedule.referenceMinuteOfHour !== undefined)
    timing.push(['reference_minute_of_hour', String(schedule.referenceMinuteOfHour)]);
  if (schedule.restoreWindowDays !== undefined)
    timing.push(['restore_window_days', String(schedule.restoreWindowDays)]);
  if (schedule.autoExportEnabled !== undefined)
    timing.push(['auto_export_enabled', String(schedule.autoExportEnabled)]);
  if (schedule.useOrgAndGroupNamesInExportPrefix !== undefined)
    timing.push(['use_org_and_group_names_in_export_prefix', String(schedule.useOrgAndGroupNamesInExportPrefix)]);
  if (schedule.updateSnapshots !== undefined) timing.push(['update_snapshots', String(schedule.updateSnapshots)]);

  const lines = [
    `resource "mongodbatlas_cloud_backup_schedule" ${hclString(resourceName(target.clusterName))} {`,
    ...attrs(top, '  '),
  ];
  if (timing.length) lines.push('', ...attrs(timing, '  '));
  const order = ['hourly', 'daily', 'weekly', 'monthly', 'yearly'];
  const sorted = [...items].sort(
    (a, b) =>
      order.indexOf(a.frequencyType) - order.indexOf(b.frequencyType) || a.frequencyInterval - b.frequencyInterval,
  );
  for (const i of sorted) {
    const name = ITEM_BLOCK[i.frequencyType];
    if (!name) {
      warnings.push(`a policy item of frequency type "${i.frequencyType}" has no Terraform block and was left out`);
      continue;
    }
    lines.push(
      '',
      ...block(name, [
        ['frequency_interval', String(i.frequencyInterval)],
        ['retention_unit', hclString(String(i.retentionUnit))],
        ['retention_value', String(i.retentionValue)],
      ]),
    );
  }
  (schedule.copySettings ?? []).forEach((c: CopySetting, n) => {
    const list: Attr[] = [];
    if (c.cloudProvider) list.push(['cloud_provider', hclString(c.cloudProvider)]);
    if (c.regionName) list.push(['region_name', hclString(c.regionName)]);
    list.push(['zone_id', hclString(c.zoneId)]);
    list.push(['should_copy_oplogs', String(c.shouldCopyOplogs ?? false)]);
    if (c.frequencies) list.push(['frequencies', `[${c.frequencies.map((f) => hclString(f)).join(', ')}]`]);
    if (c.copyPolicyItems?.length)
      warnings.push(
        `copySettings[${n}].copyPolicyItems has no attribute in the resource's documentation and was left out; the copy setting copies the frequencies listed instead`,
      );
    if (c.lastNumberOfSnapshots !== undefined)
      warnings.push(
        `copySettings[${n}].lastNumberOfSnapshots has no attribute in the resource's documentation and was left out`,
      );
    lines.push('', ...block('copy_settings', list));
  });
  if (schedule.export && (schedule.export.exportBucketId || schedule.export.frequencyType)) {
    const list: Attr[] = [];
    if (schedule.export.exportBucketId) list.push(['export_bucket_id', hclString(schedule.export.exportBucketId)]);
    if (schedule.export.frequencyType) list.push(['frequency_type', hclString(schedule.export.frequencyType)]);
    lines.push('', ...block('export', list));
  }
  if (schedule.extraRetentionSettings?.length)
    warnings.push("extraRetentionSettings has no attribute in the resource's documentation and was left out");
  if (schedule.copyPolicyItemsEnabled)
    warnings.push("copyPolicyItemsEnabled has no attribute in the resource's documentation and was left out");
  lines.push('}');
  return { text: `${lines.join('\n')}\n`, warnings };
}

// ---- Atlas CLI ----

/** The PATCH body `atlas backups schedule update --file` takes: the schedule without read-only or file-only fields. */
export function toAtlasCliFile(schedule: BackupSchedule): CodeExport {
  return { text: `${JSON.stringify(toScheduleUpdate(schedule), null, 2)}\n`, warnings: [] };
}

/** POSIX shell single quotes (a `'` inside becomes `'\''`). */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:=@-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export function atlasCliCommand(target: ExportTarget, file: string): string {
  return `atlas backups schedule update --clusterName ${shellQuote(target.clusterName)} --projectId ${shellQuote(target.groupId)} --file ${shellQuote(file)}`;
}

// ---- curl ----

export function toCurl(
  schedule: BackupSchedule,
  target: ExportTarget,
  baseUrl = 'https://cloud.mongodb.com',
): CodeExport {
  const media = mediaType(OPERATIONS.updateBackupSchedule.version);
  const url = `${baseUrl.replace(/\/+$/, '')}/api/atlas/v2/groups/${encodeURIComponent(target.groupId)}/clusters/${encodeURIComponent(target.clusterName)}/backup/schedule`;
  const body = JSON.stringify(toScheduleUpdate(schedule), null, 2);
  // The heredoc's quoted delimiter keeps the shell from expanding anything in the JSON; no JSON line can be the bare
  // delimiter (every line of the body is inside braces or brackets, or quoted).
  const text = [
    '#!/bin/sh',
    `# PATCH the backup schedule of ${target.clusterName} (project ${target.groupId}) with an API key (HTTP Digest).`,
    "# The key is read from the Atlas CLI's variables: MONGODB_ATLAS_PUBLIC_API_KEY and MONGODB_ATLAS_PRIVATE_API_KEY.",
    'curl --fail-with-body --silent --show-error --digest \\',
    '  --user "${MONGODB_ATLAS_PUBLIC_API_KEY}:${MONGODB_ATLAS_PRIVATE_API_KEY}" \\',
    `  --header ${shellQuote(`Accept: ${media}`)} \\`,
    `  --header ${shellQuote(`Content-Type: ${media}`)} \\`,
    `  --request PATCH ${shellQuote(url)} \\`,
    "  --data-binary @- <<'ATLAS_BACKUP_SCHEDULE_JSON'",
    body,
    'ATLAS_BACKUP_SCHEDULE_JSON',
  ].join('\n');
  return { text: `${text}\n`, warnings: [] };
}
