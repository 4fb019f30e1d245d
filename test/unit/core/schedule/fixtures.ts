// Schedule documents shared by the schedule tests. `«…»` marks the exact range a problem must cover.
import type { ScheduleContext } from '../../../../src/core/schedule/index';

export const ZONE_EMEA = '64b0c0ffee0000000000e0a1';
export const ZONE_AMER = '64b0c0ffee0000000000a0e2';
export const ITEM_HOURLY = '64b0c0ffee00000000000001';
export const ITEM_DAILY = '64b0c0ffee00000000000002';

/** A typical schedule: 5 items, reference time, PIT restore window, export, copy settings, comments, trailing comma. */
export const TYPICAL = `{
  // Orders cluster: production schedule (edited in git, pushed by the extension)
  "$schema": "../dist/schemas/backup-schedule.schema.json",
  "atlas": { "groupId": "64b0c0ffee00000000000100", "clusterName": "orders-rs" },
  "clusterId": "64b0c0ffee00000000000200",
  "clusterName": "orders-rs",
  "nextSnapshot": "2026-11-22T18:00:00Z",
  "links": [{ "href": "https://cloud.mongodb.com/api/atlas/v2/groups/x", "rel": "self" }],
  "policies": [{
    "id": "64b0c0ffee00000000000300",
    "policyItems": [
      { "id": "${ITEM_HOURLY}", "frequencyType": "hourly", "frequencyInterval": 6, "retentionUnit": "days", "retentionValue": 2 },
      { "id": "${ITEM_DAILY}", "frequencyType": "daily", "frequencyInterval": 1, "retentionUnit": "days", "retentionValue": 7 },
      { "frequencyType": "weekly", "frequencyInterval": 6, "retentionUnit": "weeks", "retentionValue": 4 },
      { "frequencyType": "monthly", "frequencyInterval": 40, "retentionUnit": "months", "retentionValue": 12 },
      { "frequencyType": "yearly", "frequencyInterval": 12, "retentionUnit": "years", "retentionValue": 1 }, // Dec 1
    ]
  }],
  "referenceHourOfDay": 18,
  "referenceMinuteOfHour": 0,
  "restoreWindowDays": 2,
  "autoExportEnabled": true,
  "export": { "exportBucketId": "64b0c0ffee00000000000400", "frequencyType": "monthly" },
  "useOrgAndGroupNamesInExportPrefix": true,
  "copyPolicyItemsEnabled": true,
  "copySettings": [
    { "zoneId": "${ZONE_EMEA}", "cloudProvider": "AWS", "regionName": "EU_CENTRAL_1", "shouldCopyOplogs": true,
      "copyPolicyItems": [{ "frequencyType": "daily", "retentionUnit": "days", "retentionValue": 7 }, { "frequencyType": "ondemand" }] }
  ],
  "extraRetentionSettings": [{ "frequencyType": "MONTHLY", "retentionDays": 30 }],
  "updateSnapshots": false,
}
`;

export const TYPICAL_CTX: ScheduleContext = {
  pitEnabled: true,
  zones: [
    { zoneId: ZONE_EMEA, zoneName: 'EMEA', providers: ['AWS'] },
    { zoneId: ZONE_AMER, zoneName: 'Americas', providers: ['AWS'] },
  ],
  serverItemIds: [ITEM_HOURLY, ITEM_DAILY],
  serverItems: [
    { id: ITEM_HOURLY, frequencyType: 'hourly' },
    { id: ITEM_DAILY, frequencyType: 'daily' },
  ],
  compliance: {
    state: 'ACTIVE',
    pitEnabled: true,
    restoreWindowDays: 2,
    authorizedEmail: 'owner@example.com',
    authorizedUserFirstName: 'Ada',
    authorizedUserLastName: 'Lovelace',
    scheduledPolicyItems: [
      { frequencyType: 'hourly', frequencyInterval: 6, retentionUnit: 'days', retentionValue: 2 },
      { frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 7 },
      { frequencyType: 'monthly', frequencyInterval: 40, retentionUnit: 'months', retentionValue: 12 },
    ],
  },
};

/** A policy item as JSON text; values are inserted verbatim so they may carry «» markers. */
export function item(
  type: string,
  interval: string | number,
  unit: string,
  value: string | number,
  extra = '',
): string {
  return `{ ${extra}"frequencyType": ${type.startsWith('"') || type.startsWith('«') ? type : JSON.stringify(type)}, "frequencyInterval": ${interval}, "retentionUnit": ${unit.startsWith('"') || unit.startsWith('«') ? unit : JSON.stringify(unit)}, "retentionValue": ${value} }`;
}

/** A small schedule with the given items and extra top-level members (text), with a comment to check fixes keep. */
export function schedule(items: string[], ...extra: string[]): string {
  return `{
  // keep this comment
  "policies": [{ "policyItems": [
    ${items.join(',\n    ')}
  ] }]${extra.map((e) => `,\n  ${e}`).join('')}
}
`;
}

export const H = item('hourly', 6, 'days', 2);
export const D = item('daily', 1, 'days', 7);
export const W = item('weekly', 6, 'weeks', 4);
export const M = item('monthly', 40, 'months', 12);
export const Y = item('yearly', 12, 'years', 1);

/** Removes the «» markers and returns the text with the marked range. */
export function marked(src: string): { text: string; offset: number; length: number; expected: string } {
  const start = src.indexOf('«');
  const end = src.indexOf('»');
  if (start < 0 || end < start) throw new Error(`no «» marker in ${src}`);
  const text = src.slice(0, start) + src.slice(start + 1, end) + src.slice(end + 1);
  return { text, offset: start, length: end - start - 1, expected: src.slice(start + 1, end) };
}
