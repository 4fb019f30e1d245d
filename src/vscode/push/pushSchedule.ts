// Push, Delete and History in VS Code: the dialogs and progress around the push core (src/core/push) and the readable
// diff (src/core/schedule/diff). Nobody changes more than they meant (the change list and a modal naming cluster and
// project), nobody overwrites a colleague's change unseen (the three-way compare), nothing typed is lost (a failed
// or cancelled push keeps the draft; anything replaced goes to the history first).
import * as vscode from 'vscode';
import type { AtlasClient } from '../../core/atlas';
import { describeWriteFailure, isCancelled } from '../../core/atlas/errors';
import type { BackupSchedule } from '../../core/atlas/types';
import type { DraftStore } from '../scheduleFiles/draftStore';
import type { PushDiff, PushDocuments, PushErrors } from './pushDocuments';
import { SCHEDULE_EDITOR_VIEW_TYPE } from '../scheduleEditor/scheduleEditorProvider';
import { Commands, Settings } from '../../core/ids';
import type { Logger } from '../common/logger';
import {
  answerDiffers,
  checkDelete,
  describeAnswerDiffers,
  placeAtlasError,
  planPush,
  recheckRemote,
  RemoteMovedError,
  sendPush,
  type PushPlan,
} from '../../core/push/pushCore';
import { classifyPush, type PushRisk } from '../../core/push/pushRisk';
import { describeNamedItem } from '../../core/schedule/describeSchedule';
import { alignedDocuments, diffSchedules, formatChanges, type Base } from '../../core/schedule/diff';
import type { HistoryEntry, HistoryOutcome, ScheduleHistory } from '../../core/schedule/history';
import { getNodeValue, parseTree, type ParseError } from '../../core/schedule/jsonc';
import { checkSchedule } from '../../core/schedule/checkSchedule';
import {
  readScheduleTarget,
  recordPulled,
  toScheduleFile,
  type ScheduleFileTarget,
} from '../../core/schedule/scheduleFile';
import type { ScheduleContext } from '../../core/schedule/types';
import { clusterOf, pickCluster, type ClusterRef } from '../scheduleFiles/scheduleEditing';
import { escapeIcons } from '../../core/common/markdown';
import { formatTime } from '../../core/time/formatTime';
import { describeBecameNew, restoreAsDraft } from '../../core/history/restoreAsDraft';

export interface PushDeps {
  /** The client of an account (the active one without an id): extension.ts's getClient. */
  getClient: (accountId?: string) => AtlasClient | undefined;
  drafts: DraftStore;
  /**
   * What the document started from, to tell a change made in Atlas since. Default: the file's `atlas.pulled`
   * fingerprint.
   */
  baseFor: (doc: vscode.TextDocument) => Promise<Base | undefined>;
  /** The cluster facts the rules need (NVMe, continuous backup, zones, compliance policy). */
  resolveContext: (doc: vscode.TextDocument, signal: AbortSignal) => Promise<ScheduleContext | undefined>;
  history: ScheduleHistory;
  documents: PushDocuments;
  errors: PushErrors;
  logger: Logger;
  /** Which sign-in acts (a label, never a secret). */
  signIn: (accountId?: string) => { label: string; accountId?: string };
  /** Reloads the tree after a write. */
  refresh: () => void;
  /** Atlas's schedule as a push just read it: the tree shows it at once (a conflict leaves the tree current). */
  sawSchedule?: (at: ClusterRef & { origin: string }, schedule: BackupSchedule) => void;
}

export type PushOutcome = 'pushed' | 'nothing' | 'cancelled' | 'problems' | 'conflict' | 'failed';

/** The merge review a conflict opened, per document: closed when the document is pushed again. */
const mergeReviews = new Map<string, PushDiff>();

/** The default base: the fingerprint recorded when the file was pulled. */
export function pulledBase(text: string): Base | undefined {
  const pulled = readScheduleTarget(text)?.pulled;
  return pulled ? { fingerprint: pulled.fingerprint, fetchedAt: pulled.at, origin: pulled.from } : undefined;
}

function activeScheduleUri(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input as { uri?: vscode.Uri } | undefined;
  return input?.uri?.path.endsWith('.schedule.json') ? input.uri : undefined;
}

function parseSchedule(text: string): BackupSchedule | undefined {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const v: unknown = root && !errors.length ? getNodeValue(root) : undefined;
  return v && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
}

const plural = (n: number, w: string): string => `${n} ${w}${n === 1 ? '' : 's'}`;
// A moment a person decides by (which side changed first): UTC and local, with the zone.
const when = (iso: string | undefined): string => (iso ? formatTime(iso, { local: true }) : 'an unknown time');

