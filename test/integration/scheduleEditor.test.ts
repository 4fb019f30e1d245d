// The schedule editor in a real extension host: Open With on a file, edits through the webview protocol as minimal
// text edits, the rules' problems in the form and in the Problems panel, quick fixes, undo, and drafts.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { code, diagnosticsUntil, stubWindow } from './helpers';
import type { AtlasBackupApi } from '../../src/vscode/extension';
import type { FormModel } from '../../src/core/schedule/formModel';
import { DraftStore } from '../../src/vscode/scheduleFiles/draftStore';
import { SEED } from '../../src/simulator';

const VIEW_TYPE = 'atlasBackup.scheduleEditor';
const TEXT = `{
  // kept in git; the comment must survive edits from the form
  "referenceHourOfDay": 18,
  "referenceMinuteOfHour": 0,
  "policies": [{ "policyItems": [
    { "frequencyType": "hourly", "frequencyInterval": 6, "retentionUnit": "days", "retentionValue": 2 },
    { "frequencyType": "daily", "frequencyInterval": 1, "retentionUnit": "days", "retentionValue": 7 }
  ] }]
}
`;

let api: AtlasBackupApi;

/** Resolves with the form model once the webview of `uri` has drawn a state that `ok` accepts. */
function renderedUntil(
  uri: vscode.Uri,
  ok: (m: FormModel, version: number) => boolean,
): Promise<{ model: FormModel; version: number; readyMs?: number }> {
  return new Promise((resolve) => {
    const now = api.scheduleEditor.stateFor(uri);
    const sub = api.scheduleEditor.onDidRender((r) => {
      if (r.uri.toString() === uri.toString() && ok(r.model, r.version)) {
        sub.dispose();
        resolve(r);
      }
    });
    // Already drawn? The webview reports every state it draws, so a state sent and drawn before we listened counts.
    if (now && ok(now.model, now.version)) {
      sub.dispose();
      resolve(now);
    }
  });
}

async function writeFile(name: string, body: string): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(body));
  return uri;
}

function docOf(uri: vscode.Uri): vscode.TextDocument {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())!;
}

