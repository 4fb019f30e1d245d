// The recovery posture in words and cells: one wording for the audit's text, Markdown and CSV (and the tree's
// tooltip), so "never restored" or "unbounded" mean the same everywhere. Pure.
import { formatDuration, roundForReading } from '../fleet/summary';
import type { ClusterPosture } from '../fleet/types';
import { utcWords } from '../restore/restorableWindow';
import { formatTime } from '../time/formatTime';

const unread = (r: ClusterPosture, part: string) => (r.readFailures ?? []).some((f) => f.part === part);

/** `60 s`, `6 h`, `9.5 d`. */
export function rpoWords(seconds: number): string {
  return seconds < 120 ? `${seconds} s` : formatDuration(seconds * 1000);
}

/** The RPO cell: `60 s (continuous)`, `6 h`, `9.5 d (overdue)`, `unbounded` (nothing to restore from), `?`, `—`. */
export function rpoCell(r: ClusterPosture): string {
  const rec = r.recovery;
  if (!rec) return '—';
  if (rec.rpoSeconds === null) return unread(r, 'snapshots') ? '?' : 'unbounded';
  const why = rec.pointInTime
    ? ' (continuous)'
    : r.promisedIntervalMs === undefined
      ? ' (nothing scheduled)'
      : rec.rpoSeconds * 1000 > r.promisedIntervalMs
        ? ' (overdue)'
        : '';
  return `${rpoWords(rec.rpoSeconds)}${why}`;
}

/** The restore points cell: `any second` (continuous backup), a number, or empty when nothing is restorable. */
export function restorePointsCell(r: ClusterPosture): string {
  const rec = r.recovery;
  if (!rec || rec.restorableFrom === null) return '';
  return rec.restorePoints === null ? 'any second' : String(rec.restorePoints);
}

/**
 * The restorable window cell: `continuous, 7 days` (continuous backup: any second of it), `2026-11-20 12:00 UTC →
 * 2026-12-01 06:00 UTC` (from the oldest to the newest completed snapshot), `nothing`, `?`, `—`.
 */
export function restorableCell(r: ClusterPosture): string {
  const rec = r.recovery;
  if (!rec) return '—';
  if (rec.restorableFrom === null || rec.restorableTo === null) return unread(r, 'snapshots') ? '?' : 'nothing';
  const fromMs = Date.parse(rec.restorableFrom),
    toMs = Date.parse(rec.restorableTo);
  if (rec.pointInTime) {
    const days = roundForReading((toMs - fromMs) / 86_400_000);
    return `continuous, ${days} day${days === 1 ? '' : 's'}`;
  }
  const minute = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `${minute(fromMs)} → ${minute(toMs)}`;
}

/**
 * The last restore cell: `2026-11-20 06:42 UTC (automated, 2 d ago, took 42 min, drill)`, `never`, `?`, `—`, its time
 * written as every other time a person reads (formatTime), like the restorable window beside it. Without `nowMs` (the
 * CSV) it says no age and keeps Atlas's ISO time (`2026-11-20T06:42:00Z (automated, took 42 min, drill)`): a file read
 * later than it is written keeps only what stays true, in a form a spreadsheet parses.
 */
export function lastRestoreCell(r: ClusterPosture, nowMs?: number): string {
  const rec = r.recovery;
  if (!rec) return '—';
  const last = rec.lastRestore;
  if (!last) return unread(r, 'restore jobs') ? '?' : 'never';
  const parts = [last.deliveryType];
  if (nowMs !== undefined) parts.push(`${formatDuration(Math.max(0, nowMs - Date.parse(last.finishedAt)))} ago`);
  if (last.durationSeconds !== null) parts.push(`took ${rpoWords(last.durationSeconds)}`);
  if (last.drill !== null) parts.push(last.drill ? 'drill' : 'not a drill');
  return `${nowMs === undefined ? last.finishedAt : formatTime(last.finishedAt)} (${parts.join(', ')})`;
}

/**
 * The whole recovery posture in a sentence, for the audit's text format and the tree's tooltip: "RPO 6 h; restorable
 * from … to … (356 snapshots); last restore …", or "backup off: nothing restorable".
 */
export function recoveryWords(r: ClusterPosture, nowMs: number): string {
  const rec = r.recovery;
  if (!rec) return 'backup off: nothing restorable';
  const rpo =
    rec.rpoSeconds === null
      ? unread(r, 'snapshots')
        ? 'RPO unknown (the snapshots could not be read)'
        : 'RPO unbounded (no completed snapshot to restore from)'
      : `RPO ${rpoCell(r)}`;
  const window =
    rec.restorableFrom === null || rec.restorableTo === null
      ? unread(r, 'snapshots')
        ? 'restorable window unknown'
        : 'nothing restorable'
      : rec.pointInTime
        ? `restorable to any second from ${utcWords(Date.parse(rec.restorableFrom))} to now`
        : `restorable from ${utcWords(Date.parse(rec.restorableFrom))} to ${utcWords(Date.parse(rec.restorableTo))} (${rec.restorePoints} snapshot${rec.restorePoints === 1 ? '' : 's'})`;
  const last = lastRestoreCell(r, nowMs);
  const restore =
    last === 'never' ? 'never restored' : last === '?' ? 'last restore unknown (not read)' : `last restore ${last}`;
  return `${rpo}; ${window}; ${restore}`;
}
