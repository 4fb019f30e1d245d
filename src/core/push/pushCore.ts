// The two writes of the product, PATCH (push a schedule) and DELETE (remove every policy item), as steps the
// extension's Push/Delete and the CLI's push/delete share: fetch Atlas's version and compare three ways, send once,
// check whether a compliance policy forbids a delete before any write, and place Atlas's refusal on the field it
// names with what to do. vscode-free.
import type { AtlasClient } from '../atlas/AtlasClient';
import { AtlasApiError, AtlasError } from '../atlas/errors';
import type { BackupSchedule, CompliancePolicy } from '../atlas/types';
import { diffSchedules, threeWay, type Base, type Change, type ThreeWay } from '../schedule/diff';
import { scheduleFingerprint } from '../schedule/scheduleFile';
import type { JsonPath } from '../schedule/types';
import { brandClass } from '../common/crossBundle';

export interface PushTarget {
  groupId: string;
  clusterName: string;
}

export interface PushPlan extends ThreeWay {
  /** Atlas's schedule now: the PATCH is computed against it (`toScheduleUpdate(local, remote)`). */
  remote: BackupSchedule;
  /** Nothing would change in Atlas: send nothing. */
  nothingToChange: boolean;
}

/** Fetches Atlas's schedule now and compares it with the base and the local version. Reads only. */
export async function planPush(
  client: AtlasClient,
  target: PushTarget,
  local: BackupSchedule,
  base: Base | undefined,
  signal?: AbortSignal,
): Promise<PushPlan> {
  const remote = await client.getBackupSchedule(target.groupId, target.clusterName, { signal });
  const tw = threeWay(base ?? {}, remote, local, scheduleFingerprint);
  return { ...tw, remote, nothingToChange: tw.pushChanges.length === 0 };
}

/**
 * The PATCH, once. The client never retries a PATCH that may have reached Atlas (503, dropped connection);
 * nothing here retries either. Resolves to Atlas's answer (the schedule as it is now).
 */
export function sendPush(
  client: AtlasClient,
  target: PushTarget,
  local: BackupSchedule,
  remote: BackupSchedule,
  signal?: AbortSignal,
): Promise<BackupSchedule> {
  return client.updateBackupSchedule(target.groupId, target.clusterName, local, { current: remote, signal });
}

/** Atlas's schedule moved between the compare (or the confirmation) and the PATCH: nothing was sent. */
export class RemoteMovedError extends Error {
  override name = 'RemoteMovedError';
  constructor(
    /** What changed in Atlas since it was compared: from the compared version to Atlas's version now. */
    readonly moved: Change[],
    /** Atlas's schedule now. */
    readonly now: BackupSchedule,
    what: string,
  ) {
    super(
      `The backup schedule of ${what} changed in Atlas after it was compared; nothing was sent. Changed in Atlas:\n${
        moved.length
          ? moved.map((c) => `  - ${c.summary}`).join('\n')
          : '  - a setting the change list does not describe (compare the versions to see it)'
      }`,
    );
  }
}
brandClass(RemoteMovedError, 'RemoteMovedError');

/**
 * Reads Atlas's schedule again and throws RemoteMovedError when it is no longer the one the plan was made against.
 * Called after the confirmation, immediately before the PATCH: Atlas offers no ETag or If-Match on this resource, so
 * this narrows the window in which a colleague's change is overwritten to the time between this read and the PATCH.
 */
export async function recheckRemote(
  client: Pick<AtlasClient, 'getBackupSchedule'>,
  target: PushTarget,
  compared: BackupSchedule,
  opts: { signal?: AbortSignal; what?: string } = {},
): Promise<BackupSchedule> {
  const now = await client.getBackupSchedule(target.groupId, target.clusterName, { signal: opts.signal });
  if (scheduleFingerprint(now) !== scheduleFingerprint(compared))
    throw new RemoteMovedError(diffSchedules(compared, now), now, opts.what ?? target.clusterName);
  return now;
}

/**
 * What Atlas's answer to a PATCH has that differs from what was sent (Atlas may raise values to its Backup Compliance
 * Policy, or keep a field it ignored): from the intended schedule to Atlas's answer. Empty when Atlas has what was
 * intended.
 */
