// Schedule files in the plain text editor: the rule engine's problems in the Problems panel at the exact
// range, cluster context fetched from Atlas when the file names its cluster, and quick fixes that apply.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { code, diagnosticsUntil, ours } from './helpers';
import type { AtlasBackupApi } from '../../src/vscode/extension';
import { SEED } from '../../src/simulator';

async function writeScheduleFile(name: string, body: string): Promise<vscode.TextDocument> {
  const folder = vscode.workspace.workspaceFolders![0].uri;
  const uri = vscode.Uri.joinPath(folder, name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(body));
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  return doc;
}

describe('schedule files in the text editor', () => {
  before(async () => {
    (await vscode.extensions.getExtension('atlas-backup.atlas-backup')!.activate()) as AtlasBackupApi;
  });
  // The files stay open (two with unsaved quick fixes) otherwise, under the next suite's editors.
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('reports a reference hour without a minute on the exact key, and the quick fix adds the minute', async () => {
    const doc = await writeScheduleFile(
      'reference.schedule.json',
      `{
  // nightly at 02:00 UTC
  "referenceHourOfDay": 2,
  "policies": [{ "policyItems": [
    { "frequencyType": "daily", "frequencyInterval": 1, "retentionUnit": "days", "retentionValue": 7 }
  ] }]
}
`,
    );
    const [d] = await diagnosticsUntil(doc.uri, (ds) => ds.some((x) => code(x) === 'reference-time-pair'));
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.match(d.message, /referenceMinuteOfHour/);
    assert.match(doc.getText(d.range), /referenceHourOfDay|2/);
    assert.ok(
      typeof d.code === 'object' && d.code.target.path.endsWith('/docs/rules.md'),
      "the code links to the rule's documentation",
    );

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      d.range,
    );
    const fix = actions.find((a) => a.kind?.value === 'quickfix' && a.edit && /minute/i.test(a.title));
    assert.ok(fix, `a quick fix adds the minute (offered: ${actions.map((a) => a.title).join(' | ')})`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    await diagnosticsUntil(doc.uri, (ds) => !ds.some((x) => code(x) === 'reference-time-pair'));
    assert.match(doc.getText(), /\/\/ nightly at 02:00 UTC/, 'the comment survives the fix');
    assert.match(doc.getText(), /"referenceMinuteOfHour": 0/);
  });

  it('knows the target cluster is NVMe from Atlas, so an hourly interval of 6 is an error fixed to 12', async () => {
    const doc = await writeScheduleFile(
      'nvme.schedule.json',
      JSON.stringify(
        {
          atlas: { groupId: SEED.projects.production.id, clusterName: 'analytics-nvme' },
          referenceHourOfDay: 3,
          referenceMinuteOfHour: 0,
          policies: [
            {
              policyItems: [
                { frequencyType: 'hourly', frequencyInterval: 6, retentionUnit: 'days', retentionValue: 2 },
                { frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 7 },
              ],
            },
          ],
        },
        null,
        2,
      ),
    );
    const ds = await diagnosticsUntil(doc.uri, (x) => x.some((d) => code(d) === 'frequency-interval'));
    const d = ds.find((x) => code(x) === 'frequency-interval')!;
    assert.equal(doc.getText(d.range), '6');
    assert.match(d.message, /NVMe/);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      d.range,
    );
    const fix = actions.find((a) => a.edit && /12/.test(a.title));
    assert.ok(fix, `a quick fix sets 12 (offered: ${actions.map((a) => a.title).join(' | ')})`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    await diagnosticsUntil(doc.uri, (x) => !x.some((y) => code(y) === 'frequency-interval'));
    assert.match(doc.getText(), /"frequencyInterval": 12/);
  });

  it('a valid schedule has no problems', async () => {
    const doc = await writeScheduleFile(
      'valid.schedule.json',
      JSON.stringify(
        {
          referenceHourOfDay: 18,
          referenceMinuteOfHour: 30,
          policies: [
            {
              policyItems: [
                { frequencyType: 'hourly', frequencyInterval: 6, retentionUnit: 'days', retentionValue: 2 },
                { frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 7 },
                { frequencyType: 'weekly', frequencyInterval: 6, retentionUnit: 'weeks', retentionValue: 4 },
              ],
            },
          ],
        },
        null,
        2,
      ),
    );
    const api = (await vscode.extensions.getExtension('atlas-backup.atlas-backup')!.activate()) as AtlasBackupApi;
    // Ask for a fresh check and wait for it, so "no problems" is a result, not a check that has not run yet.
    await new Promise<void>((resolve) => {
      const sub = api.diagnostics.onDidValidate((u) => {
        if (u.toString() === doc.uri.toString()) {
          sub.dispose();
          resolve();
        }
      });
      api.diagnostics.revalidateAll();
    });
    assert.deepEqual(
      ours(doc.uri).map((d) => `${code(d)}: ${d.message}`),
      [],
    );
  });
});
