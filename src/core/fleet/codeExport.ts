// A schedule as code: a Terraform `mongodbatlas_cloud_backup_schedule` resource, the `--file` JSON of
// `atlas backups schedule update` with its command line, and a curl PATCH with HTTP Digest. vscode-free: the CLI's
// `export` and the editor share it. No secret is ever written: curl reads the API key from the Atlas CLI's variables.
//
// Safe by construction: a schedule file is hostile input that becomes code someone runs (`terraform apply`, `sh`).
// So (1) `readExportable` refuses a file that does not pass the schema, (2) the cluster name and project id are
// checked against Atlas's own patterns before they reach a comment or a command, and (3) every value is written
// through the target language's quoting, checked for its type at the point it is written (a number only when it is a
// finite integer, a boolean only when it is `true` or `false`), so that even a caller that skipped (1) cannot emit
// code from data.
import { OPERATIONS, mediaType } from '../atlas/operations';
import { clusterNameSegment, groupIdSegment, InvalidPathParameterError } from '../atlas/paths';
import { brandClass } from '../common/crossBundle';
import { toScheduleUpdate } from '../atlas/toScheduleUpdate';
import type { BackupSchedule, CopySetting } from '../atlas/types';
import { getNodeValue, parseTree, type ParseError } from '../schedule/jsonc';
import type { lintSchedule } from '../schedule/lintSchedule';
import { readScheduleTarget } from '../schedule/scheduleFile';
import type { Problem } from '../schedule/types';

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
brandClass(ExportError, 'ExportError');

/** Thrown by `readExportable` when `lint` finds errors in the file (schema or rules): nothing is exported from it. */
export class NotExportableError extends ExportError {
  override name = 'NotExportableError';
  constructor(
    message: string,
    /** The errors `lint` finds, each `path: message [rule]`. */
    readonly problems: string[],
  ) {
    super(message);
  }
}
brandClass(NotExportableError, 'NotExportableError');

/** A value as a message shows it: JSON (so quotes and control characters are escaped), at most 60 characters. */
function shown(value: unknown): string {
  const j = JSON.stringify(value) ?? String(value);
  return j.length > 60 ? `${j.slice(0, 57)}...` : j;
}

/**
 * The target checked against Atlas's own patterns (the ones every request path is checked with): a name that
 * reaches a comment, a resource name or a command line cannot hold a line break, a quote or a `$(…)`.
 */
export function checkExportTarget(target: ExportTarget): ExportTarget {
  try {
    groupIdSegment(target.groupId);
  } catch (e) {
    if (e instanceof InvalidPathParameterError)
      throw new ExportError(
        `atlas.groupId ${shown(target.groupId)} is not an Atlas project id (24 lower-case hexadecimal characters)`,
      );
    throw e;
  }
  try {
    clusterNameSegment(target.clusterName);
  } catch (e) {
    if (e instanceof InvalidPathParameterError)
      throw new ExportError(
        `atlas.clusterName ${shown(target.clusterName)} is not an Atlas cluster name (pattern ^[a-zA-Z0-9][a-zA-Z0-9-]*$: ASCII letters, digits and hyphens)`,
      );
    throw e;
  }
  return { groupId: target.groupId, clusterName: target.clusterName };
}

function pathText(path: readonly (string | number)[]): string {
  return path.reduce<string>((acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : acc ? `${acc}.${k}` : k), '');
}

/**
 * The one door to every export, for the CLI and the editor alike: the file's text parsed and linted (the schedule
 * schema, types included, and the rules: what is exported is what `lint` passes, so a number written as a string is
 * refused, never stringified) and its cluster checked against Atlas's patterns. Warnings do not stop an export.
 */
