// The form's words for a problem: the rules speak JSON ("policies[0].policyItems[1].retentionValue is -5"), which is
// right in the Problems panel and beside the JSON, but beside a field labelled "Keep" the message says "Keep is -5".
// A message's other paths become the form's names for them ("item 2", "copy 1's zone"). Browser-safe, vscode-free.
import type { JsonPath } from './types';

/** The label the form shows for a field, by its last path segment (where the form names it so). */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  frequencyType: 'Frequency',
  frequencyInterval: 'Interval',
  retentionValue: 'Keep',
  retentionUnit: 'Unit',
  referenceHourOfDay: 'Hour (UTC)',
  referenceMinuteOfHour: 'Minute',
  restoreWindowDays: 'Days of continuous restore',
  zoneId: 'Zone',
  cloudProvider: 'Provider',
  regionName: 'Region',
  shouldCopyOplogs: 'Copy oplogs',
  lastNumberOfSnapshots: 'Number of last snapshots',
  retentionDays: 'Keep (days)',
  exportBucketId: 'Export bucket id',
};

/** `policies[0].policyItems[1].retentionValue`, as the rules write a path. */
function pathText(path: JsonPath): string {
  let s = '';
  for (const seg of path) s += typeof seg === 'number' ? `[${seg}]` : s ? `.${seg}` : seg;
  return s;
}

const lower = (label: string): string => label.charAt(0).toLowerCase() + label.slice(1);

/** The form's name for a path found inside a message (not the field the message sits beside). */
function nameOf(row: string | undefined, n: string | undefined, field: string | undefined): string {
  const where = row === undefined ? '' : `${row === 'copySettings' ? 'copy' : 'item'} ${Number(n) + 1}`;
  const label = field ? (FIELD_LABELS[field] ?? field) : '';
  if (!where) return label ? `"${label}"` : '';
  return label ? `${where}'s ${lower(label)}` : where;
}

/**
 * `message` as the form says it beside the field at `at` (labelled `label`): the field's own path becomes its label,
 * other item and copy paths the form's names for them. Without a label, only the other paths are renamed.
 */
export function formWords(message: string, at: JsonPath, label?: string): string {
  let m = message;
  const own = pathText(at);
  // The field's own path, as a whole path (not the start of a longer one), wherever the message names it.
  if (label && own)
    m = m.split(own).reduce((acc, part) => (/^[\w.[]/.test(part) ? `${acc}${own}${part}` : `${acc}${label}${part}`));
  return m
    .replace(/\b(\w+) item policies\[0\]\.policyItems\[\d+\](?![.\w[])/g, '$1 item')
    .replace(
      /\b(?:policies\[0\]\.(policyItems)|(copySettings))\[(\d+)\](?:\.(\w+))?/g,
      (_all, items: string | undefined, copies: string | undefined, n: string, field: string | undefined) =>
        nameOf(items ?? copies, n, field),
    )
    .replace(/\bpolicies\[0\]\.policyItems\b/g, 'the policy items');
}
