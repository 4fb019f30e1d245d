// The restore plan and the restore history as Markdown, for the extension's read-only documents: what a person
// reads before typing the target's name. Every name from Atlas is escaped (common/markdown.ts). Pure.
import { escapeMarkdown as md, markdownCell } from '../common/markdown';
import { formatTime, type TimeFormatOptions } from '../time/formatTime';
import type { RestorePlan } from './restorePlan';
import { restoreDurationSeconds, type RestoreHistoryEntry } from './restoreHistory';
import { durationWords } from './restoreWatch';

type TimeOptions = Pick<TimeFormatOptions, 'offsetMinutes'>;

/** As the tree writes sizes (1024 a step), so the plan and the snapshot row agree. */
function sizeWords(bytes: number | null): string | null {
  if (bytes === null) return null;
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v >= 100 || u === 0 ? Math.round(v) : v.toFixed(1)} ${units[u]}`;
}

const KIND_WORDS: Record<RestorePlan['kind'], string> = {
  automated: 'Restore a snapshot onto a cluster',
  pointInTime: 'Restore to a point in time onto a cluster',
  download: 'Download a snapshot',
};

const project = (name: string | null, id: string) => (name ? `${md(name)} (\`${md(id)}\`)` : `\`${md(id)}\``);

/** The plan: source, target, what happens, every check with its reason; nothing has been sent. */
export function restorePlanMarkdown(plan: RestorePlan, t: TimeOptions = {}): string {
  const s = plan.source;
  const out: string[] = [`# ${KIND_WORDS[plan.kind]}: plan`, ''];
  out.push(
    plan.ok
      ? '_Nothing has been sent yet._ Every check passed; confirm by typing the name asked for.'
      : '_Nothing has been sent, and nothing will be:_ **a check failed** (below).',
    '',
    '## Source',
    '',
    `- Cluster: **${md(s.clusterName)}** in project ${project(s.projectName, s.groupId)}`,
  );
  if (s.snapshot) {
    const facts = [
      s.snapshot.createdAt ? `taken ${formatTime(s.snapshot.createdAt, { local: true, ...t })}` : null,
      s.snapshot.type ? md(s.snapshot.type) : null,
      sizeWords(s.snapshot.sizeBytes),
    ].filter((x): x is string => !!x);
    out.push(`- Snapshot \`${md(s.snapshot.id ?? 'unknown')}\`${facts.length ? `: ${facts.join(', ')}` : ''}`);
  }
  if (s.pointInTime) {
    const oplog = s.pointInTime.oplog ? ` (oplog \`${s.pointInTime.oplog.ts}:${s.pointInTime.oplog.inc}\`)` : '';
    out.push(
      `- Point in time: **${formatTime(s.pointInTime.epochSeconds * 1000, { seconds: true, local: true, ...t })}**${oplog}`,
    );
  }
  if (plan.window)
    out.push(
      `- Restorable window: ${formatTime(plan.window.from, { seconds: true })} to ${formatTime(plan.window.to, { seconds: true })}${plan.window.restorePoints === null ? ', any second' : `, ${plan.window.restorePoints} restore points`}`,
    );
  out.push('', '## Target', '');
  const tg = plan.target;
  if (tg) {
    out.push(`- Cluster: **${md(tg.clusterName)}** in project ${project(tg.projectName, tg.groupId)}`);
    const facts = [
      tg.tier ? md(tg.tier) : null,
      tg.mongoDBVersion ? `MongoDB ${md(tg.mongoDBVersion)}` : null,
      md(tg.topology),
    ];
    out.push(`- ${facts.filter(Boolean).join(', ')}`);
  } else out.push('- Files to download (no cluster changes)');
  out.push('', '## What happens', '');
  for (const e of plan.effects) out.push(`- ${md(e)}`);
  out.push('', '## Checks', '', '| | Check | Why |', '|---|---|---|');
  for (const c of plan.checks)
    out.push(`| ${c.passed ? 'passed' : '**FAILED**'} | \`${c.id}\` | ${markdownCell(c.reason)} |`);
  return `${out.join('\n')}\n`;
}

const OUTCOME_WORDS: Record<RestoreHistoryEntry['outcome'], string> = {
  'in-progress': 'in progress',
  completed: 'completed',
  failed: 'failed',
  cancelled: 'cancelled',
  expired: 'expired',
  refused: 'refused by Atlas',
  unknown: 'unknown (the start may have reached Atlas)',
};

/** A collection restore's namespaces in a few words: `sales.orders`, or `3 databases`. */
function collectionWhat(plan: RestoreHistoryEntry['plan']): string {
  if (plan.kind !== 'collection') return 'collections';
  const names = plan.namespaces.map((n) => n.source);
  return names.length === 1 ? markdownCell(names[0]) : `${names.length} ${plan.namespaceKind}s`;
}

/** Every restore started from here, newest first: when, what onto what, how it ended, how long it took. */
export function restoreHistoryMarkdown(entries: readonly RestoreHistoryEntry[], t: TimeOptions = {}): string {
  const out = ['# Restore history', '', 'Every restore started from this editor, newest first. Drills are marked.', ''];
  if (!entries.length) return `${out.join('\n')}_No restores started from here yet._\n`;
  out.push('| Started | Restore | Target | Outcome | Took | Job |', '|---|---|---|---|---|---|');
  for (const e of entries) {
    const p = e.plan;
    const what = `${e.drill ? '**Drill**: ' : ''}${markdownCell(p.source.clusterName)} ${
      p.source.pointInTime
        ? `at ${formatTime(p.source.pointInTime.epochSeconds * 1000, { seconds: true })}`
        : `snapshot ${markdownCell(p.source.snapshot?.id ?? '?')}`
    }${e.kind === 'download' ? ' (download)' : ''}${e.kind === 'collection' ? ` (${collectionWhat(e.plan)})` : ''}${e.flex ? ' (Flex)' : ''}`;
    const target = p.target
      ? `${markdownCell(p.target.clusterName)} (${markdownCell(p.target.projectName ?? p.target.groupId)})`
      : 'files';
    const took = restoreDurationSeconds(e);
    out.push(
      `| ${formatTime(e.at, { local: true, ...t })} | ${what} | ${target} | ${OUTCOME_WORDS[e.outcome]} | ${took === null ? '' : durationWords(took * 1000)} | \`${markdownCell(e.id)}\` |`,
    );
  }
  return `${out.join('\n')}\n`;
}
