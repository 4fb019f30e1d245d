// JSON schema of a `*.schedule.json` file: the Atlas backup schedule, API version 2024-08-05
// (`DiskBackupSnapshotSchedule20240805`), as GET returns it, plus the project's `$schema` and `atlas` fields.
// Written from the field tables of the Atlas Administration API spec, in our own words.
//
// Enums sit in an `anyOf` beside a plain string/integer: completion and hovers offer the documented values, but a
// value Atlas adds later is not a schema error (the `unknown-enum` rule reports it as a warning). Per-type interval
// rules, retention ordering and the like are rules, not schema, so they come with precise messages and fixes.
import { describeItem } from './describeSchedule';

type Schema = Record<string, unknown>;

/** A policy item snippet, described in the words the tree and the editor use. */
const snippet = (label: string, body: Record<string, string | number>) => ({
  label,
  description: describeItem(body),
  body,
});

const HEX24 = '^([a-f0-9]{24})$';
const hexId = (title: string, markdownDescription: string): Schema => ({
  type: 'string',
  pattern: HEX24,
  patternErrorMessage: 'A 24-character hexadecimal id',
  title,
  markdownDescription,
});

function openEnum(
  base: 'string' | 'integer',
  values: (string | number)[],
  markdownEnumDescriptions?: string[],
): Schema {
  const known: Schema = { enum: values };
  if (markdownEnumDescriptions) known.markdownEnumDescriptions = markdownEnumDescriptions;
  return { type: base, anyOf: [known, { type: base }] };
}

const FREQUENCY_TYPE_DOCS: Record<string, string> = {
  hourly:
    'Every *N* hours (`frequencyInterval` 1, 2, 4, 6, 8 or 12; only 12 on NVMe clusters). At most one hourly item.',
  daily: 'Every day (`frequencyInterval` 1). At most one daily item.',
  weekly: 'Once a week on a weekday (`frequencyInterval` 1 = Monday … 7 = Sunday).',
  monthly: 'Once a month on a day (`frequencyInterval` 1–28, or 40 = the last day of the month).',
  yearly: 'Once a year on the first day of a month (`frequencyInterval` 1 = January … 12 = December).',
  ondemand: 'On-demand snapshots (taken by hand or through the API).',
};
const FREQUENCY_TYPES = Object.keys(FREQUENCY_TYPE_DOCS);
const RETENTION_UNITS = ['days', 'weeks', 'months', 'years'];
const PROVIDERS = ['AWS', 'AZURE', 'GCP'];
const COPY_FREQUENCIES = ['HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY', 'ON_DEMAND'];
const INTERVALS = [...Array.from({ length: 28 }, (_, i) => i + 1), 40];

const intervalDocs = (v: number): string =>
  v === 40
    ? 'Monthly: the last day of the month.'
    : [
        v <= 12 && [1, 2, 4, 6, 8, 12].includes(v) ? `hourly: every ${v} hour${v === 1 ? '' : 's'}` : '',
        v === 1 ? 'daily: every day' : '',
        v <= 7
          ? `weekly: ${['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'][v - 1]}`
          : '',
        `monthly: day ${v}`,
        v <= 12
          ? `yearly: 1 ${['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][v - 1]}`
          : '',
      ]
        .filter(Boolean)
        .join('; ');

const RETENTION_ORDER =
  'A less frequent item must keep snapshots at least as long as every more frequent one ' +
  '(hourly ≤ daily ≤ weekly ≤ monthly ≤ yearly), compared across units: with an hourly item kept 2 days, a weekly item must keep at least 2 days.';

const retentionUnit: Schema = {
  ...openEnum('string', RETENTION_UNITS),
  title: 'Retention unit',
  markdownDescription: 'Unit of `retentionValue`: `days`, `weeks`, `months` or `years`.',
};
const retentionValue = (what: string): Schema => ({
  type: 'integer',
  minimum: 1,
  maximum: 2147483647,
  title: 'Retention',
  markdownDescription: `How many \`retentionUnit\`s Atlas keeps ${what}. ${RETENTION_ORDER}`,
});

