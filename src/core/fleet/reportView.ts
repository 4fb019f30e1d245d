// The posture report's table logic, without DOM or vscode: which rows a filter keeps, in which order, and the cell
// texts. The webview (src/webview/posture/posture.ts) draws what this returns; unit tests check it directly.
import { formatDuration, roundForReading, summarizePosture, type PostureSummary } from './summary';
import type { ClusterPosture } from './types';

export type QuickFilter =
  | 'all'
  | 'off'
  | 'errors'
  | 'warnings'
  | 'overdue'
  | 'notCompliant'
  | 'noScheduledSnapshots'
  | 'neverRestored'
  | 'rpoOverTarget';
export const QUICK_FILTERS: readonly { id: QuickFilter; label: string }[] = [
  { id: 'all', label: 'All' },
  { id: 'off', label: 'Backup off' },
  { id: 'errors', label: 'Errors' },
  { id: 'warnings', label: 'Warnings' },
  { id: 'overdue', label: 'Overdue' },
  { id: 'notCompliant', label: 'Not compliant' },
  { id: 'noScheduledSnapshots', label: 'No scheduled snapshots' },
  { id: 'neverRestored', label: 'Never restored' },
  { id: 'rpoOverTarget', label: 'RPO over target' },
];

/** The quick filters to offer: "RPO over target" only when a target is set (otherwise nothing can be over it). */
export function quickFilters(o: { rpoTargetSet: boolean }): readonly { id: QuickFilter; label: string }[] {
  return QUICK_FILTERS.filter((f) => f.id !== 'rpoOverTarget' || o.rpoTargetSet);
}

export type SortKey =
  | 'project'
  | 'cluster'
  | 'tier'
  | 'backup'
  | 'schedule'
  | 'findings'
  | 'compliance'
  | 'snapshot'
  | 'next'
  | 'rpo'
  | 'restorable'
  | 'lastRestore';
export interface ViewState {
  filter: QuickFilter;
  text: string;
  sort: SortKey;
  descending: boolean;
}
export const DEFAULT_VIEW: ViewState = { filter: 'all', text: '', sort: 'project', descending: false };

export interface Column {
  key: SortKey;
  title: string;
}
export const REPORT_COLUMNS: readonly Column[] = [
  { key: 'project', title: 'Project' },
  { key: 'cluster', title: 'Cluster' },
  { key: 'tier', title: 'Tier' },
  { key: 'backup', title: 'Backup' },
  { key: 'schedule', title: 'Schedule' },
  { key: 'findings', title: 'Errors / warnings' },
  { key: 'compliance', title: 'Compliance' },
  { key: 'snapshot', title: 'Newest snapshot' },
  { key: 'next', title: 'Next snapshot' },
  { key: 'rpo', title: 'RPO' },
  { key: 'restorable', title: 'Restorable' },
  { key: 'lastRestore', title: 'Last restore' },
];

const hasFinding = (r: ClusterPosture, ruleId: string) => r.findings.some((f) => f.ruleId === ruleId);
const unread = (r: ClusterPosture, part: string) => (r.readFailures ?? []).some((f) => f.part === part);

/** Backup on, the restore jobs read, and no successful restore among them (the "never" of lastRestoreCell). */
export function neverRestored(r: ClusterPosture): boolean {
  return !!r.recovery && !r.recovery.lastRestore && !unread(r, 'restore jobs');
}

export function keeps(r: ClusterPosture, filter: QuickFilter): boolean {
  switch (filter) {
    case 'off':
      return r.backup === 'off';
    case 'errors':
      return r.errors > 0;
    case 'warnings':
      return r.warnings > 0;
    case 'overdue':
      return r.overdue;
    case 'notCompliant':
      return r.compliance === 'not compliant';
    case 'noScheduledSnapshots':
      return hasFinding(r, 'no-scheduled-snapshots');
    case 'neverRestored':
      return neverRestored(r);
    case 'rpoOverTarget':
      return hasFinding(r, 'rpo-over-target');
    case 'all':
    default:
      return true;
  }
}

/** Case-insensitive; every word must appear in the project, cluster, tier, schedule or a finding. */
export function matchesText(r: ClusterPosture, text: string): boolean {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return true;
  const hay = [
    r.projectName,
    r.clusterName,
    r.tier,
    r.backup,
    r.scheduleSummary,
    r.compliance,
    ...r.findings.map((f) => `${f.ruleId} ${f.message}`),
  ]
    .join('\n')
    .toLowerCase();
  return words.every((w) => hay.includes(w));
}

const BACKUP_ORDER = { off: 0, on: 1, continuous: 2 } as const;
const COMPLIANCE_ORDER = { 'not compliant': 0, unknown: 1, compliant: 2, 'no policy': 3 } as const;

