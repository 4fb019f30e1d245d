// Push, Delete and History in the real extension host against the simulator, with the dialogs stubbed: confirm,
// cancel, a colleague's change caught and merged, Atlas's refusal placed on its field, history and restore.
// What Atlas received is read back from the simulator (its schedule, and its request log for "nothing sent").
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { control } from './helpers';
import { AtlasClient } from '../../src/core/atlas';
import type { BackupSchedule } from '../../src/core/atlas';
import type { AtlasBackupApi } from '../../src/vscode/extension';
import { DEMO_CREDENTIALS, SEED } from '../../src/simulator';
import { present } from '../../src/core/tree/explorerModel';
import { summarizeSchedule } from '../../src/core/schedule/describeSchedule';

const SIM = process.env.ATLAS_SIM_URL!;
const STAGING = SEED.projects.staging.id;
const PRODUCTION = SEED.projects.production.id;
const LEGACY = { groupId: STAGING, clusterName: 'legacy-app' };

async function writesTo(cluster: string): Promise<string[]> {
  const log = (await control('GET', '/__sim/requests')) as { method: string; path: string }[];
  return log
    .filter((r) => r.method !== 'GET' && r.path.endsWith(`/clusters/${cluster}/backup/schedule`))
    .map((r) => r.method);
}

type Stub = { calls: unknown[][]; restore(): void };
const stubs: Stub[] = [];
/** Replaces window.<name> until the test ends; answers with the next of `answers` (or a function of the call). */
function stub(name: keyof typeof vscode.window, answers: unknown[] | ((...args: never[]) => unknown)): Stub {
  const w = vscode.window as unknown as Record<string, unknown>;
  const original = w[name];
  const calls: unknown[][] = [];
  w[name] = async (...args: unknown[]) => {
    calls.push(args);
    return typeof answers === 'function' ? (answers as (...a: unknown[]) => unknown)(...args) : answers.shift();
  };
  const s = {
    calls,
    restore: () => {
      w[name] = original;
    },
  };
  stubs.push(s);
  return s;
}
/** Modal answers: the first argument is the message, the second the options (with the detail). */
const modal = (answer: (message: string, detail: string) => string | undefined) => (message: string, opts: unknown) =>
  opts && typeof opts === 'object' && (opts as { modal?: boolean }).modal
    ? answer(message, String((opts as { detail?: string }).detail ?? ''))
    : undefined;

