// On drift the CLI says which side changed each difference, as the editor's three-way view does. The editor keeps
// the schedule a draft started from; a schedule file keeps only its fingerprint (`atlas.pulled.fingerprint`). That is
// enough: the schedule as pulled had, for every part where Atlas and the file now differ, either Atlas's value (the
// file changed it) or the file's (Atlas changed it). Trying each choice and keeping the one whose fingerprint is the
// recorded one gives the schedule as pulled, and with it the three-way compare. When no choice matches (both sides
// changed the same part, or more differing parts than are worth trying) the caller falls back to the plain list.
import type { BackupSchedule, PolicyItem } from '../core/atlas/types';
import { formatTime } from '../core/time/formatTime';
import { formatChanges, threeWay, type ThreeWay } from '../core/schedule/diff';
import { scheduleFingerprint } from '../core/schedule/scheduleFile';

/** Parts beyond this are not tried (2^n fingerprints); the plain list is shown instead. */
const MAX_PARTS = 12;

const FIELDS = [
  'referenceHourOfDay',
  'referenceMinuteOfHour',
  'restoreWindowDays',
  'autoExportEnabled',
  'export',
  'useOrgAndGroupNamesInExportPrefix',
  'autoCopySettingsEnabled',
  'copyPolicyItemsEnabled',
  'copySettings',
  'extraRetentionSettings',
] as const;

const json = (v: unknown) => JSON.stringify(v ?? null);
const itemKey = (i: PolicyItem) =>
  i.id ?? `new:${i.frequencyType}/${i.frequencyInterval}/${i.retentionValue}${i.retentionUnit}`;

type Part = { field: (typeof FIELDS)[number] } | { item: string };

/** The schedule as it was pulled, when the fingerprint pins it down; undefined otherwise. */
export function pulledBase(
  remote: BackupSchedule,
  local: BackupSchedule,
  fingerprint: string,
): BackupSchedule | undefined {
  if (scheduleFingerprint(remote) === fingerprint) return remote;
  const rItems = new Map((remote.policies?.[0]?.policyItems ?? []).map((i) => [itemKey(i), i]));
  const lItems = new Map((local.policies?.[0]?.policyItems ?? []).map((i) => [itemKey(i), i]));
  const parts: Part[] = [];
  for (const field of FIELDS) if (json(remote[field]) !== json(local[field])) parts.push({ field });
  for (const key of new Set([...rItems.keys(), ...lItems.keys()]))
    if (json(rItems.get(key)) !== json(lItems.get(key))) parts.push({ item: key });
  if (!parts.length || parts.length > MAX_PARTS) return undefined;
  for (let mask = 1; mask < 1 << parts.length; mask++) {
    const candidate = structuredClone(remote);
    const items = new Map(rItems);
    parts.forEach((part, bit) => {
      if (!(mask & (1 << bit))) return;
      if ('field' in part) {
        const v = local[part.field];
        if (v === undefined) delete candidate[part.field];
        else (candidate as Record<string, unknown>)[part.field] = structuredClone(v);
      } else {
        const l = lItems.get(part.item);
        if (l) items.set(part.item, l);
        else items.delete(part.item);
      }
    });
    if (candidate.policies?.[0]) candidate.policies[0].policyItems = [...items.values()];
    else if (items.size) candidate.policies = [{ policyItems: [...items.values()] }];
    if (scheduleFingerprint(candidate) === fingerprint) return candidate;
  }
  return undefined;
}

/** The three-way compare of a drifted file, or undefined when the schedule as pulled cannot be told. */
export function driftThreeWay(
  remote: BackupSchedule,
  local: BackupSchedule,
  fingerprint: string,
): ThreeWay | undefined {
  const base = pulledBase(remote, local, fingerprint);
  return base ? threeWay({ schedule: base, fingerprint }, remote, local, scheduleFingerprint) : undefined;
}

/**
 * Which side changed what, for a person at a terminal: what Atlas changed since the file was pulled (a push would undo
 * it), what the file changes, and what both changed. Undefined when the schedule as pulled cannot be told.
 */
export function describeDrift(
  remote: BackupSchedule,
  local: BackupSchedule,
  pulled: { fingerprint: string; at: string },
  file: string,
): string | undefined {
  const tw = driftThreeWay(remote, local, pulled.fingerprint);
  if (!tw?.remoteChanges || !tw.localChanges) return undefined;
  const conflicted = new Set(tw.conflicts.map((c) => JSON.stringify(c.path)));
  const lines = [
    `Changed in Atlas since ${file} was pulled (${formatTime(pulled.at, { local: true })}); pushing would undo these:`,
    tw.remoteChanges.length ? formatChanges(tw.remoteChanges, '    ') : '    (nothing the change list describes)',
    `Changed in ${file}:`,
    tw.localChanges.length ? formatChanges(tw.localChanges, '    ') : '    (nothing)',
  ];
  if (conflicted.size)
    lines.push(`Changed on both sides (the file's version would win): ${tw.conflicts.map((c) => c.what).join('; ')}`);
  return lines.join('\n');
}
