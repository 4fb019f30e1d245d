// Commands around the schedule editor: Edit backup schedule (opens the cluster's draft, fetching it from Atlas the
// first time), Discard draft, Pull schedule to file, Open as JSON and back. They hold no rules: they pick a cluster,
// fetch, and hand files to VS Code.
import * as vscode from 'vscode';
import type { AtlasClient } from '../../core/atlas';
import { scheduleFilePath, toScheduleFile } from '../../core/schedule/scheduleFile';
import type { DraftStore } from './draftStore';
import { SCHEDULE_EDITOR_VIEW_TYPE } from '../scheduleEditor/scheduleEditorProvider';
import { signalOf } from '../common/cancellation';
import { Commands } from '../../core/ids';
import type { Logger } from '../common/logger';
import { escapeIcons } from '../../core/common/markdown';
import { writeUri } from '../common/writeUri';
import { listClusterChoices } from '../../core/tree/clusterChoices';

export interface ClusterRef {
  accountId?: string;
  groupId: string;
  clusterName: string;
}

export interface EditingDeps {
  getClient: (accountId?: string) => AtlasClient | undefined;
  drafts: DraftStore;
  logger: Logger;
}

/** A cluster named by a tree node (cluster or schedule row, either shape of the explorer's nodes) or by a ref. */
export function clusterOf(arg: unknown): ClusterRef | undefined {
  if (!arg || typeof arg !== 'object') return undefined;
  const a = arg as Record<string, unknown>;
  const groupId = typeof a.groupId === 'string' ? a.groupId : undefined;
  const clusterName =
    typeof a.clusterName === 'string'
      ? a.clusterName
      : a.cluster && typeof (a.cluster as Record<string, unknown>).name === 'string'
        ? (a.cluster as { name: string }).name
        : undefined;
  if (!groupId || !clusterName) return undefined;
  return { groupId, clusterName, ...(typeof a.accountId === 'string' ? { accountId: a.accountId } : {}) };
}

/**
 * One pick over every cluster as "project / cluster" (palette use): typing a cluster's name finds it, whatever its
 * project. The list loads inside the pick (one request where Atlas offers it).
 */
export async function pickCluster(client: AtlasClient, title: string): Promise<ClusterRef | undefined> {
  const abort = new AbortController();
  const items = listClusterChoices(client, abort.signal).then((choices) =>
    choices.map((c) => ({
      label: `${escapeIcons(c.projectName)} / ${escapeIcons(c.clusterName)}`,
      description: c.backupEnabled === false ? 'backup off' : undefined,
      choice: c,
    })),
  );
  try {
    const pick = await vscode.window.showQuickPick(items, {
      title,
      placeHolder: 'Type a cluster or project name',
      matchOnDescription: true,
    });
    return pick ? { groupId: pick.choice.groupId, clusterName: pick.choice.clusterName } : undefined;
  } finally {
    abort.abort(); // closed before the list came: stop loading it
  }
}

async function resolveCluster(
  deps: EditingDeps,
  arg: unknown,
  title: string,
): Promise<{ ref: ClusterRef; client: AtlasClient } | undefined> {
  const given = clusterOf(arg);
  const client = deps.getClient(given?.accountId);
  if (!client) {
    const pick = await vscode.window.showWarningMessage(`${title} needs a signed-in Atlas account.`, 'Sign In');
    if (pick) await vscode.commands.executeCommand(Commands.signIn);
    return undefined;
  }
  const ref = given ?? (await pickCluster(client, title));
  return ref ? { ref, client } : undefined;
}

/** Opens the cluster's draft in the schedule editor, creating it from Atlas's schedule if there is none. */
export async function editSchedule(deps: EditingDeps, arg?: unknown): Promise<vscode.Uri | undefined> {
  const got = await resolveCluster(deps, arg, 'Edit backup schedule');
  if (!got) return undefined;
  const { ref, client } = got;
  let uri = deps.drafts.get(ref.groupId, ref.clusterName, client.baseUrl);
  if (!uri) {
    const fetchedAt = new Date().toISOString();
    const schedule = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `Fetching the backup schedule of ${ref.clusterName}…`,
        cancellable: true,
      },
      async (_p, token) => {
        const cancel = signalOf(token);
        try {
          return await client.getBackupSchedule(ref.groupId, ref.clusterName, { signal: cancel.signal });
        } finally {
          cancel.dispose();
        }
      },
    );
    uri = await deps.drafts.create(schedule, {
      groupId: ref.groupId,
      clusterName: ref.clusterName,
      origin: client.baseUrl,
      fetchedAt,
    });
    deps.logger.info(`Draft of ${ref.clusterName}'s schedule created from Atlas (${uri.fsPath})`);
  }
  await vscode.commands.executeCommand('vscode.openWith', uri, SCHEDULE_EDITOR_VIEW_TYPE);
  return uri;
}

