// What a collection-level restore sends and how its job reads, shared by the CLI (`restore --collection|--database`)
// and the extension (Restore Collection… / Restore Database…): the create's body from the person's choices, the
// documents restored so far, the plan as Markdown, and the checks of what is typed into the extension's boxes. Pure.
import type { CollectionRestoreJob, CreateCollectionRestoreJobRequest } from '../atlas/types';
import { escapeMarkdown as md, markdownCell } from '../common/markdown';
import { formatTime, type TimeFormatOptions } from '../time/formatTime';
import {
  ATLAS_INDEX_STRATEGY,
  ATLAS_WRITE_STRATEGY,
  namespaceProblem,
  suffixProblem,
  type CollectionRestorePlan,
  type IndexStrategy,
  type NamespaceKind,
  type NamespaceMapping,
  type WriteStrategy,
} from './collectionRestorePlan';
import type { PointInTime } from './pointInTime';

export interface CollectionRestoreChoices {
  snapshotId?: string;
  pointInTime?: PointInTime;
  target: { groupId: string; clusterName: string };
  namespaceKind: NamespaceKind;
  namespaces: readonly NamespaceMapping[];
  writeStrategy: WriteStrategy;
  indexStrategy: IndexStrategy;
  databaseSuffix?: string;
  collectionSuffix?: string;
}

/** The create's body: the snapshot or the point in time (`pointInTimeUtcSeconds`, or the oplog), never both. */
export function collectionRestoreRequestFor(r: CollectionRestoreChoices): CreateCollectionRestoreJobRequest {
  const list = r.namespaces.map((m) =>
    m.target === null ? { sourceNamespace: m.source } : { sourceNamespace: m.source, targetNamespace: m.target },
  );
  const pit = r.pointInTime;
  return {
    ...(r.snapshotId !== undefined ? { snapshotId: r.snapshotId } : {}),
    ...(pit?.kind === 'seconds' ? { pointInTimeUtcSeconds: pit.epochSeconds } : {}),
    ...(pit?.kind === 'oplog' ? { oplogTs: pit.ts, oplogInc: pit.inc } : {}),
    targetGroupId: r.target.groupId,
    targetClusterName: r.target.clusterName,
    writeStrategy: ATLAS_WRITE_STRATEGY[r.writeStrategy],
    indexStrategy: ATLAS_INDEX_STRATEGY[r.indexStrategy],
    ...(r.namespaceKind === 'collection' ? { collections: list } : { databases: list }),
    ...(r.databaseSuffix !== undefined ? { databaseSuffix: r.databaseSuffix } : {}),
    ...(r.collectionSuffix !== undefined ? { collectionSuffix: r.collectionSuffix } : {}),
  };
}

/** `IN_PROGRESS, 1200 of 5000 documents`, when Atlas says them. */
export function collectionDocumentsWords(
  j: Pick<CollectionRestoreJob, 'restoredDocuments' | 'totalDocuments' | 'state'>,
): string {
  const state = j.state ?? 'unknown';
  return j.totalDocuments === undefined
    ? state
    : `${state}, ${j.restoredDocuments ?? 0} of ${j.totalDocuments} documents`;
}

/**
 * A box's text checked with the core's naming rules, the problem in one line naming the field (`field`): a new name
 * for one namespace (`DB.COLL`, or `DB`) or a suffix. Undefined when it is fine.
 */
export function collectionTargetInputProblem(
  how: 'rename' | 'suffix',
  kind: NamespaceKind,
  text: string,
  field: string,
): string | undefined {
  if (how === 'suffix') {
    const p = suffixProblem(field, text);
    return p && `${p}.`;
  }
  const p = namespaceProblem(kind, text.trim());
  return p && `${field}: ${p} (the form is ${kind === 'collection' ? 'DB.COLLECTION' : 'DATABASE'}).`;
}

const WRITE_WORDS: Record<WriteStrategy, string> = {
  'create-new': 'create new (existing collections are left alone)',
  overwrite: 'overwrite existing (collections of the same name are replaced)',
};
const INDEX_WORDS: Record<IndexStrategy, string> = {
  all: 'all indexes',
  none: 'no indexes but `_id`',
  'all-except-ttl': 'all indexes except TTL',
};

type TimeOptions = Pick<TimeFormatOptions, 'offsetMinutes'>;

/** A collection restore's plan as Markdown, for the read-only preview: like restorePlanMarkdown, with namespaces. */
export function collectionRestorePlanMarkdown(plan: CollectionRestorePlan, t: TimeOptions = {}): string {
  const s = plan.source;
  const tg = plan.target;
  const what = plan.namespaceKind === 'database' ? 'databases' : 'collections';
  const out: string[] = [`# Restore ${what} onto a cluster: plan`, ''];
  const confirm = plan.writeStrategy === 'overwrite' ? "confirm by typing the target cluster's name" : 'confirm';
  out.push(
    plan.ok
      ? `_Nothing has been sent yet._ Every check passed; ${confirm}.`
      : '_Nothing has been sent, and nothing will be:_ **a check failed** (below).',
    '',
    '## Source',
    '',
    `- Cluster: **${md(s.clusterName)}** in project ${s.projectName ? `${md(s.projectName)} (\`${md(s.groupId)}\`)` : `\`${md(s.groupId)}\``}`,
  );
  if (s.snapshot)
    out.push(
      `- Snapshot \`${md(s.snapshot.id ?? 'unknown')}\`${s.snapshot.createdAt ? `: taken ${formatTime(s.snapshot.createdAt, { local: true, ...t })}` : ''}`,
    );
  if (s.pointInTime)
    out.push(
      `- Point in time: **${formatTime(s.pointInTime.epochSeconds * 1000, { seconds: true, local: true, ...t })}**`,
    );
  out.push('', '## Target', '');
  if (tg)
    out.push(
      `- Cluster: **${md(tg.clusterName)}** in project ${tg.projectName ? `${md(tg.projectName)} (\`${md(tg.groupId)}\`)` : `\`${md(tg.groupId)}\``}`,
    );
  out.push(
    `- Write strategy: ${WRITE_WORDS[plan.writeStrategy]}`,
    `- Index strategy: ${INDEX_WORDS[plan.indexStrategy]}`,
    '',
    `## ${plan.namespaceKind === 'database' ? 'Databases' : 'Collections'}`,
    '',
    '| Source | Written to |',
    '|---|---|',
  );
  for (const n of plan.namespaces) out.push(`| ${markdownCell(n.source)} | ${markdownCell(n.target)} |`);
  out.push('', '## What happens', '');
  for (const e of plan.effects) out.push(`- ${md(e)}`);
  out.push('', '## Checks', '', '| | Check | Why |', '|---|---|---|');
  for (const c of plan.checks)
    out.push(`| ${c.passed ? 'passed' : '**FAILED**'} | \`${c.id}\` | ${markdownCell(c.reason)} |`);
  return `${out.join('\n')}\n`;
}
