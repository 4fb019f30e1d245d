// Restore… and Download Snapshot… on a Flex cluster's snapshot row. The same plan and checks as a dedicated cluster's
// (core/restore/flexRestorePlan.ts), the same target pick (dedicated and Flex clusters in every project the account
// can see), the typed target name or the download's modal; one POST, never retried; watched until the restore ends or
// the download link appears (it works four hours: Copy Link); kept in the restore history (marked Flex). A Flex
// restore job cannot be cancelled.
import * as vscode from 'vscode';
import { sleepUntilAborted } from '../../core/restore/restoreWatch';
import { originOf } from '../../core/accounts';
import type { AtlasClient, FlexRestoreJob } from '../../core/atlas';
import {
  FLEX_DOWNLOAD_HOURS,
  buildFlexRestorePlan,
  durationWords,
  flexClusterFacts,
  isRestoreJobDone,
  nextWatchDelay,
  projectFlexRestoreJob,
  restoreClusterFacts,
  restoreSucceeded,
  watchJobUntilEnd,
  type RestoreClusterFacts,
  type RestoreHistoryEntry,
  type RestoreJobProjection,
  type RestorePlan,
} from '../../core/restore';
import { formatTime } from '../../core/time/formatTime';
import type { ExplorerNode } from '../../core/tree/explorerModel';
import { signalOf } from '../common/cancellation';
import type { RestoreCommands, RestoreDeps, RestoreRunOptions } from './restoreCommands';

type FlexSnapshotRow = Extract<ExplorerNode, { kind: 'flexSnapshot' }>;
/** Where a Flex restore job belongs: its cluster, and the cluster's row id (its Restores row is under it). */
type FlexPlace = Pick<FlexSnapshotRow, 'groupId' | 'clusterName' | 'parentId'>;

export interface FlexRunResult {
  outcome: 'started' | 'refused' | 'aborted' | 'failed';
  jobId?: string;
  plan?: RestorePlan;
  done?: Promise<{ job: FlexRestoreJob; projection: RestoreJobProjection; stopped: boolean }>;
}

const ABORTED: FlexRunResult = { outcome: 'aborted' };

export class FlexRestoreCommands {
  constructor(
    private readonly deps: RestoreDeps,
    private readonly restore: RestoreCommands,
  ) {}

  /** Dedicated and Flex clusters in every project the account can see: a Flex snapshot restores onto either. */
  private async allTargets(client: AtlasClient): Promise<RestoreClusterFacts[]> {
    const out: RestoreClusterFacts[] = [];
    for await (const p of client.listProjects({ itemsPerPage: 500 })) {
      if (!p.id) continue;
      const o = { groupId: p.id, projectName: p.name };
      for await (const c of client.listClusters(p.id, { itemsPerPage: 500 }))
        if (c.name) out.push(restoreClusterFacts(c, o));
      for await (const f of client.listFlexClusters(p.id, { itemsPerPage: 100 }))
        if (f.name) out.push(flexClusterFacts(f, o));
    }
    return out;
  }

  async restoreSnapshot(node: FlexSnapshotRow, o: RestoreRunOptions = {}): Promise<FlexRunResult> {
    const client = this.restore.clientFor(node.accountId);
    if (!client) return ABORTED;
    const source = { ...(await client.getFlexCluster(node.groupId, node.clusterName)), groupId: node.groupId };
    const facts = flexClusterFacts(source, { groupId: node.groupId });
    const planFor = (target: RestoreClusterFacts) =>
      buildFlexRestorePlan({ kind: 'automated', source, snapshot: node.snapshot, target, nowMs: Date.now() });
    const choice = await this.restore.pickTarget(
      client,
      `Restore Flex snapshot of ${node.clusterName}: onto which cluster?`,
      facts,
      planFor,
      { candidates: () => this.allTargets(client) },
    );
    if (!choice) return ABORTED;
    const plan = planFor(choice.target);
    if (!(await this.restore.showPlan(plan, `Restore plan: ${node.clusterName} (Flex) onto ${choice.target.name}`)))
      return { outcome: 'refused', plan };
    const onto = choice.target.name;
    if (!(await this.restore.confirmTyped(`Restore Flex snapshot onto ${onto}`, onto))) return ABORTED;
    return this.start(
      client,
      node,
      plan,
      () =>
        client.createFlexRestoreJob(node.groupId, node.clusterName, {
          snapshotId: node.snapshot.id ?? '',
          targetDeploymentItemName: onto,
          targetProjectId: choice.target.groupId,
        }),
      `Restore of ${node.clusterName} (Flex) onto ${onto}`,
      o,
    );
  }

