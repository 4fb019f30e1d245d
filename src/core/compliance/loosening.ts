// An existing Backup Compliance Policy may only be tightened: Atlas refuses an update that turns a protection off,
// shortens a retention or the restore window, drops an item or takes hourly snapshots less often. Loosening takes
// the authorised user and MongoDB Support. This lists what of a proposed update Atlas would refuse, per field.
import type { CompliancePolicy, CompliancePolicyItem } from '../atlas/types';
import { asDuration, isShorter } from '../schedule/retention';
import { describeRetention } from '../schedule/describeSchedule';
import type { PolicyProblem } from './validatePolicy';

const FLAGS = [
  ['pitEnabled', 'point-in-time restore'],
  ['copyProtectionEnabled', 'copy protection'],
  ['encryptionAtRestEnabled', 'encryption at rest with customer key management'],
] as const;

const itemText = (i: CompliancePolicyItem) => describeRetention(i.retentionValue, i.retentionUnit);

export function looseningProblems(current: CompliancePolicy, proposed: CompliancePolicy): PolicyProblem[] {
  const out: PolicyProblem[] = [];
  for (const [k, words] of FLAGS)
    if (current[k] === true && proposed[k] !== true)
      out.push({
        field: k,
        message: `${k}: the policy requires ${words} now; turning it off loosens the policy, which Atlas refuses`,
      });
  const rw = current.restoreWindowDays;
  if (typeof rw === 'number' && (typeof proposed.restoreWindowDays !== 'number' || proposed.restoreWindowDays < rw))
    out.push({
      field: 'restoreWindowDays',
      message: `restoreWindowDays: the policy's restore window is ${rw} days now; ${typeof proposed.restoreWindowDays === 'number' ? `${proposed.restoreWindowDays} days` : 'removing it'} shortens it, which Atlas refuses`,
    });
  const proposedItems = proposed.scheduledPolicyItems ?? [];
  (current.scheduledPolicyItems ?? []).forEach((cur) => {
    const j = proposedItems.findIndex((p) => p.frequencyType === cur.frequencyType);
    if (j < 0) {
      out.push({
        field: 'scheduledPolicyItems',
        message: `scheduledPolicyItems: the policy has a ${cur.frequencyType} item kept ${itemText(cur)} now; removing it loosens the policy, which Atlas refuses`,
      });
      return;
    }
    const next = proposedItems[j];
    const a = asDuration(next.retentionValue, next.retentionUnit),
      b = asDuration(cur.retentionValue, cur.retentionUnit);
    if (a && b && isShorter(a, b))
      out.push({
        field: `scheduledPolicyItems[${j}].retentionValue`,
        message: `scheduledPolicyItems[${j}]: the ${cur.frequencyType} item is kept ${itemText(cur)} now; ${itemText(next)} shortens it, which Atlas refuses`,
      });
    if (
      cur.frequencyType === 'hourly' &&
      typeof cur.frequencyInterval === 'number' &&
      typeof next.frequencyInterval === 'number' &&
      next.frequencyInterval > cur.frequencyInterval
    )
      out.push({
        field: `scheduledPolicyItems[${j}].frequencyInterval`,
        message: `scheduledPolicyItems[${j}]: hourly snapshots every ${cur.frequencyInterval} hours now; every ${next.frequencyInterval} hours is less often, which Atlas refuses`,
      });
  });
  const od = current.onDemandPolicyItem;
  if (od) {
    const next = proposed.onDemandPolicyItem;
    const a = next && asDuration(next.retentionValue, next.retentionUnit),
      b = asDuration(od.retentionValue, od.retentionUnit);
    if (!next)
      out.push({
        field: 'onDemandPolicyItem',
        message: `onDemandPolicyItem: on-demand snapshots must be kept ${itemText(od)} now; removing the item loosens the policy, which Atlas refuses`,
      });
    else if (a && b && isShorter(a, b))
      out.push({
        field: 'onDemandPolicyItem.retentionValue',
        message: `onDemandPolicyItem: on-demand snapshots must be kept ${itemText(od)} now; ${itemText(next)} shortens it, which Atlas refuses`,
      });
  }
  return out;
}
