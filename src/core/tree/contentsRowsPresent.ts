// How the rows of contentsRows.ts look: a snapshot's Databases row, its databases and collections, a project's Flex
// clusters and their snapshots. Names come from Atlas: they go through escapeMarkdown before any tooltip.
import { escapeMarkdown as md } from '../common/markdown';
import { ContextValues } from '../ids';
import { describeInstant } from '../schedule/describeSchedule';
import type {
  FlexClusterNode,
  FlexSnapshotNode,
  Presentation,
  SnapshotCollectionNode,
  SnapshotDatabaseNode,
  SnapshotDatabasesNode,
} from './explorerNodes';

export type ContentsRowNode =
  SnapshotDatabasesNode | SnapshotDatabaseNode | SnapshotCollectionNode | FlexClusterNode | FlexSnapshotNode;

const lines = (...xs: (string | undefined | false)[]) => xs.filter(Boolean).join('  \n');
/** "2026-11-30 18:00 UTC". */
const utcMinute = (iso: string | undefined) =>
  iso && !Number.isNaN(Date.parse(iso))
    ? `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC`
    : undefined;

export function presentContentsRow(node: ContentsRowNode): Presentation {
  switch (node.kind) {
    case 'snapshotDatabases':
      return {
        label: 'Databases',
        description: 'by name',
        tooltip: lines(
          '**Databases and collections** in this snapshot, by name',
          'Atlas lists names only: no sizes or document counts.',
        ),
        contextValue: ContextValues.snapshotDatabases,
        collapsible: true,
        icon: 'database',
      };
    case 'snapshotDatabase':
      return {
        label: node.databaseName,
        tooltip: lines(`Database **${md(node.databaseName)}** in snapshot \`${md(node.snapshotId)}\``),
        contextValue: ContextValues.snapshotDatabase,
        collapsible: true,
        icon: 'database',
      };
    case 'snapshotCollection':
      return {
        label: node.collectionName,
        tooltip: lines(
          `Collection **${md(node.databaseName)}.${md(node.collectionName)}**`,
          `In snapshot \`${md(node.snapshotId)}\``,
        ),
        contextValue: ContextValues.snapshotCollection,
        collapsible: false,
        icon: 'symbol-array',
      };
    case 'flexCluster': {
      const f = node.flex;
      const region = [f.providerSettings?.backingProviderName, f.providerSettings?.regionName]
        .filter(Boolean)
        .join(' ');
      return {
        label: node.clusterName,
        description: ['Flex', f.mongoDBVersion ? `MongoDB ${f.mongoDBVersion}` : undefined, region || undefined]
          .filter(Boolean)
          .join(' · '),
        tooltip: lines(
          `**${md(node.clusterName)}** — Flex cluster`,
          f.mongoDBVersion ? `MongoDB ${md(f.mongoDBVersion)}` : undefined,
          region ? `Region: ${md(region)}` : undefined,
          f.stateName ? `State: ${md(f.stateName)}` : undefined,
          'Backups: a daily snapshot, the last eight kept; no schedule to edit and no point-in-time restore.',
        ),
        contextValue: ContextValues.flexCluster,
        collapsible: true,
        icon: 'server',
      };
    }
    case 'flexSnapshot': {
      const s = node.snapshot;
      const completed = s.status === 'COMPLETED';
      const taken = s.finishTime ?? s.startTime ?? s.scheduledTime;
      return {
        label: utcMinute(taken) ?? s.id ?? 'snapshot',
        description: [
          'daily',
          completed ? undefined : (s.status ?? 'unknown').toLowerCase(),
          s.expiration ? `expires ${utcMinute(s.expiration)!.slice(0, 10)}` : undefined,
        ]
          .filter(Boolean)
          .join(' · '),
        tooltip: lines(
          `**Flex snapshot** — ${md((s.status ?? 'unknown').toLowerCase())}`,
          `Taken: ${md(describeInstant(taken, node.timeZone) ?? 'unknown')}`,
          s.expiration ? `Expires: ${md(describeInstant(s.expiration, node.timeZone)!)}` : undefined,
          s.mongoDBVersion ? `MongoDB ${md(s.mongoDBVersion)}` : undefined,
          `Id: \`${md(s.id ?? '')}\``,
        ),
        contextValue: completed ? ContextValues.flexSnapshot : ContextValues.flexSnapshotPending,
        collapsible: false,
        icon: completed ? 'pass' : 'sync',
      };
    }
  }
}
