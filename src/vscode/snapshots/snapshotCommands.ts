// Take snapshot now (cluster), Change expiry and Delete (snapshot). What is allowed is decided in
// views/explorerActions.ts (plain Node); this file asks, confirms, shows progress and refreshes the Snapshots row.
import * as vscode from 'vscode';
import { AtlasApiError } from '../../core/atlas';
import type { AtlasClient, CompliancePolicy, Snapshot } from '../../core/atlas';
import { signalOf } from '../common/cancellation';
import type { Logger } from '../common/logger';
import {
  checkDescription,
  checkRetentionDays,
  deleteRefusal,
  expiryFor,
  expiryRefusal,
  onDemandMinimumDays,
  parseRetention,
  pollSnapshot,
} from '../../core/tree/explorerActions';
import type { ExplorerModel, ExplorerNode } from '../../core/tree/explorerModel';
import { describeMoment, snapshotTypeWord, utcMinute } from '../../core/tree/explorerPresent';
import { followSnapshotStatus } from '../../core/tree/snapshotProgress';
import type { GetClient } from '../tree/nodeCommands';

export interface SnapshotCommandDeps {
  explorer: ExplorerModel;
  getClient: GetClient;
  logger: Logger;
}

/** Options the integration tests pass to poll faster; users never see them. */
export interface TakeSnapshotOptions {
  firstDelayMs?: number;
  factor?: number;
  maxDelayMs?: number;
}

export interface TakeSnapshotResult {
  outcome: 'completed' | 'failed' | 'cancelled' | 'refused' | 'aborted';
  snapshotId?: string;
}

function errorText(e: unknown): string {
  if (e instanceof AtlasApiError) return e.detail ?? e.reason ?? e.message;
  return e instanceof Error ? e.message : String(e);
}

function projectNameOf(explorer: ExplorerModel, node: ExplorerNode & { groupId: string }): string {
  const p = explorer.node(explorer.projectId(node.accountId, node.groupId));
  return p?.kind === 'project' ? (p.project.name ?? node.groupId) : node.groupId;
}

/** The policy if it can be read; a role that cannot read it leaves the decision to Atlas. */
async function policyOf(
  explorer: ExplorerModel,
  accountId: string,
  groupId: string,
): Promise<CompliancePolicy | undefined> {
  try {
    return await explorer.compliancePolicy(accountId, groupId);
  } catch {
    return undefined;
  }
}

function refreshSnapshots(
  explorer: ExplorerModel,
  node: { accountId: string; groupId: string; clusterName: string },
): void {
  const snapshots = explorer.snapshotsNodeOf(node.accountId, node.groupId, node.clusterName);
  if (snapshots) explorer.refreshNode(snapshots);
}

/**
 * The commands' implementations, built as dist/snapshots.js and loaded on first use; registerSnapshots.ts (in the
 * extension bundle) registers them.
 */