  async downloadSnapshot(node: FlexSnapshotRow, o: RestoreRunOptions = {}): Promise<FlexRunResult> {
    const client = this.restore.clientFor(node.accountId);
    if (!client) return ABORTED;
    const source = { ...(await client.getFlexCluster(node.groupId, node.clusterName)), groupId: node.groupId };
    const plan = buildFlexRestorePlan({ kind: 'download', source, snapshot: node.snapshot, nowMs: Date.now() });
    if (!plan.ok) {
      void vscode.window.showWarningMessage(
        `Refused, nothing was sent: ${plan.checks
          .filter((c) => !c.passed)
          .map((c) => c.reason)
          .join(' ')}`,
      );
      return { outcome: 'refused', plan };
    }
    const taken = plan.source.snapshot?.createdAt
      ? ` taken ${formatTime(plan.source.snapshot.createdAt, { local: true })}`
      : '';
    const go = await vscode.window.showWarningMessage(
      `Download the snapshot of ${node.clusterName} (Flex)${taken}?`,
      {
        modal: true,
        detail: `Atlas prepares the snapshot as one archive and gives a download link that works for ${FLEX_DOWNLOAD_HOURS} hours. No cluster changes.`,
      },
      'Download',
    );
    if (go !== 'Download') return ABORTED;
    return this.start(
      client,
      node,
      plan,
      () => client.downloadFlexSnapshot(node.groupId, node.clusterName, node.snapshot.id ?? ''),
      `Download of ${node.clusterName}'s Flex snapshot`,
      o,
    );
  }

  /** The one POST (never retried), the history entry, and the watch. */
  private async start(
    client: AtlasClient,
    node: FlexSnapshotRow,
    plan: RestorePlan,
    send: () => Promise<FlexRestoreJob>,
    title: string,
    o: RestoreRunOptions,
  ): Promise<FlexRunResult> {
    const origin = originOf(client.baseUrl) ?? client.baseUrl;
    const at = new Date().toISOString();
    const base = {
      at,
      origin,
      ...(node.accountId ? { accountId: node.accountId } : {}),
      groupId: node.groupId,
      clusterName: node.clusterName,
      kind: plan.kind,
      flex: true,
      drill: false,
      plan,
    };
    let job: FlexRestoreJob;
    try {
      job = await send();
    } catch (e) {
      const f = this.deps.describeWriteFailure(e, {
        what: `the start of the ${plan.kind === 'download' ? 'download' : 'restore'} of ${node.clusterName}'s Flex snapshot`,
        look: `open ${node.clusterName}'s Restores row`,
      });
      this.deps.logger.error(`Flex ${plan.kind} of ${node.clusterName} not started`, e);
      if (f.mayHaveReached)
        await this.deps.history.record({ ...base, id: `unsent-${at}`, outcome: 'unknown' }).catch(() => undefined);
      void vscode.window.showErrorMessage(f.message);
      return { outcome: 'failed', plan };
    }
    const entry = await this.deps.history.record({ ...base, id: job.id ?? `unknown-${at}`, outcome: 'in-progress' });
    this.deps.logger.info(`Flex restore job ${entry.id} of ${node.clusterName} started (${plan.kind}).`);
    this.refreshRestores(node);
    const done = this.watch(client, node, entry, job, title, o);
    return { outcome: 'started', jobId: entry.id, plan, done };
  }

  /**
   * Watches a Flex restore job this extension started and last saw running (after a restart), to its end, recorded in
   * the restore history as a watch from the start would.
   */
  async resumeWatch(
    accountId: string,
    entry: RestoreHistoryEntry,
    client: AtlasClient,
  ): Promise<{ job: FlexRestoreJob; projection: RestoreJobProjection; stopped: boolean }> {
    const job = await client.getFlexRestoreJob(entry.groupId, entry.clusterName, entry.id);
    const place: FlexPlace = {
      groupId: entry.groupId,
      clusterName: entry.clusterName,
      parentId: `${this.deps.explorer.projectId(accountId, entry.groupId)}/f:${entry.clusterName}`,
    };
    const what = entry.kind === 'download' ? 'Download of' : 'Restore of';
    const onto = entry.plan.target ? ` onto ${entry.plan.target.clusterName}` : '';
    return this.watch(client, place, entry, job, `${what} ${entry.clusterName} (Flex)${onto}, picked up again`, {});
  }

