// Restore…, Download Snapshot…, Restore to a Point in Time…, Cancel Restore, Copy Link, Show Restore History and Run
// Restore Drill…. Every decision is the core's (src/core/restore): this file gathers the facts from Atlas, shows the
// plan as a read-only Markdown preview, asks for the typed target name, sends the one create (never retried) and
// hands the job to the watcher. A failed check refuses before any request.
import * as vscode from 'vscode';
import { originOf } from '../../core/accounts';
import type { describeWriteFailure } from '../../core/atlas/errors';
import type { AtlasClient, RestoreJob } from '../../core/atlas';
import { escapeIcons } from '../../core/common/markdown';
import {
  buildDrillReport,
  buildRestorePlan,
  completedSpan,
  describeWindow,
  durationWords,
  drillReportMarkdown,
  epochSecondsOf,
  listSourceSnapshots,
  newestCompletedSnapshot,
  parsePointInTimeInput,
  projectSnapshotRestoreJob,
  rankRestoreTargets,
  restorableWindow,
  restoreClusterFacts,
  restoreHistoryMarkdown,
  restorePlanMarkdown,
  restoreRequestFor,
  type NamespaceKind,
  type PointInTime,
  type RestoreClusterFacts,
  type RestoreHistory,
  type RestoreHistoryEntry,
  type RestorePlan,
  type RestoreSnapshotFacts,
  type RestoreTargetChoice,
} from '../../core/restore';
import type { TargetPlan } from '../../core/restore/restoreTargets';
import { offsetText, formatTime } from '../../core/time/formatTime';
import type { ExplorerModel, ExplorerNode } from '../../core/tree/explorerModel';
import { projectionOf } from '../../core/tree/restoreRows';
import type { Logger } from '../common/logger';
import type { GetClient } from '../tree/nodeCommands';
import type { CollectionRestoreCommands, CollectionRunResult } from './collectionRestoreCommands';
import type { RestoreDocuments } from './restoreDocuments';
import type { RestoreWatcher, WatchOutcome } from './restoreWatcher';

/**
 * Why the source is not offered as a target here. The plan's reason ("say so explicitly to allow it") names a way the
 * CLI has (--overwrite-source) and this editor does not, so the editor says what to do instead.
 */
const ONTO_SOURCE =
  'it is the source itself, and this editor does not restore a cluster onto itself (its data would be replaced by its own backup); restore onto another cluster, or use the CLI with --overwrite-source';

export interface RestoreDeps {
  explorer: ExplorerModel;
  getClient: GetClient;
  logger: Logger;
  history: RestoreHistory;
  documents: RestoreDocuments;
  watcher: RestoreWatcher;
  /** The origins of the signed-in accounts (Show Restore History). */
  origins(): string[];
  /** The extension bundle's (this one's error classes are not the client's): see restoreBundle.ts. */
  describeWriteFailure: typeof describeWriteFailure;
  statusOf(e: unknown): number | undefined;
}

/** Options the integration tests pass (a shorter first look); people never see them. */
export interface RestoreRunOptions {
  firstDelayMs?: number;
}

/** What a command did, for its caller (tests, the posture report): a started restore carries its watch. */
export interface RestoreRunResult {
  outcome: 'started' | 'refused' | 'aborted' | 'failed';
  jobId?: string;
  /** Resolves when the watch ends (the restore ended, or nobody watches any more). */
  done?: Promise<WatchOutcome>;
  plan?: RestorePlan;
}

interface ClusterRef {
  accountId: string;
  groupId: string;
  clusterName: string;
}

const ABORTED: RestoreRunResult = { outcome: 'aborted' };

export type PointInTimeScope = 'cluster' | NamespaceKind;