export async function readExportable(
  text: string,
  /**
   * `lintSchedule` itself, passed in rather than imported: it brings the JSON language service (about 120 KiB), which
   * the CLI bundles and the extension loads from its own file only when something is exported.
   */
  lint: typeof lintSchedule,
  signal?: AbortSignal,
): Promise<{ schedule: BackupSchedule; target: ExportTarget }> {
  // Every error, not only the `schema` rule's: where a rule of ours reports the same spot (a reference hour that is
  // a string), the schema's message is folded into the rule's.
  const problems = (await lint(text, {}, signal)).filter((p: Problem) => p.severity === 'error');
  if (problems.length) {
    const lines = problems.map((p) => `${pathText(p.path) || '(document)'}: ${p.message} [${p.ruleId}]`);
    throw new NotExportableError(
      `the schedule has errors, so it is not exported (run atlas-backup lint on it): ${lines.join('; ')}`,
      lines,
    );
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const value: unknown = root && !errors.length ? getNodeValue(root) : undefined;
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new NotExportableError('the schedule is not a JSON object', ['(document): expected a JSON object [schema]']);
  const target = readScheduleTarget(text);
  if (!target)
    throw new ExportError(
      'the schedule does not name its cluster ("atlas": { "groupId", "clusterName" }); pull it from a cluster first',
    );
  return { schedule: value, target: checkExportTarget(target) };
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

/**
 * An HCL quoted string: `\` and `"` escaped, control characters (C0, DEL, C1) and bidi overrides as `\uNNNN`, and
 * `${`/`%{` doubled so they are not read as template interpolations or directives. Anything but a string is refused.
 */
export function hclString(s: unknown, field = 'value'): string {
  if (typeof s !== 'string') throw new ExportError(`${field} must be a string, not ${shown(s)}`);
  const body = s
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(
      // eslint-disable-next-line no-control-regex -- finding control characters is the point
      /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    )
    .replace(/\$\{/g, () => '$${')
    .replace(/%\{/g, () => '%%{');
  return `"${body}"`;
}

/** A Terraform resource name from a cluster name: lower case, `-` → `_`, never starting with a digit. */
export function resourceName(clusterName: string): string {
  const n = clusterName.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  return /^[a-z_]/.test(n) ? n : `cluster_${n}`;
}

/** An HCL number: only a finite integer (every number of the schedule is one), written as JSON writes it. */
export function hclInteger(v: unknown, field: string): string {
  if (typeof v !== 'number' || !Number.isSafeInteger(v))
    throw new ExportError(`${field} must be an integer, not ${shown(v)}`);
  return JSON.stringify(v);
}

/** An HCL boolean: only `true` or `false` themselves. */
export function hclBool(v: unknown, field: string): string {
  if (typeof v !== 'boolean') throw new ExportError(`${field} must be true or false, not ${shown(v)}`);
  return v ? 'true' : 'false';
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

// A Map, not an object: a frequency type read from the file ("constructor", "__proto__") must not find anything.
const ITEM_BLOCK = new Map<unknown, string>([
  ['hourly', 'policy_item_hourly'],
  ['daily', 'policy_item_daily'],
  ['weekly', 'policy_item_weekly'],
  ['monthly', 'policy_item_monthly'],
  ['yearly', 'policy_item_yearly'],
]);
const SINGLE = new Set(['hourly', 'daily']);

type Item = { frequencyType?: unknown; frequencyInterval?: unknown; retentionUnit?: unknown; retentionValue?: unknown };

function arrayAt(v: unknown, field: string): unknown[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new ExportError(`${field} must be an array, not ${shown(v)}`);
  return v;
}

function objectAt(v: unknown, field: string): Record<string, unknown> {
  if (!v || typeof v !== 'object' || Array.isArray(v))
    throw new ExportError(`${field} must be an object, not ${shown(v)}`);
  return v as Record<string, unknown>;
}

export function toTerraform(schedule: BackupSchedule, exportTarget: ExportTarget): CodeExport {
  const target = checkExportTarget(exportTarget);
  const s = objectAt(schedule, 'the schedule');
  const warnings: string[] = [];
  const items: { item: Item; field: string }[] = [];
  arrayAt(s.policies, 'policies').forEach((p, n) => {
    const policy = objectAt(p, `policies[${n}]`);
    arrayAt(policy.policyItems, `policies[${n}].policyItems`).forEach((i, m) =>
      items.push({ item: objectAt(i, `policies[${n}].policyItems[${m}]`), field: `policies[${n}].policyItems[${m}]` }),
    );
  });
  for (const t of SINGLE) {
    if (items.filter(({ item }) => item.frequencyType === t).length > 1)
      throw new ExportError(
        `the schedule has more than one ${t} item; the Terraform resource takes one ${ITEM_BLOCK.get(t)} block (and Atlas one ${t} item)`,
      );
  }
  const top: Attr[] = [
    ['project_id', hclString(target.groupId)],
    ['cluster_name', hclString(target.clusterName)],
  ];
  const timing: Attr[] = [];
  const integers: [string, string][] = [
    ['referenceHourOfDay', 'reference_hour_of_day'],
    ['referenceMinuteOfHour', 'reference_minute_of_hour'],
    ['restoreWindowDays', 'restore_window_days'],
  ];
  for (const [field, attr] of integers) if (s[field] !== undefined) timing.push([attr, hclInteger(s[field], field)]);
  const booleans: [string, string][] = [
    ['autoExportEnabled', 'auto_export_enabled'],
    ['useOrgAndGroupNamesInExportPrefix', 'use_org_and_group_names_in_export_prefix'],
    ['updateSnapshots', 'update_snapshots'],
  ];
  for (const [field, attr] of booleans) if (s[field] !== undefined) timing.push([attr, hclBool(s[field], field)]);

  const lines = [
    `resource "mongodbatlas_cloud_backup_schedule" ${hclString(resourceName(target.clusterName))} {`,
    ...attrs(top, '  '),
  ];
  if (timing.length) lines.push('', ...attrs(timing, '  '));
  const order = ['hourly', 'daily', 'weekly', 'monthly', 'yearly'];
  const rank = (t: unknown) => order.indexOf(typeof t === 'string' ? t : '');
  const interval = (v: unknown) => (typeof v === 'number' ? v : 0);
  const sorted = [...items].sort(
    (a, b) =>
      rank(a.item.frequencyType) - rank(b.item.frequencyType) ||
      interval(a.item.frequencyInterval) - interval(b.item.frequencyInterval),
  );
  for (const { item: i, field } of sorted) {
    const name = ITEM_BLOCK.get(i.frequencyType);
    if (!name) {
      warnings.push(
        `a policy item of frequency type ${shown(i.frequencyType)} has no Terraform block and was left out`,
      );
      continue;
    }
    lines.push(
      '',
      ...block(name, [
        ['frequency_interval', hclInteger(i.frequencyInterval, `${field}.frequencyInterval`)],
        ['retention_unit', hclString(i.retentionUnit, `${field}.retentionUnit`)],
        ['retention_value', hclInteger(i.retentionValue, `${field}.retentionValue`)],
      ]),
    );
  }
  arrayAt(s.copySettings, 'copySettings').forEach((raw, n) => {
    const field = `copySettings[${n}]`;
    const c = objectAt(raw, field) as Partial<Record<keyof CopySetting, unknown>>;
    const list: Attr[] = [];
    if (c.cloudProvider) list.push(['cloud_provider', hclString(c.cloudProvider, `${field}.cloudProvider`)]);
    if (c.regionName) list.push(['region_name', hclString(c.regionName, `${field}.regionName`)]);
    list.push(['zone_id', hclString(c.zoneId, `${field}.zoneId`)]);
    list.push(['should_copy_oplogs', hclBool(c.shouldCopyOplogs ?? false, `${field}.shouldCopyOplogs`)]);
    if (c.frequencies !== undefined)
      list.push([
        'frequencies',
        `[${arrayAt(c.frequencies, `${field}.frequencies`)
          .map((f, k) => hclString(f, `${field}.frequencies[${k}]`))
          .join(', ')}]`,
      ]);
    if (Array.isArray(c.copyPolicyItems) && c.copyPolicyItems.length)
      warnings.push(
        `copySettings[${n}].copyPolicyItems has no attribute in the resource's documentation and was left out; the copy setting copies the frequencies listed instead`,
      );
    if (c.lastNumberOfSnapshots !== undefined)
      warnings.push(
        `copySettings[${n}].lastNumberOfSnapshots has no attribute in the resource's documentation and was left out`,
      );
    lines.push('', ...block('copy_settings', list));
  });
  if (s.export !== undefined) {
    const e = objectAt(s.export, 'export');
    if (e.exportBucketId || e.frequencyType) {
      const list: Attr[] = [];
      if (e.exportBucketId) list.push(['export_bucket_id', hclString(e.exportBucketId, 'export.exportBucketId')]);
      if (e.frequencyType) list.push(['frequency_type', hclString(e.frequencyType, 'export.frequencyType')]);
      lines.push('', ...block('export', list));
    }
  }
  if (Array.isArray(s.extraRetentionSettings) && s.extraRetentionSettings.length)
    warnings.push("extraRetentionSettings has no attribute in the resource's documentation and was left out");
  if (s.copyPolicyItemsEnabled)
    warnings.push("copyPolicyItemsEnabled has no attribute in the resource's documentation and was left out");
  lines.push('}');
  return { text: `${lines.join('\n')}\n`, warnings };
}

// ---- Atlas CLI ----

/**
 * JSON text with the characters JSON.stringify leaves raw but a terminal or an editor acts on (DEL, C1 controls,
 * bidi overrides, lone surrogates) written as `\uNNNN` escapes: the same JSON value, nothing to act on.
 */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function patchBody(schedule: BackupSchedule): string {
  return jsonText(toScheduleUpdate(objectAt(schedule, 'the schedule')));
}

/** The PATCH body `atlas backups schedule update --file` takes: the schedule without read-only or file-only fields. */
export function toAtlasCliFile(schedule: BackupSchedule): CodeExport {
  return { text: `${patchBody(schedule)}\n`, warnings: [] };
}

/** The Atlas CLI file with the command line to run it in `//` comments (JSONC), as the editor opens it. */
export function toAtlasCliDocument(schedule: BackupSchedule, exportTarget: ExportTarget): CodeExport {
  const target = checkExportTarget(exportTarget);
  const file = `${target.clusterName}.atlas-cli.json`;
  return {
    text: `// Save as ${file}, then run:\n// ${atlasCliCommand(target, file)}\n${patchBody(schedule)}\n`,
    warnings: [],
  };
}

/** POSIX shell single quotes (a `'` inside becomes `'\''`); a word of only safe characters is left bare. */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:=@-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export function atlasCliCommand(exportTarget: ExportTarget, file: string): string {
  const target = checkExportTarget(exportTarget);
  return `atlas backups schedule update --clusterName ${shellQuote(target.clusterName)} --projectId ${shellQuote(target.groupId)} --file ${shellQuote(file)}`;
}

// ---- curl ----

export function toCurl(
  schedule: BackupSchedule,
  exportTarget: ExportTarget,
  baseUrl = 'https://cloud.mongodb.com',
): CodeExport {
  const target = checkExportTarget(exportTarget);
  const media = mediaType(OPERATIONS.updateBackupSchedule.version);
  const url = `${baseUrl.replace(/\/+$/, '')}/api/atlas/v2/groups/${encodeURIComponent(target.groupId)}/clusters/${encodeURIComponent(target.clusterName)}/backup/schedule`;
  const body = patchBody(schedule);
  // The heredoc's quoted delimiter keeps the shell from expanding anything in the JSON; no JSON line can be the bare
  // delimiter (the body is an object: every line but the braces is indented, and strings hold no raw line break).
  // The names in the comment passed checkExportTarget, so they hold no line break either.
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