describe('push, delete and history', () => {
  let api: AtlasBackupApi;
  let client: AtlasClient;

  before(async () => {
    assert.ok(SIM, 'ATLAS_SIM_URL is set by the driver');
    api = (await vscode.extensions.getExtension('atlas-backup.atlas-backup')!.activate()) as AtlasBackupApi;
    client = new AtlasClient({
      baseUrl: SIM,
      credentials: { kind: 'serviceAccount', ...DEMO_CREDENTIALS.serviceAccount },
      userAgent: 'push-integration/0',
    });
  });
  let since = '';
  /** The history entries made during this test (the history lives in globalStorage across tests). */
  const historyOf = async (cluster: string) =>
    (await api.push.history.list(SIM, STAGING, cluster)).filter((e) => e.at >= since);
  beforeEach(async () => {
    since = new Date().toISOString();
    await control('POST', '/__sim/reset');
    await vscode.commands.executeCommand('atlasBackup.refresh');
    for (const d of api.drafts.list()) await api.drafts.discard(d.groupId, d.clusterName);
  });
  afterEach(async () => {
    while (stubs.length) stubs.pop()!.restore();
    await vscode.workspace
      .getConfiguration('atlasBackup')
      .update('confirmations.typeClusterNameForProjects', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  /** A draft of the cluster (as Edit would make it), with `change` applied to its text, opened in a text editor. */
  async function draftWith(
    ref: { groupId: string; clusterName: string },
    change: (s: BackupSchedule) => void,
  ): Promise<vscode.TextDocument> {
    const schedule = await client.getBackupSchedule(ref.groupId, ref.clusterName);
    const uri = await api.drafts.create(schedule, {
      ...ref,
      origin: api.session.client!.baseUrl,
      fetchedAt: new Date().toISOString(),
    });
    const doc = await vscode.workspace.openTextDocument(uri);
    // From the file as written (a document VS Code still holds for this path may lag behind it).
    const value = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))) as BackupSchedule;
    change(value);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(
      uri,
      new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)),
      JSON.stringify(value, null, 2),
    );
    await vscode.workspace.applyEdit(edit);
    await doc.save();
    await vscode.window.showTextDocument(doc);
    return doc;
  }
  const nextHour = (s: BackupSchedule) => {
    s.referenceHourOfDay = ((s.referenceHourOfDay ?? 0) + 1) % 24;
  };
  const push = (arg?: unknown) => vscode.commands.executeCommand<string>('atlasBackup.pushSchedule', arg);

  it('confirm: the modal names cluster and project and lists the change; Atlas gets it; the draft is cleared; history keeps the old version', async () => {
    const before = await client.getBackupSchedule(STAGING, 'legacy-app');
    const doc = await draftWith(LEGACY, nextHour);
    const warn = stub(
      'showWarningMessage',
      modal(() => 'Push'),
    );
    stub('showInformationMessage', () => undefined);
    assert.equal(await push(doc.uri), 'pushed');
    const [message, opts] = warn.calls[0] as [string, { detail: string }];
    assert.equal(message, 'Push 1 change to legacy-app in project Staging?');
    assert.match(opts.detail, /Snapshot time of day \d\d:\d\d UTC → \d\d:\d\d UTC/);
    assert.match(opts.detail, /Scheduled snapshots move to the new time/);
    assert.deepEqual(await writesTo('legacy-app'), ['PATCH']);
    assert.equal(
      (await client.getBackupSchedule(STAGING, 'legacy-app')).referenceHourOfDay,
      ((before.referenceHourOfDay ?? 0) + 1) % 24,
    );
    assert.equal(api.drafts.has(STAGING, 'legacy-app'), false, 'the draft is cleared');
    const history = await historyOf('legacy-app');
    assert.equal(history.length, 1);
    assert.equal(history[0].action, 'push');
    assert.equal(history[0].schedule.referenceHourOfDay, before.referenceHourOfDay);
    assert.equal(history[0].outcome, 'applied');
    assert.match(
      history[0].signIn.label,
      /@ 127\.0\.0\.1:\d+ \((service account|API key)\)$/,
      'which sign-in (its public half), never a secret',
    );
    assert.ok(
      !history[0].signIn.label.includes(DEMO_CREDENTIALS.serviceAccount.clientSecret) &&
        !history[0].signIn.label.includes(DEMO_CREDENTIALS.apiKey.privateKey),
    );
  });

  it('cancel: nothing is sent and the draft keeps the edit', async () => {
    const doc = await draftWith(LEGACY, nextHour);
    const text = doc.getText();
    stub(
      'showWarningMessage',
      modal(() => undefined),
    );
    assert.equal(await push(doc.uri), 'cancelled');
    assert.deepEqual(await writesTo('legacy-app'), []);
    assert.ok(api.drafts.has(STAGING, 'legacy-app'));
    assert.equal((await vscode.workspace.openTextDocument(doc.uri)).getText(), text);
  });

  /** The push review diffs open now (their right side is a push document). */
  const reviewTabs = () =>
    vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === 'atlas-backup-push');
  /** The risky push's pick: answers with the item labelled `label` (what a click does), recording the items. */
  const riskyPick = (label: string) =>
    stub('showQuickPick', (items: readonly vscode.QuickPickItem[]) => items.find((i) => i.label === label));

  it('the review opens first, beside, as read-only normalised documents; its tab is closed after the push', async () => {
    const doc = await draftWith(LEGACY, nextHour);
    let seen: { left: string; right: string; beside: boolean } | undefined;
    stub(
      'showWarningMessage',
      modal(() => {
        // Asked while the review is open (read before deciding), in a group beside the draft's.
        const tab = reviewTabs()[0];
        assert.ok(tab && tab.input instanceof vscode.TabInputTextDiff, 'the diff is open when the question is asked');
        seen = {
          left: tab.input.original.toString(),
          right: tab.input.modified.toString(),
          beside: tab.group.viewColumn !== vscode.ViewColumn.One,
        };
        return 'Push';
      }),
    );
    stub('showInformationMessage', () => undefined);
    assert.equal(await push(doc.uri), 'pushed');
    assert.ok(seen?.beside, 'the review is beside the draft');
    assert.equal(new URL(seen.left).protocol, 'atlas-backup-push:');
    assert.deepEqual(reviewTabs(), [], 'no stale review tab after the push');
  });

  it('the review shows only real changes, and closes when the push is cancelled', async () => {
    const doc = await draftWith(LEGACY, nextHour);
    let texts: [string, string] | undefined;
    stub('showWarningMessage', async () => {
      const input = reviewTabs()[0]?.input as vscode.TabInputTextDiff;
      texts = [
        (await vscode.workspace.openTextDocument(input.original)).getText(),
        (await vscode.workspace.openTextDocument(input.modified)).getText(),
      ];
      return undefined;
    });
    assert.equal(await push(doc.uri), 'cancelled');
    const [left, right] = texts!;
    assert.doesNotMatch(left + right, /"links"|"nextSnapshot"|"clusterId"/);
    const differing = left.split('\n').filter((l, i) => l !== right.split('\n')[i]);
    assert.deepEqual(
      differing.map((l) => l.trim().replace(/\d+/, 'N')),
      ['"referenceHourOfDay": N,'],
    );
    assert.deepEqual(reviewTabs(), [], 'no stale review tab after cancelling');
    assert.deepEqual(await writesTo('legacy-app'), []);
  });

  it('a retention cut is risky: a pick whose first (default) item is Cancel says why; Enter sends nothing', async () => {
    const before = await client.getBackupSchedule(STAGING, 'legacy-app');
    const weekly = before.policies![0].policyItems.find((i) => i.frequencyType === 'weekly')!;
    assert.ok(weekly.retentionUnit === 'weeks' && weekly.retentionValue > 1, 'the seed keeps weekly snapshots weeks');
    const doc = await draftWith(LEGACY, (s) => {
      s.policies![0].policyItems.find((i) => i.frequencyType === 'weekly')!.retentionValue = 1;
    });
    const warn = stub('showWarningMessage', () => 'Push');
    let reviewOpen = false;
    const pick = stub('showQuickPick', (items: readonly vscode.QuickPickItem[]) => {
      reviewOpen = reviewTabs().length === 1;
      return items[0]; // what Enter takes: the first item
    });
    assert.equal(await push(doc.uri), 'cancelled');
    assert.equal(warn.calls.length, 0, 'no modal, whose first button would be the default');
    const [items, opts] = pick.calls[0] as [vscode.QuickPickItem[], vscode.QuickPickOptions];
    assert.equal(items[0].label, 'Cancel');
    assert.equal(items[1].label, 'Push Anyway');
    assert.equal(opts.ignoreFocusOut, true, 'it stays open while the diff beside is read');
    assert.match(
      String(opts.title),
      new RegExp(
        `^Push 1 change to legacy-app in project Staging\\? This push is risky: It shortens how long snapshots are kept \\(Weekly snapshot .*${weekly.retentionValue} weeks → 1 week\\)`,
      ),
    );
    assert.ok(reviewOpen, 'the review is open while the pick asks');
    assert.deepEqual(reviewTabs(), []);
    assert.deepEqual(await writesTo('legacy-app'), []);
  });

  it('error-severity problems: refused with Show Problems before any request', async () => {
    const doc = await draftWith(LEGACY, (s) => {
      s.policies![0].policyItems.find((i) => i.frequencyType === 'hourly')!.frequencyInterval = 3;
    });
    const err = stub('showErrorMessage', () => undefined);
    const warn = stub('showWarningMessage', () => 'Push');
    assert.equal(await push(doc.uri), 'problems');
    assert.match(String(err.calls[0][0]), /Cannot push legacy-app: the schedule has 1 error \(frequency-interval\)/);
    assert.equal(err.calls[0][1], 'Show Problems');
    assert.equal(warn.calls.length, 0);
    assert.deepEqual(await writesTo('legacy-app'), []);
  });

  it("conflict: a colleague's change is caught and named; Review Merge keeps both; the next push sends both", async () => {
    const doc = await draftWith(LEGACY, nextHour);
    const current = await client.getBackupSchedule(STAGING, 'legacy-app');
    const colleague = structuredClone(current);
    const daily = colleague.policies![0].policyItems.find((i) => i.frequencyType === 'daily')!;
    daily.retentionValue += 7;
    await client.updateBackupSchedule(STAGING, 'legacy-app', colleague, { current });
    const warn = stub(
      'showWarningMessage',
      modal((m) => (/changed in Atlas/.test(m) ? 'Review Merge' : 'Push')),
    );
    stub('showInformationMessage', () => undefined);
    assert.equal(await push(doc.uri), 'conflict');
    const [message, opts] = warn.calls[0] as [string, { detail: string }];
    assert.match(message, /The backup schedule of legacy-app changed in Atlas since this draft was fetched/);
    assert.match(opts.detail, /Changed in Atlas:\n. Daily snapshot \(every day\) kept \d+ days → \d+ days \(longer\)/);
    assert.deepEqual(await writesTo('legacy-app'), ['PATCH'], "only the colleague's PATCH");
    const merged = JSON.parse((await vscode.workspace.openTextDocument(doc.uri)).getText()) as BackupSchedule;
    assert.equal(
      merged.policies![0].policyItems.find((i) => i.frequencyType === 'daily')!.retentionValue,
      daily.retentionValue,
      "the colleague's change is in the merge",
    );
    assert.equal(merged.referenceHourOfDay, ((current.referenceHourOfDay ?? 0) + 1) % 24, "and so is the draft's");
    assert.equal((await historyOf('legacy-app'))[0].action, 'replaced-draft', 'the pre-merge draft is kept');
    assert.equal(reviewTabs().length, 1, 'the merge is open to review');

    assert.equal(await push(doc.uri), 'pushed');
    assert.deepEqual(reviewTabs(), [], 'neither the merge review nor the push review is left behind');
    const now = await client.getBackupSchedule(STAGING, 'legacy-app');
    assert.equal(now.referenceHourOfDay, merged.referenceHourOfDay);
    assert.equal(
      now.policies![0].policyItems.find((i) => i.frequencyType === 'daily')!.retentionValue,
      daily.retentionValue,
    );
  });

  it("conflict: the tree shows Atlas's schedule at once, and the modal says when the draft was fetched, in UTC and local", async () => {
    // The tree shows legacy-app's schedule as fetched before the colleague's change.
    let rows = await api.explorer.whenSettled();
    for (const name of ['Staging', 'legacy-app']) {
      const row = rows.find((r) => present(r).label === name);
      assert.ok(row, name);
      rows = await api.explorer.whenSettled(row);
    }
    const scheduleRow = rows.find((r) => r.kind === 'schedule')!;
    await api.explorer.whenSettled(scheduleRow);
    const doc = await draftWith(LEGACY, nextHour);
    const current = await client.getBackupSchedule(STAGING, 'legacy-app');
    const colleague = structuredClone(current);
    colleague.policies![0].policyItems.find((i) => i.frequencyType === 'daily')!.retentionValue += 7;
    const atlas = await client.updateBackupSchedule(STAGING, 'legacy-app', colleague, { current });
    assert.notEqual(present(scheduleRow).description, summarizeSchedule(atlas), 'the tree has the old one');

    const warn = stub(
      'showWarningMessage',
      modal(() => undefined),
    );
    assert.equal(await push(doc.uri), 'cancelled', 'the person closes the conflict modal');
    assert.equal(present(scheduleRow).description, summarizeSchedule(atlas), "Atlas's schedule, without a refresh");
    const [message] = warn.calls[0] as [string];
    assert.match(
      message,
      /since this draft was fetched \(\d{4}-\d\d-\d\d \d\d:\d\d UTC( \(.* local, UTC[+-]\d\d:\d\d\))?\)/,
    );
    assert.doesNotMatch(message, /\b(AM|PM)\b/);
  });

  it("conflict: Start Over from Atlas replaces the draft with Atlas's version, keeping the old draft in the history", async () => {
    const doc = await draftWith(LEGACY, nextHour);
    const current = await client.getBackupSchedule(STAGING, 'legacy-app');
    const colleague = structuredClone(current);
    colleague.policies![0].policyItems.find((i) => i.frequencyType === 'daily')!.retentionValue += 7;
    await client.updateBackupSchedule(STAGING, 'legacy-app', colleague, { current });
    stub(
      'showWarningMessage',
      modal((m) => (/changed in Atlas/.test(m) ? 'Start Over from Atlas' : undefined)),
    );
    assert.equal(await push(doc.uri), 'conflict');
    const now = JSON.parse((await vscode.workspace.openTextDocument(doc.uri)).getText()) as BackupSchedule;
    assert.equal(now.referenceHourOfDay, current.referenceHourOfDay, "the draft's edit is gone from the draft…");
    const daily = (x: BackupSchedule) =>
      x.policies![0].policyItems.find((i) => i.frequencyType === 'daily')!.retentionValue;
    assert.equal(daily(now), daily(colleague), "…which is Atlas's version now");
    const [kept] = await historyOf('legacy-app');
    assert.equal(kept.action, 'replaced-draft');
    assert.equal(
      kept.schedule.referenceHourOfDay,
      ((current.referenceHourOfDay ?? 0) + 1) % 24,
      '…and kept in the history',
    );
    stub('showInformationMessage', () => undefined);
    assert.equal(await push(doc.uri), 'nothing', 'based on Atlas now, with nothing to change');
  });

  it('a removed copy region asks keep or delete; "Delete Copies" is in the change list and the push', async () => {
    const GLOBAL = { groupId: PRODUCTION, clusterName: 'global-users' };
    const before = await client.getBackupSchedule(PRODUCTION, 'global-users');
    const gone = before.copySettings![0];
    const doc = await draftWith(GLOBAL, (s) => {
      s.copySettings = s.copySettings!.slice(1);
    });
    const warn = stub(
      'showWarningMessage',
      modal((m) => (/Keep the copies/.test(m) ? 'Delete Copies' : 'Push')),
    );
    const pick = riskyPick('Push Anyway');
    stub('showInformationMessage', () => undefined);
    assert.equal(await push(doc.uri), 'pushed');
    assert.equal(warn.calls.length, 1, 'a removed copy region is risky: no modal with Push as its default');
    assert.match(
      String(warn.calls[0][0]),
      new RegExp(
        `Snapshots no longer copied to ${gone.cloudProvider} ${gone.regionName}.*Keep the copies already made there, or delete them\\?`,
      ),
    );
    const [items, opts] = pick.calls[0] as [vscode.QuickPickItem[], vscode.QuickPickOptions];
    assert.match(String(opts.title), /This push is risky: It stops copying snapshots to a region/);
    assert.ok(items.some((i) => /The copies already in that region are deleted/.test(i.detail ?? '')));
    assert.equal(
      (await client.getBackupSchedule(PRODUCTION, 'global-users')).copySettings!.length,
      before.copySettings!.length - 1,
    );
  });

  it("failure: Atlas's refusal becomes a diagnostic on the field it names, with what to do; the draft stays; no retry", async () => {
    const doc = await draftWith(LEGACY, (s) => {
      s.restoreWindowDays = 3;
      nextHour(s);
    });
    await control('POST', '/__sim/faults', {
      pathPrefix: `/api/atlas/v2/groups/${STAGING}/clusters/legacy-app/backup/schedule`,
      method: 'PATCH',
      status: 400,
      errorCode: 'INVALID_RESTORE_WINDOW',
      detail: 'The restore window days should be a positive number.',
      count: 3,
    });
    stub(
      'showWarningMessage',
      modal(() => 'Push'),
    );
    riskyPick('Push Anyway'); // the seed's restore window is longer than 3 days: shortening it is risky
    const err = stub('showErrorMessage', () => undefined);
    assert.equal(await push(doc.uri), 'failed');
    const [d] = api.push.errors.get(doc.uri);
    assert.ok(d, 'a diagnostic');
    assert.equal(doc.getText(d.range), '"restoreWindowDays"');
    assert.match(d.message, /^Atlas refused the push: .*INVALID_RESTORE_WINDOW/);
    assert.ok(
      vscode.languages.getDiagnostics(doc.uri).some((x) => x.source === 'Atlas'),
      'in the Problems panel',
    );
    assert.match(String(err.calls[0][0]), /Your draft is kept/);
    assert.ok(api.drafts.has(STAGING, 'legacy-app'));
    assert.deepEqual(await writesTo('legacy-app'), ['PATCH'], 'sent once');
    assert.equal(
      (await historyOf('legacy-app'))[0].outcome,
      'refused',
      'the history says Atlas refused it: nothing changed',
    );
  });

  it('a colleague changes Atlas while the push modal is open: nothing is sent, what moved is shown (conflict)', async () => {
    const doc = await draftWith(LEGACY, nextHour);
    const warn = stub('showWarningMessage', async (message: string, opts: unknown) => {
      if (!(opts && typeof opts === 'object' && (opts as { modal?: boolean }).modal)) return undefined;
      if (/^Push 1 change/.test(message)) {
        // The colleague, through Atlas, while the person reads the modal.
        const current = await client.getBackupSchedule(STAGING, 'legacy-app');
        const next = structuredClone(current);
        next.policies![0].policyItems.find((i) => i.frequencyType === 'daily')!.retentionValue += 7;
        await client.updateBackupSchedule(STAGING, 'legacy-app', next, { current });
        return 'Push';
      }
      return undefined;
    });
    stub('showInformationMessage', () => undefined);
    assert.equal(await push(doc.uri), 'conflict');
    assert.deepEqual(await writesTo('legacy-app'), ['PATCH'], "only the colleague's PATCH");
    const [message, opts] = warn.calls[1] as [string, { detail: string }];
    assert.match(message, /changed in Atlas while the push was being confirmed\. Nothing was pushed/);
    assert.match(opts.detail, /Daily snapshot \(every day\) kept \d+ days → \d+ days \(longer\)/);
    assert.equal(
      (await client.getBackupSchedule(STAGING, 'legacy-app')).policies![0].policyItems.find(
        (i) => i.frequencyType === 'daily',
      )!.retentionValue,
      14,
      "the colleague's change stays",
    );
  });

  it('a PATCH answered 200 with a body that is not JSON: "may have reached Atlas", the history says unknown', async () => {
    const doc = await draftWith(LEGACY, nextHour);
    await control('POST', '/__sim/faults', {
      pathPrefix: `/api/atlas/v2/groups/${STAGING}/clusters/legacy-app/backup/schedule`,
      method: 'PATCH',
      after: 'malformed',
    });
    stub(
      'showWarningMessage',
      modal(() => 'Push'),
    );
    const err = stub('showErrorMessage', () => undefined);
    assert.equal(await push(doc.uri), 'failed');
    assert.match(
      String(err.calls[0][0]),
      /may have reached Atlas: Atlas accepted it \(HTTP 200\).*Look before trying again/,
    );
    assert.deepEqual(await writesTo('legacy-app'), ['PATCH'], 'sent once');
    assert.equal((await historyOf('legacy-app'))[0].outcome, 'unknown');
  });

  it('a 403 names the role to ask for', async () => {
    const doc = await draftWith(LEGACY, nextHour);
    await control('POST', '/__sim/faults', {
      pathPrefix: `/api/atlas/v2/groups/${STAGING}/clusters/legacy-app/backup/schedule`,
      method: 'PATCH',
      status: 403,
      errorCode: 'USER_UNAUTHORIZED',
      detail: 'Current user is not authorized to perform this action.',
    });
    stub(
      'showWarningMessage',
      modal(() => 'Push'),
    );
    stub('showErrorMessage', () => undefined);
    assert.equal(await push(doc.uri), 'failed');
    assert.match(api.push.errors.get(doc.uri)[0].message, /Project Backup Manager/);
  });

  it('a project listed in the setting needs the typed cluster name; a wrong name sends nothing', async () => {
    await vscode.workspace
      .getConfiguration('atlasBackup')
      .update('confirmations.typeClusterNameForProjects', ['Staging'], vscode.ConfigurationTarget.Global);
    const doc = await draftWith(LEGACY, nextHour);
    const warn = stub(
      'showWarningMessage',
      modal(() => 'Push'),
    );
    const pick = riskyPick('Push Anyway');
    const input = stub('showInputBox', ['legacy']);
    assert.equal(await push(doc.uri), 'cancelled');
    assert.equal(warn.calls.length, 0, 'any push to a listed project is risky: Cancel is the default');
    assert.match(String((pick.calls[0][1] as vscode.QuickPickOptions).title), /listed for the typed confirmation/);
    assert.equal(input.calls.length, 1);
    assert.deepEqual(await writesTo('legacy-app'), []);
  });

  it('history and restore: an old version opens as a draft and pushes back through the same flow', async () => {
    const original = await client.getBackupSchedule(STAGING, 'legacy-app');
    const doc = await draftWith(LEGACY, nextHour);
    stub(
      'showWarningMessage',
      modal(() => 'Push'),
    );
    stub('showInformationMessage', () => undefined);
    assert.equal(await push(doc.uri), 'pushed');
    const [entry] = await historyOf('legacy-app');
    const uri = (await api.push.restoreFromHistory(api.push, entry, { open: false }))!;
    assert.ok(api.drafts.isDraft(uri));
    const restored = JSON.parse((await vscode.workspace.openTextDocument(uri)).getText()) as BackupSchedule;
    assert.equal(restored.referenceHourOfDay, original.referenceHourOfDay);
    assert.equal(await push(uri), 'pushed');
    assert.equal(
      (await client.getBackupSchedule(STAGING, 'legacy-app')).referenceHourOfDay,
      original.referenceHourOfDay,
    );
    assert.equal((await historyOf('legacy-app')).length, 2);
  });

  it('Show schedule history lists the versions with who and when', async () => {
    const doc = await draftWith(LEGACY, nextHour);
    stub(
      'showWarningMessage',
      modal(() => 'Push'),
    );
    stub('showInformationMessage', () => undefined);
    await push(doc.uri);
    const qp = stub('showQuickPick', () => undefined);
    await vscode.commands.executeCommand('atlasBackup.showScheduleHistory', LEGACY);
    const items = qp.calls[0][0] as { label: string; description: string; detail: string }[];
    assert.ok(items.length >= 1);
    assert.match(
      items[0].label,
      /^Before a push · \d{4}-\d\d-\d\d \d\d:\d\d UTC/,
      'the one time format, with the zone',
    );
    assert.match(items[0].description, /\((service account|API key)\)$/);
    assert.match(items[0].detail, /Daily snapshot/);
  });

  it('delete: refused before any request under a Backup Compliance Policy', async () => {
    const err = stub('showErrorMessage', () => undefined);
    const warn = stub('showWarningMessage', () => 'Continue');
    assert.equal(
      await vscode.commands.executeCommand('atlasBackup.deleteSchedules', {
        groupId: PRODUCTION,
        clusterName: 'orders-rs',
      }),
      'refused',
    );
    assert.match(String((err.calls[0][1] as { detail: string }).detail), /Backup Compliance Policy .*forbids removing/);
    assert.equal(warn.calls.length, 0);
    assert.deepEqual(await writesTo('orders-rs'), []);
  });

  it('delete: explained, the typed name is required, then every item is removed', async () => {
    const warn = stub(
      'showWarningMessage',
      modal(() => 'Continue'),
    );
    stub('showInformationMessage', () => undefined);
    const input = stub('showInputBox', ['legacy', 'legacy-app']);
    assert.equal(
      await vscode.commands.executeCommand('atlasBackup.deleteSchedules', LEGACY),
      'cancelled',
      'a wrong name cancels',
    );
    assert.deepEqual(await writesTo('legacy-app'), []);
    assert.equal(await vscode.commands.executeCommand('atlasBackup.deleteSchedules', LEGACY), 'deleted');
    const [message, opts] = warn.calls[0] as [string, { detail: string }];
    assert.equal(message, 'Delete all backup schedules of legacy-app in project Staging?');
    assert.match(opts.detail, /takes no scheduled snapshots from now on/);
    assert.match(opts.detail, /Existing snapshots are not deleted: each stays until it expires/);
    assert.match(opts.detail, /Continuous backup is a cluster setting/);
    assert.equal(input.calls.length, 2);
    assert.deepEqual(await writesTo('legacy-app'), ['DELETE']);
    assert.deepEqual((await client.getBackupSchedule(STAGING, 'legacy-app')).policies![0].policyItems, []);
    assert.equal((await historyOf('legacy-app'))[0].action, 'delete');
  });

  it('undo of Delete all: the restored draft has no unknown-item-id error, says which items became new, and pushes', async () => {
    const before = await client.getBackupSchedule(STAGING, 'legacy-app');
    stub(
      'showWarningMessage',
      modal(() => 'Continue'),
    );
    stub('showInputBox', ['legacy-app']);
    const info = stub('showInformationMessage', () => undefined);
    assert.equal(await vscode.commands.executeCommand('atlasBackup.deleteSchedules', LEGACY), 'deleted');
    const [entry] = await historyOf('legacy-app');
    const uri = (await api.push.restoreFromHistory(api.push, entry, { open: false }))!;
    const restoredMsg = String(info.calls.at(-1)![0]);
    const n = before.policies![0].policyItems.length;
    assert.match(restoredMsg, new RegExp(`${n} items? Atlas no longer has becomes? new items? when pushed`));
    const doc = await vscode.workspace.openTextDocument(uri);
    const restored = JSON.parse(doc.getText()) as BackupSchedule;
    assert.ok(restored.policies![0].policyItems.every((i) => i.id === undefined));
    stub(
      'showWarningMessage',
      modal(() => 'Push'),
    );
    assert.equal(await push(uri), 'pushed');
    const after = await client.getBackupSchedule(STAGING, 'legacy-app');
    const shape = (s: BackupSchedule) =>
      s
        .policies![0].policyItems.map(
          (i) => `${i.frequencyType}/${i.frequencyInterval}/${i.retentionValue}${i.retentionUnit}`,
        )
        .sort();
    assert.deepEqual(shape(after), shape(before));
  });

  it('a DELETE applied and then reset: "may have reached Atlas: look before trying again"; the items are in the history', async () => {
    const before = await client.getBackupSchedule(STAGING, 'legacy-app');
    await control('POST', '/__sim/faults', {
      pathPrefix: `/api/atlas/v2/groups/${STAGING}/clusters/legacy-app/backup/schedule`,
      method: 'DELETE',
      after: 'drop',
    });
    stub(
      'showWarningMessage',
      modal(() => 'Continue'),
    );
    stub('showInputBox', ['legacy-app']);
    const err = stub('showErrorMessage', () => undefined);
    assert.equal(await vscode.commands.executeCommand('atlasBackup.deleteSchedules', LEGACY), 'failed');
    const shown = String(err.calls[0][0]);
    assert.match(shown, /may have reached Atlas: the connection ended before Atlas's answer came/);
    assert.match(shown, /Look before trying again/);
    assert.doesNotMatch(shown.replace('Look before trying again', ''), /try again/i);
    assert.deepEqual(await writesTo('legacy-app'), ['DELETE'], 'never retried');
    const [kept] = await historyOf('legacy-app');
    assert.equal(kept.action, 'delete');
    assert.equal(kept.outcome, 'unknown');
    assert.deepEqual(
      kept.schedule.policies![0].policyItems,
      before.policies![0].policyItems,
      'the removed items are kept',
    );
  });

  it('delete: a schedule changed while the dialogs were open is not deleted (the history would keep the wrong one)', async () => {
    stub(
      'showWarningMessage',
      modal(() => 'Continue'),
    );
    stub('showInputBox', async () => {
      const current = await client.getBackupSchedule(STAGING, 'legacy-app');
      const next = structuredClone(current);
      next.policies![0].policyItems.find((i) => i.frequencyType === 'daily')!.retentionValue += 7;
      await client.updateBackupSchedule(STAGING, 'legacy-app', next, { current });
      return 'legacy-app';
    });
    const err = stub('showErrorMessage', () => undefined);
    assert.equal(await vscode.commands.executeCommand('atlasBackup.deleteSchedules', LEGACY), 'refused');
    assert.match(
      String(err.calls[0][0]),
      /changed in Atlas after it was compared; nothing was sent.*Nothing was deleted/,
    );
    assert.deepEqual(await writesTo('legacy-app'), ['PATCH'], "only the colleague's PATCH");
  });

  it('a truncated history file is kept aside as <name>.corrupt-<time> and the person told; the push goes on', async () => {
    const doc = await draftWith(LEGACY, nextHour);
    // The history sits beside the drafts in globalStorage: <globalStorage>/history/<host>/<groupId>/<cluster>.json.
    const storage = vscode.Uri.joinPath(api.drafts.uriOf(STAGING, 'legacy-app', SIM), '..', '..', '..', '..');
    const folder = vscode.Uri.joinPath(storage, 'history', new URL(SIM).host.replace(/[^A-Za-z0-9._-]/g, '_'), STAGING);
    const file = vscode.Uri.joinPath(folder, 'legacy-app.json');
    const truncated = '{\n  "version": 1,\n  "entries": [\n    { "id": "2026-12-01T20:00:00.000Z-0", "at": "2026-12';
    await vscode.workspace.fs.createDirectory(folder);
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(truncated));
    const warn = stub('showWarningMessage', (_message: string, opts: unknown) =>
      opts && typeof opts === 'object' && (opts as { modal?: boolean }).modal ? 'Push' : undefined,
    );
    stub('showInformationMessage', () => undefined);
    assert.equal(await push(doc.uri), 'pushed');
    const told = warn.calls.map((c) => String(c[0])).find((m) => /schedule history file could not be read/.test(m));
    assert.ok(told, 'the person is told');
    const aside = (await vscode.workspace.fs.readDirectory(folder))
      .map(([name]) => name)
      .filter((n) => n.startsWith('legacy-app.json.corrupt-'));
    assert.equal(aside.length, 1);
    assert.match(told, new RegExp(aside[0].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    assert.equal(
      new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, aside[0]))),
      truncated,
      'what it held is kept',
    );
    assert.equal((await historyOf('legacy-app')).length, 1, 'a new history holds this push');
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder, aside[0]));
  });
});