const perTypeInterval = (type: string, values: number[]): Schema => ({
  if: { properties: { frequencyType: { const: type } }, required: ['frequencyType'] },
  then: {
    properties: {
      frequencyInterval: {
        anyOf: [{ enum: values, markdownEnumDescriptions: values.map(intervalDocs) }, { type: 'integer' }],
      },
    },
  },
});

const policyItem: Schema = {
  type: 'object',
  title: 'Policy item',
  markdownDescription:
    'One frequency of the backup policy: how often Atlas takes a snapshot and how long it keeps it. ' +
    'Items with an `id` are existing items; leave `id` out to add an item. The snapshot time is `referenceHourOfDay`:`referenceMinuteOfHour` **UTC**.',
  required: ['frequencyType', 'frequencyInterval', 'retentionUnit', 'retentionValue'],
  properties: {
    id: {
      ...hexId(
        'Item id (read-only)',
        'Id Atlas gave this item. Keep it to update the item; remove it to create a new one. An existing item cannot change its `frequencyType`.',
      ),
    },
    frequencyType: {
      ...openEnum(
        'string',
        FREQUENCY_TYPES,
        FREQUENCY_TYPES.map((t) => FREQUENCY_TYPE_DOCS[t]),
      ),
      title: 'Frequency type',
      markdownDescription:
        'How often this item takes snapshots: `hourly`, `daily`, `weekly`, `monthly`, `yearly` (or `ondemand`).',
    },
    frequencyInterval: {
      ...openEnum('integer', INTERVALS, INTERVALS.map(intervalDocs)),
      title: 'Frequency interval',
      markdownDescription:
        'Depends on `frequencyType`:\n\n| type | values | meaning |\n|---|---|---|\n' +
        '| hourly | 1, 2, 4, 6, 8, 12 | every *N* hours (NVMe clusters: only 12) |\n| daily | 1 | every day |\n' +
        '| weekly | 1–7 | weekday: 1 = Monday … 7 = Sunday |\n| monthly | 1–28, 40 | day of the month; 40 = the last day of the month |\n' +
        '| yearly | 1–12 | the first day of month *N*: 1 = January 1 … 12 = December 1 |\n\nTimes are UTC.',
    },
    retentionUnit,
    retentionValue: retentionValue('the snapshots of this item'),
  },
  allOf: [
    perTypeInterval('hourly', [1, 2, 4, 6, 8, 12]),
    perTypeInterval('daily', [1]),
    perTypeInterval('weekly', [1, 2, 3, 4, 5, 6, 7]),
    perTypeInterval('monthly', INTERVALS),
    perTypeInterval('yearly', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]),
  ],
  defaultSnippets: [
    snippet('hourly item', { frequencyType: 'hourly', frequencyInterval: 6, retentionUnit: 'days', retentionValue: 2 }),
    snippet('daily item', { frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 7 }),
    snippet('weekly item', {
      frequencyType: 'weekly',
      frequencyInterval: 6,
      retentionUnit: 'weeks',
      retentionValue: 4,
    }),
    snippet('monthly item', {
      frequencyType: 'monthly',
      frequencyInterval: 40,
      retentionUnit: 'months',
      retentionValue: 12,
    }),
    snippet('yearly item', {
      frequencyType: 'yearly',
      frequencyInterval: 12,
      retentionUnit: 'years',
      retentionValue: 1,
    }),
  ],
};

