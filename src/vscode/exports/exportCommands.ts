// Export buckets and snapshot exports from the tree: Add Export Bucket… (provider, authorised role, bucket name or
// service URL), Remove Export Bucket (refused while a schedule auto-exports to it), Export Snapshot to Bucket… (with
// its progress and final prefix). The decisions are in src/core/exportJobs; this file asks, confirms, sends each write
// once and refreshes the rows it changed.
import * as vscode from 'vscode';
import { AtlasError, describeWriteFailure } from '../../core/atlas/errors';
import type { AtlasClient, ExportBucket, ExportCloudProvider, ExportJob } from '../../core/atlas';
import {
  checkBucketRemoval,
  describeBucket,
  describeProgress,
  describeUnfinishedExport,
  exportStateWords,
  parseCustomData,
} from '../../core/exportJobs';
import {
  EXPORT_PROVIDERS,
  bucketInputProblem,
  bucketInputWord,
  describeBucketFacts,
  providerWord,
  roleChoices,
} from '../../core/exportJobs/bucketSetup';
import { exportFraction, watchExportJob } from '../../core/exportJobs/watchExport';
import { escapeIcons } from '../../core/common/markdown';
import { formatTime } from '../../core/time/formatTime';
import type { ExplorerModel, ExplorerNode } from '../../core/tree/explorerModel';
import { signalOf } from '../common/cancellation';
import type { Logger } from '../common/logger';
import type { GetClient } from '../tree/nodeCommands';

export interface ExportCommandDeps {
  explorer: ExplorerModel;
  getClient: GetClient;
  logger: Logger;
}

/** What the commands resolve to (the integration tests read it; people see notifications). */
export type BucketOutcome = 'added' | 'removed' | 'refused' | 'failed' | 'aborted';
export interface ExportOutcome {
  outcome: 'Successful' | 'Failed' | 'Cancelled' | 'stopped' | 'lost' | 'failed' | 'aborted';
  job?: ExportJob;
}

/** Options the integration tests pass to watch faster; people never see them. */
export interface ExportSnapshotOptions {
  pollMs?: number;
}
/** How often the notification asks Atlas about a running export. */
const POLL_MS = 10_000;

async function bucketsOf(client: AtlasClient, groupId: string): Promise<ExportBucket[]> {
  const out: ExportBucket[] = [];
  for await (const b of client.listExportBuckets(groupId)) out.push(b);
  return out;
}

function projectNameOf(explorer: ExplorerModel, accountId: string, groupId: string): string {
  const p = explorer.node(explorer.projectId(accountId, groupId));
  return p?.kind === 'project' ? (p.project.name ?? groupId) : groupId;
}

/**
 * The commands' implementations, built as dist/exports.js and loaded on first use; registerExports.ts (in the
 * extension bundle) registers them.
 */