/** Drops a cluster's draft after asking. */
export async function discardDraft(deps: EditingDeps, arg?: unknown): Promise<boolean> {
  let ref = clusterOf(arg);
  const activeUri = arg instanceof vscode.Uri ? arg : activeScheduleUri();
  if (!ref && activeUri && deps.drafts.isDraft(activeUri)) {
    const parts = activeUri.path.split('/');
    ref = { groupId: parts[parts.length - 2], clusterName: parts[parts.length - 1].replace(/\.schedule\.json$/, '') };
  }
  if (!ref) {
    const list = deps.drafts.list();
    if (!list.length) {
      void vscode.window.showInformationMessage('There are no schedule drafts.');
      return false;
    }
    const pick = await vscode.window.showQuickPick(
      list.map((d) => ({ label: escapeIcons(d.clusterName), description: escapeIcons(`${d.groupId} · ${d.host}`), d })),
      { title: 'Discard draft', placeHolder: 'Pick the draft to discard' },
    );
    if (!pick) return false;
    ref = { groupId: pick.d.groupId, clusterName: pick.d.clusterName };
  }
  if (!deps.drafts.has(ref.groupId, ref.clusterName)) {
    void vscode.window.showInformationMessage(`${ref.clusterName} has no draft.`);
    return false;
  }
  const ok = await vscode.window.showWarningMessage(
    `Discard the draft of ${ref.clusterName}'s backup schedule?`,
    { modal: true, detail: 'The edits in it are lost. The schedule in Atlas is not changed.' },
    'Discard',
  );
  if (ok !== 'Discard') return false;
  await deps.drafts.discard(ref.groupId, ref.clusterName);
  deps.logger.info(`Draft of ${ref.clusterName}'s schedule discarded`);
  return true;
}

/** Writes the cluster's schedule to a *.schedule.json file the person chooses (for teams keeping schedules in git). */
export async function pullSchedule(deps: EditingDeps, arg?: unknown): Promise<vscode.Uri | undefined> {
  const got = await resolveCluster(deps, arg, 'Pull schedule to file');
  if (!got) return undefined;
  const { ref, client } = got;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    title: `Pull ${ref.clusterName}'s backup schedule to a file`,
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `${ref.clusterName}.schedule.json`) } : {}),
    filters: { 'Backup schedule': ['schedule.json'] },
  });
  if (!target) return undefined;
  const uri = target.with({ path: scheduleFilePath(target.path) });
  const fetchedAt = new Date().toISOString();
  const schedule = await client.getBackupSchedule(ref.groupId, ref.clusterName);
  await writeUri(
    uri,
    toScheduleFile(schedule, {
      groupId: ref.groupId,
      clusterName: ref.clusterName,
      pulledAt: fetchedAt,
      origin: client.baseUrl,
    }),
  );
  await vscode.window.showTextDocument(uri);
  return uri;
}

function activeScheduleUri(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input as { uri?: vscode.Uri } | undefined;
  return input?.uri?.path.endsWith('.schedule.json') ? input.uri : undefined;
}

/** The schedule the form shows, in the text editor (same document). */
export async function openAsJson(uri?: vscode.Uri): Promise<void> {
  const target = uri instanceof vscode.Uri ? uri : activeScheduleUri();
  if (target) await vscode.commands.executeCommand('vscode.openWith', target, 'default');
}

/** The schedule file in the form. */
export async function openInScheduleEditor(uri?: vscode.Uri): Promise<void> {
  const target = uri instanceof vscode.Uri ? uri : activeScheduleUri();
  if (target) await vscode.commands.executeCommand('vscode.openWith', target, SCHEDULE_EDITOR_VIEW_TYPE);
}
