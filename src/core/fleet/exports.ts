// The posture report as Markdown (a table for a wiki page or a PR comment) and CSV (for a spreadsheet). Every value
// from Atlas is escaped: Markdown metacharacters and pipes cannot break out of their cell, HTML is not interpreted,
// and a CSV cell that a spreadsheet would run as a formula is prefixed with an apostrophe (and quoted when it holds a
// semicolon, the list separator of many locales). vscode-free.
import { markdownCell } from '../common/markdown';
import { lastRestoreCell, restorePointsCell, rpoCell } from '../recovery/recoveryWords';
import { compareRows, formatDuration, summarizePosture, summaryLine } from './summary';
import type { ClusterPosture, ReadFailureKind } from './types';

export interface ExportColumn {
  title: string;
  value: (r: ClusterPosture, nowMs: number) => string;
  /** The CSV cell when it differs: timestamps only, no "5.8 h ago" (a spreadsheet sorts and compares those). */
  csv?: (r: ClusterPosture) => string;
}

function snapshotCell(r: ClusterPosture): string {
  if (!r.newestSnapshot)
    return r.snapshotState === 'overdue'
      ? 'none (overdue)'
      : r.snapshotState === 'pending'
        ? 'none yet'
        : r.snapshotState === 'unknown'
          ? '?'
          : '—';
  const age =
    r.snapshotAgeMs !== undefined ? ` (${formatDuration(r.snapshotAgeMs)} ago${r.overdue ? ', overdue' : ''})` : '';
  return `${r.newestSnapshot}${age}`;
}

export const COLUMNS: ExportColumn[] = [
  { title: 'Project', value: (r) => r.projectName },
  { title: 'Cluster', value: (r) => r.clusterName },
  { title: 'Tier', value: (r) => r.tier },
  { title: 'Backup', value: (r) => r.backup },
  { title: 'Schedule', value: (r) => r.scheduleSummary },
  { title: 'Errors', value: (r) => String(r.errors) },
  { title: 'Warnings', value: (r) => String(r.warnings) },
  { title: 'Compliance', value: (r) => r.compliance },
  {
    title: 'Newest snapshot',
    value: (r) => snapshotCell(r),
    // The state words stay (none yet, ?), the age goes: the Overdue column says whether it is late.
    csv: (r) => r.newestSnapshot ?? snapshotCell(r),
  },
  { title: 'Overdue', value: (r) => (r.overdue ? 'yes' : 'no') },
  { title: 'Next snapshot', value: (r) => r.nextSnapshot ?? '' },
  // The recovery posture (`recovery` in the JSON): worst-case loss, how far back, the last restore that worked.
  { title: 'RPO', value: (r) => rpoCell(r) },
  { title: 'Restorable from', value: (r) => r.recovery?.restorableFrom ?? '' },
  { title: 'Restorable to', value: (r) => r.recovery?.restorableTo ?? '' },
  { title: 'Restore points', value: (r) => restorePointsCell(r) },
  {
    title: 'Last restore',
    value: (r, nowMs) => lastRestoreCell(r, nowMs),
    csv: (r) => lastRestoreCell(r),
  },
  {
    title: 'Findings',
    value: (r) =>
      [
        ...r.findings.map((f) => `${f.severity} ${f.ruleId}: ${f.message}`),
        ...r.loadErrors.map((e) => `not read: ${e}`),
      ].join('; '),
  },
];

/** A project that could not be read, as the report carries it (see loader.ts `ProjectProblem`). */
export interface UnreadProject {
  projectName: string;
  message: string;
  kind?: ReadFailureKind;
}

/**
 * The table, then (when anything could not be read) a "Not read" section: every project whose clusters could not be
 * listed and every cluster part that could not be read, each with why (`not readable with this role` for a 403).
 */
export function toMarkdown(
  rows: readonly ClusterPosture[],
  opts: { generatedAt: string; nowMs?: number; title?: string; problems?: readonly UnreadProject[] },
): string {
  const nowMs = opts.nowMs ?? Date.parse(opts.generatedAt);
  const sorted = [...rows].sort(compareRows);
  const lines = [
    `# ${markdownCell(opts.title ?? 'Backup posture')}`,
    '',
    `${markdownCell(summaryLine(summarizePosture(rows)))} — generated ${markdownCell(opts.generatedAt)}`,
    '',
    `| ${COLUMNS.map((c) => c.title).join(' | ')} |`,
    `| ${COLUMNS.map(() => '---').join(' | ')} |`,
    ...sorted.map((r) => `| ${COLUMNS.map((c) => markdownCell(c.value(r, nowMs)) || ' ').join(' | ')} |`),
  ];
  const why = (kind: ReadFailureKind | undefined) => (kind === 'role' ? 'not readable with this role' : 'not read');
  const unread = [
    ...(opts.problems ?? []).map((p) => [p.projectName, 'project', why(p.kind), p.message]),
    ...sorted.flatMap((r) =>
      (r.readFailures ?? r.loadErrors.map((e) => ({ part: '', kind: undefined, message: e }))).map((f) => [
        `${r.projectName}/${r.clusterName}`,
        f.part || 'cluster',
        why(f.kind),
        f.message,
      ]),
    ),
  ];
  if (unread.length)
    lines.push(
      '',
      '## Not read',
      '',
      '| Project or cluster | Part | Why | Message |',
      '| --- | --- | --- | --- |',
      ...unread.map((cells) => `| ${cells.map((c) => markdownCell(c) || ' ').join(' | ')} |`),
    );
  return `${lines.join('\n')}\n`;
}

/**
 * One CSV field (RFC 4180), safe in a spreadsheet in any locale:
 * - quoted when it holds a comma, quote or line break (RFC 4180), and also a semicolon or a tab: a spreadsheet set
 *   to a locale whose list separator is `;` (German, French, ...) splits an unquoted `x;=HYPERLINK(...)` into a
 *   second cell that starts with `=` and is run as a formula; quoted, it stays one cell of text in every locale;
 * - a value starting with a formula starter (`=`, `+`, `-`, `@`, tab, CR, also after leading spaces) gets an
 *   apostrophe in front, so it is shown as text, not evaluated.
 */
export function csvField(text: string): string {
  let v = text;
  if (/^\s*[=+\-@]|^[\t\r]/.test(v)) v = `'${v}`;
  return /[",;\t\r\n]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v;
}

/** One row a cluster, times as ISO 8601 UTC timestamps (never "5.8 h ago", which is only true when written). */
export function toCsv(rows: readonly ClusterPosture[], opts: { nowMs: number }): string {
  const sorted = [...rows].sort(compareRows);
  const header = ['Project ID', ...COLUMNS.map((c) => c.title)];
  const body = sorted.map((r) =>
    [r.groupId, ...COLUMNS.map((c) => (c.csv ? c.csv(r) : c.value(r, opts.nowMs)))].map(csvField).join(','),
  );
  return `${[header.map(csvField).join(','), ...body].join('\r\n')}\r\n`;
}
