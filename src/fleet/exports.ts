// The posture report as Markdown (a table for a wiki page or a PR comment) and CSV (for a spreadsheet). Every value
// from Atlas is escaped: Markdown metacharacters and pipes cannot break out of their cell, HTML is not interpreted,
// and a CSV cell that a spreadsheet would run as a formula is prefixed with an apostrophe. vscode-free.
import { compareRows, formatDuration, summarizePosture, summaryLine } from './summary';
import type { ClusterPosture } from './types';

export interface ExportColumn {
  title: string;
  value: (r: ClusterPosture, nowMs: number) => string;
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
  { title: 'Newest snapshot', value: (r) => snapshotCell(r) },
  { title: 'Overdue', value: (r) => (r.overdue ? 'yes' : 'no') },
  { title: 'Next snapshot', value: (r) => r.nextSnapshot ?? '' },
  {
    title: 'Findings',
    value: (r) =>
      [
        ...r.findings.map((f) => `${f.severity} ${f.ruleId}: ${f.message}`),
        ...r.loadErrors.map((e) => `not read: ${e}`),
      ].join('; '),
  },
];

/**
 * Escapes text for one Markdown table cell: backslash before every character that could start emphasis, code,
 * a link or image, HTML or an entity, strikethrough, or end the cell (`|`); line breaks become spaces. Block-level
 * syntax (`#`, `-`, `1.`) does not apply inside a table cell, so times and names stay readable.
 */
export function markdownCell(text: string): string {
  return (
    text
      .replace(/[\\`*_[\]<>|~&!]/g, (c) => `\\${c}`)
      .replace(/\r\n|\r|\n/g, ' ')
      // Matching control characters is the point: none may reach the Markdown (or a terminal showing it).
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f]/g, '')
  );
}

export function toMarkdown(
  rows: readonly ClusterPosture[],
  opts: { generatedAt: string; nowMs?: number; title?: string },
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
  return `${lines.join('\n')}\n`;
}

/** One CSV field (RFC 4180): quoted when it holds a comma, quote or line break; formula starters neutralised. */
export function csvField(text: string): string {
  let v = text;
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v;
}

export function toCsv(rows: readonly ClusterPosture[], opts: { nowMs: number }): string {
  const sorted = [...rows].sort(compareRows);
  const header = ['Project ID', ...COLUMNS.map((c) => c.title)];
  const body = sorted.map((r) => [r.groupId, ...COLUMNS.map((c) => c.value(r, opts.nowMs))].map(csvField).join(','));
  return `${[header.map(csvField).join(','), ...body].join('\r\n')}\r\n`;
}
