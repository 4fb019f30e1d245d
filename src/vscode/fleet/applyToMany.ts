// "Apply to Other Clusters…": one schedule (a draft or a file in the editor, or a cluster's schedule in Atlas) applied
// to clusters picked in a multi-select quick pick (filter by project and tier as you type). Each target is checked
// with its own context by the vscode-free core (src/core/fleet/applyToMany.ts); the review shows every cluster's readable
// diff and why any is refused; one modal confirmation lists every cluster that will change; pushes run one at a time
// under a progress notification, each with its own history entry, and each cluster gets its result.
import * as vscode from 'vscode';
import type { AtlasClient } from '../../core/atlas';
import { describeCluster } from '../../core/atlas/describeCluster';
import type { BackupSchedule } from '../../core/atlas/types';
import { formatPlans, formatResults, targetName } from '../../core/fleet/applyReport';
import { applyPlans, planApply, type ApplyResult, type ApplyTarget } from '../../core/fleet/applyToMany';
import { getNodeValue, parseTree, type ParseError } from '../../core/schedule/jsonc';
import type { ScheduleHistory } from '../../core/schedule/history';
import { readScheduleTarget } from '../../core/schedule/scheduleFile';
import { signalOf } from '../common/cancellation';
import { Commands } from '../../core/ids';
import type { Logger } from '../common/logger';
import { clusterOf, pickCluster, type ClusterRef } from '../scheduleFiles/scheduleEditing';
import { escapeIcons } from '../../core/common/markdown';
import type { ApplyDocuments } from './applyDocuments';

export interface ApplyDeps {
  getClient: (accountId?: string) => AtlasClient | undefined;
  history: ScheduleHistory;
  signIn: (accountId?: string) => { label: string; accountId?: string };
  logger: Logger;
  refresh: () => void;
  /** Where the review and results are shown: read-only, so closing them never asks to save. */
  documents: ApplyDocuments;
}

interface Source {
  schedule: BackupSchedule;
  label: string;
  from?: ClusterRef;
}

function parse(text: string): BackupSchedule | undefined {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const v: unknown = root && !errors.length ? getNodeValue(root) : undefined;
  return v && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
}

function activeScheduleDocument(): vscode.TextDocument | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input as { uri?: vscode.Uri } | undefined;
  const uri = input?.uri ?? vscode.window.activeTextEditor?.document.uri;
  return uri?.path.endsWith('.schedule.json')
    ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())
    : undefined;
}

async function sourceOf(arg: unknown, client: AtlasClient): Promise<Source | undefined> {
  const doc =
    arg instanceof vscode.Uri
      ? await vscode.workspace.openTextDocument(arg)
      : clusterOf(arg)
        ? undefined
        : activeScheduleDocument();
  if (doc) {
    const schedule = parse(doc.getText());
    if (!schedule) {
      void vscode.window.showErrorMessage(
        `${vscode.workspace.asRelativePath(doc.uri)} is not a schedule (not a JSON object); fix it first.`,
      );
      return undefined;
    }
    const t = readScheduleTarget(doc.getText());
    return {
      schedule,
      label: t
        ? `${t.clusterName}'s ${doc.isDirty ? 'edited ' : ''}schedule`
        : vscode.workspace.asRelativePath(doc.uri),
      ...(t ? { from: { groupId: t.groupId, clusterName: t.clusterName } } : {}),
    };
  }
  const ref = clusterOf(arg) ?? (await pickCluster(client, 'Apply to other clusters: the schedule of'));
  if (!ref) return undefined;
  const schedule = await client.getBackupSchedule(ref.groupId, ref.clusterName);
  return { schedule, label: `${ref.clusterName}'s schedule in Atlas`, from: ref };
}

interface TargetItem extends vscode.QuickPickItem {
  target: ApplyTarget;
}

/** Every cluster with backup on, as quick pick items: name, then project and tier (both filterable). */
async function targetItems(
  client: AtlasClient,
  except: ClusterRef | undefined,
  signal: AbortSignal,
): Promise<TargetItem[]> {
  const items: TargetItem[] = [];
  const projects: { id: string; name: string }[] = [];
  for await (const g of client.listProjects({ itemsPerPage: 500, signal }))
    if (g.id && g.clusterCount !== 0) projects.push({ id: g.id, name: g.name });
  await Promise.all(
    projects.map(async (p) => {
      for await (const c of client.listClusters(p.id, { itemsPerPage: 500, signal })) {
        const info = describeCluster(c);
        if (!info.backupEnabled || (except && except.groupId === p.id && except.clusterName === info.name)) continue;
        items.push({
          label: escapeIcons(info.name),
          description: escapeIcons(
            `${p.name} · ${info.instanceSize ?? '?'}${info.nvme ? ' · NVMe' : ''}${info.pitEnabled ? ' · continuous backup' : ''}`,
          ),
          target: { groupId: p.id, clusterName: info.name, projectName: p.name },
        });
      }
    }),
  );
  return items.sort(
    (a, b) => (a.target.projectName ?? '').localeCompare(b.target.projectName ?? '') || a.label.localeCompare(b.label),
  );
}

