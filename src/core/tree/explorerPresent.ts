// How each explorer row looks, what its Copy ID copies, what its Show JSON shows and where Open in Atlas goes.
// Pure functions of the node (and the state its cells hold), so the tree's text is unit-tested. No vscode import.
// Atlas text is untrusted: everything from Atlas goes through md() before it becomes Markdown.
import { AtlasApiError, AtlasAuthError } from '../atlas';
import type { CompliancePolicy } from '../atlas';
import {
  describeComplianceItems,
  describeCopySetting,
  describeExport,
  describeItem,
  describeReferenceTime,
  describeRetention,
  summarizeSchedule,
} from '../schedule/describeSchedule';
import { Commands, ContextValues } from '../ids';
import { escapeMarkdown } from '../common/markdown';
import { takesScheduledSnapshots } from '../recovery/recoveryFindings';
import { formatTime, zoneOffset } from '../time/formatTime';
import type { AnySnapshot, Detail, ExplorerNode, Presentation, SnapshotFilter } from './explorerNodes';
import { presentExportBucket, presentExportJob, presentExportList } from './exportRows';
import { presentRestoreRow } from './restoreRows';
import { presentContentsRow } from './contentsRowsPresent';
import { clusterRecovery, recoveryTooltip } from './clusterRecovery';

/** Escapes text for a Markdown tooltip so names cannot inject links, HTML, formatting or `$(icon)`s: the shared escaper. */
export const md = escapeMarkdown;

function count(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? word : `${word}s`}`;
}

function lines(...xs: (string | undefined | false)[]): string {
  return xs.filter(Boolean).join('  \n');
}

/** "2026-11-30 18:00 UTC": the one time format (src/core/time), for labels and short notices. */
export function utcMinute(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  return Number.isNaN(new Date(iso).getTime()) ? iso : formatTime(iso);
}

/**
 * A moment in a tooltip, in the one format with the local time beside UTC (a snapshot's expiry and the next snapshot
 * are decided by): "2026-11-30 18:00 UTC (2026-11-30 19:00 local, UTC+01:00)". `timeZone` names the local zone (tests);
 * the machine's by default.
 */
export function describeMoment(iso: string | undefined, timeZone?: string): string | undefined {
  if (!iso) return undefined;
  if (Number.isNaN(new Date(iso).getTime())) return iso;
  return formatTime(iso, { local: true, ...(timeZone ? { offsetMinutes: zoneOffset(timeZone) } : {}) });
}

export function bytes(n: number | undefined): string | undefined {
  if (n === undefined) return undefined;
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v >= 100 || u === 0 ? Math.round(v) : v.toFixed(1)} ${units[u]}`;
}

/**
 * A snapshot's size as Atlas reports it: none until it does. Atlas answers 0 bytes for a queued or running snapshot,
 * which is not its size ("0 B" read as an empty snapshot).
 */
export function snapshotSize(s: Pick<AnySnapshot, 'status' | 'storageSizeBytes'>): string | undefined {
  return s.status !== 'completed' && !s.storageSizeBytes ? undefined : bytes(s.storageSizeBytes);
}

export function snapshotTypeWord(t: AnySnapshot['snapshotType']): string {
  return t === 'onDemand'
    ? 'on-demand'
    : t === 'fallback'
      ? 'fallback'
      : t === 'scheduled'
        ? 'scheduled'
        : 'unknown type';
}

export function snapshotStatusWord(s: AnySnapshot['status']): string {
  return s === 'inProgress' ? 'in progress' : (s ?? 'unknown');
}

function statusIcon(s: AnySnapshot['status']): { icon: string; color?: string } {
  switch (s) {
    case 'completed':
      return { icon: 'pass', color: 'testing.iconPassed' };
    case 'inProgress':
      return { icon: 'sync~spin' };
    case 'queued':
      return { icon: 'clock' };
    case 'failed':
      return { icon: 'error', color: 'list.errorForeground' };
    case undefined:
    default:
      return { icon: 'circle-outline' };
  }
}