  /** The Flex cluster's Restores row, shown under it. */
  private refreshRestores(node: FlexPlace): void {
    const restores = this.deps.explorer.node(`${node.parentId}/restores`);
    if (restores) this.deps.explorer.refreshNode(restores);
  }

  private async watch(
    client: AtlasClient,
    node: FlexPlace,
    entry: RestoreHistoryEntry,
    first: FlexRestoreJob,
    title: string,
    o: RestoreRunOptions,
  ): Promise<{ job: FlexRestoreJob; projection: RestoreJobProjection; stopped: boolean }> {
    const ends = (j: FlexRestoreJob) => {
      const p = projectFlexRestoreJob(j);
      return isRestoreJobDone(p.state) || restoreSucceeded(p);
    };
    const startedMs = Date.parse(entry.at);
    let result: { job: FlexRestoreJob; stopped: boolean };
    try {
      result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title, cancellable: true },
        async (progress, token) => {
          const cancel = signalOf(token);
          try {
            progress.report({ message: 'in progress (Cancel stops watching; the restore goes on)' });
            return await watchJobUntilEnd({
              first,
              signal: cancel.signal,
              getJob: (signal) => client.getFlexRestoreJob(node.groupId, node.clusterName, entry.id, { signal }),
              ends,
              sleep: sleepUntilAborted,
              nextDelay: (prev) =>
                prev === undefined && o.firstDelayMs !== undefined ? o.firstDelayMs : nextWatchDelay(prev),
              onJob: (j) =>
                progress.report({
                  message: `${(j.status ?? 'in progress').toLowerCase()}, ${durationWords(Date.now() - startedMs)} so far (Cancel stops watching; the restore goes on)`,
                }),
            });
          } finally {
            cancel.dispose();
          }
        },
      );
    } catch (e) {
      this.deps.logger.error(`Lost track of Flex restore job ${entry.id}`, e);
      void vscode.window.showWarningMessage(
        `Lost track of Flex restore job ${entry.id} of ${node.clusterName}: ${e instanceof Error ? e.message : String(e)} It goes on in Atlas; its state is in the Restores row.`,
      );
      return { job: first, projection: projectFlexRestoreJob(first), stopped: true };
    }
    const p = projectFlexRestoreJob(result.job);
    if (result.stopped) {
      void vscode.window.showInformationMessage(
        `Stopped watching Flex restore job ${entry.id}; it goes on in Atlas (it cannot be cancelled). Its state is in ${node.clusterName}'s Restores row.`,
      );
      return { ...result, projection: p };
    }
    await this.deps.history
      .update(entry.origin, entry.id, {
        outcome: restoreSucceeded(p) ? 'completed' : p.state,
        finishedAt: p.finishedAt ?? new Date().toISOString(),
        ...(p.deliveryUrl ? { deliveryUrl: p.deliveryUrl } : {}),
        ...(p.expiresAt ? { expiresAt: p.expiresAt } : {}),
      })
      .catch((e: unknown) => this.deps.logger.error('Could not record the restore in the restore history', e));
    this.refreshRestores(node);
    this.tell(node, p);
    return { ...result, projection: p };
  }

  private tell(node: FlexPlace, p: RestoreJobProjection): void {
    if (restoreSucceeded(p) && p.deliveryType === 'download') {
      const links = p.deliveryUrl ?? [];
      const expiry = p.expiresAt ? ` It works until ${formatTime(p.expiresAt, { local: true })}.` : '';
      void vscode.window
        .showInformationMessage(
          `Download ready: the link to the snapshot of ${node.clusterName}.${expiry}`,
          'Copy Link',
        )
        .then(async (pick) => {
          if (pick === 'Copy Link' && links.length) {
            await vscode.env.clipboard.writeText(links.join('\n'));
            vscode.window.setStatusBarMessage('Copied the download link', 3000);
          }
        });
      return;
    }
    const target = p.targetClusterName ?? 'the target';
    if (p.state === 'completed')
      void vscode.window.showInformationMessage(
        `Restore finished: ${target} now holds the data of ${node.clusterName}'s Flex snapshot. Connect to ${target} to check it.`,
      );
    else
      void vscode.window.showErrorMessage(
        `The Flex restore onto ${target} ended ${p.state}${p.atlasState ? ` (Atlas: ${p.atlasState})` : ''}; ${target} may hold partial data.`,
      );
  }
}