/** What to restore to the point in time: the whole cluster, or databases or collections copied onto a cluster. */
async function pickPointInTimeScope(clusterName: string, pit: PointInTime): Promise<PointInTimeScope | undefined> {
  const at = formatTime(epochSecondsOf(pit) * 1000, { seconds: true, local: true });
  const items: (vscode.QuickPickItem & { scope: PointInTimeScope })[] = [
    {
      label: 'The whole cluster',
      detail: 'Every database on the target is deleted and replaced; the target is unavailable until the restore ends.',
      scope: 'cluster',
    },
    {
      label: 'Databases…',
      detail: 'Copied onto a cluster as they were then; the rest of the target stays online and unchanged.',
      scope: 'database',
    },
    {
      label: 'Collections…',
      detail: 'Copied onto a cluster as they were then; the rest of the target stays online and unchanged.',
      scope: 'collection',
    },
  ];
  const pick = await vscode.window.showQuickPick(items, {
    title: `Restore ${escapeIcons(clusterName)} as of ${at}: what?`,
    placeHolder: 'The whole cluster, or some of its databases or collections',
    ignoreFocusOut: true,
  });
  return pick?.scope;
}

/** A cluster row, any row below one, or `{ groupId, clusterName, accountId? }` (the posture report's call). */
function clusterRefOf(arg: unknown, fallbackAccount: string): ClusterRef | undefined {
  if (!arg || typeof arg !== 'object') return undefined;
  const a = arg as { groupId?: unknown; clusterName?: unknown; accountId?: unknown };
  if (typeof a.groupId !== 'string' || typeof a.clusterName !== 'string' || !a.groupId || !a.clusterName)
    return undefined;
  return {
    accountId: typeof a.accountId === 'string' && a.accountId ? a.accountId : fallbackAccount,
    groupId: a.groupId,
    clusterName: a.clusterName,
  };
}

export class RestoreCommands {
  constructor(private readonly deps: RestoreDeps) {}

  // clientFor, sourceFacts, allClusters, pickTarget, confirmTyped and snapshotFacts are shared with the collection
  // and Flex restores (collectionRestoreCommands.ts, flexRestoreCommands.ts).
  clientFor(accountId: string): AtlasClient | undefined {
    const c = this.deps.getClient(accountId);
    if (!c) void vscode.window.showWarningMessage('Sign in to MongoDB Atlas first.');
    return c;
  }

  private projectName(ref: ClusterRef): string | undefined {
    const p = this.deps.explorer.node(this.deps.explorer.projectId(ref.accountId, ref.groupId));
    return p?.kind === 'project' ? p.project.name : undefined;
  }

  async sourceFacts(client: AtlasClient, ref: ClusterRef): Promise<RestoreClusterFacts> {
    return restoreClusterFacts(await client.getCluster(ref.groupId, ref.clusterName), {
      groupId: ref.groupId,
      projectName: this.projectName(ref),
    });
  }

  /** Every cluster in every project the account can see, as the plan's facts. */
  async allClusters(client: AtlasClient): Promise<RestoreClusterFacts[]> {
    const out: RestoreClusterFacts[] = [];
    for await (const p of client.listProjects({ itemsPerPage: 500 })) {
      if (!p.id) continue;
      for await (const c of client.listClusters(p.id, { itemsPerPage: 500 }))
        if (c.name) out.push(restoreClusterFacts(c, { groupId: p.id, projectName: p.name }));
    }
    return out;
  }

  /** Asks for a cluster when a palette command ran without a row. */
  private async pickCluster(title: string, accountId: string): Promise<ClusterRef | undefined> {
    const client = this.clientFor(accountId);
    if (!client) return undefined;
    const items = this.allClusters(client).then((all) =>
      all.map((f) => ({
        // "project / cluster", as Edit Backup Schedule's pick: typing either finds it.
        label: `${escapeIcons(f.projectName ?? f.groupId)} / ${escapeIcons(f.name)}`,
        ref: { accountId, groupId: f.groupId, clusterName: f.name },
      })),
    );
    const pick = await vscode.window.showQuickPick(items, {
      title,
      placeHolder: 'Type a cluster or project name',
    });
    return pick?.ref;
  }