function filterLabel(f: SnapshotFilter): string {
  return f === 'all' ? 'all' : f === 'onDemand' ? 'on-demand only' : `${f} only`;
}

/** Whether the project's policy is known to be in force. */
export function policyActive(p: CompliancePolicy | undefined): boolean {
  return !!p && p.state !== 'DISABLING';
}

/** How a node looks. */
export function present(node: ExplorerNode): Presentation {
  switch (node.kind) {
    case 'account': {
      const a = node.account;
      return {
        label: a.label,
        description: [a.description, a.active ? 'active' : undefined].filter(Boolean).join(' · ') || undefined,
        tooltip: lines(
          `**${md(a.label)}**`,
          a.description ? md(a.description) : undefined,
          a.source.baseUrl ? `API: ${md(a.source.baseUrl)}` : undefined,
        ),
        contextValue: ContextValues.account,
        collapsible: true,
        expanded: true,
        icon: a.active ? 'account' : 'person',
      };
    }
    case 'project': {
      const n = node.project.clusterCount;
      const ps = node.policy.state;
      const policy = ps.status === 'loaded' ? ps.value : undefined;
      const locked = policyActive(policy);
      return {
        label: node.project.name ?? node.project.id ?? 'Project',
        description:
          [n === undefined ? undefined : count(n, 'cluster'), locked ? 'compliance policy' : undefined]
            .filter(Boolean)
            .join(' · ') || undefined,
        tooltip: lines(
          `**${md(node.project.name ?? '')}**`,
          '',
          `Project id: \`${md(node.groupId)}\``,
          n !== undefined ? `Clusters: ${n}` : undefined,
          node.project.created ? `Created: ${md(utcMinute(node.project.created)!)}` : undefined,
          locked
            ? `$(lock) Backup Compliance Policy ${policy!.state === 'ACTIVE' ? 'active' : md(policy!.state ?? '')}: snapshots cannot be deleted and schedules must meet it.`
            : undefined,
          ps.status === 'failed' && ps.error instanceof AtlasApiError && ps.error.status === 403
            ? 'Backup Compliance Policy: not readable with this role (needs Project Owner).'
            : undefined,
        ),
        contextValue: policy ? ContextValues.projectPolicy : ContextValues.project,
        collapsible: true,
        icon: locked ? 'lock' : 'project',
        badge: locked ? 'lock' : undefined,
      };
    }
    case 'compliance': {
      const s = node.policy.state;
      let description: string;
      let icon = 'shield';
      let tooltip = '**Backup Compliance Policy**';
      if (s.status === 'loaded') {
        const p = s.value;
        if (!p) description = 'none';
        else {
          description = p.state === 'ACTIVE' ? 'active' : (p.state ?? 'unknown').toLowerCase();
          icon = policyActive(p) ? 'lock' : 'unlock';
          const who = [p.authorizedUserFirstName, p.authorizedUserLastName].filter(Boolean).join(' ');
          tooltip = lines(
            tooltip,
            `State: ${md(p.state ?? 'unknown')}`,
            `Authorized by ${md(who)} (${md(p.authorizedEmail ?? '')})`,
            p.updatedDate
              ? `Updated ${md(describeMoment(p.updatedDate)!)}${p.updatedUser ? ` by ${md(p.updatedUser)}` : ''}`
              : undefined,
          );
        }
      } else if (s.status === 'failed') {
        const forbidden = s.error instanceof AtlasApiError && s.error.status === 403;
        description = forbidden ? 'not readable with this role' : "couldn't load";
        icon = forbidden ? 'shield' : 'error';
        tooltip = lines(tooltip, md(s.error instanceof Error ? s.error.message : String(s.error)));
      } else description = 'loading…';
      return {
        label: 'Backup Compliance Policy',
        description,
        tooltip,
        contextValue: ContextValues.compliance,
        collapsible: true,
        icon,
      };
    }
    case 'cluster': {
      const i = node.info;
      const backup = !i.backupEnabled ? 'backup off' : i.pitEnabled ? 'continuous backup' : 'backup on';
      // The backup state first (the default sidebar width cuts the description's end off); backup on and nothing
      // scheduled is an error on the cluster itself, as in the posture report and the audit.
      const recovery = clusterRecovery(node);
      const nothing = recovery.nothingScheduled;
      const parts = [
        backup,
        nothing ? 'no scheduled snapshots' : undefined,
        node.draft ? 'draft' : undefined,
        i.instanceSize,
        i.providers.join('/'),
      ].filter(Boolean);
      const zones = i.zones.map(
        (z) =>
          `- ${md(z.zoneName ?? 'zone')}: ${md(z.providers.join('/'))} ${md(z.regions.join(', '))}${z.zoneId ? ` (zone \`${md(z.zoneId)}\`)` : ''}`,
      );
      return {
        label: i.name,
        description: parts.join(' · '),
        // Built when read (on hover): the recovery posture is computed from the loaded cells.
        get tooltip() {
          return [
            `**${md(i.name)}**`,
            '',
            `Type: ${clusterTypeLabel(i.clusterType)}`,
            `Tier: ${md(i.instanceSize ?? 'unknown')}${i.nvme ? ' (NVMe: hourly snapshots only every 12 hours)' : ''}`,
            `Cloud backup: ${i.backupEnabled ? 'on' : 'off'}`,
            `Continuous backup (point in time): ${i.pitEnabled ? 'on' : 'off'}`,
            i.stateName ? `State: ${md(i.stateName)}${i.paused ? ' (paused)' : ''}` : '',
            node.draft ? '$(edit) A draft of this schedule has changes not pushed to Atlas.' : '',
            // The blank line ends the list: without it the recovery section below rendered inside the last zone's item.
            zones.length ? `Zones:\n${zones.join('\n')}\n` : '',
            ...recoveryTooltip(recovery),
          ]
            .filter(Boolean)
            .join('  \n');
        },
        contextValue: !i.backupEnabled
          ? ContextValues.clusterBackupOff
          : i.pitEnabled
            ? node.draft
              ? ContextValues.clusterPointInTimeDraft
              : ContextValues.clusterPointInTime
            : node.draft
              ? ContextValues.clusterDraft
              : ContextValues.cluster,
        collapsible: true,
        icon: !i.backupEnabled ? 'warning' : nothing ? 'error' : i.pitEnabled ? 'history' : 'database',
        iconColor: !i.backupEnabled ? 'list.warningForeground' : nothing ? 'list.errorForeground' : undefined,
        badge: !i.backupEnabled ? 'warning' : nothing ? 'error' : undefined,
      };
    }
    case 'schedule': {
      const s = node.schedule.state;
      let description: string;
      let tooltip = '**Backup schedule**';
      // Backup on and nothing scheduled (what Delete All Backup Schedules leaves): an error, as in the posture.
      const nothing = s.status === 'loaded' && !takesScheduledSnapshots(s.value);
      if (s.status === 'loaded') {
        description = nothing ? 'no scheduled snapshots' : summarizeSchedule(s.value);
        const next = describeMoment(s.value.nextSnapshot, node.timeZone);
        tooltip = lines(
          tooltip,
          md(description),
          next ? `Next snapshot: ${md(next)}` : 'No snapshot scheduled',
          describeReferenceTime(s.value) ? `Reference time: ${describeReferenceTime(s.value)}` : undefined,
          s.value.restoreWindowDays !== undefined
            ? `Restore window: ${describeRetention(s.value.restoreWindowDays, 'days')}`
            : undefined,
          nothing
            ? '$(error) **Takes no scheduled snapshots**: backup is on, but the schedule has no policy items, so nothing new can be restored (`no-scheduled-snapshots`).'
            : undefined,
          '_Click to open the schedule._',
        );
      } else if (s.status === 'failed') {
        description = "couldn't load";
        tooltip = lines(tooltip, md(s.error instanceof Error ? s.error.message : String(s.error)));
      } else description = 'loading…';
      return {
        label: 'Backup schedule',
        description,
        tooltip,
        contextValue: node.draft ? ContextValues.scheduleDraft : ContextValues.schedule,
        collapsible: true,
        icon: nothing ? 'error' : 'calendar',
        ...(nothing ? { iconColor: 'list.errorForeground' } : {}),
        command: { id: Commands.editSchedule, title: 'Edit Backup Schedule', args: [node] },
      };
    }
    case 'snapshots': {
      const l = node.list;
      const total = l.total ?? (l.hasNext ? undefined : l.items.length);
      const parts = [
        total !== undefined
          ? `${total.toLocaleString('en-US')} total`
          : l.status === 'failed'
            ? "couldn't load"
            : l.items.length
              ? `${l.items.length.toLocaleString('en-US')}+`
              : 'loading…',
        l.filter !== 'all' ? filterLabel(l.filter) : undefined,
      ];
      return {
        label: l.sharded ? 'Snapshots (sharded cluster)' : 'Snapshots',
        description: parts.filter(Boolean).join(' · '),
        tooltip: lines(
          '**Snapshots**, newest first',
          total !== undefined ? `${total.toLocaleString('en-US')} in all` : undefined,
          `Loaded: ${l.items.length.toLocaleString('en-US')}`,
          `Showing: ${filterLabel(l.filter)}`,
        ),
        contextValue: l.filter !== 'all' ? ContextValues.snapshotsFiltered : ContextValues.snapshots,
        collapsible: true,
        icon: 'archive',
      };
    }
    case 'snapshot': {
      const s = node.snapshot;
      const st = statusIcon(s.status);
      const expires = s.expiresAt ? `expires ${utcMinute(s.expiresAt)!.slice(0, 10)}` : 'no expiry';
      const freq = s.snapshotType === 'onDemand' ? undefined : s.frequencyType;
      const timeZone = node.timeZone;
      return {
        label: utcMinute(s.createdAt) ?? s.id ?? 'snapshot',
        description: [
          snapshotTypeWord(s.snapshotType),
          freq,
          snapshotSize(s),
          s.status !== 'completed' ? snapshotStatusWord(s.status) : undefined,
          expires,
        ]
          .filter(Boolean)
          .join(' · '),
        // Built when read (on hover): a list shows thousands of these rows and local times cost to format.
        get tooltip() {
          const members = 'members' in s && s.members?.length ? s.members : undefined;
          return lines(
            `**${snapshotTypeWord(s.snapshotType)} snapshot** — ${snapshotStatusWord(s.status)}`,
            s.description ? `_${md(s.description)}_` : undefined,
            `Created: ${md(describeMoment(s.createdAt, timeZone) ?? 'unknown')}`,
            `Expires: ${s.expiresAt ? md(describeMoment(s.expiresAt, timeZone)!) : 'never (no expiry)'}`,
            freq ? `Frequency: ${freq}` : undefined,
            snapshotSize(s) ? `Size: ${snapshotSize(s)}` : undefined,
            s.mongodVersion ? `MongoDB ${md(s.mongodVersion)}` : undefined,
            members ? `Members: ${members.map((m) => md(m.replicaSetName)).join(', ')}` : undefined,
            `Id: \`${md(s.id ?? '')}\``,
          );
        },
        contextValue: s.status === 'completed' ? ContextValues.snapshot : ContextValues.snapshotPending,
        // A sharded snapshot opens onto its members (one per shard and the config server); a completed one onto its
        // Databases row too.
        collapsible: ('members' in s && !!s.members?.length) || s.status === 'completed',
        icon: st.icon,
        iconColor: st.color,
      };
    }
    case 'loadMore': {
      const l = node.list;
      return {
        label: 'Load more…',
        description: `${l.items.length.toLocaleString('en-US')}${l.total !== undefined ? ` of ${l.total.toLocaleString('en-US')}` : ''} loaded`,
        tooltip: 'Load the next page of snapshots (500 a page).',
        contextValue: ContextValues.loadMore,
        collapsible: false,
        icon: 'ellipsis',
        command: { id: Commands.loadMoreSnapshots, title: 'Load More', args: [node] },
      };
    }
    case 'legacySnapshots':
      return {
        label: 'Legacy snapshots',
        description: `deprecated${node.count !== undefined ? ` · ${node.count.toLocaleString('en-US')}` : ''}`,
        tooltip:
          'Snapshots from the **deprecated legacy backup** endpoint. Atlas no longer takes these; they are listed until they expire.',
        contextValue: ContextValues.legacySnapshots,
        collapsible: true,
        icon: 'archive',
      };
    case 'legacySnapshot': {
      const s = node.snapshot;
      const created = s.created?.date;
      return {
        label: utcMinute(created) ?? s.id ?? 'legacy snapshot',
        description: [
          s.complete === false ? 'in progress' : 'complete',
          s.incremental ? 'incremental' : 'full',
          s.doNotDelete ? 'kept until deleted' : s.expires ? `expires ${s.expires.slice(0, 10)}` : 'no expiry',
          'deprecated',
        ].join(' · '),
        tooltip: lines(
          '**Legacy snapshot** (deprecated)',
          `Created: ${md(describeMoment(created, node.timeZone) ?? 'unknown')}`,
          s.expires
            ? `Expires: ${md(describeMoment(s.expires, node.timeZone)!)}`
            : s.doNotDelete
              ? 'Kept until deleted'
              : 'No expiry',
          `Parts: ${s.parts?.length ?? 0}`,
          `Id: \`${md(s.id ?? '')}\``,
        ),
        contextValue: ContextValues.legacySnapshot,
        collapsible: (s.parts?.length ?? 0) > 0,
        icon: s.complete === false ? 'sync~spin' : 'archive',
      };
    }
    case 'exportList':
      return presentExportList(node);
    case 'detail': {
      const d = presentDetail(node.detail);
      return {
        ...d,
        tooltip: d.tooltip ?? md(d.label),
        contextValue: `${ContextValues.detail}.${node.role}`,
        collapsible: false,
      };
    }
    case 'restores':
    case 'restoreJob':
    case 'restoreLink':
      return presentRestoreRow(node);
    case 'snapshotDatabases':
    case 'snapshotDatabase':
    case 'snapshotCollection':
    case 'flexCluster':
    case 'flexSnapshot':
      return presentContentsRow(node);
    case 'loading':
      return { label: 'Loading…', contextValue: ContextValues.loading, collapsible: false, icon: 'loading~spin' };
    case 'empty':
      return { label: node.message, contextValue: ContextValues.empty, collapsible: false, icon: 'info' };
    case 'error': {
      const e = node.error;
      const auth = e instanceof AtlasAuthError;
      const short =
        e instanceof AtlasApiError ? (e.detail ?? e.reason ?? e.message) : e instanceof Error ? e.message : String(e);
      const full = e instanceof Error ? e.message : String(e);
      const hint = e instanceof AtlasApiError && e.hint ? e.hint : undefined;
      return {
        label: `Couldn't load ${node.what}`,
        description: short,
        tooltip: [
          md(full),
          hint && hint !== full ? md(hint) : '',
          auth ? '_Click to sign in again._' : '_Click to retry._',
        ]
          .filter(Boolean)
          .join('\n\n'),
        contextValue: ContextValues.error,
        collapsible: false,
        icon: 'error',
        iconColor: 'list.errorForeground',
        command: auth
          ? { id: Commands.signIn, title: 'Sign In', args: [] }
          : { id: Commands.retry, title: 'Retry', args: [node] },
      };
    }
  }
}