function needSignIn(what: string): void {
  void vscode.window.showWarningMessage(`${what} needs a signed-in Atlas account.`, 'Sign In').then((p) => {
    if (p) void vscode.commands.executeCommand(Commands.signIn);
  });
}

const projectNames = new WeakMap<AtlasClient, Map<string, string>>();
/** The project's name for the confirmation (one listing per client, cached); the id when it cannot be read. */
async function projectName(client: AtlasClient, groupId: string): Promise<string> {
  let names = projectNames.get(client);
  if (!names) {
    names = new Map();
    projectNames.set(client, names);
    try {
      for (const p of (await client.listProjectsPage({ itemsPerPage: 500 })).results)
        if (p.id && p.name) names.set(p.id, p.name);
    } catch {
      /* the id will do */
    }
  }
  return names.get(groupId) ?? groupId;
}

/** Whether the settings ask for the typed cluster name on a push to this project. */
function pushNeedsTypedName(groupId: string, name: string): boolean {
  const cfg = vscode.workspace.getConfiguration(Settings.section);
  if (cfg.get<boolean>(Settings.alwaysTypeClusterName) === true) return true;
  const listed = cfg.get<unknown>(Settings.typeClusterNameForProjects);
  return (
    Array.isArray(listed) &&
    listed.some((p) => typeof p === 'string' && (p.trim() === groupId || p.trim().toLowerCase() === name.toLowerCase()))
  );
}

async function typedName(clusterName: string, prompt: string): Promise<boolean> {
  const typed = await vscode.window.showInputBox({
    title: prompt,
    prompt: `Type the cluster name, ${clusterName}, to confirm`,
    placeHolder: clusterName,
    ignoreFocusOut: true,
    validateInput: (v) => (v === clusterName ? undefined : `Type ${clusterName} exactly`),
  });
  return typed === clusterName;
}

/** The schedule document a push is about: a given file, a tree row's draft, the active editor, or a picked draft. */
async function documentFor(deps: PushDeps, arg: unknown): Promise<vscode.TextDocument | undefined> {
  let uri = arg instanceof vscode.Uri ? arg : undefined;
  const ref = uri ? undefined : clusterOf(arg);
  if (ref) {
    const client = deps.getClient(ref.accountId);
    uri = deps.drafts.get(ref.groupId, ref.clusterName, client?.baseUrl);
    if (!uri) {
      void vscode.window
        .showInformationMessage(
          `${ref.clusterName} has no draft to push. Edit its backup schedule first.`,
          'Edit Backup Schedule',
        )
        .then((p) => {
          if (p) void vscode.commands.executeCommand(Commands.editSchedule, arg);
        });
      return undefined;
    }
  }
  uri ??= activeScheduleUri();
  if (!uri) {
    const list = deps.drafts.list();
    if (!list.length) {
      void vscode.window.showInformationMessage('Open a schedule file or a draft to push.');
      return undefined;
    }
    const pick = await vscode.window.showQuickPick(
      list.map((d) => ({ label: escapeIcons(d.clusterName), description: escapeIcons(`${d.groupId} · ${d.host}`), d })),
      { title: 'Push schedule to Atlas', placeHolder: 'Pick the draft to push' },
    );
    if (!pick) return undefined;
    uri = deps.drafts.get(pick.d.groupId, pick.d.clusterName);
    if (!uri) return undefined;
  }
  return vscode.workspace.openTextDocument(uri);
}

async function replaceText(doc: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
  await vscode.workspace.applyEdit(edit);
  await doc.save();
}

/**
 * Push a schedule document to the cluster it names. Resolves to what happened; every path that does not push
 * leaves the document as it was (or, for a conflict the person chose to resolve, replaced with history kept).
 */
