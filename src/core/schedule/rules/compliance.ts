// Shared by the compliance rules: when a Backup Compliance Policy is in force, and what its items require.
import type { CompliancePolicy, CompliancePolicyItem, ScheduleContext } from '../types';
import { describeInterval } from '../describeSchedule';
import { asDuration, formatDuration, type Duration } from '../retention';

/** The policy when it is in force: state ACTIVE, or no state (a policy document written by hand). */
export function activePolicy(ctx: ScheduleContext): CompliancePolicy | undefined {
  const c = ctx.compliance;
  if (!c || typeof c !== 'object') return undefined;
  return c.state === undefined || c.state === 'ACTIVE' ? c : undefined;
}

export interface Requirement {
  type: string;
  interval?: number;
  retention: Duration;
  text: string;
}

export function requirements(c: CompliancePolicy): Requirement[] {
  const list = Array.isArray(c.scheduledPolicyItems) ? c.scheduledPolicyItems : [];
  return list.flatMap((i: CompliancePolicyItem) => {
    const d = asDuration(typeof i?.retentionValue === 'number' ? i.retentionValue : undefined, i?.retentionUnit);
    if (!d || typeof i.frequencyType !== 'string') return [];
    // Atlas ignores frequencyInterval for non-hourly compliance items.
    const interval =
      i.frequencyType === 'hourly' && typeof i.frequencyInterval === 'number' ? i.frequencyInterval : undefined;
    const every = interval !== undefined ? ` ${describeInterval('hourly', interval)}` : '';
    return [
      {
        type: i.frequencyType,
        interval,
        retention: d,
        // "an hourly item": the h is silent (the other frequency types take "a").
        text: `${i.frequencyType === 'hourly' ? 'an' : 'a'} ${i.frequencyType} item${every} kept at least ${formatDuration(d)}`,
      },
    ];
  });
}

/**
 * The interval given to an item added to meet a policy requirement: the policy's own for hourly (12 on NVMe, the only
 * hourly interval those clusters take), and for the other types the one Atlas's own defaults use (the policy's
 * non-hourly intervals mean nothing to Atlas).
 */
export function defaultInterval(type: string, policyInterval: number | undefined, nvme: boolean): number {
  if (type === 'hourly') return nvme ? 12 : (policyInterval ?? 6);
  return type === 'monthly' ? 40 : type === 'weekly' ? 6 : type === 'yearly' ? 12 : 1;
}
