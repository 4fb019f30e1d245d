// "Export Schedule as Code…" in the extension host: the same text as the CLI's golden files, opened as a new document.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as os from 'node:os';
import * as vscode from 'vscode';
import { stubWindow } from './helpers';

describe('Export schedule as code', () => {
  const root = vscode.extensions.getExtension('atlas-backup.atlas-backup')!.extensionPath;
  const golden = (f: string) => fs.readFileSync(path.join(root, 'test/unit/core/fleet/golden', f), 'utf8');
  const input = vscode.Uri.file(path.join(root, 'test/unit/core/fleet/golden/orders-rs.schedule.json'));
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

  // Issue #20 item 2: the editor's title menu passes the document's URI, then VS Code's editor-title args
  // ({ groupId, … }); neither may be taken for the format: the format is asked, as from the palette.
  for (const [how, args] of [
    ['a Uri alone', [input]],
    ['(uri, { groupId }) as the editor title menu passes it', [input, { groupId: 1, editorIndex: 0 }]],
  ] as const) {
    it(`from the editor's title menu with ${how}: asks the format, and exports the one picked`, async () => {
      const pick = stubWindow('showQuickPick', (items: readonly { format: string }[]) =>
        items.find((i) => i.format === 'terraform'),
      );
      let doc: vscode.TextDocument | undefined;
      try {
        doc = await vscode.commands.executeCommand<vscode.TextDocument | undefined>(
          'atlasBackup.exportScheduleAsCode',
          ...args,
        );
      } finally {
        pick.restore();
      }
      assert.equal(pick.calls.length, 1);
      const offered = (pick.calls[0]?.[0] as { format: string }[]).map((i) => i.format);
      assert.deepEqual(offered, ['terraform', 'atlas-cli', 'curl']);
      assert.equal(doc?.getText(), golden('orders-rs.tf'));
    });
  }

  it("from the editor's title menu, cancelling the format picker opens nothing", async () => {
    const pick = stubWindow('showQuickPick', () => undefined);
    const before = vscode.workspace.textDocuments.filter((d) => d.isUntitled).length;
    try {
      const doc = await vscode.commands.executeCommand<vscode.TextDocument | undefined>(
        'atlasBackup.exportScheduleAsCode',
        input,
        { groupId: 1 },
      );
      assert.equal(doc, undefined);
    } finally {
      pick.restore();
    }
    assert.equal(pick.calls.length, 1);
    assert.equal(vscode.workspace.textDocuments.filter((d) => d.isUntitled).length, before);
  });

  // Issue #16 items 1 and 2: the editor's export goes through the CLI's door (readExportable), so a file whose
  // number holds HCL, or whose cluster name holds a line break, opens no document and says why.
  const hostile = (name: string, doc: unknown) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'export-hostile-'));
    const f = path.join(dir, `${name}.schedule.json`);
    fs.writeFileSync(f, JSON.stringify(doc, null, 2));
    return vscode.Uri.file(f);
  };
  const base = JSON.parse(fs.readFileSync(input.fsPath, 'utf8').replace(/^\s*\/\/.*$/gm, '')) as Record<
    string,
    unknown
  >;
  for (const [what, format, file, why] of [
    [
      'a number holding a Terraform resource',
      'terraform',
      {
        ...base,
        referenceHourOfDay: '3\n}\nresource "null_resource" "x" {\n  provisioner "local-exec" { command = "id" }\n}',
      },
      /referenceHourOfDay: .*\[reference-time-range\]/,
    ],
    [
      'a cluster name with a line break (curl)',
      'curl',
      { ...base, atlas: { ...(base.atlas as object), clusterName: 'orders-rs\ntouch /tmp/pwned' } },
      /atlas\.clusterName/,
    ],
    [
      'a cluster name with a line break (Atlas CLI comment)',
      'atlas-cli',
      { ...base, atlas: { ...(base.atlas as object), clusterName: 'x\n"y": 1, //' } },
      /atlas\.clusterName/,
    ],
  ] as const) {
    it(`refuses ${what}: no document, an error naming the field`, async () => {
      const err = stubWindow('showErrorMessage', () => undefined);
      const before = vscode.workspace.textDocuments.filter((d) => d.isUntitled).length;
      try {
        const doc = await vscode.commands.executeCommand<vscode.TextDocument | undefined>(
          'atlasBackup.exportScheduleAsCode',
          hostile(format, file),
          format,
        );
        assert.equal(doc, undefined);
      } finally {
        err.restore();
      }
      assert.match(String(err.calls[0]?.[0]), why);
      assert.equal(vscode.workspace.textDocuments.filter((d) => d.isUntitled).length, before);
    });
  }
});