export async function pushSchedule(deps: PushDeps, arg?: unknown): Promise<PushOutcome> {
  const doc = await documentFor(deps, arg);
  if (!doc) return 'cancelled';
  const text = doc.getText();
  const target = readScheduleTarget(text);
  const local = parseSchedule(text);
  if (!target || !local) {
    void vscode.window.showErrorMessage(
      `${vscode.workspace.asRelativePath(doc.uri)} cannot be pushed: ${local ? 'it does not say which cluster it is for ("atlas": { "groupId", "clusterName" })' : 'it is not a JSON object'}.`,
    );
    return 'problems';
  }
  const ref: ClusterRef = {
    groupId: target.groupId,
    clusterName: target.clusterName,
    ...(clusterOf(arg)?.accountId ? { accountId: clusterOf(arg)!.accountId } : {}),
  };
  const client = deps.getClient(ref.accountId);
  if (!client) {
    needSignIn('Push');
    return 'cancelled';
  }
  if (target.pulled && target.pulled.from !== client.baseUrl) {
    void vscode.window.showErrorMessage(
      `This schedule was pulled from ${target.pulled.from}, but you are signed in to ${client.baseUrl}. Sign in to ${target.pulled.from} to push it.`,
    );
    return 'cancelled';
  }

  // 1. Problems first: nothing with an error-severity problem is sent.
  const abort = new AbortController();
  const ctx = await deps.resolveContext(doc, abort.signal).catch(() => undefined);
  // The rules (as the Problems panel runs them), and any other error VS Code shows for the document (its JSON
  // schema validation); our own earlier push refusal is not one of them.
  const errors = checkSchedule(text, ctx)
    .filter((p) => p.severity === 'error')
    .map((p) => p.ruleId);
  for (const d of vscode.languages.getDiagnostics(doc.uri)) {
    if (d.severity === vscode.DiagnosticSeverity.Error && d.source !== 'Atlas' && d.source !== 'Atlas Backup')
      errors.push(typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? d.source ?? 'json'));
  }
  if (errors.length) {
    const rules = [...new Set(errors)].join(', ');
    void vscode.window
      .showErrorMessage(
        `Cannot push ${target.clusterName}: the schedule has ${plural(errors.length, 'error')} (${rules}). Fix them first; nothing was sent.`,
        'Show Problems',
      )
      .then((p) => {
        if (p) void vscode.commands.executeCommand('workbench.actions.view.problems');
      });
    return 'problems';
  }

  // 2. Atlas now, against the base and the draft.
  const base = await deps.baseFor(doc);
  let plan: PushPlan;
  try {
    // A quick read: the status bar, not a notification that would linger under the modal that follows.
    plan = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: `Comparing ${target.clusterName} with Atlas…` },
      () => planPush(client, ref, local, base, abort.signal),
    );
  } catch (e) {
    if (isCancelled(e)) return 'cancelled';
    void vscode.window.showErrorMessage(
      `Cannot compare ${target.clusterName} with Atlas: ${e instanceof Error ? e.message : String(e)} Nothing was sent.`,
    );
    return 'failed';
  }
  deps.sawSchedule?.({ ...ref, origin: client.baseUrl }, plan.remote);
  if (plan.remoteChanged) return resolveConflict(deps, doc, target, base, plan, client.baseUrl);
  if (plan.nothingToChange) {
    void vscode.window.showInformationMessage(
      `Nothing to push: the backup schedule of ${target.clusterName} in Atlas already matches.`,
    );
    return 'nothing';
  }

  // A copy region removed: keep the copies already made there, or delete them (unless copy protection keeps them).
  if (!(await decideRemovedCopies(plan, local, ctx))) return 'cancelled';

  // 3–4. The review first (the full diff beside), then the question: a modal naming cluster and project for a safe
  // change; for a risky one a pick whose default is Cancel, saying why, and the typed name where the settings ask.
  const project = await projectName(client, ref.groupId);
  const typed = pushNeedsTypedName(ref.groupId, project);
  const risk = classifyPush({
    before: plan.remote,
    after: local,
    changes: plan.pushChanges,
    typedConfirmation: typed,
    ...(ctx?.compliance ? { compliance: ctx.compliance } : {}),
    ...(ctx?.pitEnabled !== undefined ? { pitEnabled: ctx.pitEnabled } : {}),
  });
  // A merge review left from an earlier conflict is out of date now: the review below replaces it.
  const merge = mergeReviews.get(doc.uri.toString());
  if (merge) {
    mergeReviews.delete(doc.uri.toString());
    await deps.documents.close(merge);
  }
  const aligned = alignedDocuments(plan.remote, local);
  const review = await deps.documents.diff(
    { title: `${target.clusterName} in Atlas`, text: aligned.before },
    { title: `${target.clusterName} to push`, text: aligned.after },
    `${target.clusterName}: Atlas ↔ to push (review)`,
    { beside: true },
  );
  // The review tab closes however this ends: pushed, refused, failed or cancelled.
  try {
    return await confirmAndSend({ deps, doc, target, ref, client, base, plan, local, project, risk, typed });
  } finally {
    await deps.documents.close(review);
  }
}

interface Confirmed {
  deps: PushDeps;
  doc: vscode.TextDocument;
  target: ScheduleFileTarget;
  ref: ClusterRef;
  client: AtlasClient;
  base: Base | undefined;
  plan: PushPlan;
  local: BackupSchedule;
  project: string;
  risk: PushRisk;
  typed: boolean;
}

