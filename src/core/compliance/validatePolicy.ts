// The Backup Compliance Policy document itself, checked before anything is sent: required fields, the item
// enums and intervals, the restore window within the hourly item's retention, and the "less frequent keeps at least
// as long" ordering. Each problem names the field, so the CLI and a form can point at it.
import {
  allowedIntervals,
  asDuration,
  frequencyRank,
  isShorter,
  listAllowed,
  SCHEDULED_TYPES,
} from '../schedule/retention';
import { describeRetention } from '../schedule/describeSchedule';

export interface PolicyProblem {
  /** The field, as a JSON path in words: `scheduledPolicyItems[1].retentionValue`. */
  field: string;
  message: string;
}

// The enum of BackupComplianceOnDemandPolicyItem.frequencyInterval: 0–28 and 40 (scheduled items: 1–28 and 40).
const ITEM_INTERVALS = [...Array.from({ length: 29 }, (_, i) => i), 40];
const UNITS = ['days', 'weeks', 'months', 'years'];
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const isPositiveInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;

function checkItem(raw: unknown, field: string, onDemand: boolean, out: PolicyProblem[]): void {
  if (!isRecord(raw)) {
    out.push({
      field,
      message: `${field} must be an object with frequencyType, frequencyInterval, retentionUnit and retentionValue`,
    });
    return;
  }
  const types: readonly string[] = onDemand ? ['ondemand'] : SCHEDULED_TYPES;
  if (typeof raw.frequencyType !== 'string' || !types.includes(raw.frequencyType))
    out.push({ field: `${field}.frequencyType`, message: `${field}.frequencyType must be ${listAllowedWords(types)}` });
  const interval = raw.frequencyInterval;
  const allowed =
    !onDemand && raw.frequencyType === 'hourly'
      ? allowedIntervals('hourly', false)!
      : ITEM_INTERVALS.filter((n) => onDemand || n > 0);
  if (typeof interval !== 'number' || !allowed.includes(interval))
    out.push({
      field: `${field}.frequencyInterval`,
      message: `${field}.frequencyInterval must be ${listAllowed(allowed)}${raw.frequencyType === 'hourly' ? ' (hours between snapshots; NVMe clusters take only 12)' : ''}`,
    });
  if (typeof raw.retentionUnit !== 'string' || !UNITS.includes(raw.retentionUnit))
    out.push({ field: `${field}.retentionUnit`, message: `${field}.retentionUnit must be ${listAllowedWords(UNITS)}` });
  if (!isPositiveInt(raw.retentionValue))
    out.push({ field: `${field}.retentionValue`, message: `${field}.retentionValue must be a positive whole number` });
}

function listAllowedWords(values: readonly string[]): string {
  return values.length <= 1
    ? `"${values[0]}"`
    : `${values
        .slice(0, -1)
        .map((v) => `"${v}"`)
        .join(', ')} or "${values[values.length - 1]}"`;
}

/**
 * Problems with the policy as a document, in field order. `version` is the API version the PUT will use: from
 * 2023-10-01 the authorised user's first and last names are required as well as the email.
 */
export function validatePolicy(policy: unknown, version = '2023-10-01'): PolicyProblem[] {
  const out: PolicyProblem[] = [];
  if (!isRecord(policy)) return [{ field: '(policy)', message: 'The policy must be a JSON object' }];
  const required =
    version >= '2023-10-01'
      ? ['authorizedEmail', 'authorizedUserFirstName', 'authorizedUserLastName']
      : ['authorizedEmail'];
  for (const k of required) {
    const v = policy[k];
    if (typeof v !== 'string' || !v.trim())
      out.push({
        field: k,
        message: `${k} is required: the person who authorises the policy (Atlas asks them to approve any later change)`,
      });
  }
  if (
    typeof policy.authorizedEmail === 'string' &&
    policy.authorizedEmail.trim() &&
    !EMAIL.test(policy.authorizedEmail)
  )
    out.push({ field: 'authorizedEmail', message: 'authorizedEmail must be an email address' });
  for (const k of ['copyProtectionEnabled', 'encryptionAtRestEnabled', 'pitEnabled'])
    if (policy[k] !== undefined && typeof policy[k] !== 'boolean')
      out.push({ field: k, message: `${k} must be true or false` });
  if (policy.restoreWindowDays !== undefined && !isPositiveInt(policy.restoreWindowDays))
    out.push({ field: 'restoreWindowDays', message: 'restoreWindowDays must be a positive whole number of days' });

  const items = policy.scheduledPolicyItems;
  if (items !== undefined && !Array.isArray(items)) {
    out.push({ field: 'scheduledPolicyItems', message: 'scheduledPolicyItems must be a list of policy items' });
  } else if (Array.isArray(items)) {
    (items as unknown[]).forEach((it, i) => checkItem(it, `scheduledPolicyItems[${i}]`, false, out));
    const seen = new Map<string, number>();
    items.forEach((it, i) => {
      if (!isRecord(it) || typeof it.frequencyType !== 'string') return;
      const first = seen.get(it.frequencyType);
      if (first !== undefined)
        out.push({
          field: `scheduledPolicyItems[${i}].frequencyType`,
          message: `scheduledPolicyItems[${i}] is a second ${it.frequencyType} item (the first is scheduledPolicyItems[${first}]); a policy has at most one item of each frequency`,
        });
      else seen.set(it.frequencyType, i);
    });
    // "For less frequent policy items, Atlas requires a value greater than or equal to the more frequent ones."
    const ranked = (items as unknown[])
      .map((it, i) => ({ i, it }))
      .filter(({ it }) => isRecord(it) && frequencyRank(it.frequencyType as string) !== undefined)
      .map(({ i, it }) => {
        const r = it as Record<string, unknown>;
        return {
          i,
          rank: frequencyRank(r.frequencyType as string)!,
          d: asDuration(r.retentionValue as number, r.retentionUnit as string),
        };
      })
      .filter((x) => x.d && isPositiveInt(x.d.value))
      .sort((a, b) => a.rank - b.rank);
    for (let k = 1; k < ranked.length; k++) {
      const longerBefore = ranked.slice(0, k).find((x) => x.rank < ranked[k].rank && isShorter(ranked[k].d!, x.d!));
      if (longerBefore)
        out.push({
          field: `scheduledPolicyItems[${ranked[k].i}].retentionValue`,
          message: `scheduledPolicyItems[${ranked[k].i}] keeps snapshots ${describeRetention(ranked[k].d!.value, ranked[k].d!.unit)}, less than the more frequent scheduledPolicyItems[${longerBefore.i}] (${describeRetention(longerBefore.d!.value, longerBefore.d!.unit)}); a less frequent item must keep at least as long`,
        });
    }
    // The restore window cannot reach further back than the hourly snapshots it replays from.
    const hourly = items.find((it) => isRecord(it) && it.frequencyType === 'hourly') as
      Record<string, unknown> | undefined;
    const hd = hourly && asDuration(hourly.retentionValue as number, hourly.retentionUnit as string);
    if (
      isPositiveInt(policy.restoreWindowDays) &&
      hd &&
      isShorter(hd, { value: policy.restoreWindowDays, unit: 'days' })
    )
      out.push({
        field: 'restoreWindowDays',
        message: `restoreWindowDays is ${policy.restoreWindowDays}, longer than the hourly item's retention (${describeRetention(hd.value, hd.unit)}); the restore window must lie within the hourly item's retention`,
      });
  }
  if (policy.onDemandPolicyItem !== undefined) checkItem(policy.onDemandPolicyItem, 'onDemandPolicyItem', true, out);
  return out;
}