const timeBasedCopyItem: Schema = {
  type: 'object',
  title: 'Time-based copy policy item',
  required: ['frequencyType', 'retentionUnit', 'retentionValue'],
  properties: {
    id: hexId('Copy item id (read-only)', 'Id Atlas gave this copy policy item.'),
    frequencyType: {
      type: 'string',
      not: { const: 'ondemand' },
      anyOf: [{ enum: FREQUENCY_TYPES.filter((t) => t !== 'ondemand') }, { type: 'string' }],
      title: 'Frequency type',
      markdownDescription: 'Which policy snapshots to copy: `hourly`, `daily`, `weekly`, `monthly` or `yearly`.',
    },
    retentionUnit,
    retentionValue: retentionValue('the copies'),
  },
};
const onDemandCopyItem: Schema = {
  type: 'object',
  title: 'On-demand copy policy item',
  required: ['frequencyType'],
  properties: {
    id: hexId('Copy item id (read-only)', 'Id Atlas gave this copy policy item.'),
    frequencyType: { const: 'ondemand', title: 'Frequency type', markdownDescription: 'Copy on-demand snapshots.' },
    retentionUnit,
    retentionValue: retentionValue('the copies'),
  },
};

const copySetting: Schema = {
  type: 'object',
  title: 'Copy setting',
  markdownDescription:
    'Copies snapshots of one zone to another region of the **same cloud provider**. Use exactly one of ' +
    '`copyPolicyItems` (with `copyPolicyItemsEnabled: true`), `frequencies` (deprecated) or `lastNumberOfSnapshots`.',
  required: ['zoneId'],
  properties: {
    zoneId: hexId(
      'Zone id',
      "The zone whose snapshots are copied (from the cluster's `replicationSpecs`). A replica set or sharded cluster has one zone; a global cluster has several.",
    ),
    cloudProvider: {
      ...openEnum('string', PROVIDERS),
      title: 'Cloud provider',
      markdownDescription: 'Provider that stores the copies: `AWS`, `AZURE` or `GCP` — the same provider as the zone.',
    },
    regionName: {
      type: 'string',
      title: 'Region',
      markdownDescription: 'Atlas region name the copies go to, e.g. `US_EAST_1`.',
    },
    shouldCopyOplogs: {
      type: 'boolean',
      title: 'Copy oplogs',
      markdownDescription:
        'Copy the oplogs too, for point-in-time restores in the target region. Only with continuous backup.',
    },
    frequencies: {
      type: 'array',
      maxItems: 6,
      uniqueItems: true,
      items: openEnum('string', COPY_FREQUENCIES),
      title: 'Frequencies (deprecated)',
      markdownDescription:
        'Which snapshot frequencies to copy (upper case). Only when `copyPolicyItemsEnabled` is false or absent.',
      deprecationMessage:
        '`frequencies` is deprecated: use `copyPolicyItems` (with `copyPolicyItemsEnabled: true`), which also sets how long copies are kept.',
    },
    copyPolicyItems: {
      type: 'array',
      maxItems: 6,
      items: { oneOf: [timeBasedCopyItem, onDemandCopyItem] },
      title: 'Copy policy items',
      markdownDescription:
        'Which snapshots to copy and how long to keep the copies (at most 6). Only when `copyPolicyItemsEnabled` is true.',
    },
    lastNumberOfSnapshots: {
      type: 'integer',
      minimum: 1,
      maximum: 500,
      title: 'Last N snapshots',
      markdownDescription:
        'Copy the *N* most recent snapshots (1–500) instead of a frequency-based schedule. Excludes `frequencies` and `copyPolicyItems`.',
    },
  },
  defaultSnippets: [
    {
      label: 'copy setting (copy policy items)',
      description: 'copy daily snapshots for 7 days',
      body: {
        zoneId: '${1:zoneId}',
        cloudProvider: '${2|AWS,AZURE,GCP|}',
        regionName: '${3:US_EAST_1}',
        shouldCopyOplogs: false,
        copyPolicyItems: [{ frequencyType: 'daily', retentionUnit: 'days', retentionValue: 7 }],
      },
    },
  ],
};

const copyFrequencyEnum = openEnum('string', COPY_FREQUENCIES);