/** Asks (safe: a modal; risky: Cancel by default), reads Atlas again, keeps the old version, and sends the PATCH once. */
async function confirmAndSend(c: Confirmed): Promise<PushOutcome> {
  const { deps, doc, target, ref, client, base, plan, local, project } = c;
  const question = `Push ${plural(plan.pushChanges.length, 'change')} to ${target.clusterName} in project ${project}?`;
  const noBase =
    !base?.schedule && !base?.fingerprint
      ? '\n\nThis file does not record what it was pulled from, so a change made in Atlas since cannot be told apart from yours: every difference above is what Atlas will have.'
      : '';
  if (c.risk.risky) {
    if (!(await confirmRisky(question, plan, c.risk, noBase))) return 'cancelled';
  } else {
    const choice = await vscode.window.showWarningMessage(
      question,
      { modal: true, detail: `${formatChanges(plan.pushChanges, '')}${noBase}\n\nThe full diff is open beside.` },
      'Push',
    );
    if (choice !== 'Push') return 'cancelled';
  }
  if (c.typed && !(await typedName(target.clusterName, `Push to ${target.clusterName} in ${project}`)))
    return 'cancelled';

  // Atlas has no ETag: read it again now that the person has confirmed (the modal may have been open for minutes),
  // and send nothing if it moved; the three-way compare then shows what moved, as for any conflict.
  try {
    await recheckRemote(client, ref, plan.remote);
  } catch (e) {
    if (!(e instanceof RemoteMovedError)) {
      void vscode.window.showErrorMessage(
        `Cannot check ${target.clusterName} in Atlas again before pushing: ${e instanceof Error ? e.message : String(e)} Nothing was sent.`,
      );
      return 'failed';
    }
    deps.logger.warn(`Push to ${target.clusterName} stopped: ${e.message}`);
    const fresh = await planPush(client, ref, local, base).catch(() => undefined);
    if (fresh) deps.sawSchedule?.({ ...ref, origin: client.baseUrl }, fresh.remote);
    if (fresh?.remoteChanged) {
      await resolveConflict(deps, doc, target, base, fresh, client.baseUrl, 'while the push was being confirmed');
    } else {
      await vscode.window.showWarningMessage(
        `The backup schedule of ${target.clusterName} changed in Atlas while the push was being confirmed. Nothing was pushed.`,
        {
          modal: true,
          detail: `Changed in Atlas:\n${e.moved.length ? formatChanges(e.moved, '') : '• a setting the change list does not describe'}\n\nPush again to compare with Atlas's version now.`,
        },
      );
    }
    return 'conflict';
  }

  // The schedule Atlas has goes to the history before anything is sent.
  const kept = await deps.history.record({
    action: 'push',
    origin: client.baseUrl,
    groupId: ref.groupId,
    clusterName: target.clusterName,
    projectName: project,
    signIn: deps.signIn(ref.accountId),
    schedule: plan.remote,
  });

  // 5. The PATCH, once (not cancellable: it may reach Atlas at any moment).
  let answer: BackupSchedule;
  try {
    answer = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `Pushing the backup schedule of ${target.clusterName}…`,
      },
      () => sendPush(client, ref, local, plan.remote),
    );
  } catch (e) {
    const placed = placeAtlasError(e);
    const failure = describeWriteFailure(e, {
      what: `the push to ${target.clusterName}`,
      look: 'refresh the Atlas Backup view or compare with Atlas',
    });
    await settle(deps, kept, failure.outcome);
    const message = failure.mayHaveReached ? failure.message : placed.message;
    deps.errors.set(doc, placed.path, message);
    deps.logger.error(`Push to ${target.clusterName} failed`, e);
    void vscode.window.showErrorMessage(`${message} Your draft is kept.`, 'Show Problems').then((p) => {
      if (p) void vscode.commands.executeCommand('workbench.actions.view.problems');
    });
    return 'failed';
  }
  // What Atlas answered is what it has: say so when it is not what was sent (a compliance floor, an ignored field).
  const differs = describeAnswerDiffers(answerDiffers(local, answer), target.clusterName);
  if (differs) {
    deps.logger.warn(differs);
    void vscode.window.showWarningMessage(differs.replace(/\n {2}- /g, ' • '));
  }
  await settle(deps, kept, 'applied');
  deps.errors.clear(doc.uri);
  deps.logger.info(`Pushed ${plural(plan.pushChanges.length, 'change')} to ${target.clusterName} (${ref.groupId})`);
  if (deps.drafts.isDraft(doc.uri)) {
    await deps.drafts.discard(ref.groupId, target.clusterName, client.baseUrl);
  } else {
    // A workspace file now records what Atlas has, so the next push compares with it.
    await replaceText(doc, recordPulled(doc.getText(), answer, { at: new Date().toISOString(), from: client.baseUrl }));
  }
  deps.refresh();
  void vscode.window
    .showInformationMessage(
      `Pushed ${plural(plan.pushChanges.length, 'change')} to ${target.clusterName} in ${project}.`,
      'Show Schedule History',
    )
    .then((p) => {
      if (p) void vscode.commands.executeCommand(Commands.showScheduleHistory, ref);
    });
  return 'pushed';
}