function clusterTypeLabel(t: string | undefined): string {
  switch (t) {
    case 'REPLICASET':
      return 'replica set';
    case 'SHARDED':
      return 'sharded cluster';
    case 'GEOSHARDED':
      return 'global cluster';
    case undefined:
    default:
      return md(t ?? 'unknown');
  }
}

/** What Copy ID copies: the Atlas id of what the row shows; undefined for rows without one. */
export function idOf(node: ExplorerNode): string | undefined {
  switch (node.kind) {
    case 'account':
      return node.accountId;
    case 'project':
    case 'compliance':
      return node.groupId;
    case 'cluster':
      return node.cluster.id ?? node.clusterName;
    case 'schedule':
      return node.schedule.state.status === 'loaded'
        ? (node.schedule.state.value.clusterId ?? node.schedule.state.value.policies?.[0]?.id)
        : undefined;
    case 'snapshot':
    case 'legacySnapshot':
      return node.snapshot.id;
    case 'detail':
      return node.copyId;
    case 'restoreJob':
      return node.job.id;
    case 'flexCluster':
      return node.flex.id ?? node.clusterName;
    case 'flexSnapshot':
      return node.snapshot.id;
    case 'snapshotDatabases':
      return node.snapshotId;
    case 'snapshotDatabase':
      return node.databaseName;
    case 'snapshotCollection':
      return `${node.databaseName}.${node.collectionName}`;
    case 'restores':
    case 'restoreLink':
    case 'snapshots':
    case 'loadMore':
    case 'legacySnapshots':
    case 'exportList':
    case 'loading':
    case 'error':
    case 'empty':
      return undefined;
  }
}