  /**
   * The target: every cluster the account can see, compatible ones first, the others with the failed check's reason.
   * Picking one of those refuses, saying why; nothing is sent.
   */
  async pickTarget<P extends TargetPlan = RestorePlan>(
    client: AtlasClient,
    title: string,
    source: RestoreClusterFacts,
    planFor: (t: RestoreClusterFacts) => P,
    o: {
      excludeSource?: boolean;
      placeHolder?: string;
      allowIncompatible?: boolean;
      /** A drill's scratch cluster: other projects first, the source's own project last and said so. */
      scratch?: boolean;
      /** Where the candidates come from (default: every dedicated cluster the account can see). */
      candidates?: () => Promise<RestoreClusterFacts[]>;
    } = {},
  ): Promise<RestoreTargetChoice<P> | undefined> {
    type Item = vscode.QuickPickItem & { choice?: RestoreTargetChoice<P> };
    const items: Promise<Item[]> = (o.candidates ? o.candidates() : this.allClusters(client)).then((all) => {
      const candidates = o.excludeSource
        ? all.filter((c) => !(c.groupId === source.groupId && c.name === source.name))
        : all;
      const ranked = rankRestoreTargets(source, candidates, planFor, { sourceProjectLast: o.scratch });
      const isSource = (t: RestoreClusterFacts) => t.groupId === source.groupId && t.name === source.name;
      const out: Item[] = [];
      const firstBad = ranked.findIndex((c) => !c.compatible);
      ranked.forEach((choice, i) => {
        if (i === 0 && choice.compatible) out.push({ label: 'Compatible', kind: vscode.QuickPickItemKind.Separator });
        if (i === firstBad) out.push({ label: 'Cannot be restored onto', kind: vscode.QuickPickItemKind.Separator });
        const t = choice.target;
        out.push({
          label: escapeIcons(t.name),
          description: escapeIcons(
            [
              t.projectName ?? t.groupId,
              t.tier,
              t.mongoDBVersion ? `MongoDB ${t.mongoDBVersion}` : undefined,
              o.scratch && t.groupId === source.groupId ? 'same project as the source' : undefined,
            ]
              .filter(Boolean)
              .join(' · '),
          ),
          detail: choice.compatible
            ? '$(pass) every check passed'
            : `$(error) ${isSource(t) ? ONTO_SOURCE : escapeIcons(choice.reason ?? '')}`,
          choice,
        });
      });
      return out;
    });
    const pick = await vscode.window.showQuickPick(items, {
      title,
      placeHolder:
        o.placeHolder ?? 'The cluster to restore onto: its data is deleted and replaced. Compatible clusters first.',
      matchOnDescription: true,
      ignoreFocusOut: true,
    });
    if (!pick?.choice) return undefined;
    if (!pick.choice.compatible && !o.allowIncompatible) {
      const t = pick.choice.target;
      void vscode.window.showWarningMessage(
        t.groupId === source.groupId && t.name === source.name
          ? `${t.name} cannot be restored onto: ${ONTO_SOURCE}. Nothing was sent.`
          : `${t.name} cannot be restored onto: ${pick.choice.reason ?? ''} Nothing was sent.`,
      );
      return undefined;
    }
    return pick.choice;
  }

  /** Shows the plan; refuses (nothing sent) when a check failed. */
  async showPlan(plan: RestorePlan, name: string): Promise<boolean> {
    await this.deps.documents.show(name, restorePlanMarkdown(plan));
    if (plan.ok) return true;
    const failed = plan.checks.filter((c) => !c.passed);
    void vscode.window.showWarningMessage(
      `Refused, nothing was sent: ${failed.map((c) => `${c.id}: ${c.reason}`).join(' ')}`,
    );
    return false;
  }

  /** The target's name, typed. */
  async confirmTyped(title: string, target: string, what?: string): Promise<boolean> {
    const typed = await vscode.window.showInputBox({
      title,
      prompt: `${what ?? `Every database on ${target} is deleted and replaced.`} Type ${target} to start the restore.`,
      placeHolder: target,
      validateInput: (v) =>
        v === target ? undefined : `Type ${target} (the target cluster's name, exactly) to confirm.`,
      ignoreFocusOut: true,
    });
    return typed === target;
  }