type RiskyPick = vscode.QuickPickItem & { action?: 'push' | 'cancel' };

/**
 * A risky push's question. VS Code's modal always makes its first button the default (an `isCloseAffordance` item
 * only becomes the Cancel button), so this is a pick instead: Cancel first and active, the reasons and the change
 * list in it, and it stays open while the person reads the diff beside (ignoreFocusOut).
 */
async function confirmRisky(question: string, plan: PushPlan, risk: PushRisk, noBase: string): Promise<boolean> {
  const sep = (label: string): RiskyPick => ({ label, kind: vscode.QuickPickItemKind.Separator });
  const items: RiskyPick[] = [
    { label: 'Cancel', description: 'nothing is sent; the draft is kept', action: 'cancel' },
    { label: 'Push Anyway', description: question.replace(/\?$/, ''), action: 'push' },
    sep('Why this push is risky'),
    ...risk.reasons.map((r): RiskyPick => ({ label: `$(warning) ${escapeIcons(r)}` })),
    sep('What changes (the full diff is open beside)'),
    ...plan.pushChanges.map((ch): RiskyPick => ({
      label: `${ch.caution ? '! ' : '• '}${escapeIcons(ch.summary)}`,
      ...(ch.consequence ? { detail: escapeIcons(ch.consequence) } : {}),
    })),
    ...(noBase ? [{ label: '$(info) ' + escapeIcons(noBase.trim()) }] : []),
  ];
  for (;;) {
    const pick = await vscode.window.showQuickPick(items, {
      title: `${question} This push is risky: ${risk.reasons.length === 1 ? risk.reasons[0] : `${risk.reasons.length} reasons below.`}`,
      placeHolder: 'Cancel is the default. Read the diff beside (this stays open), then choose.',
      ignoreFocusOut: true,
      matchOnDetail: true,
    });
    if (!pick || pick.action === 'cancel') return false;
    if (pick.action === 'push') return true;
    // A reason or a change was picked: it is there to be read; ask again.
  }
}

/**
 * Asks, for each copy region the push removes without saying what becomes of its copies, whether to keep them (until
 * they expire) or delete them; "delete" adds the region to the PATCH's `deleteCopiedBackups` (the document is not
 * changed). Resolves false when the person cancels. Under copy protection the copies are kept and nothing is asked.
 */
async function decideRemovedCopies(
  plan: PushPlan,
  local: BackupSchedule,
  ctx: ScheduleContext | undefined,
): Promise<boolean> {
  const open = plan.pushChanges.filter((c) => c.kind === 'copy-region-removed' && c.region && !c.region.deleteCopies);
  if (!open.length || ctx?.compliance?.copyProtectionEnabled === true) return true;
  for (const c of open) {
    const choice = await vscode.window.showWarningMessage(
      `${c.summary}. Keep the copies already made there, or delete them?`,
      {
        modal: true,
        detail: 'Kept copies stay until they expire and can still be restored from. Deleted copies are gone for good.',
      },
      'Keep Copies',
      'Delete Copies',
    );
    if (choice === undefined) return false;
    if (choice === 'Delete Copies') {
      const { zoneId, cloudProvider, regionName } = c.region!;
      local.deleteCopiedBackups = [
        ...(local.deleteCopiedBackups ?? []),
        {
          ...(zoneId ? { zoneId } : {}),
          ...(cloudProvider ? { cloudProvider } : {}),
          ...(regionName ? { regionName } : {}),
        },
      ];
    }
  }
  plan.pushChanges = diffSchedules(plan.remote, local);
  return true;
}

