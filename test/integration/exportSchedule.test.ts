// "Export Schedule as Code…" in the extension host: the same text as the CLI's golden files, opened as a new document.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

describe('Export schedule as code', () => {
  const root = vscode.extensions.getExtension('atlas-backup.atlas-backup')!.extensionPath;
  const golden = (f: string) => fs.readFileSync(path.join(root, 'test/unit/fleet/golden', f), 'utf8');
  const input = vscode.Uri.file(path.join(root, 'test/unit/fleet/golden/orders-rs.schedule.json'));
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Terraform: the golden resource, in an untitled document', async () => {
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>(
      'atlasBackup.exportScheduleAsCode',
      input,
      'terraform',
    );
    assert.ok(doc?.isUntitled);
    assert.equal(doc.getText(), golden('orders-rs.tf'));
  });

  it('Atlas CLI: the --file JSON under its command line', async () => {
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>(
      'atlasBackup.exportScheduleAsCode',
      input,
      'atlas-cli',
    );
    assert.match(
      doc.getText(),
      /^\/\/ atlas backups schedule update --clusterName orders-rs --projectId 6f1c2a3b4d5e6f708192a3b4 --file orders-rs\.atlas-cli\.json$/m,
    );
    assert.ok(doc.getText().endsWith(golden('orders-rs.atlas-cli.json')));
  });
});