function sortValue(r: ClusterPosture, key: SortKey): string | number {
  switch (key) {
    case 'project':
      return r.projectName.toLowerCase();
    case 'cluster':
      return r.clusterName.toLowerCase();
    case 'tier':
      return r.tier;
    case 'backup':
      return BACKUP_ORDER[r.backup];
    case 'schedule':
      return r.scheduleSummary;
    case 'findings':
      return -(r.errors * 1000 + r.warnings);
    case 'compliance':
      return COMPLIANCE_ORDER[r.compliance];
    // Oldest (most worrying) first; none at all before any.
    case 'snapshot':
      return r.newestSnapshot ? Date.parse(r.newestSnapshot) : r.backup === 'off' ? Number.MAX_SAFE_INTEGER : -1;
    case 'next':
      return r.nextSnapshot ? Date.parse(r.nextSnapshot) : Number.MAX_SAFE_INTEGER;
    // The recovery columns worst first, like the findings and the snapshot: backup off (nothing to say) always last.
    // RPO largest first, unbounded or unknown (no completed snapshot) before any.
    case 'rpo':
      return !r.recovery
        ? Number.MAX_SAFE_INTEGER
        : r.recovery.rpoSeconds === null
          ? -Number.MAX_SAFE_INTEGER
          : -r.recovery.rpoSeconds;
    // Shortest restorable window first, nothing restorable before any.
    case 'restorable': {
      const rec = r.recovery;
      if (!rec) return Number.MAX_SAFE_INTEGER;
      if (rec.restorableFrom === null || rec.restorableTo === null) return -1;
      return Date.parse(rec.restorableTo) - Date.parse(rec.restorableFrom);
    }
    // Oldest restore first, never (or unknown) before any.
    case 'lastRestore':
      return !r.recovery
        ? Number.MAX_SAFE_INTEGER
        : r.recovery.lastRestore
          ? Date.parse(r.recovery.lastRestore.finishedAt)
          : -1;
  }
}

/**
 * The filter a pill asks for when pressed: its own, or back to all when it is the one shown (a pill is a toggle, as
 * its `aria-pressed` says). The filter buttons and the rows' badges (errors, warnings, overdue, …) both use it.
 */
export function pressFilter(current: QuickFilter, pressed: QuickFilter): QuickFilter {
  return current === pressed ? 'all' : pressed;
}

export function visibleRows(rows: readonly ClusterPosture[], view: ViewState): ClusterPosture[] {
  const kept = rows.filter((r) => keeps(r, view.filter) && matchesText(r, view.text));
  const dir = view.descending ? -1 : 1;
  return kept.sort((a, b) => {
    const x = sortValue(a, view.sort),
      y = sortValue(b, view.sort);
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return dir * c || a.projectName.localeCompare(b.projectName) || a.clusterName.localeCompare(b.clusterName);
  });
}

/** Counts for the filter buttons and the summary line, over every row loaded. */
export function counts(rows: readonly ClusterPosture[]): PostureSummary {
  return summarizePosture(rows);
}

/** How many rows each quick filter keeps (the numbers on the filter buttons), over every row loaded. */
export function filterCounts(rows: readonly ClusterPosture[]): Record<QuickFilter, number> {
  const n = Object.fromEntries(QUICK_FILTERS.map((f) => [f.id, 0])) as Record<QuickFilter, number>;
  for (const r of rows) for (const f of QUICK_FILTERS) if (keeps(r, f.id)) n[f.id]++;
  return n;
}

export function snapshotText(r: ClusterPosture, nowMs: number): string {
  if (r.newestSnapshot) return `${formatDuration(Math.max(0, nowMs - Date.parse(r.newestSnapshot)))} ago`;
  switch (r.snapshotState) {
    case 'overdue':
      return 'none';
    case 'pending':
      return 'none yet';
    case 'unknown':
      return 'unknown';
    case 'ok':
    case 'n/a':
      return '—';
  }
}

export function nextText(r: ClusterPosture, nowMs: number): string {
  if (!r.nextSnapshot) return '—';
  const ms = Date.parse(r.nextSnapshot) - nowMs;
  return ms <= 0 ? 'due now' : `in ${formatDuration(ms)}`;
}

// The recovery cells, short, so the table fits a normal editor width: the window and the last restore in full are in
// the row's details (and the cell's title); sorting reads the data, not these words.

/** `continuous, 7 days`; `339 d, 356 points` (the window's length, its restore points); `nothing`; `?`; `—`. */
export function restorableShort(r: ClusterPosture): string {
  const rec = r.recovery;
  if (!rec) return '—';
  if (rec.restorableFrom === null || rec.restorableTo === null) return unread(r, 'snapshots') ? '?' : 'nothing';
  const span = Date.parse(rec.restorableTo) - Date.parse(rec.restorableFrom);
  if (rec.pointInTime) {
    const days = roundForReading(span / 86_400_000);
    return `continuous, ${days} day${days === 1 ? '' : 's'}`;
  }
  const n = rec.restorePoints ?? 0;
  return `${formatDuration(Math.max(0, span))}, ${n.toLocaleString('en-US')} point${n === 1 ? '' : 's'}`;
}

/** `2 d ago`, `2 d ago · drill`; `never`; `?` (the restore jobs could not be read); `—` (backup off). */
export function lastRestoreShort(r: ClusterPosture, nowMs: number): string {
  const rec = r.recovery;
  if (!rec) return '—';
  const last = rec.lastRestore;
  if (!last) return unread(r, 'restore jobs') ? '?' : 'never';
  const ago = `${formatDuration(Math.max(0, nowMs - Date.parse(last.finishedAt)))} ago`;
  return last.drill ? `${ago} · drill` : ago;
}