/** Atlas changed since the base: say what, and offer a merge to review or a fresh start; never push blind. */
async function resolveConflict(
  deps: PushDeps,
  doc: vscode.TextDocument,
  target: ScheduleFileTarget,
  base: Base | undefined,
  plan: PushPlan,
  origin: string,
  moment?: string,
): Promise<PushOutcome> {
  const known = plan.remoteChanges !== undefined;
  const what = known
    ? `Changed in Atlas:\n${plan.remoteChanges!.length ? formatChanges(plan.remoteChanges!, '') : '• a setting the change list does not describe (compare the versions to see it)'}`
    : `Atlas's version now differs from yours in:\n${formatChanges(plan.pushChanges, '')}\n(some of these were made in Atlas since)`;
  const both = plan.conflicts.length
    ? `\n\nChanged on both sides (the merge keeps yours): ${plan.conflicts.map((c) => c.what).join('; ')}.`
    : '';
  // With the base schedule known, a merge; with a pulled file's fingerprint only, the two versions side by side.
  const review = known ? 'Review Merge' : 'Review Differences';
  const how = known
    ? "Review a merge of your changes onto Atlas's version, or start over from Atlas's version."
    : "Review Atlas's version beside yours (your file is then based on Atlas's version, and the next push lists every difference, including undoing the changes made in Atlas), or start over from Atlas's version.";
  const choice = await vscode.window.showWarningMessage(
    `The backup schedule of ${target.clusterName} changed in Atlas ${moment ?? `since ${known ? 'this draft was fetched' : 'this file was pulled'} (${when(base?.fetchedAt)})`}. Nothing was pushed.`,
    {
      modal: true,
      detail: `${what}${both}\n\n${how} Your current version is kept in the schedule history either way.`,
    },
    review,
    'Start Over from Atlas',
  );
  if (choice !== review && choice !== 'Start Over from Atlas') return 'cancelled';
  await deps.history.record({
    action: 'replaced-draft',
    origin,
    groupId: target.groupId,
    clusterName: target.clusterName,
    signIn: deps.signIn(),
    schedule: parseSchedule(doc.getText()) ?? {},
  });
  const now = new Date().toISOString();
  const fileOf = (s: BackupSchedule): string =>
    recordPulled(
      toScheduleFile(s, { groupId: target.groupId, clusterName: target.clusterName, pulledAt: now, origin }),
      plan.remote,
      { at: now, from: origin },
    );
  if (choice === 'Start Over from Atlas') {
    await replaceText(doc, fileOf(plan.remote));
  } else {
    // With the base known, the merge; with a fingerprint only, the person's own text, now based on Atlas's version.
    await replaceText(
      doc,
      plan.merged ? fileOf(plan.merged) : recordPulled(doc.getText(), plan.remote, { at: now, from: origin }),
    );
    const d = alignedDocuments(plan.remote, plan.merged ?? parseSchedule(doc.getText()) ?? {});
    mergeReviews.set(
      doc.uri.toString(),
      await deps.documents.diff(
        { title: `${target.clusterName} in Atlas now`, text: d.before },
        { title: `${target.clusterName} merged`, text: d.after },
        `${target.clusterName}: Atlas now ↔ merged draft (review, then push again)`,
      ),
    );
  }
  if (deps.drafts.isDraft(doc.uri)) await deps.drafts.replaceBase(doc.uri, plan.remote, now);
  return 'conflict';
}

