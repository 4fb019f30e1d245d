// A schedule *file*: the schedule as Atlas returned it, plus our `atlas` block naming the cluster and recording
// what the file was pulled from. Shared by the editor's drafts, "Pull schedule to file", the CLI's pull/diff/push
// and the fleet's apply-to-many, so that all of them write and read one format. vscode-free.
//
//   "atlas": {
//     "groupId": "…", "clusterName": "…",
//     "pulled": { "at": "2026-12-01T21:40:00.000Z", "from": "https://cloud.mongodb.com", "fingerprint": "sha256:…" }
//   }
//
// The fingerprint is a hash of the normalised schedule (see normalizeSchedule) as Atlas had it when pulled: a later
// push from the file alone (committed to git, on another machine) compares it with Atlas's schedule now and so
// knows whether somebody changed the schedule in Atlas since.
import { createHash } from 'node:crypto';
import type { BackupSchedule, CopySetting, PolicyItem } from '../atlas/types';
import { applyEdits, getNodeValue, modify, parseTree } from './jsonc';

export interface PulledFrom {
  /** ISO 8601 time of the GET the file was made from. */
  at: string;
  /** The origin it came from, e.g. `https://cloud.mongodb.com`. */
  from: string;
  /** `sha256:<hex>` of the normalised schedule as Atlas had it then. */
  fingerprint: string;
}

export interface ScheduleFileTarget {
  groupId: string;
  clusterName: string;
  pulled?: PulledFrom;
}

/** Fields Atlas computes or that do not describe the policy: never compared, never sent. */
const VOLATILE = new Set(['links', 'nextSnapshot', 'clusterId', 'clusterName', '$schema', 'atlas']);
/** Write-only flags: they say how to apply a change, not what the schedule is. */
const WRITE_ONLY = new Set([
  'updateSnapshots',
  'updateCopySnapshots',
  'deleteSnapshots',
  'deleteCopySnapshots',
  'deleteCopiedBackups',
]);

const FREQUENCY_ORDER = ['hourly', 'daily', 'weekly', 'monthly', 'yearly'];

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = sortKeys(x);
    }
    return out;
  }
  return v;
}

function itemOrder(a: PolicyItem, b: PolicyItem): number {
  const fa = FREQUENCY_ORDER.indexOf(a.frequencyType ?? ''),
    fb = FREQUENCY_ORDER.indexOf(b.frequencyType ?? '');
  if (fa !== fb) return fa - fb;
  return (a.frequencyInterval ?? 0) - (b.frequencyInterval ?? 0);
}

/**
 * The schedule as a comparable value: read-only, write-only and file-only fields dropped, policy items sorted by
 * frequency then interval, copy settings by zone and region, keys sorted. Item ids are kept (they are identity).
 */
export function normalizeSchedule(schedule: BackupSchedule): BackupSchedule {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schedule as Record<string, unknown>)) {
    if (VOLATILE.has(k) || WRITE_ONLY.has(k) || v === undefined) continue;
    out[k] = JSON.parse(JSON.stringify(v));
  }
  const policies = out.policies as BackupSchedule['policies'];
  if (Array.isArray(policies)) {
    for (const p of policies) if (Array.isArray(p?.policyItems)) p.policyItems.sort(itemOrder);
  }
  const copies = out.copySettings as CopySetting[] | undefined;
  if (Array.isArray(copies)) {
    copies.sort((a, b) =>
      `${a.zoneId ?? ''}/${a.cloudProvider ?? ''}/${a.regionName ?? ''}`.localeCompare(
        `${b.zoneId ?? ''}/${b.cloudProvider ?? ''}/${b.regionName ?? ''}`,
      ),
    );
  }
  return sortKeys(out) as BackupSchedule;
}

/** `sha256:<hex>` of the normalised schedule. Equal for schedules that differ only in volatile fields or order. */
export function scheduleFingerprint(schedule: BackupSchedule): string {
  return `sha256:${createHash('sha256')
    .update(JSON.stringify(normalizeSchedule(schedule)))
    .digest('hex')}`;
}

/**
 * The text of a schedule file for a schedule Atlas returned: the `atlas` block first, then the schedule's own fields
 * in Atlas's order, without `links` (they point at the API, not at anything a person edits). Two-space JSON.
 */
export function toScheduleFile(
  schedule: BackupSchedule,
  target: { groupId: string; clusterName: string; pulledAt: string; origin: string },
): string {
  const { links: _links, ...rest } = schedule;
  const doc = {
    atlas: {
      groupId: target.groupId,
      clusterName: target.clusterName,
      pulled: { at: target.pulledAt, from: target.origin, fingerprint: scheduleFingerprint(schedule) },
    },
    ...rest,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/**
 * The path a schedule file is written to, from the one a save dialog returned: it ends in `.schedule.json` exactly
 * once. Some dialogs append the filter's extension to a name that already has it (code-server turns the suggested
 * `orders-rs.schedule.json` into `orders-rs.schedule.json.schedule.json`, issue #20 item 4), and a name typed
 * without it (`orders-rs`, `orders-rs.json`) gets it.
 */
export function scheduleFilePath(path: string): string {
  let stem = path;
  for (;;) {
    const shorter = stem.replace(/(?:\.schedule\.json|\.json|\.schedule)$/, '');
    if (shorter === stem || shorter === '' || shorter.endsWith('/')) break;
    stem = shorter;
  }
  return stem.endsWith('.schedule.json') ? stem : `${stem}.schedule.json`;
}

/** The `atlas` block of a schedule file's text (JSONC), or undefined when it names no cluster. Never throws. */
export function readScheduleTarget(text: string): ScheduleFileTarget | undefined {
  try {
    const tree = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
    if (!tree) return undefined;
    const value = getNodeValue(tree) as Record<string, unknown> | undefined;
    const atlas = value?.atlas as Record<string, unknown> | undefined;
    if (!atlas || typeof atlas.groupId !== 'string' || typeof atlas.clusterName !== 'string') return undefined;
    const p = atlas.pulled as Record<string, unknown> | undefined;
    const pulled =
      p && typeof p.at === 'string' && typeof p.from === 'string' && typeof p.fingerprint === 'string'
        ? { at: p.at, from: p.from, fingerprint: p.fingerprint }
        : undefined;
    return { groupId: atlas.groupId, clusterName: atlas.clusterName, ...(pulled ? { pulled } : {}) };
  } catch {
    return undefined;
  }
}

/**
 * The text with its `atlas.pulled` block replaced (comments and formatting elsewhere kept): after a push the file
 * describes what Atlas has now, so the next push from it compares with that.
 */
export function recordPulled(text: string, schedule: BackupSchedule, pulled: { at: string; from: string }): string {
  const value: PulledFrom = { at: pulled.at, from: pulled.from, fingerprint: scheduleFingerprint(schedule) };
  const indent = /\n([ \t]+)"/.exec(text)?.[1];
  const formattingOptions = {
    insertSpaces: !indent?.startsWith('\t'),
    tabSize: indent && !indent.startsWith('\t') ? indent.length : 2,
    eol: text.includes('\r\n') ? '\r\n' : '\n',
  };
  return applyEdits(text, modify(text, ['atlas', 'pulled'], value, { formattingOptions }));
}