/** What Show JSON shows: the document Atlas returned for the row; undefined for rows without one. */
export function jsonOf(node: ExplorerNode): unknown {
  switch (node.kind) {
    case 'project':
      return node.project;
    case 'compliance':
      return node.policy.state.status === 'loaded' ? (node.policy.state.value ?? {}) : undefined;
    case 'cluster':
      return node.cluster;
    case 'schedule':
      return node.schedule.state.status === 'loaded' ? node.schedule.state.value : undefined;
    case 'snapshot':
    case 'legacySnapshot':
      return node.snapshot;
    case 'detail':
      return node.json;
    case 'restoreJob':
      return node.other?.document ?? node.job;
    case 'flexCluster':
      return node.flex;
    case 'flexSnapshot':
      return node.snapshot;
    case 'error':
      return node.error instanceof AtlasApiError
        ? {
            status: node.error.status,
            errorCode: node.error.errorCode,
            detail: node.error.detail,
            reason: node.error.reason,
            method: node.error.method,
            path: node.error.path,
          }
        : undefined;
    case 'account':
    case 'restores':
    case 'restoreLink':
    case 'snapshots':
    case 'loadMore':
    case 'legacySnapshots':
    case 'exportList':
    case 'snapshotDatabases':
    case 'snapshotDatabase':
    case 'snapshotCollection':
    case 'loading':
    case 'empty':
      return undefined;
  }
}