/** Remove every policy item of a cluster (DELETE …/backup/schedule), after an explanation and the typed name. */
export async function deleteSchedules(
  deps: PushDeps,
  arg?: unknown,
): Promise<'deleted' | 'cancelled' | 'refused' | 'failed'> {
  const given = clusterOf(arg);
  const client = deps.getClient(given?.accountId);
  if (!client) {
    needSignIn('Delete all backup schedules');
    return 'cancelled';
  }
  const ref = given ?? (await pickCluster(client, 'Delete all backup schedules'));
  if (!ref) return 'cancelled';
  let schedule: BackupSchedule;
  let unknownPolicy: boolean;
  try {
    const check = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: `Checking ${ref.clusterName}'s project…` },
      () => checkDelete(client, ref.groupId),
    );
    if (check.refusal) {
      await vscode.window.showErrorMessage(`Cannot delete the backup schedules of ${ref.clusterName}.`, {
        modal: true,
        detail: check.refusal,
      });
      return 'refused';
    }
    unknownPolicy = !!check.unknown;
    schedule = await client.getBackupSchedule(ref.groupId, ref.clusterName);
  } catch (e) {
    void vscode.window.showErrorMessage(
      `Cannot delete the backup schedules of ${ref.clusterName}: ${e instanceof Error ? e.message : String(e)} Nothing was sent.`,
    );
    return 'failed';
  }
  const project = await projectName(client, ref.groupId);
  const items = schedule.policies?.[0]?.policyItems ?? [];
  const detail = [
    `Every policy item of ${ref.clusterName} is removed: it takes no scheduled snapshots from now on.`,
    items.length
      ? `Removed:\n${items.map((i) => `  – ${describeNamedItem(i)}`).join('\n')}`
      : 'It has no policy items now.',
    'Existing snapshots are not deleted: each stays until it expires. On-demand snapshots still work.',
    `Continuous backup is a cluster setting and is not turned off${schedule.restoreWindowDays !== undefined ? `; the schedule keeps its restore window (${plural(schedule.restoreWindowDays, 'day')})` : ''}. A point-in-time restore starts from a snapshot, so once the existing ones expire there is nothing to restore from.`,
    unknownPolicy
      ? "The project's Backup Compliance Policy could not be read (it needs Project Owner); Atlas refuses this if one forbids it."
      : '',
    'The current schedule is kept in the schedule history, to restore as a draft.',
  ]
    .filter(Boolean)
    .join('\n\n');
  const go = await vscode.window.showWarningMessage(
    `Delete all backup schedules of ${ref.clusterName} in project ${project}?`,
    { modal: true, detail },
    'Continue',
  );
  if (go !== 'Continue') return 'cancelled';
  // Never skipped, whatever the settings say.
  if (!(await typedName(ref.clusterName, `Delete all backup schedules of ${ref.clusterName} in ${project}`)))
    return 'cancelled';
  // Read again now that the person has confirmed: the history must keep what is actually removed, and a schedule that
  // changed while the dialogs were open is not what the person agreed to remove.
  try {
    schedule = await recheckRemote(client, ref, schedule);
  } catch (e) {
    const moved = e instanceof RemoteMovedError;
    void vscode.window.showErrorMessage(
      moved
        ? `${e.message.replace(/\n {2}- /g, ' • ')} Nothing was deleted; run Delete again to see what it removes now.`
        : `Cannot read ${ref.clusterName} again before deleting: ${e instanceof Error ? e.message : String(e)} Nothing was sent.`,
    );
    return moved ? 'refused' : 'failed';
  }
  const kept = await deps.history.record({
    action: 'delete',
    origin: client.baseUrl,
    groupId: ref.groupId,
    clusterName: ref.clusterName,
    projectName: project,
    signIn: deps.signIn(ref.accountId),
    schedule,
  });
  try {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Deleting the backup schedules of ${ref.clusterName}…` },
      () => client.deleteBackupSchedules(ref.groupId, ref.clusterName),
    );
  } catch (e) {
    const failure = describeWriteFailure(e, {
      what: `the delete of ${ref.clusterName}'s backup schedules`,
      look: 'refresh the Atlas Backup view; the schedule it had is in the schedule history',
    });
    await settle(deps, kept, failure.outcome);
    deps.logger.error(`Delete of ${ref.clusterName}'s schedules failed`, e);
    void vscode.window.showErrorMessage(failure.message);
    return 'failed';
  }
  await settle(deps, kept, 'applied');
  deps.logger.info(`Deleted every policy item of ${ref.clusterName} (${ref.groupId})`);
  deps.refresh();
  void vscode.window.showInformationMessage(
    `${ref.clusterName} takes no scheduled snapshots now. Existing snapshots stay until they expire.`,
  );
  return 'deleted';
}

function entryLabel(e: HistoryEntry): string {
  const what =
    e.action === 'push' ? 'Before a push' : e.action === 'delete' ? 'Before Delete all schedules' : 'A draft replaced';
  const outcome =
    e.outcome === 'refused'
      ? ' (refused by Atlas: nothing changed)'
      : e.outcome === 'unknown'
        ? ' (no answer from Atlas: it may have changed)'
        : '';
  return `${what}${outcome} · ${when(e.at)}`;
}