describe('schedule editor', () => {
  before(async function () {
    // Earlier suites open webviews (Markdown previews of restore reports, the posture report's editor) and close them
    // while they are still starting. After that, the next webview has taken 15 s and more to start in the browser that
    // hosts VS Code (all of it before our script ran; the extension host was idle), and the first test below timed
    // out or read that wait as ours. So the suite starts from a closed workbench and one editor that has drawn; its
    // tests then measure the editor, not what earlier suites left behind.
    this.timeout(60_000);
    api = (await vscode.extensions.getExtension('atlas-backup.atlas-backup')!.activate()) as AtlasBackupApi;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const uri = await writeFile('editor-warm-up.schedule.json', TEXT);
    const drawn = renderedUntil(uri, () => true);
    await vscode.commands.executeCommand('vscode.openWith', uri, VIEW_TYPE);
    await drawn;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens a *.schedule.json through Open With, shows its items, and is ready for input quickly', async () => {
    const uri = await writeFile('editor-open.schedule.json', TEXT);
    const drawn = renderedUntil(uri, (m) => m.items.rows.length === 2);
    await vscode.commands.executeCommand('vscode.openWith', uri, VIEW_TYPE);
    const { model, readyMs } = await drawn;
    assert.deepEqual(
      model.items.rows.map((r) => [r.frequencyType.value, r.frequencyInterval.value]),
      [
        ['hourly', 6],
        ['daily', 1],
      ],
    );
    assert.equal(model.picture.lanes.length, 2);
    assert.equal(model.picture.next.length, 5);
    assert.ok(readyMs !== undefined && readyMs < 5000, `ready for input in ${readyMs} ms`);
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(
      tab?.input instanceof vscode.TabInputCustom && tab.input.viewType === VIEW_TYPE,
      'the custom editor is the active tab',
    );
  });

  it('an edit from the form is a minimal text edit; its problem reaches the form and the Problems panel; the quick fix and undo work', async () => {
    const uri = await writeFile('editor-edit.schedule.json', TEXT);
    const first = renderedUntil(uri, (m) => m.items.rows.length === 2);
    await vscode.commands.executeCommand('vscode.openWith', uri, VIEW_TYPE);
    const { version } = await first;
    const doc = docOf(uri);

    const broken = renderedUntil(uri, (m) => m.items.rows[0].frequencyInterval.value === 3);
    await api.scheduleEditor.receive(uri, {
      type: 'edit',
      version,
      intent: { kind: 'set', path: ['policies', 0, 'policyItems', 0, 'frequencyInterval'], value: 3 },
    });
    assert.equal(
      doc.getText(),
      TEXT.replace('"frequencyInterval": 6', '"frequencyInterval": 3'),
      'only the number changed; the comment and layout are intact',
    );
    assert.ok(doc.isDirty);
    const { model } = await broken;
    assert.deepEqual(
      model.items.rows[0].frequencyInterval.problems.map((p) => p.ruleId),
      ['frequency-interval'],
    );
    assert.deepEqual(
      model.items.rows[0].frequencyInterval.choices!.filter((c) => !c.allowed).map((c) => c.value),
      [3],
      'the value the document holds is shown, marked not allowed',
    );

    const [d] = await diagnosticsUntil(uri, (ds) => ds.some((x) => code(x) === 'frequency-interval'));
    assert.equal(doc.getText(d.range), '3');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      d.range,
    );
    const fix = actions.find((a) => a.edit && /Set frequencyInterval to 2/.test(a.title));
    assert.ok(
      fix,
      `the quick fix is offered in the text editor's place too (offered: ${actions.map((a) => a.title).join(' | ')})`,
    );
    const fixed = renderedUntil(uri, (m) => m.items.rows[0].frequencyInterval.value === 2);
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    const after = await fixed;
    assert.equal(after.model.counts.error, 0);
    await diagnosticsUntil(uri, (ds) => !ds.some((x) => code(x) === 'frequency-interval'));

    // Undo twice: back through the quick fix and the form's edit to the text as it was.
    await vscode.commands.executeCommand('undo');
    assert.match(doc.getText(), /"frequencyInterval": 3/);
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), TEXT);
    await vscode.commands.executeCommand('redo');
    assert.match(doc.getText(), /"frequencyInterval": 3/);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it("a fix taken in the form applies the problem's edit; a stale or malformed message changes nothing", async () => {
    const uri = await writeFile('editor-fix.schedule.json', TEXT.replace('"referenceMinuteOfHour": 0,\n', ''));
    const shown = renderedUntil(uri, (m) => m.reference.hour.problems.some((p) => p.ruleId === 'reference-time-pair'));
    await vscode.commands.executeCommand('vscode.openWith', uri, VIEW_TYPE);
    const { model, version } = await shown;
    const doc = docOf(uri);
    const before = doc.getText();

    await api.scheduleEditor.receive(uri, {
      type: 'edit',
      version: 'one',
      intent: { kind: 'fix', problem: 0, fix: 0 },
    });
    await api.scheduleEditor.receive(uri, {
      type: 'edit',
      version,
      intent: { kind: 'set', path: ['atlas', 'groupId'], value: 'x' },
    });
    await api.scheduleEditor.receive(uri, {
      type: 'edit',
      version: version + 7,
      intent: { kind: 'set', path: ['referenceHourOfDay'], value: 1 },
    });
    await api.scheduleEditor.receive(uri, { hello: 'world' });
    assert.equal(doc.getText(), before, 'nothing reached the document');

    const problem = model.reference.hour.problems.find((p) => p.ruleId === 'reference-time-pair')!;
    const cleared = renderedUntil(uri, (m) => m.reference.minute.value === 0);
    await api.scheduleEditor.receive(uri, {
      type: 'edit',
      version,
      intent: { kind: 'fix', problem: problem.id, fix: 0 },
    });
    await cleared;
    assert.match(doc.getText(), /"referenceMinuteOfHour": 0/);
    assert.match(doc.getText(), /\/\/ kept in git/);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('an edit counts when the form showed what the document holds, whatever its version; else it is dropped', async () => {
    const uri = await writeFile('editor-versions.schedule.json', TEXT);
    const shown = renderedUntil(uri, (m) => m.reference.hour.value === 18);
    await vscode.commands.executeCommand('vscode.openWith', uri, VIEW_TYPE);
    const { version } = await shown;
    const doc = docOf(uri);
    // The document moves on and comes back to the same text (two versions later), as a reload from disk does.
    const at = doc.getText().indexOf('18');
    const away = new vscode.WorkspaceEdit();
    away.replace(uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + 2)), '19');
    assert.ok(await vscode.workspace.applyEdit(away));
    const middle = doc.version;
    const back = new vscode.WorkspaceEdit();
    back.replace(uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + 2)), '18');
    assert.ok(await vscode.workspace.applyEdit(back));
    assert.ok(doc.version > version + 1);

    // Made on the form of 19: that is not what the document holds, so nothing changes.
    await api.scheduleEditor.receive(uri, {
      type: 'edit',
      version: middle,
      intent: { kind: 'set', path: ['referenceMinuteOfHour'], value: 5 },
    });
    assert.match(doc.getText(), /"referenceMinuteOfHour": 0/);
    // Made on the first form, whose text the document holds again: it is applied.
    const applied = renderedUntil(uri, (m) => m.reference.minute.value === 15);
    await api.scheduleEditor.receive(uri, {
      type: 'edit',
      version,
      intent: { kind: 'set', path: ['referenceMinuteOfHour'], value: 15 },
    });
    await applied;
    assert.match(doc.getText(), /"referenceMinuteOfHour": 15/);

    // Two quick edits, the second made before the form showed the first: both are the person's, both land.
    const v = doc.version;
    const both = renderedUntil(uri, (m) => m.reference.hour.value === 7 && m.items.rows[1].retentionValue.value === 9);
    await Promise.all([
      api.scheduleEditor.receive(uri, {
        type: 'edit',
        version: v,
        intent: { kind: 'set', path: ['referenceHourOfDay'], value: 7 },
      }),
      api.scheduleEditor.receive(uri, {
        type: 'edit',
        version: v,
        intent: { kind: 'set', path: ['policies', 0, 'policyItems', 1, 'retentionValue'], value: 9 },
      }),
    ]);
    await both;
    // A removal moves the items after it: an edit made on the form before it (aimed at items[1]) is dropped, not
    // applied to whatever item is at [1] now.
    const listed = doc.version;
    const removed = renderedUntil(uri, (m) => m.items.rows.length === 1);
    await Promise.all([
      api.scheduleEditor.receive(uri, {
        type: 'edit',
        version: listed,
        intent: { kind: 'remove', path: ['policies', 0, 'policyItems', 0] },
      }),
      api.scheduleEditor.receive(uri, {
        type: 'edit',
        version: listed,
        intent: { kind: 'set', path: ['policies', 0, 'policyItems', 1, 'retentionValue'], value: 11 },
      }),
    ]);
    await removed;
    assert.doesNotMatch(doc.getText(), /"retentionValue": 11/);
    await vscode.commands.executeCommand('undo');
    // But once the JSON was typed into, an edit from the form before it is dropped.
    const typed = doc.version;
    const hand = new vscode.WorkspaceEdit();
    hand.insert(uri, doc.positionAt(doc.getText().indexOf('"policies"')), '"restoreWindowDays": 2,\n  ');
    assert.ok(await vscode.workspace.applyEdit(hand));
    await api.scheduleEditor.receive(uri, {
      type: 'edit',
      version: typed,
      intent: { kind: 'set', path: ['referenceHourOfDay'], value: 8 },
    });
    assert.match(doc.getText(), /"referenceHourOfDay": 7/);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('knows the cluster from the file: on an NVMe cluster only hourly 12 is offered', async () => {
    const uri = await writeFile(
      'editor-nvme.schedule.json',
      JSON.stringify(
        {
          atlas: { groupId: SEED.projects.production.id, clusterName: 'analytics-nvme' },
          referenceHourOfDay: 3,
          referenceMinuteOfHour: 0,
          policies: [
            {
              policyItems: [
                { frequencyType: 'hourly', frequencyInterval: 12, retentionUnit: 'days', retentionValue: 2 },
              ],
            },
          ],
        },
        null,
        2,
      ),
    );
    const drawn = renderedUntil(uri, (m) => m.cluster.nvme === true);
    await vscode.commands.executeCommand('vscode.openWith', uri, VIEW_TYPE);
    const { model } = await drawn;
    assert.deepEqual(
      model.items.rows[0].frequencyInterval.choices!.map((c) => c.value),
      [12],
    );
  });

  it('Edit backup schedule makes a draft from Atlas with its base; the draft survives closing, a store reload, and Discard asks first', async () => {
    const groupId = SEED.projects.production.id;
    const node = { groupId, clusterName: 'ledger-pit' };
    if (api.drafts.has(groupId, 'ledger-pit')) await api.drafts.discard(groupId, 'ledger-pit');
    await vscode.commands.executeCommand('atlasBackup.editSchedule', node);
    const uri = api.drafts.get(groupId, 'ledger-pit');
    assert.ok(uri, 'a draft exists');
    const { model, version } = await renderedUntil(
      uri,
      (m) => m.target?.clusterName === 'ledger-pit' && m.restoreWindow.shown,
    );
    assert.ok(model.items.rows.length > 0);
    const base = await api.drafts.baseFor(uri);
    assert.ok(
      base && Array.isArray(base.schedule.policies) && base.origin.startsWith('http'),
      'the base is kept beside the draft',
    );

    // Edit and save (saving stores the draft; it never pushes), close, open again: the edit is there.
    const doc = docOf(uri);
    const hour = model.reference.hour.value === 5 ? 6 : 5;
    await api.scheduleEditor.receive(uri, {
      type: 'edit',
      version,
      intent: { kind: 'set', path: ['referenceHourOfDay'], value: hour },
    });
    assert.ok(await doc.save());
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('atlasBackup.editSchedule', node);
    await renderedUntil(uri, (m) => m.reference.hour.value === hour);

    // A new store on the same storage (as after a window reload) finds the draft.
    const again = new DraftStore(vscode.Uri.joinPath(uri, '..', '..', '..', '..'), () => base.origin);
    await again.load();
    assert.ok(again.has(groupId, 'ledger-pit'), 'the draft is found after a reload');
    again.dispose();

    // Discard asks; No keeps it, Discard drops it and its base.
    const no = stubWindow('showWarningMessage', () => undefined);
    try {
      await vscode.commands.executeCommand('atlasBackup.discardDraft', node);
    } finally {
      no.restore();
    }
    assert.equal(no.calls.length, 1);
    assert.ok(api.drafts.has(groupId, 'ledger-pit'));
    const yes = stubWindow('showWarningMessage', () => 'Discard');
    try {
      await vscode.commands.executeCommand('atlasBackup.discardDraft', node);
    } finally {
      yes.restore();
    }
    assert.equal(api.drafts.has(groupId, 'ledger-pit'), false);
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(uri)));
  });

  it('from the palette, Edit backup schedule is one pick over "project / cluster"; Pull schedule to file writes a schedule file', async () => {
    const groupId = SEED.projects.production.id;
    if (api.drafts.has(groupId, 'analytics-nvme')) await api.drafts.discard(groupId, 'analytics-nvme');
    let offered: string[] = [];
    const pick = stubWindow('showQuickPick', async (items: unknown) => {
      const list = (await items) as { label: string }[];
      offered = list.map((i) => i.label);
      // What typing the cluster's name finds: the label holds it, whatever the project.
      return list.find((i) => i.label.endsWith(' / analytics-nvme'));
    });
    try {
      await vscode.commands.executeCommand('atlasBackup.editSchedule');
    } finally {
      pick.restore();
    }
    assert.equal(pick.calls.length, 1, 'one pick, not a project first');
    assert.ok(offered.includes('Production / analytics-nvme'), offered.join(', '));
    assert.ok(offered.includes('Staging / staging-rs'), 'clusters of every project in the one list');
    const uri = api.drafts.get(groupId, 'analytics-nvme');
    assert.ok(uri, 'the picked cluster has a draft');
    await renderedUntil(uri, (m) => m.target?.clusterName === 'analytics-nvme');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await api.drafts.discard(groupId, 'analytics-nvme');

    const target = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'pulled-orders.schedule.json');
    const save = stubWindow('showSaveDialog', () => target);
    try {
      await vscode.commands.executeCommand('atlasBackup.pullSchedule', { groupId, clusterName: 'orders-rs' });
    } finally {
      save.restore();
    }
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    assert.match(text, /"clusterName": "orders-rs"/);
    assert.match(text, /"fingerprint": "sha256:[0-9a-f]{64}"/);
    assert.match(text, /"policyItems"/);
  });

  it('Open as JSON and back: one document, two views', async () => {
    const uri = await writeFile('editor-json.schedule.json', TEXT);
    const drawn = renderedUntil(uri, () => true);
    await vscode.commands.executeCommand('atlasBackup.openScheduleEditor', uri);
    const { version } = await drawn;
    await api.scheduleEditor.receive(uri, { type: 'openJson' });
    await new Promise<void>((resolve) => {
      const ok = () => vscode.window.activeTextEditor?.document.uri.toString() === uri.toString();
      if (ok()) return resolve();
      const sub = vscode.window.onDidChangeActiveTextEditor(() => {
        if (ok()) {
          sub.dispose();
          resolve();
        }
      });
    });
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document, docOf(uri), 'the text editor shows the document the form edits, not a copy');
    // The form beside the text: an edit typed in the JSON redraws the form.
    const beside = renderedUntil(uri, (_m, v) => v >= version);
    await vscode.commands.executeCommand('vscode.openWith', uri, VIEW_TYPE, vscode.ViewColumn.Beside);
    await beside;
    const redrawn = renderedUntil(uri, (m, v) => v > version && m.reference.hour.value === 7);
    await editor.edit((b) =>
      b.replace(editor.document.getWordRangeAtPosition(editor.document.positionAt(TEXT.indexOf('18')))!, '7'),
    );
    const typed = await redrawn; // the form (still open) follows the text editor's edit
    assert.equal(typed.version, editor.document.version, "the form shows the text editor's latest version");
    // And the other way: an edit from the form is in the text editor at once, in the same document.
    await api.scheduleEditor.receive(uri, {
      type: 'edit',
      version: typed.version,
      intent: { kind: 'set', path: ['referenceMinuteOfHour'], value: 30 },
    });
    assert.match(editor.document.getText(), /"referenceHourOfDay": 7,\n {2}"referenceMinuteOfHour": 30,/);
    assert.match(editor.document.getText(), /\/\/ kept in git; the comment must survive edits from the form/);
  });

  it("Atlas's refusal of a push counts in the form's header and sits beside its field, as in the tab; an edit clears it", async () => {
    const uri = await writeFile('editor-refused.schedule.json', TEXT);
    const clean = renderedUntil(uri, (m) => m.items.rows.length === 2);
    await vscode.commands.executeCommand('vscode.openWith', uri, VIEW_TYPE);
    const before = await clean;
    assert.equal(before.model.counts.error, 0);
    const doc = await vscode.workspace.openTextDocument(uri);
    const refused = renderedUntil(uri, (m) => m.counts.error === 1);
    api.push.errors.set(
      doc,
      ['policies', 0, 'policyItems', 1, 'retentionValue'],
      'policies[0].policyItems[1].retentionValue is too short for Atlas',
    );
    const { model, version } = await refused;
    const [beside] = model.items.rows[1].retentionValue.problems;
    assert.equal(beside.ruleId, 'push-refused');
    assert.equal(beside.message, 'Atlas refused the last push: Keep is too short for Atlas');
    // Any edit clears the refusal (it was about the text Atlas saw): the header goes back to what the rules say.
    const cleared = renderedUntil(uri, (m, v) => v > before.version && m.counts.error === 0);
    await api.scheduleEditor.receive(uri, {
      type: 'edit',
      version,
      intent: { kind: 'set', path: ['referenceMinuteOfHour'], value: 30 },
    });
    await cleared;
  });
});
