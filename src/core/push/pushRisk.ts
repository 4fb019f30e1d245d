// Whether a push is risky, and why, in words: a push that loses something (a retention shortened, an item or a copy
// region removed, point-in-time restore cut back), that goes to a project listed for the typed confirmation, or that
// a Backup Compliance Policy would refuse. A risky push is confirmed with Cancel as the default and the reasons
// shown; a safe one may default to Push. vscode-free.
import type { BackupSchedule } from '../atlas/types';
import { checkSchedule } from '../schedule/checkSchedule';
import type { Change } from '../schedule/diff';
import { regionKey } from '../schedule/diff';
import type { ScheduleContext } from '../schedule/types';

export interface PushRiskInput {
  /** Atlas's schedule now. */
  before: BackupSchedule;
  /** What would be pushed. */
  after: BackupSchedule;
  /** `diffSchedules(before, after)`. */
  changes: readonly Change[];
  /** The project is listed in the typed-confirmation setting (or every push asks for the typed name). */
  typedConfirmation?: boolean;
  /** The project's Backup Compliance Policy, when it could be read. */
  compliance?: ScheduleContext['compliance'];
  /** The cluster has continuous backup. */
  pitEnabled?: boolean;
}

export interface PushRisk {
  risky: boolean;
  /** One sentence each, in reading order; empty when the push is not risky. */
  reasons: string[];
}

/** Classifies a push; see the file's header for what makes it risky. */
export function classifyPush(input: PushRiskInput): PushRisk {
  const reasons: string[] = [];
  const { changes, before, after } = input;
  const of = (kind: Change['kind']) => changes.filter((c) => c.kind === kind);

  const shorter = of('retention-shortened');
  if (shorter.length)
    reasons.push(
      `It shortens how long snapshots are kept (${shorter.map((c) => c.summary.replace(/ \(shorter\)$/, '')).join('; ')})${after.updateSnapshots === true ? ', and existing snapshots expire, and are deleted, sooner' : ''}.`,
    );
  const removed = of('item-removed');
  if (removed.length)
    reasons.push(
      `It removes ${removed.length === 1 ? 'a policy item' : `${removed.length} policy items`} (${removed.map((c) => c.summary.replace(/ removed$/, '')).join('; ')}): no new snapshots of ${removed.length === 1 ? 'that kind' : 'those kinds'}.`,
    );
  if (of('no-scheduled-snapshots').length) reasons.push('The cluster will take no scheduled snapshots at all.');
  const regions = of('copy-region-removed');
  if (regions.length)
    reasons.push(
      `It stops copying snapshots to ${regions.length === 1 ? 'a region' : `${regions.length} regions`} (${regions.map((c) => c.summary.replace(/^Snapshots no longer copied to /, '')).join('; ')}).`,
    );
  const pit = pointInTimeCut(before, after, input.pitEnabled === true);
  if (pit.length) reasons.push(...pit);
  const exportOff = changes.find((c) => c.kind === 'export' && c.caution);
  if (exportOff) reasons.push('It turns automatic export off.');
  if (input.compliance) {
    const broken = checkSchedule(JSON.stringify(after), { compliance: input.compliance }).filter(
      (p) => p.severity === 'error' && p.ruleId.startsWith('compliance'),
    );
    if (broken.length)
      reasons.push(
        `The project's Backup Compliance Policy forbids it (${broken.map((p) => p.message).join('; ')}); Atlas will refuse it.`,
      );
  }
  if (input.typedConfirmation) reasons.push('The project is listed for the typed confirmation in the settings.');
  return { risky: reasons.length > 0, reasons };
}

/** Point-in-time restore cut back: a shorter restore window, oplogs no longer copied, the hourly item removed. */
function pointInTimeCut(before: BackupSchedule, after: BackupSchedule, pitEnabled: boolean): string[] {
  const out: string[] = [];
  const b = before.restoreWindowDays,
    a = after.restoreWindowDays;
  if (typeof b === 'number' && typeof a === 'number' && a < b)
    out.push(`It shortens the point-in-time restore window from ${b} to ${a} day${a === 1 ? '' : 's'}.`);
  if (Array.isArray(after.copySettings)) {
    const kept = new Map(after.copySettings.map((c) => [regionKey(c), c]));
    for (const c of before.copySettings ?? []) {
      const now = kept.get(regionKey(c));
      if (c.shouldCopyOplogs === true && now && now.shouldCopyOplogs !== true)
        out.push(
          `It turns off point-in-time restore in ${c.cloudProvider ?? ''} ${c.regionName ?? ''} (oplogs no longer copied).`.replace(
            /\s{2,}/g,
            ' ',
          ),
        );
    }
  }
  const hourly = (s: BackupSchedule) => (s.policies?.[0]?.policyItems ?? []).some((i) => i.frequencyType === 'hourly');
  if (pitEnabled && hourly(before) && Array.isArray(after.policies?.[0]?.policyItems) && !hourly(after))
    out.push('It removes the hourly item that point-in-time restore on this cluster relies on.');
  return out;
}