export function snapshotCommands(deps: SnapshotCommandDeps) {
  const { explorer } = deps;

  const clientFor = (accountId: string): AtlasClient | undefined => {
    const c = deps.getClient(accountId);
    if (!c) void vscode.window.showWarningMessage('Sign in to MongoDB Atlas first.');
    return c;
  };

  async function takeSnapshot(node?: ExplorerNode, opts: TakeSnapshotOptions = {}): Promise<TakeSnapshotResult> {
    const cluster = node?.kind === 'snapshots' ? explorer.parentOf(node) : node;
    if (cluster?.kind !== 'cluster') return { outcome: 'aborted' };
    const client = clientFor(cluster.accountId);
    if (!client) return { outcome: 'aborted' };
    const { groupId, clusterName } = cluster;
    const sharded = cluster.info.clusterType !== 'REPLICASET';
    const minimum = onDemandMinimumDays(await policyOf(explorer, cluster.accountId, groupId));
    const days = await vscode.window.showInputBox({
      title: `Take snapshot now: ${clusterName} (1/2)`,
      prompt: `Keep the snapshot for how many days?${minimum ? ` The Backup Compliance Policy asks for at least ${minimum}.` : ''}`,
      value: String(Math.max(7, minimum ?? 0)),
      validateInput: (v) => checkRetentionDays(v, minimum),
      ignoreFocusOut: true,
    });
    if (days === undefined) return { outcome: 'aborted' };
    const description = await vscode.window.showInputBox({
      title: `Take snapshot now: ${clusterName} (2/2)`,
      prompt: 'Description (optional), shown with the snapshot in Atlas',
      placeHolder: 'e.g. Before the schema migration',
      validateInput: checkDescription,
      ignoreFocusOut: true,
    });
    if (description === undefined) return { outcome: 'aborted' };

    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Snapshot of ${clusterName}`, cancellable: true },
      async (progress, token) => {
        const cancel = signalOf(token);
        try {
          progress.report({ message: 'asking Atlas…' });
          let taken: Snapshot;
          try {
            // Never retried: a second request could take a second snapshot.
            taken = await client.takeSnapshot(
              groupId,
              clusterName,
              {
                retentionInDays: Number(days.trim()),
                ...(description.trim() ? { description: description.trim() } : {}),
              },
              { signal: cancel.signal },
            );
          } catch (e) {
            if (cancel.signal.aborted) return { outcome: 'cancelled' as const };
            void vscode.window.showErrorMessage(`Atlas did not take a snapshot of ${clusterName}: ${errorText(e)}`);
            return { outcome: 'refused' as const };
          }
          refreshSnapshots(explorer, cluster);
          const id = taken.id!;
          deps.logger.info(`Snapshot ${id} of ${clusterName} requested (${taken.status ?? 'queued'}).`);
          // The row's word for the state, and the row re-read when the state moves on: the two never disagree.
          const follow = followSnapshotStatus(
            (message) => progress.report({ message }),
            () => refreshSnapshots(explorer, cluster),
          );
          follow(taken.status ?? 'queued');
          const result = await pollSnapshot(
            (signal) =>
              sharded
                ? client.getShardedSnapshot(groupId, clusterName, id, { signal })
                : client.getSnapshot(groupId, clusterName, id, { signal }),
            {
              signal: cancel.signal,
              firstDelayMs: opts.firstDelayMs ?? 1500,
              factor: opts.factor ?? 1.6,
              maxDelayMs: opts.maxDelayMs ?? 20_000,
              onStatus: (s) => follow(s as Snapshot['status']),
            },
          ).catch((e: unknown) => {
            void vscode.window.showErrorMessage(`Lost track of the snapshot of ${clusterName}: ${errorText(e)}`);
            return { outcome: 'failed' as const, polls: 0 };
          });
          refreshSnapshots(explorer, cluster);
          if (result.outcome === 'completed')
            void vscode.window.showInformationMessage(`The snapshot of ${clusterName} is complete.`);
          else if (result.outcome === 'failed')
            void vscode.window.showErrorMessage(`The snapshot of ${clusterName} failed.`);
          else
            void vscode.window.showInformationMessage(
              `Stopped watching the snapshot of ${clusterName}; Atlas carries on taking it.`,
            );
          return { outcome: result.outcome, snapshotId: id };
        } finally {
          cancel.dispose();
        }
      },
    );
  }

  async function changeExpiry(node?: ExplorerNode, typed?: string): Promise<boolean> {
    if (node?.kind !== 'snapshot') return false;
    const client = clientFor(node.accountId);
    if (!client) return false;
    const s = node.snapshot;
    const policy = await policyOf(explorer, node.accountId, node.groupId);
    const check = (v: string): string | undefined => {
      const r = parseRetention(v);
      if (typeof r === 'string') return r;
      return expiryRefusal(s, r, policy, Date.now());
    };
    const text =
      typed ??
      (await vscode.window.showInputBox({
        title: `Change expiry: snapshot of ${node.clusterName} taken ${utcMinute(s.createdAt)}`,
        prompt: `Retention counted from when it was taken (now ${s.expiresAt ? `expires ${utcMinute(s.expiresAt)}` : 'no expiry'}), e.g. "30 days", "8 weeks", "12 months"`,
        validateInput: (v) => {
          const problem = check(v);
          if (problem) return problem;
          const r = parseRetention(v);
          return typeof r === 'string'
            ? r
            : {
                message: `Expires ${describeMoment(expiryFor(s.createdAt!, r).toISOString())}`,
                severity: vscode.InputBoxValidationSeverity.Info,
              };
        },
        ignoreFocusOut: true,
      }));
    if (text === undefined) return false;
    const problem = check(text);
    if (problem) {
      void vscode.window.showWarningMessage(problem);
      return false;
    }
    const r = parseRetention(text);
    if (typeof r === 'string') return false;
    let expiresAt: string | undefined;
    try {
      const updated = await client.updateSnapshotRetention(node.groupId, node.clusterName, s.id!, r);
      expiresAt = updated?.expiresAt;
    } catch (e) {
      void vscode.window.showErrorMessage(`Atlas did not change the expiry: ${errorText(e)}`);
      return false;
    }
    refreshSnapshots(explorer, node);
    void vscode.window.showInformationMessage(
      `Snapshot of ${node.clusterName} taken ${utcMinute(s.createdAt)} now expires ${describeMoment(expiresAt ?? expiryFor(s.createdAt!, r).toISOString())}.`,
    );
    return true;
  }

  async function deleteSnapshot(node?: ExplorerNode): Promise<'deleted' | 'refused' | 'cancelled' | 'failed'> {
    if (node?.kind !== 'snapshot') return 'cancelled';
    const client = clientFor(node.accountId);
    if (!client) return 'cancelled';
    const s = node.snapshot;
    // Said before any request: Atlas refuses every snapshot delete while the project's policy is active.
    const refusal = deleteRefusal(
      await policyOf(explorer, node.accountId, node.groupId),
      projectNameOf(explorer, node),
    );
    if (refusal) {
      await vscode.window.showWarningMessage(refusal, { modal: true });
      return 'refused';
    }
    const what = `the ${snapshotTypeWord(s.snapshotType)} snapshot taken ${utcMinute(s.createdAt)}${s.description ? ` ("${s.description}")` : ''}`;
    const answer = await vscode.window.showWarningMessage(
      `Delete ${what} of cluster ${node.clusterName}?`,
      { modal: true, detail: `Snapshot ${s.id}. It cannot be restored from once deleted.` },
      'Delete',
    );
    if (answer !== 'Delete') return 'cancelled';
    try {
      if (node.sharded) await client.deleteShardedSnapshot(node.groupId, node.clusterName, s.id!);
      else await client.deleteSnapshot(node.groupId, node.clusterName, s.id!);
    } catch (e) {
      void vscode.window.showErrorMessage(`Atlas did not delete the snapshot: ${errorText(e)}`);
      refreshSnapshots(explorer, node);
      return 'failed';
    }
    refreshSnapshots(explorer, node);
    void vscode.window.showInformationMessage(`Deleted ${what} of cluster ${node.clusterName}.`);
    return 'deleted';
  }

  return { takeSnapshot, changeExpiry, deleteSnapshot };
}