export const scheduleSchema: Schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://atlas-backup.local/schemas/backup-schedule.schema.json',
  title: 'Atlas Cloud Backup schedule (API 2024-08-05)',
  markdownDescription:
    'The backup schedule of one Atlas cluster, as `GET …/clusters/{clusterName}/backup/schedule` returns it (version 2024-08-05). ' +
    'Read-only fields (`clusterId`, `clusterName`, `links`, `nextSnapshot`, item ids) are ignored when pushing.',
  type: 'object',
  required: ['policies'],
  // VS Code extensions to JSON schema: schedule files are JSONC, so VS Code's JSON support must not flag comments or
  // trailing commas in files that use this schema.
  allowComments: true,
  allowTrailingCommas: true,
  properties: {
    $schema: { type: 'string', title: 'Schema', markdownDescription: 'The schema this file follows.' },
    atlas: {
      type: 'object',
      title: 'Target cluster',
      markdownDescription: 'Which cluster this file is for (not sent to Atlas).',
      properties: {
        groupId: hexId('Project id', 'The Atlas project (group) id.'),
        clusterName: {
          type: 'string',
          pattern: '^[a-zA-Z0-9][a-zA-Z0-9-]*$',
          title: 'Cluster name',
          markdownDescription: "The cluster's name.",
        },
        pulled: {
          type: 'object',
          title: 'Pulled from (read-only)',
          markdownDescription:
            'When and from where this file was pulled, and a fingerprint of the schedule Atlas had then, so a push can tell whether Atlas changed since. Written by *Pull schedule*; not sent to Atlas.',
          properties: {
            at: { type: 'string', format: 'date-time', title: 'Pulled at (UTC)' },
            from: { type: 'string', title: 'Pulled from (origin)' },
            fingerprint: {
              type: 'string',
              pattern: '^sha256:[0-9a-f]{64}$',
              title: 'Fingerprint of the schedule as pulled',
            },
          },
        },
      },
    },
    clusterId: hexId('Cluster id (read-only)', 'Set by Atlas; ignored when pushing.'),
    clusterName: {
      type: 'string',
      pattern: '^[a-zA-Z0-9][a-zA-Z0-9-]*$',
      title: 'Cluster name (read-only)',
      markdownDescription: 'Set by Atlas; ignored when pushing. To name the target cluster use `atlas.clusterName`.',
    },
    links: {
      type: 'array',
      title: 'Links (read-only)',
      markdownDescription: 'Set by Atlas; ignored when pushing.',
      items: { type: 'object', properties: { href: { type: 'string' }, rel: { type: 'string' } } },
    },
    nextSnapshot: {
      type: 'string',
      format: 'date-time',
      title: 'Next snapshot (read-only)',
      markdownDescription: 'When Atlas takes the next snapshot (ISO 8601, UTC). Set by Atlas.',
    },
    policies: {
      type: 'array',
      minItems: 1,
      maxItems: 1,
      title: 'Policies',
      markdownDescription: 'Exactly one policy, holding the policy items.',
      items: {
        type: 'object',
        title: 'Policy',
        required: ['policyItems'],
        properties: {
          id: hexId('Policy id', 'Id of the policy. Keep it as Atlas returned it.'),
          policyItems: {
            type: 'array',
            items: policyItem,
            title: 'Policy items',
            markdownDescription: 'One item per frequency (at most one hourly and one daily). ' + RETENTION_ORDER,
          },
        },
      },
    },
    referenceHourOfDay: {
      type: 'integer',
      minimum: 0,
      maximum: 23,
      title: 'Reference hour (UTC)',
      markdownDescription:
        'Hour of the day, **in UTC** (0–23), at which Atlas takes the snapshots. Set together with `referenceMinuteOfHour`.',
    },
    referenceMinuteOfHour: {
      type: 'integer',
      minimum: 0,
      maximum: 59,
      title: 'Reference minute',
      markdownDescription: 'Minute of `referenceHourOfDay` (0–59). Set together with `referenceHourOfDay`.',
    },
    restoreWindowDays: {
      type: 'integer',
      minimum: 1,
      title: 'Restore window (days)',
      markdownDescription:
        "How many days back a point-in-time restore can go. Continuous backup only; positive, and not longer than the hourly item's retention.",
    },
    autoExportEnabled: {
      type: 'boolean',
      title: 'Automatic export',
      markdownDescription:
        'Export snapshots to the export bucket automatically. Needs `export` with `exportBucketId` and `frequencyType`.',
    },
    export: {
      type: 'object',
      title: 'Export policy',
      markdownDescription: 'Where and how often snapshots are exported when `autoExportEnabled` is true.',
      properties: {
        exportBucketId: hexId('Export bucket id', 'Id of the export bucket.'),
        frequencyType: {
          ...openEnum(
            'string',
            ['monthly', 'yearly'],
            ['Export the monthly snapshots.', 'Export the yearly snapshots.'],
          ),
          title: 'Export frequency',
          markdownDescription:
            '`monthly` or `yearly` (older documentation also lists `daily` and `weekly`; the current API does not).',
        },
      },
    },
    useOrgAndGroupNamesInExportPrefix: {
      type: 'boolean',
      title: 'Names in export path',
      markdownDescription: 'Use organization and project names instead of ids in the export bucket path.',
    },
    autoCopySettingsEnabled: {
      type: 'boolean',
      title: 'Automatic copy settings',
      markdownDescription: 'Let Atlas manage the copy settings and keep them in step with the cluster topology.',
    },
    copyPolicyItemsEnabled: {
      type: 'boolean',
      title: 'Copy policy items',
      markdownDescription: 'When true, copy settings use `copyPolicyItems`; when false or absent, `frequencies`.',
    },
    copySettings: {
      type: 'array',
      items: copySetting,
      title: 'Copy settings',
      markdownDescription: 'Copies of snapshots in other regions, one entry per zone and target region.',
    },
    extraRetentionSettings: {
      type: 'array',
      title: 'Extra retention',
      items: {
        type: 'object',
        properties: {
          frequencyType: { ...copyFrequencyEnum, title: 'Frequency type' },
          retentionDays: { type: 'integer', title: 'Extra retention days' },
        },
      },
    },
    updateSnapshots: {
      type: 'boolean',
      title: 'Apply retention to existing snapshots (write-only)',
      markdownDescription:
        'Also apply changed retentions to snapshots already taken. Sent with the change; never returned.',
    },
    updateCopySnapshots: {
      type: 'boolean',
      title: 'Apply copy retention to existing copies (write-only)',
      markdownDescription: 'Also apply changed copy retentions to copies already taken. Never returned.',
    },
    deleteSnapshots: {
      type: 'boolean',
      title: 'Delete snapshots of removed items (write-only)',
      markdownDescription: 'Delete snapshots taken by a deleted policy. Never returned.',
    },
    deleteCopySnapshots: {
      type: 'boolean',
      title: 'Delete copies of removed copy items (write-only)',
      markdownDescription:
        'Delete copies when their `copyPolicyItems` are removed. Needs `copyPolicyItemsEnabled: true`. Never returned.',
    },
    deleteCopiedBackups: {
      type: 'array',
      title: 'Delete copies of removed copy settings (write-only)',
      markdownDescription: 'Copy settings being removed whose copies should be deleted. Never returned.',
      items: {
        type: 'object',
        properties: {
          cloudProvider: { ...openEnum('string', PROVIDERS) },
          regionName: { type: 'string' },
          zoneId: hexId('Zone id', 'Zone of the removed copy setting.'),
        },
      },
    },
  },
};

/** Field names our schema knows for each kind of object, for the `unknown-field` rule. */
export function knownFields(): Record<
  'root' | 'atlas' | 'policy' | 'item' | 'copySetting' | 'copyItem' | 'export' | 'extraRetention' | 'deleteCopied',
  string[]
> {
  const p = scheduleSchema.properties as Record<string, Schema>;
  const keys = (s: unknown): string[] => Object.keys((s as Schema).properties ?? {});
  return {
    root: Object.keys(p),
    atlas: keys(p.atlas),
    policy: keys(p.policies.items),
    item: keys(policyItem),
    copySetting: keys(copySetting),
    copyItem: keys(timeBasedCopyItem),
    export: keys(p.export),
    extraRetention: keys(p.extraRetentionSettings.items),
    deleteCopied: keys(p.deleteCopiedBackups.items),
  };
}