  /** Sends the one create (never retried) and records it; undefined when it failed (the person was told). */
  private async start(
    client: AtlasClient,
    ref: ClusterRef,
    plan: RestorePlan,
    drill: boolean,
  ): Promise<{ entry: RestoreHistoryEntry; job: RestoreJob } | undefined> {
    const origin = originOf(client.baseUrl) ?? client.baseUrl;
    const at = new Date().toISOString();
    const base = {
      at,
      origin,
      ...(ref.accountId ? { accountId: ref.accountId } : {}),
      groupId: ref.groupId,
      clusterName: ref.clusterName,
      kind: plan.kind,
      drill,
      plan,
    };
    let job: RestoreJob;
    try {
      job = await client.createRestoreJob(ref.groupId, ref.clusterName, restoreRequestFor(plan));
    } catch (e) {
      const f = this.deps.describeWriteFailure(e, {
        what: `the start of the restore of ${ref.clusterName}`,
        look: `open ${ref.clusterName}'s Restores row`,
      });
      this.deps.logger.error(`Restore of ${ref.clusterName} not started`, e);
      if (f.mayHaveReached)
        await this.deps.history.record({ ...base, id: `unsent-${at}`, outcome: 'unknown' }).catch(() => undefined);
      void vscode.window.showErrorMessage(f.message);
      return undefined;
    }
    const entry = await this.deps.history.record({ ...base, id: job.id ?? `unknown-${at}`, outcome: 'in-progress' });
    this.deps.logger.info(`Restore job ${entry.id} of ${ref.clusterName} started (${plan.kind}).`);
    return { entry, job };
  }

  private watch(
    ref: ClusterRef,
    started: { entry: RestoreHistoryEntry; job: RestoreJob },
    title: string,
    o: RestoreRunOptions,
  ) {
    const request = { accountId: ref.accountId, ...started, title, firstDelayMs: o.firstDelayMs };
    return this.deps.watcher.watch(request).then((outcome) => {
      this.deps.watcher.tell(request, outcome);
      return outcome;
    });
  }

