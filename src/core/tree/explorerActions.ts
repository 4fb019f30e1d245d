// The decisions behind the tree's snapshot actions, without VS Code: what a typed retention means, what a Backup
// Compliance Policy forbids (said before any request is sent), and how a new snapshot is watched until it settles.
import { isCancelled } from '../atlas';
import type { CompliancePolicy, SnapshotRetention } from '../atlas';
import { asDuration, maxDays } from '../schedule/retention';
import { policyActive } from './explorerPresent';

/** The fewest days an on-demand snapshot may be kept under the policy (undefined: no minimum). */
export function onDemandMinimumDays(policy: CompliancePolicy | undefined): number | undefined {
  if (!policyActive(policy) || !policy!.onDemandPolicyItem) return undefined;
  const d = asDuration(policy!.onDemandPolicyItem.retentionValue, policy!.onDemandPolicyItem.retentionUnit);
  return d ? maxDays(d) : undefined; // a month may be 31 days: ask for enough under every reading
}

/** Checks the retention typed for Take snapshot now; a message naming the field and the rule, or undefined. */
export function checkRetentionDays(text: string, minimum?: number): string | undefined {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return 'Retention (days) must be a whole number of days, for example 7.';
  const n = Number(t);
  if (n < 1) return 'Retention (days) must be at least 1 day.';
  if (n > 36_600) return 'Retention (days) must be at most 36600 days (100 years).';
  if (minimum !== undefined && n < minimum)
    return `Retention (days) must be at least ${minimum} days: the project's Backup Compliance Policy keeps on-demand snapshots at least that long.`;
  return undefined;
}

/** Checks the optional description: one line, at most 1000 characters. */
export function checkDescription(text: string): string | undefined {
  if (/[\r\n]/.test(text)) return 'The description must be a single line.';
  if (text.length > 1000) return `The description must be at most 1000 characters (it has ${text.length}).`;
  return undefined;
}

const UNITS: Record<string, SnapshotRetention['retentionUnit']> = {
  d: 'DAYS',
  day: 'DAYS',
  days: 'DAYS',
  w: 'WEEKS',
  week: 'WEEKS',
  weeks: 'WEEKS',
  m: 'MONTHS',
  month: 'MONTHS',
  months: 'MONTHS',
  y: 'YEARS',
  year: 'YEARS',
  years: 'YEARS',
};

/** "30 days", "8w", "12 months", "1 year" → a retention counted from the snapshot's creation; a message when unreadable. */
export function parseRetention(text: string): SnapshotRetention | string {
  const m = /^\s*(\d+)\s*([a-zA-Z]+)\s*$/.exec(text);
  const unit = m ? UNITS[m[2].toLowerCase()] : undefined;
  if (!m || !unit)
    return 'Retention must be a number and a unit, for example "30 days", "8 weeks", "12 months" or "1 year".';
  const value = Number(m[1]);
  if (value < 1) return 'Retention must be at least 1.';
  return { retentionUnit: unit, retentionValue: value };
}

/** When a snapshot created at `createdAt` expires with that retention (calendar months and years, in UTC). */
export function expiryFor(createdAt: string, r: SnapshotRetention): Date {
  const d = new Date(createdAt);
  switch (r.retentionUnit) {
    case 'DAYS':
      d.setUTCDate(d.getUTCDate() + r.retentionValue);
      break;
    case 'WEEKS':
      d.setUTCDate(d.getUTCDate() + 7 * r.retentionValue);
      break;
    case 'MONTHS':
      d.setUTCMonth(d.getUTCMonth() + r.retentionValue);
      break;
    case 'YEARS':
      d.setUTCFullYear(d.getUTCFullYear() + r.retentionValue);
      break;
  }
  return d;
}

/** Why a new expiry is refused before asking Atlas; undefined when it may be sent. */
export function expiryRefusal(
  s: { createdAt?: string; expiresAt?: string },
  r: SnapshotRetention,
  policy: CompliancePolicy | undefined,
  nowMs: number,
): string | undefined {
  if (!s.createdAt) return 'The snapshot has no creation time to count the retention from.';
  const next = expiryFor(s.createdAt, r).getTime();
  if (next <= nowMs)
    return `With that retention the snapshot would already have expired (${new Date(next).toISOString().slice(0, 16).replace('T', ' ')} UTC).`;
  if (policyActive(policy) && s.expiresAt && next < new Date(s.expiresAt).getTime()) {
    return "The project's Backup Compliance Policy does not allow shortening a snapshot's retention; choose a later expiry.";
  }
  return undefined;
}

/** Why deleting a snapshot is refused before asking Atlas; undefined when it may be sent. */
export function deleteRefusal(policy: CompliancePolicy | undefined, projectName: string): string | undefined {
  if (!policyActive(policy)) return undefined;
  const who = [policy!.authorizedUserFirstName, policy!.authorizedUserLastName].filter(Boolean).join(' ');
  return (
    `Snapshots of project ${projectName} cannot be deleted: its Backup Compliance Policy is ${policy!.state === 'ACTIVE' ? 'active' : (policy!.state ?? '').toLowerCase()}` +
    `${who ? ` (authorized by ${who})` : ''}, and Atlas does not allow deleting snapshots while it is. They are removed when they expire.`
  );
}

export interface PollOptions {
  signal?: AbortSignal;
  /** Waits that many milliseconds (or rejects when the signal aborts). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Delays between polls: first, factor, cap. Default 2 s doubling up to 30 s. */
  firstDelayMs?: number;
  factor?: number;
  maxDelayMs?: number;
  onStatus?: (status: string | undefined, polls: number) => void;
}

export type PollOutcome<T> =
  { outcome: 'completed' | 'failed'; snapshot: T; polls: number } | { outcome: 'cancelled'; polls: number };

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new Error('cancelled'));
      return;
    }
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(new Error('cancelled'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Re-reads the snapshot with growing pauses until it is completed or failed, or the signal cancels the wait. */
export async function pollSnapshot<T extends { status?: string }>(
  read: (signal?: AbortSignal) => Promise<T>,
  opts: PollOptions = {},
): Promise<PollOutcome<T>> {
  const sleep = opts.sleep ?? abortableSleep;
  let delay = opts.firstDelayMs ?? 2000;
  const factor = opts.factor ?? 2;
  const cap = opts.maxDelayMs ?? 30_000;
  let polls = 0;
  for (;;) {
    if (opts.signal?.aborted) return { outcome: 'cancelled', polls };
    try {
      await sleep(delay, opts.signal);
    } catch {
      return { outcome: 'cancelled', polls };
    }
    let s: T;
    try {
      s = await read(opts.signal);
    } catch (e) {
      if (isCancelled(e) || opts.signal?.aborted) return { outcome: 'cancelled', polls };
      throw e;
    }
    polls++;
    opts.onStatus?.(s.status, polls);
    if (s.status === 'completed' || s.status === 'failed') return { outcome: s.status, snapshot: s, polls };
    delay = Math.min(cap, Math.round(delay * factor));
  }
}