/** Records what came of a push or delete; the history is a record, so failing to write it never fails the push. */
async function settle(deps: PushDeps, entry: HistoryEntry, outcome: HistoryOutcome): Promise<void> {
  try {
    await deps.history.settle(entry, outcome);
  } catch (e) {
    deps.logger.warn(
      `Could not record the outcome in the schedule history: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}

/** Lists a cluster's history; the picked version can be restored as a draft or compared with Atlas. */
export async function showScheduleHistory(deps: PushDeps, arg?: unknown): Promise<HistoryEntry | undefined> {
  const given = clusterOf(arg);
  const client = deps.getClient(given?.accountId);
  if (!client) {
    needSignIn('Show schedule history');
    return undefined;
  }
  const ref = given ?? (await pickCluster(client, 'Show schedule history'));
  if (!ref) return undefined;
  const entries = await deps.history.list(client.baseUrl, ref.groupId, ref.clusterName);
  if (!entries.length) {
    void vscode.window.showInformationMessage(
      `No schedule history for ${ref.clusterName} yet: a version is kept before every push and delete.`,
    );
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    entries.map((e) => ({
      label: entryLabel(e),
      description: escapeIcons(e.signIn.label),
      detail: escapeIcons(
        (e.schedule.policies?.[0]?.policyItems ?? []).map((i) => describeNamedItem(i)).join(' · ') ||
          'no scheduled snapshots',
      ),
      entry: e,
    })),
    {
      title: `Schedule history of ${ref.clusterName}`,
      placeHolder: 'Pick a version to restore as a draft or compare with Atlas',
      matchOnDetail: true,
    },
  );
  if (!pick) return undefined;
  const action = await vscode.window.showInformationMessage(
    `${entryLabel(pick.entry)} (${pick.entry.signIn.label})`,
    { modal: true, detail: 'Restore opens this version as a draft; nothing is sent until you push it.' },
    'Restore as Draft',
    'Compare with Atlas',
  );
  if (action === 'Restore as Draft') await restoreFromHistory(deps, pick.entry);
  else if (action === 'Compare with Atlas') {
    const remote = await client.getBackupSchedule(ref.groupId, ref.clusterName);
    deps.sawSchedule?.({ ...ref, origin: client.baseUrl }, remote);
    const d = alignedDocuments(remote, pick.entry.schedule);
    await deps.documents.diff(
      { title: `${ref.clusterName} in Atlas`, text: d.before },
      { title: `${ref.clusterName} ${formatTime(pick.entry.at)}`, text: d.after },
      `${ref.clusterName}: Atlas ↔ ${entryLabel(pick.entry)}`,
    );
  }
  return pick.entry;
}

/** Opens an old version as the cluster's draft (based on Atlas's schedule now), to push through the same flow. */
export async function restoreFromHistory(
  deps: PushDeps,
  entry: HistoryEntry,
  opts: { open?: boolean } = {},
): Promise<vscode.Uri | undefined> {
  const client = deps.getClient(entry.signIn.accountId) ?? deps.getClient();
  if (!client) {
    needSignIn('Restore');
    return undefined;
  }
  const existing = deps.drafts.get(entry.groupId, entry.clusterName, client.baseUrl);
  if (existing) {
    const ok = await vscode.window.showWarningMessage(
      `${entry.clusterName} already has a draft. Replace it with this version?`,
      { modal: true, detail: 'The current draft is kept in the schedule history.' },
      'Replace Draft',
    );
    if (ok !== 'Replace Draft') return undefined;
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(existing));
    await deps.history.record({
      action: 'replaced-draft',
      origin: client.baseUrl,
      groupId: entry.groupId,
      clusterName: entry.clusterName,
      signIn: deps.signIn(),
      schedule: parseSchedule(text) ?? {},
    });
    await deps.drafts.discard(entry.groupId, entry.clusterName, client.baseUrl);
  }
  const fetchedAt = new Date().toISOString();
  const remote = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Fetching the backup schedule of ${entry.clusterName}…` },
    () => client.getBackupSchedule(entry.groupId, entry.clusterName),
  );
  const uri = await deps.drafts.create(remote, {
    groupId: entry.groupId,
    clusterName: entry.clusterName,
    origin: client.baseUrl,
    fetchedAt,
  });
  // Items Atlas no longer has (all of them after Delete all) become new items, so the draft can be pushed as it is.
  const restored = restoreAsDraft(entry.schedule, remote);
  const text = recordPulled(
    toScheduleFile(restored.schedule, {
      groupId: entry.groupId,
      clusterName: entry.clusterName,
      pulledAt: fetchedAt,
      origin: client.baseUrl,
    }),
    remote,
    { at: fetchedAt, from: client.baseUrl },
  );
  // Through the document, not the file: a document VS Code still holds for this path would otherwise show (and
  // push) what the path held before.
  await replaceText(await vscode.workspace.openTextDocument(uri), text);
  if (opts.open !== false) await vscode.commands.executeCommand('vscode.openWith', uri, SCHEDULE_EDITOR_VIEW_TYPE);
  void vscode.window.showInformationMessage(
    [
      `The version of ${when(entry.at)} is now ${entry.clusterName}'s draft.`,
      describeBecameNew(restored),
      'Push it to restore it in Atlas.',
    ]
      .filter(Boolean)
      .join(' '),
  );
  return uri;
}