export function answerDiffers(intended: BackupSchedule, answer: BackupSchedule): Change[] {
  // Removed copy regions' copies asked to be deleted are a write-only instruction, not part of the schedule.
  const { deleteCopiedBackups: _d, updateSnapshots: _u, ...wanted } = intended;
  return diffSchedules(wanted, answer);
}

/** One sentence for a non-empty answerDiffers, or undefined. */
export function describeAnswerDiffers(changes: readonly Change[], what: string): string | undefined {
  if (!changes.length) return undefined;
  return `Atlas's answer for ${what} differs from what was sent:\n${changes.map((c) => `  - ${c.summary}`).join('\n')}`;
}

export interface DeleteCheck {
  /** A compliance policy forbids it: the sentence to show; nothing may be sent. */
  refusal?: string;
  /** The policy could not be read (it needs Project Owner); Atlas will still refuse if one forbids the delete. */
  unknown?: boolean;
  policy?: CompliancePolicy;
}

/** A policy Atlas enforces: ACTIVE, or without a state (as some answers omit it); not while it is being disabled. */
export function enforcedPolicy(p: CompliancePolicy | undefined): CompliancePolicy | undefined {
  if (!p) return undefined;
  const state = (p as { state?: string }).state;
  return state === undefined || state === 'ACTIVE' || state === 'ENABLING' || state === 'UPDATING' ? p : undefined;
}

/** Whether the project's Backup Compliance Policy forbids removing the cluster's schedule. Reads only. */
export async function checkDelete(client: AtlasClient, groupId: string, signal?: AbortSignal): Promise<DeleteCheck> {
  let policy: CompliancePolicy | undefined;
  try {
    policy = await client.getCompliancePolicy(groupId, { signal });
  } catch (e) {
    if (e instanceof AtlasApiError && e.status === 403) return { unknown: true };
    throw e;
  }
  const p = enforcedPolicy(policy);
  if (!p) return { policy };
  const by = [p.authorizedUserFirstName, p.authorizedUserLastName].filter(Boolean).join(' ');
  return {
    policy,
    refusal:
      `The project's Backup Compliance Policy${by ? ` (authorized by ${by})` : ''} is active: it forbids removing a cluster's backup schedule, so nothing was sent. ` +
      "Only the policy's authorized user can disable it, through MongoDB Support.",
  };
}

export interface ErrorPlacement {
  /** JSON path of the field Atlas's error is about. */
  path: JsonPath;
  /** Atlas's message plus what to do. */
  message: string;
}

/** `policies[0].policyItems[1].retentionValue` → ['policies', 0, 'policyItems', 1, 'retentionValue']. */
export function fieldPath(field: string): JsonPath {
  const out: JsonPath = [];
  for (const part of field.split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    if (m[1]) out.push(m[1]);
    for (const idx of m[2].matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

const CODE_FIELDS: [RegExp, JsonPath][] = [
  [/RESTORE_WINDOW|PIT_WINDOW/, ['restoreWindowDays']],
  [/REFERENCE_(HOUR|TIME)/, ['referenceHourOfDay']],
  [/REFERENCE_MINUTE/, ['referenceMinuteOfHour']],
  [/EXPORT/, ['export']],
  [/COPY|ZONE|REGION/, ['copySettings']],
  [/NUM_OF_POLICIES|POLICY_ID/, ['policies']],
  [/POLICY|FREQUENCY|RETENTION|COMPLIANCE/, ['policies', 0, 'policyItems']],
];

/** Where Atlas's refusal belongs in the document, and what the person can do about it. */
export function placeAtlasError(e: unknown): ErrorPlacement {
  if (!(e instanceof AtlasError)) return { path: [], message: e instanceof Error ? e.message : String(e) };
  let path: JsonPath = [];
  let todo = '';
  if (e instanceof AtlasApiError) {
    if (e.field) path = fieldPath(e.field);
    else path = CODE_FIELDS.find(([re]) => re.test(e.errorCode))?.[1] ?? [];
    if (/COMPLIANCE/.test(e.errorCode))
      // Atlas's words (KNOWN_ERROR_CODES) already say what the policy demands: only where to look, not the rule again.
      todo =
        ' The Problems panel names each item under the policy (with the policy loaded); its authorized user can change it.';
  }
  // AtlasError messages already end with the hint for the status (role, access list, sign in again, retry later).
  return { path, message: `Atlas refused the push: ${e.message}${todo}` };
}