  /** The snapshot row's snapshot, or one picked from the palette. */
  private async snapshotOf(
    node: unknown,
    title: string,
  ): Promise<{ ref: ClusterRef; snapshot: RestoreSnapshotFacts } | undefined> {
    const n = node as ExplorerNode | undefined;
    if (n?.kind === 'snapshot') return { ref: n, snapshot: n.snapshot };
    const ref = await this.pickCluster(title, 'default');
    if (!ref) return undefined;
    const client = this.clientFor(ref.accountId);
    if (!client) return undefined;
    const source = await this.sourceFacts(client, ref);
    const snapshots = listSourceSnapshots(client, source).then((all) =>
      all
        .filter((s) => s.status === 'completed' && s.id)
        .sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''))
        .map((s) => ({
          label: s.createdAt ? formatTime(s.createdAt) : (s.id ?? ''),
          description: escapeIcons([s.snapshotType, s.frequencyType, s.id].filter(Boolean).join(' · ')),
          snapshot: s,
        })),
    );
    const pick = await vscode.window.showQuickPick(snapshots, { title, placeHolder: 'The snapshot (completed ones)' });
    return pick ? { ref, snapshot: pick.snapshot } : undefined;
  }

  async restoreSnapshot(node?: unknown, o: RestoreRunOptions = {}): Promise<RestoreRunResult> {
    const title = 'Restore snapshot';
    const chosen = await this.snapshotOf(node, title);
    if (!chosen) return ABORTED;
    const { ref, snapshot } = chosen;
    const client = this.clientFor(ref.accountId);
    if (!client) return ABORTED;
    const source = await this.sourceFacts(client, ref);
    const planFor = (target: RestoreClusterFacts) =>
      buildRestorePlan({ kind: 'automated', source, snapshot, target, nowMs: Date.now() });
    const choice = await this.pickTarget(
      client,
      `${title} of ${ref.clusterName}: onto which cluster?`,
      source,
      planFor,
    );
    if (!choice) return ABORTED;
    const plan = planFor(choice.target); // the facts as of now
    if (!(await this.showPlan(plan, `Restore plan: ${ref.clusterName} onto ${choice.target.name}`)))
      return { outcome: 'refused', plan };
    if (!(await this.confirmTyped(`${title} onto ${choice.target.name}`, choice.target.name))) return ABORTED;
    const started = await this.start(client, ref, plan, false);
    if (!started) return { outcome: 'failed', plan };
    const done = this.watch(ref, started, `Restore of ${ref.clusterName} onto ${choice.target.name}`, o);
    return { outcome: 'started', jobId: started.entry.id, done, plan };
  }

  async downloadSnapshot(node?: unknown, o: RestoreRunOptions = {}): Promise<RestoreRunResult> {
    const chosen = await this.snapshotOf(node, 'Download snapshot');
    if (!chosen) return ABORTED;
    const { ref, snapshot } = chosen;
    const client = this.clientFor(ref.accountId);
    if (!client) return ABORTED;
    const source = await this.sourceFacts(client, ref);
    const plan = buildRestorePlan({ kind: 'download', source, snapshot, nowMs: Date.now() });
    if (!plan.ok) {
      void vscode.window.showWarningMessage(
        `Refused, nothing was sent: ${plan.checks
          .filter((c) => !c.passed)
          .map((c) => c.reason)
          .join(' ')}`,
      );
      return { outcome: 'refused', plan };
    }
    const taken = snapshot.createdAt ? ` taken ${formatTime(snapshot.createdAt, { local: true })}` : '';
    const go = await vscode.window.showWarningMessage(
      `Download the snapshot of ${ref.clusterName}${taken}?`,
      {
        modal: true,
        detail: `Atlas prepares the snapshot as files and gives a download link${source.topology.kind === 'sharded' ? ' per shard' : ''}; the links work for a limited time (an hour). No cluster changes.`,
      },
      'Download',
    );
    if (go !== 'Download') return ABORTED;
    const started = await this.start(client, ref, plan, false);
    if (!started) return { outcome: 'failed', plan };
    const done = this.watch(ref, started, `Download of ${ref.clusterName}'s snapshot`, o);
    return { outcome: 'started', jobId: started.entry.id, done, plan };
  }

  /** Set by the feature: Restore to a Point in Time… of some databases or collections (collectionRestoreCommands.ts). */
  namespacesAtPointInTime?: CollectionRestoreCommands['restoreAtPointInTime'];

  /**
   * Restore to a Point in Time… on a cluster with continuous backup: the time (the window shown), then the whole
   * cluster or some databases or collections (`o.what` answers that pick for tests and callers that know).
   */
  async restorePointInTime(
    arg?: unknown,
    o: RestoreRunOptions & { text?: string; what?: PointInTimeScope } = {},
  ): Promise<RestoreRunResult | CollectionRunResult> {
    const title = 'Restore to a point in time';
    const n = arg as ExplorerNode | undefined;
    const ref = clusterRefOf(n?.kind === 'cluster' ? n : arg, 'default') ?? (await this.pickCluster(title, 'default'));
    if (!ref) return ABORTED;
    const client = this.clientFor(ref.accountId);
    if (!client) return ABORTED;
    let source = await this.sourceFacts(client, ref);
    if (!source.continuousBackup) {
      void vscode.window.showWarningMessage(
        `${ref.clusterName} has no continuous cloud backup, so it cannot be restored to a point in time; restore one of its snapshots instead (Restore… on a snapshot row). Nothing was sent.`,
      );
      return { outcome: 'refused' };
    }
    const schedule = await client.getBackupSchedule(ref.groupId, ref.clusterName);
    source = { ...source, restoreWindowDays: schedule.restoreWindowDays };
    const snapshots = await listSourceSnapshots(client, source);
    const span = completedSpan(snapshots);
    const window = restorableWindow({
      continuous: true,
      restoreWindowDays: source.restoreWindowDays,
      completed: span,
      nowMs: Date.now(),
    });
    if (!window) {
      void vscode.window.showWarningMessage(
        `${ref.clusterName} has no completed snapshot yet, so there is no restorable window. Nothing was sent.`,
      );
      return { outcome: 'refused' };
    }
    const zone = `UTC${offsetText(-new Date().getTimezoneOffset())}`;
    const read = (v: string) => parsePointInTimeInput(v);
    const text =
      o.text ??
      (await vscode.window.showInputBox({
        title: `${title}: ${ref.clusterName}`,
        prompt: `Restorable window ${describeWindow(window)}. A date-time with Z or an offset, epoch seconds, or an oplog ts:inc; a date-time without a zone is read in this machine's zone (${zone}).`,
        placeHolder: '2026-11-20 10:30 (local), 2026-11-20T09:30:00Z, 1795000000 or 1795000000:1',
        validateInput: (v) => {
          const r = read(v);
          if (!r.result.ok) return r.result.error;
          const ms = (r.result.value.kind === 'seconds' ? r.result.value.epochSeconds : r.result.value.ts) * 1000;
          if (ms < window.fromMs || ms > Date.now())
            return `Point in time ${formatTime(ms, { seconds: true })} is outside the restorable window ${describeWindow(window)}.`;
          return {
            message: `Restores to ${formatTime(ms, { seconds: true, local: true })}${r.local ? " (read in this machine's zone)" : ''}`,
            severity: vscode.InputBoxValidationSeverity.Info,
          };
        },
        ignoreFocusOut: true,
      }));
    if (text === undefined) return ABORTED;
    const parsed = read(text).result;
    if (!parsed.ok) {
      void vscode.window.showWarningMessage(parsed.error);
      return { outcome: 'refused' };
    }
    const pointInTime: PointInTime = parsed.value;
    // The whole cluster, or (a logical copy that leaves the rest of the target alone) some databases or collections.
    const what = o.what ?? (await pickPointInTimeScope(ref.clusterName, pointInTime));
    if (!what) return ABORTED;
    if (what !== 'cluster') {
      if (!this.namespacesAtPointInTime) return ABORTED;
      return this.namespacesAtPointInTime(what, { ref, client, source, pointInTime, snapshots }, o);
    }
    const planFor = (target: RestoreClusterFacts) =>
      buildRestorePlan({ kind: 'pointInTime', source, target, pointInTime, sourceSnapshots: span, nowMs: Date.now() });
    const choice = await this.pickTarget(client, `${title}: ${ref.clusterName} onto which cluster?`, source, planFor);
    if (!choice) return ABORTED;
    const plan = planFor(choice.target);
    if (!(await this.showPlan(plan, `Restore plan: ${ref.clusterName} at a point in time onto ${choice.target.name}`)))
      return { outcome: 'refused', plan };
    if (!(await this.confirmTyped(`${title} onto ${choice.target.name}`, choice.target.name))) return ABORTED;
    const started = await this.start(client, ref, plan, false);
    if (!started) return { outcome: 'failed', plan };
    const done = this.watch(ref, started, `Point-in-time restore of ${ref.clusterName} onto ${choice.target.name}`, o);
    return { outcome: 'started', jobId: started.entry.id, done, plan };
  }

  /** Cancel Restore on a running snapshot restore job: asks first; a 405 says it cannot be cancelled. */
  async cancelRestore(node?: ExplorerNode): Promise<boolean> {
    if (node?.kind !== 'restoreJob' || !node.job.id) return false;
    const client = this.clientFor(node.accountId);
    if (!client) return false;
    const p = projectSnapshotRestoreJob(node.job);
    const what = p.targetClusterName
      ? `the restore of ${node.clusterName} onto ${p.targetClusterName}`
      : `the download of ${node.clusterName}'s snapshot`;
    // The modal's own "Cancel" beside "Cancel Restore" read as two ways to cancel the restore: the close button says
    // what it does instead.
    const cancelIt: vscode.MessageItem = { title: 'Cancel Restore' };
    const keep: vscode.MessageItem = { title: 'Keep Running', isCloseAffordance: true };
    const go = await vscode.window.showWarningMessage(
      `Cancel ${what}?`,
      {
        modal: true,
        detail: p.targetClusterName
          ? `${p.targetClusterName} may be left with partial data. Restore job ${p.id}.`
          : `The download links stop working. Restore job ${p.id}.`,
      },
      cancelIt,
      keep,
    );
    if (go !== cancelIt) return false;
    const origin = originOf(client.baseUrl) ?? client.baseUrl;
    try {
      await client.cancelRestoreJob(node.groupId, node.clusterName, node.job.id);
    } catch (e) {
      if (this.deps.statusOf(e) === 405) {
        void vscode.window.showWarningMessage(
          `Atlas says restore job ${p.id} cannot be cancelled (405: ${e instanceof Error ? e.message : 'Method Not Allowed'}); it goes on.`,
        );
      } else {
        this.deps.logger.error(`Cancel of restore job ${p.id} failed`, e);
        void vscode.window.showErrorMessage(
          this.deps.describeWriteFailure(e, {
            what: `the cancel of restore job ${p.id}`,
            look: `refresh ${node.clusterName}'s Restores row`,
          }).message,
        );
      }
      this.refreshRestores(node);
      return false;
    }
    await this.deps.history.update(origin, node.job.id, { outcome: 'cancelled' }).catch(() => undefined);
    // A watched restore is looked at now, and its watch says it was cancelled; else say it here.
    if (!this.deps.watcher.lookNow(node.job.id)) void vscode.window.showInformationMessage(`Cancelled ${what}.`);
    this.refreshRestores(node);
    return true;
  }

  private refreshRestores(ref: ClusterRef): void {
    const restores = this.deps.explorer.restoresNodeOf(ref.accountId, ref.groupId, ref.clusterName);
    if (restores) this.deps.explorer.refreshNode(restores);
  }

  async copyLink(node?: ExplorerNode): Promise<string | undefined> {
    const links =
      node?.kind === 'restoreLink'
        ? [node.url]
        : node?.kind === 'restoreJob'
          ? (projectionOf(node).deliveryUrl ?? [])
          : [];
    if (!links.length) return undefined;
    const text = links.join('\n');
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(
      links.length === 1 ? 'Copied the download link' : `Copied ${links.length} download links`,
      3000,
    );
    return text;
  }

  async showHistory(): Promise<vscode.Uri> {
    const entries: RestoreHistoryEntry[] = [];
    for (const origin of new Set(this.deps.origins())) entries.push(...(await this.deps.history.list(origin)));
    entries.sort((a, b) => b.at.localeCompare(a.at));
    return this.deps.documents.show('Restore history', restoreHistoryMarkdown(entries));
  }

  /**
   * Run Restore Drill…: the newest completed snapshot (or a point in time) onto a scratch cluster (never the source),
   * the same plan and typed confirmation, watched to the end, the report opened and kept in the restore history.
   */
  async runDrill(
    arg?: unknown,
    o: RestoreRunOptions = {},
  ): Promise<RestoreRunResult & { report?: Promise<string | undefined> }> {
    const title = 'Restore drill';
    const n = arg as ExplorerNode | undefined;
    const ref = clusterRefOf(n?.kind === 'cluster' ? n : arg, 'default') ?? (await this.pickCluster(title, 'default'));
    if (!ref) return ABORTED;
    const client = this.clientFor(ref.accountId);
    if (!client) return ABORTED;
    const source = await this.sourceFacts(client, ref);
    const snapshots = await listSourceSnapshots(client, source);
    const newest = newestCompletedSnapshot(snapshots);
    let pointInTime: PointInTime | undefined;
    if (source.continuousBackup) {
      const how = await vscode.window.showQuickPick(
        [
          {
            label: 'Newest completed snapshot',
            description: newest?.createdAt ? `taken ${formatTime(newest.createdAt)}` : 'none yet',
            pit: false,
          },
          { label: 'A point in time…', description: 'continuous backup', pit: true },
        ],
        { title: `${title} of ${ref.clusterName}: restore what?` },
      );
      if (!how) return ABORTED;
      if (how.pit) {
        const text = await vscode.window.showInputBox({
          title: `${title} of ${ref.clusterName}: point in time`,
          prompt: "A date-time (without a zone: this machine's), epoch seconds or ts:inc",
          validateInput: (v) => {
            const r = parsePointInTimeInput(v).result;
            return r.ok ? undefined : r.error;
          },
          ignoreFocusOut: true,
        });
        if (text === undefined) return ABORTED;
        const r = parsePointInTimeInput(text).result;
        if (!r.ok) return ABORTED;
        pointInTime = r.value;
      }
    }
    if (!pointInTime && !newest) {
      void vscode.window.showWarningMessage(
        `${ref.clusterName} has no completed snapshot to restore, so there is nothing to drill. Nothing was sent.`,
      );
      return { outcome: 'refused' };
    }
    const span = completedSpan(snapshots);
    let withWindow = source;
    if (pointInTime) {
      const schedule = await client.getBackupSchedule(ref.groupId, ref.clusterName);
      withWindow = { ...source, restoreWindowDays: schedule.restoreWindowDays };
    }
    const planFor = (target: RestoreClusterFacts): RestorePlan =>
      pointInTime
        ? buildRestorePlan({
            kind: 'pointInTime',
            source: withWindow,
            target,
            pointInTime,
            sourceSnapshots: span,
            nowMs: Date.now(),
          })
        : buildRestorePlan({ kind: 'automated', source, snapshot: newest!, target, nowMs: Date.now() });
    const choice = await this.pickTarget(
      client,
      `${title} of ${ref.clusterName}: onto which scratch cluster?`,
      source,
      planFor,
      // An incompatible scratch cluster goes on to the plan, which refuses it: a refused drill gets its report too.
      { excludeSource: true, allowIncompatible: true, scratch: true },
    );
    if (!choice) return ABORTED;
    const plan = planFor(choice.target);
    if (!(await this.showPlan(plan, `Drill plan: ${ref.clusterName} onto ${choice.target.name}`))) {
      // A failed drill is evidence too: the report says refused, with every check, and nothing was sent.
      const failed = plan.checks.filter((c) => !c.passed);
      const r = buildDrillReport({
        source: { groupId: ref.groupId, clusterName: ref.clusterName },
        target: { groupId: choice.target.groupId, clusterName: choice.target.name },
        snapshotId: plan.source.snapshot?.id ?? null,
        pointInTimeUtc: plan.source.pointInTime?.utc ?? null,
        checks: plan.checks,
        refused: `Refused before anything was sent: ${failed.map((c) => c.reason).join(' ')}`,
      });
      const markdown = drillReportMarkdown(r);
      await this.deps.documents.show(`Restore drill of ${ref.clusterName} onto ${choice.target.name}`, markdown);
      return { outcome: 'refused', plan, report: Promise.resolve(markdown) };
    }
    if (!(await this.confirmTyped(`${title} onto ${choice.target.name}`, choice.target.name))) return ABORTED;
    const startedAtMs = Date.now();
    const started = await this.start(client, ref, plan, true);
    if (!started) return { outcome: 'failed', plan };
    const base = {
      source: { groupId: ref.groupId, clusterName: ref.clusterName },
      target: { groupId: choice.target.groupId, clusterName: choice.target.name },
      snapshotId: plan.source.snapshot?.id ?? null,
      pointInTimeUtc: plan.source.pointInTime?.utc ?? null,
      checks: plan.checks,
      startedAtMs,
    };
    const request = {
      accountId: ref.accountId,
      ...started,
      title: `Restore drill: ${ref.clusterName} onto ${choice.target.name}`,
      firstDelayMs: o.firstDelayMs,
    };
    const done = this.deps.watcher.watch(request);
    const report = done.then(async (w) => {
      if (w.stopped) {
        this.deps.watcher.tell(request, w);
        return undefined;
      }
      const r = buildDrillReport({ ...base, job: w.projection, endedAtMs: w.endedAtMs });
      await this.deps.history.update(started.entry.origin, started.entry.id, { report: r }).catch(() => undefined);
      const markdown = drillReportMarkdown(r);
      await this.deps.documents.show(`Restore drill of ${ref.clusterName} onto ${choice.target.name}`, markdown);
      const passed = r.state === 'completed';
      const say = passed ? vscode.window.showInformationMessage : vscode.window.showErrorMessage;
      void say(
        passed
          ? `Drill passed: ${choice.target.name} holds ${ref.clusterName}'s restored data${r.durationSeconds !== null ? ` (took ${durationWords(r.durationSeconds * 1000)})` : ''}. The report is open and kept in the restore history.`
          : `Drill ended ${r.state}: the report is open and kept in the restore history.`,
      );
      return markdown;
    });
    return { outcome: 'started', jobId: started.entry.id, done, plan, report };
  }
}
