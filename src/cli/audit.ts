// `atlas-backup audit [--projectId ID]... [--format text|json|markdown|sarif]`: every cluster's backup posture, for a
// nightly CI job. Exit 0 when nothing is wrong; 1 when any cluster has an error-severity finding (a rule with its
// own context, an overdue snapshot, backup off under an enforced compliance policy) or when part of the fleet could
// not be read (a network error, a 5xx, a malformed answer: each unread cluster or project is a finding of its own);
// 3 when nothing could be read. A 403 is reported as not readable with this role and does not fail the run.
import { formatTime } from '../core/time/formatTime';
import { version } from '../../package.json';
import { auditFindings, AUDIT_RULES, auditVerdict, projectFinding } from '../core/fleet/audit';
import { toMarkdown } from '../core/fleet/exports';
import { loadPosture } from '../core/fleet/loader';
import { compareRows, formatDuration, summarizePosture, summaryLine } from '../core/fleet/posture';
import { toSarif, type SarifInput } from '../core/fleet/sarif';
import { rules } from '../core/schedule/checkSchedule';
import { recoveryWords } from '../core/recovery/recoveryWords';
import { EXIT, flagValue, parseArgs, UsageError, type Command } from './args';
import { checkProjectId, withAtlas } from './atlas';
import { COMMAND_HELP } from './help';

const FORMATS = ['text', 'json', 'markdown', 'sarif'] as const;
type Format = (typeof FORMATS)[number];
const MAX_RESTORE_AGE_DAYS = 3650;
/** A year: a target above it says nothing a schedule could miss. */
const MAX_RPO_TARGET_SECONDS = 366 * 86_400;

/** A flag's whole number in [min, max]; undefined when not given; anything else is one usage line naming the flag. */
function wholeNumber(
  p: ReturnType<typeof parseArgs>,
  flag: string,
  min: number,
  max: number,
  unit: string,
): number | undefined {
  const raw = flagValue(p, flag);
  if (raw === undefined) return undefined;
  const n = /^\d{1,9}$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!(n >= min && n <= max))
    throw new UsageError(`${flag} must be a whole number of ${unit} from ${min} to ${max}, not "${raw.slice(0, 40)}"`);
  return n;
}

export const auditCommand: Command = {
  ...COMMAND_HELP.audit,
  async run(args, io) {
    const p = parseArgs(args, {
      values: ['--base-url', '--format', '--restore-age-days', '--rpo-target'],
      repeatable: ['--projectId'],
    });
    const projectIds = p.lists.get('--projectId') ?? [];
    if (p.positionals.length) throw new UsageError(`audit takes no file arguments (got "${p.positionals[0]}")`);
    const format = (flagValue(p, '--format') ?? 'text') as Format;
    if (!FORMATS.includes(format))
      throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${format}"`);
    for (const id of projectIds) checkProjectId(id, '--projectId');
    const restoreAgeDays = wholeNumber(p, '--restore-age-days', 1, MAX_RESTORE_AGE_DAYS, 'days');
    const rpoTargetSeconds = wholeNumber(p, '--rpo-target', 1, MAX_RPO_TARGET_SECONDS, 'seconds');

    return withAtlas(p, io, async ({ client }) => {
      const report = await loadPosture(client, { projectIds, recovery: { restoreAgeDays, rpoTargetSeconds } });
      const nowMs = Date.parse(report.generatedAt);
      const rows = [...report.rows].sort(compareRows);
      const summary = summarizePosture(rows);
      const verdict = auditVerdict(rows, report.problems);
      if (format === 'json') {
        io.out(
          `${JSON.stringify({ generatedAt: report.generatedAt, verdict, summary, problems: report.problems.map((pr) => ({ ...pr, auditFinding: projectFinding(pr) })), clusters: rows.map((r) => ({ ...r, auditFindings: auditFindings(r) })) }, null, 2)}\n`,
        );
      } else if (format === 'markdown') {
        io.out(toMarkdown(rows, { generatedAt: report.generatedAt, problems: report.problems }));
      } else if (format === 'sarif') {
        const projectInputs: SarifInput[] = report.problems.map((pr) => {
          const f = projectFinding(pr);
          return {
            ruleId: f.ruleId,
            severity: f.severity,
            message: `${pr.projectName}: ${f.message}`,
            // A stable pseudo-path per project, as for clusters.
            path: `atlas/${pr.groupId}/project.json`,
            region: { startLine: 1, startColumn: 1 },
            logicalName: pr.projectName,
          };
        });
        const inputs: SarifInput[] = rows.flatMap((r) =>
          auditFindings(r).map((f) => ({
            ruleId: f.ruleId,
            severity: f.severity,
            message: `${r.projectName} / ${r.clusterName}: ${f.message}${f.path ? ` (${f.path})` : ''}`,
            // A stable pseudo-path per cluster: code scanning needs a location, and clusters have no file.
            path: `atlas/${r.groupId}/${r.clusterName}.schedule.json`,
            region: { startLine: 1, startColumn: 1 },
            logicalName: `${r.projectName}/${r.clusterName}`,
          })),
        );
        // Every cluster, findings or not, as a logical location carrying its recovery posture (the JSON's `recovery`).
        const resources = rows.map((r) => ({
          fullyQualifiedName: `${r.projectName}/${r.clusterName}`,
          properties: { groupId: r.groupId, backup: r.backup, recovery: r.recovery },
        }));
        io.out(
          `${JSON.stringify(toSarif([...projectInputs, ...inputs], { rules: [...rules, ...AUDIT_RULES], version, resources }), null, 2)}\n`,
        );
      } else {
        // The rows name projects by name; the ids (what --projectId takes) once, up front.
        const projects = new Map<string, string>();
        for (const r of rows) projects.set(r.groupId, r.projectName);
        for (const pr of report.problems) projects.set(pr.groupId, pr.projectName);
        if (projects.size)
          io.out(
            `${projects.size === 1 ? 'Project' : 'Projects'}: ${[...projects].map(([id, name]) => `${name} (ID ${id})`).join(', ')}\n`,
          );
        for (const r of rows) {
          const snap = r.newestSnapshot
            ? `newest ${formatTime(r.newestSnapshot)} (${formatDuration(r.snapshotAgeMs ?? 0)} ago)`
            : r.snapshotState === 'n/a'
              ? ''
              : `newest: ${r.snapshotState}`;
          io.out(
            `${r.projectName}/${r.clusterName}  ${r.tier || '?'}  backup ${r.backup}  ${r.scheduleSummary}  ${r.compliance}${snap ? `  ${snap}` : ''}${r.overdue ? '  OVERDUE' : ''}\n`,
          );
          if (r.recovery) io.out(`  recovery: ${recoveryWords(r, nowMs)}\n`);
          for (const f of auditFindings(r))
            io.out(`  ${f.severity}  ${f.message}  ${f.ruleId}${f.path ? `  ${f.path}` : ''}\n`);
        }
        for (const pr of report.problems) {
          const f = projectFinding(pr);
          io.out(`${pr.projectName}  (project)\n  ${f.severity}  ${f.message}  ${f.ruleId}\n`);
        }
        io.out(`${summaryLine(summary)}\n`);
      }
      if (verdict === 'unread') {
        io.err('atlas-backup: nothing could be read from Atlas; the audit checked nothing.\n');
        return EXIT.atlas;
      }
      if (verdict === 'partial')
        io.err(
          'atlas-backup: part of the fleet could not be read (see the not-read findings); the audit cannot pass.\n',
        );
      return verdict === 'pass' ? EXIT.ok : EXIT.refused;
    });
  },
};