export interface ApplyOutcome {
  results: ApplyResult[];
  review?: vscode.TextDocument;
}

export async function applyToOtherClusters(deps: ApplyDeps, arg?: unknown): Promise<ApplyOutcome | undefined> {
  const ref = clusterOf(arg);
  const client = deps.getClient(ref?.accountId);
  if (!client) {
    const pick = await vscode.window.showWarningMessage(
      'Apply to other clusters needs a signed-in Atlas account.',
      'Sign In',
    );
    if (pick) await vscode.commands.executeCommand(Commands.signIn);
    return undefined;
  }
  const source = await sourceOf(arg, client);
  if (!source) return undefined;

  const items = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Listing clusters…', cancellable: true },
    async (_p, token) => {
      const cancel = signalOf(token);
      try {
        return await targetItems(client, source.from, cancel.signal);
      } finally {
        cancel.dispose();
      }
    },
  );
  const picked = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    matchOnDescription: true,
    ignoreFocusOut: true,
    title: `Apply ${source.label} to…`,
    placeHolder: 'Pick the clusters (type a project, a tier such as M10, or NVMe to filter)',
  });
  if (!picked?.length) return undefined;

  const plans = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Checking ${picked.length} clusters…`, cancellable: true },
    async (progress, token) => {
      const cancel = signalOf(token);
      try {
        return await planApply(
          client,
          source.schedule,
          picked.map((p) => p.target),
          {
            signal: cancel.signal,
            onPlanned: (p, done, total) =>
              progress.report({ message: `${done}/${total} ${targetName(p)}`, increment: 100 / total }),
          },
        );
      } finally {
        cancel.dispose();
      }
    },
  );
  const ready = plans.filter((p) => p.status === 'ready');
  const refused = plans.filter((p) => p.status === 'refused' || p.status === 'unreadable');
  const nothing = plans.filter((p) => p.status === 'nothing');
  // The review: every target's readable diff, or why it is refused. Plain text (nothing in it is rendered).
  const title = `Apply ${source.label} to ${picked.length} clusters`;
  const review = await deps.documents.open(title, `${title}\n\n${formatPlans(plans)}\n`);
  await vscode.window.showTextDocument(review, { preview: true, preserveFocus: false });
  if (!ready.length) {
    void vscode.window.showInformationMessage(
      `Nothing to push: ${refused.length ? `${refused.length} refused` : ''}${refused.length && nothing.length ? ', ' : ''}${nothing.length ? `${nothing.length} already have this schedule` : ''}.`,
    );
    return { results: [], review };
  }
  const detail = [
    `These ${ready.length} clusters will change:`,
    ...ready.map(
      (p) =>
        `• ${targetName(p)}: ${p.changes.length} change${p.changes.length === 1 ? '' : 's'}${p.changes.some((c) => c.caution) ? ' (some lose snapshots or restore points)' : ''}`,
    ),
    ...(refused.length ? ['', `Refused, nothing sent to them: ${refused.map(targetName).join(', ')}.`] : []),
    ...(nothing.length ? [`Already have it: ${nothing.map(targetName).join(', ')}.`] : []),
    '',
    'Each push is sent once, one cluster at a time; the schedule each had is kept in its history.',
  ].join('\n');
  const go = `Push to ${ready.length} cluster${ready.length === 1 ? '' : 's'}`;
  const choice = await vscode.window.showWarningMessage(
    `Apply ${source.label} to ${ready.length} cluster${ready.length === 1 ? '' : 's'}?`,
    { modal: true, detail },
    go,
  );
  if (choice !== go) return { results: [], review };

  const results = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Pushing', cancellable: true },
    async (progress, token) => {
      const cancel = signalOf(token); // stops before the next push, never during one
      try {
        return await applyPlans(client, plans, {
          origin: client.baseUrl,
          signIn: deps.signIn(ref?.accountId),
          history: deps.history,
          signal: cancel.signal,
          onStart: (p, i, n) => progress.report({ message: `${i + 1}/${n} ${targetName(p)}`, increment: 100 / n }),
          onResult: (r) => deps.logger.info(`Apply to many: ${r.message}`),
        });
      } finally {
        cancel.dispose();
      }
    },
  );
  deps.refresh();
  const pushed = results.filter((r) => r.outcome === 'pushed').length;
  const failed = results.filter((r) => r.outcome !== 'pushed');
  const text = `${pushed} of ${results.length} clusters pushed.${failed.length ? ` Not pushed: ${failed.map((r) => r.target.clusterName).join(', ')}.` : ''}`;
  await deps.documents.append(review, `\nResults\n${formatResults(results)}\n`);
  if (failed.length)
    void vscode.window.showErrorMessage(`${text} See the review for each cluster's result.`, 'Show Log').then((p) => {
      if (p) deps.logger.show();
    });
  else void vscode.window.showInformationMessage(text);
  return { results, review };
}