/**
 * The Atlas UI page for a row, from the API base URL (the UI and the API share the origin on cloud.mongodb.com):
 * the project's clusters, a cluster's overview, its Backup page, or the project settings where the policy lives.
 */
export function atlasUrl(node: ExplorerNode, baseUrl: string | undefined): string | undefined {
  if (!baseUrl) return undefined;
  let origin: string;
  try {
    const u = new URL(baseUrl);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined;
    origin = u.origin;
  } catch {
    return undefined;
  }
  const g = 'groupId' in node && node.groupId ? encodeURIComponent(node.groupId) : undefined;
  const c = 'clusterName' in node && node.clusterName ? encodeURIComponent(node.clusterName) : undefined;
  if (!g) return node.kind === 'account' ? `${origin}/v2#/preferences/organizations` : undefined;
  switch (node.kind) {
    case 'project':
      return `${origin}/v2/${g}#/clusters`;
    case 'compliance':
      return `${origin}/v2/${g}#/settings/groupSettings`;
    case 'cluster':
    case 'flexCluster':
      return `${origin}/v2/${g}#/clusters/detail/${c}`;
    case 'snapshotDatabases':
    case 'snapshotDatabase':
    case 'snapshotCollection':
    case 'flexSnapshot':
    case 'account':
    case 'restores':
    case 'restoreJob':
    case 'restoreLink':
    case 'schedule':
    case 'snapshots':
    case 'snapshot':
    case 'loadMore':
    case 'legacySnapshots':
    case 'legacySnapshot':
    case 'exportList':
    case 'detail':
    case 'loading':
    case 'error':
    case 'empty':
      if (c) return `${origin}/v2/${g}#/clusters/backup/${c}`;
      return `${origin}/v2/${g}#/clusters`;
  }
}