export function exportCommands(deps: ExportCommandDeps) {
  const { explorer, logger } = deps;

  const clientFor = (accountId: string): AtlasClient | undefined => {
    const c = deps.getClient(accountId);
    if (!c) void vscode.window.showWarningMessage('Sign in to MongoDB Atlas first.');
    return c;
  };
  const refreshRow = (id: string) => {
    const n = explorer.node(id);
    if (n) explorer.refreshNode(n);
  };
  const bucketsRowId = (accountId: string, groupId: string) =>
    `${explorer.projectId(accountId, groupId)}/exportBuckets`;

  async function addExportBucket(node?: ExplorerNode): Promise<BucketOutcome> {
    const at = node?.kind === 'exportList' || node?.kind === 'project' ? node : undefined;
    if (!at) return 'aborted';
    const client = clientFor(at.accountId);
    if (!client) return 'aborted';
    const { groupId } = at;
    const project = projectNameOf(explorer, at.accountId, groupId);
    const title = `Add export bucket to ${escapeIcons(project)}`;
    const provider = await vscode.window.showQuickPick(
      EXPORT_PROVIDERS.map((p) => ({ label: p, description: providerWord(p), provider: p })),
      { title: `${title} (1/3)`, placeHolder: 'Where the snapshots go', ignoreFocusOut: true },
    );
    if (!provider) return 'aborted';
    const p: ExportCloudProvider = provider.provider;
    const [roles, buckets] = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Reading the cloud provider access roles…' },
      () => Promise.all([client.listCloudProviderAccessRoles(groupId), bucketsOf(client, groupId)]),
    );
    const choices = roleChoices(roles, p, buckets);
    if (!choices.ok) {
      void vscode.window.showWarningMessage(choices.message);
      return 'refused';
    }
    const role = await vscode.window.showQuickPick(
      choices.roles.map((r) => ({
        label: escapeIcons(r.name),
        description: r.roleId,
        detail: escapeIcons(`Used for: ${r.usages}`),
        roleId: r.roleId,
      })),
      { title: `${title} (2/3)`, placeHolder: 'The role Atlas uses to write to the bucket', ignoreFocusOut: true },
    );
    if (!role) return 'aborted';
    const word = bucketInputWord(p);
    const value = await vscode.window.showInputBox({
      title: `${title} (3/3)`,
      prompt:
        p === 'AZURE'
          ? 'The service URL of the storage account with its container, https://<account>.blob.core.windows.net/<container>'
          : `The name of the ${providerWord(p)} bucket`,
      placeHolder: p === 'AZURE' ? 'https://account.blob.core.windows.net/container' : 'e.g. acme-atlas-exports',
      validateInput: (v) => bucketInputProblem(p, v),
      ignoreFocusOut: true,
    });
    if (value === undefined) return 'aborted';
    const problem = bucketInputProblem(p, value);
    if (problem) {
      void vscode.window.showWarningMessage(`${problem} Nothing was sent.`);
      return 'refused';
    }
    const request =
      p === 'AWS'
        ? { cloudProvider: p, bucketName: value, iamRoleId: role.roleId }
        : p === 'AZURE'
          ? { cloudProvider: p, serviceUrl: value, roleId: role.roleId }
          : { cloudProvider: p, bucketName: value, roleId: role.roleId };
    let added: ExportBucket;
    try {
      // Never retried: a second request could add a second bucket.
      added = await client.createExportBucket(groupId, request);
    } catch (e) {
      if (!(e instanceof AtlasError)) throw e;
      const f = describeWriteFailure(e, {
        what: `adding the ${word} ${value} to ${project}`,
        look: 'refresh the Export Buckets row',
      });
      logger.error('Add export bucket failed', e);
      void vscode.window.showErrorMessage(f.message);
      refreshRow(bucketsRowId(at.accountId, groupId));
      return 'failed';
    }
    logger.info(`Export bucket ${added._id} (${added.bucketName}) added to project ${groupId}.`);
    refreshRow(bucketsRowId(at.accountId, groupId));
    void vscode.window.showInformationMessage(`Added ${describeBucket(added)} to ${project}.`);
    return 'added';
  }

  async function removeExportBucket(node?: ExplorerNode): Promise<BucketOutcome> {
    if (node?.kind !== 'detail' || node.detail.fact !== 'exportBucket' || !node.groupId) return 'aborted';
    const client = clientFor(node.accountId);
    if (!client) return 'aborted';
    const groupId = node.groupId;
    const bucket = node.detail.bucket;
    const project = projectNameOf(explorer, node.accountId, groupId);
    // Atlas refuses while a schedule auto-exports to the bucket: read the schedules first and name the clusters.
    const refusal = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Checking which schedules export to the bucket…' },
      () => checkBucketRemoval(client, groupId, bucket),
    );
    if (refusal) {
      void vscode.window.showWarningMessage(refusal);
      return 'refused';
    }
    const ok = await vscode.window.showWarningMessage(
      `Remove ${describeBucket(bucket)} from ${project}?`,
      {
        modal: true,
        detail:
          'Snapshots can no longer be exported to it from Atlas. What was already exported stays in the bucket; the bucket itself is not deleted.',
      },
      'Remove',
    );
    if (ok !== 'Remove') return 'aborted';
    try {
      // Never retried: once it may have reached Atlas, the person looks before trying again.
      await client.deleteExportBucket(groupId, bucket._id);
    } catch (e) {
      if (!(e instanceof AtlasError)) throw e;
      const f = describeWriteFailure(e, {
        what: `removing ${describeBucket(bucket)} from ${project}`,
        look: 'refresh the Export Buckets row',
      });
      logger.error('Remove export bucket failed', e);
      void vscode.window.showErrorMessage(f.message);
      refreshRow(node.parentId);
      return 'failed';
    }
    logger.info(`Export bucket ${bucket._id} removed from project ${groupId}.`);
    refreshRow(node.parentId);
    void vscode.window.showInformationMessage(`Removed ${describeBucket(bucket)} from ${project}.`);
    return 'removed';
  }

  async function exportSnapshot(node?: ExplorerNode, opts: ExportSnapshotOptions = {}): Promise<ExportOutcome> {
    if (node?.kind !== 'snapshot' || !node.snapshot.id) return { outcome: 'aborted' };
    const client = clientFor(node.accountId);
    if (!client) return { outcome: 'aborted' };
    const { groupId, clusterName } = node;
    const snapshotId = node.snapshot.id;
    const taken = node.snapshot.createdAt ? formatTime(node.snapshot.createdAt) : snapshotId;
    const buckets = await bucketsOf(client, groupId);
    if (!buckets.length) {
      void vscode.window.showWarningMessage(
        `${projectNameOf(explorer, node.accountId, groupId)} has no export bucket: add one with Add Export Bucket… on its Export Buckets row first.`,
      );
      return { outcome: 'aborted' };
    }
    const title = `Export snapshot of ${escapeIcons(clusterName)} taken ${taken}`;
    const picked = await vscode.window.showQuickPick(
      buckets.map((b) => ({
        label: escapeIcons(b.bucketName),
        description: escapeIcons(describeBucketFacts(b)),
        detail: b._id,
        bucket: b,
      })),
      { title: `${title} (1/2)`, placeHolder: 'The export bucket', ignoreFocusOut: true },
    );
    if (!picked) return { outcome: 'aborted' };
    const bucket = picked.bucket;
    const pairs = (v: string) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    const customText = await vscode.window.showInputBox({
      title: `${title} (2/2)`,
      prompt: 'Custom data written into the export metadata file (optional): key=value pairs separated by commas',
      placeHolder: 'e.g. ticket=OPS-1234, reason=audit',
      validateInput: (v) => {
        const r = parseCustomData(pairs(v), 'custom data');
        return r.ok ? undefined : r.error;
      },
      ignoreFocusOut: true,
    });
    if (customText === undefined) return { outcome: 'aborted' };
    const custom = parseCustomData(pairs(customText), 'custom data');
    if (!custom.ok) {
      void vscode.window.showWarningMessage(`${custom.error}. Nothing was sent.`);
      return { outcome: 'aborted' };
    }
    const go = await vscode.window.showWarningMessage(
      `Export the snapshot of ${clusterName} taken ${taken} to ${describeBucket(bucket)}?`,
      {
        modal: true,
        detail:
          'Atlas writes each collection to the bucket under a new prefix. A failed export is not retried by Atlas and leaves the collections already written in the bucket; you remove them or export again.',
      },
      'Export',
    );
    if (go !== 'Export') return { outcome: 'aborted' };
    const what = `the export of snapshot ${snapshotId} of ${clusterName} to ${describeBucket(bucket)}`;
    const exportsRow = `${explorer.clusterId(node.accountId, groupId, clusterName)}/exports`;
    let job: ExportJob;
    try {
      // Never retried: a second request would export again.
      job = await client.createExportJob(groupId, clusterName, {
        snapshotId,
        exportBucketId: bucket._id,
        ...(custom.labels.length ? { customData: custom.labels } : {}),
      });
    } catch (e) {
      if (!(e instanceof AtlasError)) throw e;
      logger.error('Export snapshot failed', e);
      void vscode.window.showErrorMessage(
        describeWriteFailure(e, { what, look: `open the Exports row of ${clusterName}` }).message,
      );
      refreshRow(exportsRow);
      return { outcome: 'failed' };
    }
    logger.info(`Export ${job.id} of snapshot ${snapshotId} (${clusterName}) to bucket ${bucket._id} started.`);
    refreshRow(exportsRow);
    const id = job.id ?? '';
    const watched = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `Export of ${clusterName} to ${bucket.bucketName}`,
        cancellable: true,
      },
      async (progress, token) => {
        const cancel = signalOf(token);
        let done = 0;
        try {
          return await watchExportJob((signal) => client.getExportJob(groupId, clusterName, id, { signal }), job, {
            signal: cancel.signal,
            intervalMs: opts.pollMs ?? POLL_MS,
            onUpdate: (j) => {
              const f = exportFraction(j);
              const now = f === undefined ? done : Math.round(f * 100);
              progress.report({
                message: [exportStateWords(j.state), describeProgress(j)].filter(Boolean).join(': '),
                ...(now > done ? { increment: now - done } : {}),
              });
              done = Math.max(done, now);
            },
          });
        } finally {
          cancel.dispose();
        }
      },
    );
    refreshRow(exportsRow);
    const last = watched.job;
    if (watched.outcome === 'stopped') {
      void vscode.window.showInformationMessage(
        `Stopped watching export ${id}; Atlas carries on. Its state is on the Exports row of ${clusterName}.`,
      );
      return { outcome: 'stopped', job: last };
    }
    if (watched.outcome === 'lost') {
      logger.error(`Watching export ${id} failed`, watched.error);
      void vscode.window.showWarningMessage(
        `Lost track of export ${id}: ${watched.error instanceof Error ? watched.error.message : String(watched.error)} It goes on in Atlas; its state is on the Exports row of ${clusterName}.`,
      );
      return { outcome: 'lost', job: last };
    }
    if (last.state === 'Successful') {
      const where = last.prefix ? ` under ${last.prefix}` : '';
      const pick = await vscode.window.showInformationMessage(
        `Exported the snapshot of ${clusterName} to ${bucket.bucketName}${where}.`,
        ...(last.prefix ? ['Copy Prefix'] : []),
      );
      if (pick === 'Copy Prefix' && last.prefix) await vscode.env.clipboard.writeText(last.prefix);
      return { outcome: 'Successful', job: last };
    }
    void vscode.window.showErrorMessage(describeUnfinishedExport(last, describeBucket(bucket)));
    return { outcome: last.state === 'Cancelled' ? 'Cancelled' : 'Failed', job: last };
  }

  return { addExportBucket, removeExportBucket, exportSnapshot };
}