/** A row of words: its label, description, icon and tooltip (Markdown, every Atlas text escaped). */
function presentDetail(d: Detail): {
  label: string;
  description?: string;
  icon: string;
  iconColor?: string;
  tooltip?: string;
} {
  switch (d.fact) {
    case 'exportBucket':
      return presentExportBucket(d.bucket, d.roles);
    case 'exportJob':
      return presentExportJob(d.job, d.bucketName, d.snapshotAt);
    case 'policyDenied':
      return {
        label: 'Not readable with this role',
        description: reasonOf(d.error),
        icon: 'shield',
        tooltip: `${md(reasonOf(d.error))}\n\nReading the Backup Compliance Policy needs the **Project Owner** role.`,
      };
    case 'policyState': {
      const p = d.policy;
      return {
        label: `State: ${policyStateWord(p.state)}`,
        description: p.updatedDate ? `since ${p.updatedDate.slice(0, 10)}` : undefined,
        icon: p.state === 'ACTIVE' ? 'lock' : 'unlock',
        tooltip: p.updatedUser
          ? `Last changed by ${md(p.updatedUser)}${p.updatedDate ? ` on ${md(describeMoment(p.updatedDate)!)}` : ''}`
          : undefined,
      };
    }
    case 'policyAuthorized': {
      const p = d.policy;
      const who = [p.authorizedUserFirstName, p.authorizedUserLastName].filter(Boolean).join(' ');
      return {
        label: `Authorized by ${who || p.authorizedEmail || 'unknown'}`,
        description: p.authorizedEmail,
        icon: 'person',
        tooltip: `Authorized by ${md(who)} <${md(p.authorizedEmail ?? '')}>${p.updatedDate ? `  \nPolicy updated ${md(describeMoment(p.updatedDate)!)}` : ''}`,
      };
    }
    case 'policyItem':
    case 'policyOnDemand': {
      const [words] =
        d.fact === 'policyItem'
          ? describeComplianceItems({ scheduledPolicyItems: [d.item] })
          : describeComplianceItems({ onDemandPolicyItem: d.item });
      return {
        label: words,
        icon: d.fact === 'policyItem' ? 'calendar' : 'device-camera',
        tooltip: `Required by the policy: ${md(words)}`,
      };
    }
    case 'policyRestoreWindow':
      return { label: `Restore window: ${describeRetention(d.days, 'days')}`, icon: 'history' };
    case 'policyFlag':
      switch (d.flag) {
        case 'pit':
          return { label: `Point-in-time restore required: ${yesNo(d.on)}`, icon: 'history' };
        case 'copyProtection':
          return {
            label: `Copy protection: ${yesNo(d.on)}`,
            icon: 'shield',
            tooltip: 'When on, copied snapshots in other regions cannot be deleted, even if those regions are removed.',
          };
        case 'encryption':
          return { label: `Encryption at rest with your own keys required: ${yesNo(d.on)}`, icon: 'key' };
      }
      break;
    case 'policyDeletable':
      return {
        label: d.deletable
          ? 'Can be disabled (approved by MongoDB Support)'
          : 'Cannot be disabled without MongoDB Support',
        icon: 'info',
      };
    case 'backupOff':
      return {
        label: 'Cloud backup is off',
        description: 'no schedule',
        icon: 'warning',
        tooltip:
          'This cluster takes no scheduled snapshots. Snapshots taken before backup was turned off are listed while they are kept.',
      };
    case 'scheduleItem': {
      const words = describeItem(d.item);
      return {
        label: words,
        description: d.item.frequencyType,
        icon: 'calendar',
        tooltip: `${md(words)}${d.item.id ? `  \nItem id: \`${md(d.item.id)}\`` : ''}`,
      };
    }
    case 'noItems':
      return { label: 'No policy items: no scheduled snapshots', icon: 'warning' };
    case 'restoreWindow':
      return { label: `Restore window: ${describeRetention(d.days, 'days')}`, icon: 'history' };
    case 'copySetting': {
      const words = describeCopySetting(d.copy);
      return {
        label: `Copy to ${words}`,
        icon: 'copy',
        tooltip: `Snapshots copied to ${md(words)}${d.copy.zoneId ? `  \nZone: \`${md(d.copy.zoneId)}\`` : ''}`,
      };
    }
    case 'export': {
      const words = describeExport(d.schedule) ?? 'export';
      return { label: words[0].toUpperCase() + words.slice(1), icon: 'cloud-upload', tooltip: md(words) };
    }
    case 'shardMember': {
      const m = d.member;
      const name = m.replicaSetName ?? `member ${d.index + 1}`;
      return {
        label: name,
        description: [m.cloudProvider, m.id].filter(Boolean).join(' · '),
        icon: 'server',
        tooltip: lines(
          `**${md(name)}**: this shard's part of the sharded snapshot`,
          m.cloudProvider && `Provider: ${md(m.cloudProvider)}`,
          m.id && `Id: \`${md(m.id)}\``,
        ),
      };
    }
    case 'legacyPart': {
      const part = d.part;
      return {
        label: part.replicaSetName ?? part.typeName ?? `part ${d.index + 1}`,
        description: [partType(part.typeName), bytes(part.storageSizeBytes), part.mongodVersion]
          .filter(Boolean)
          .join(' · '),
        icon: 'file-binary',
        tooltip: lines(
          `**${md(part.replicaSetName ?? `part ${d.index + 1}`)}**`,
          part.typeName && `Type: ${md(partType(part.typeName) ?? part.typeName)}`,
          part.completedTime && `Completed: ${md(utcMinute(part.completedTime)!)}`,
          part.storageSizeBytes !== undefined && `Storage: ${bytes(part.storageSizeBytes)}`,
          part.dataSizeBytes !== undefined && `Data: ${bytes(part.dataSizeBytes)}`,
          part.compressionSetting && `Compression: ${md(part.compressionSetting)}`,
          part.encryptionEnabled !== undefined && `Encrypted: ${yesNo(part.encryptionEnabled)}`,
        ),
      };
    }
  }
  return { label: '', icon: 'info' };
}

function reasonOf(e: unknown): string {
  if (e instanceof AtlasApiError) return e.detail ?? e.reason ?? e.message;
  return e instanceof Error ? e.message : String(e);
}

function policyStateWord(s: CompliancePolicy['state']): string {
  switch (s) {
    case 'ACTIVE':
      return 'active';
    case 'ENABLING':
      return 'being enabled';
    case 'UPDATING':
      return 'being updated';
    case 'DISABLING':
      return 'being disabled';
    case undefined:
    default:
      return 'unknown';
  }
}

function yesNo(b: boolean | undefined): string {
  return b ? 'yes' : 'no';
}

function partType(t: string | undefined): string | undefined {
  switch (t) {
    case 'REPLICA_SET':
      return 'replica set';
    case 'CONFIG_SERVER':
      return 'config server';
    case 'CONFIG_SERVER_REPLICA_SET':
      return 'config server replica set';
    case 'CONFIG_SHARD_REPLICA_SET':
      return 'config shard replica set';
    case undefined:
    default:
      return t;
  }
}
