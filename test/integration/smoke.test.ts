// The extension as VS Code sees it: it is installed under its manifest id, it activates, and everything
// the manifest promises (commands, view container, views) is really registered in the running workbench.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'atlas-backup.atlas-backup';

interface Manifest {
  contributes?: {
    commands?: { command: string; title: string }[];
    viewsContainers?: Record<string, { id: string; title: string }[]>;
    views?: Record<string, { id: string; name: string }[]>;
  };
}

describe('smoke: the extension in a real VS Code', () => {
  let ext: vscode.Extension<unknown>;
  let manifest: Manifest;

  before(async () => {
    const found = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(found, `extension ${EXTENSION_ID} is not installed in this host`);
    ext = found;
    manifest = ext.packageJSON as Manifest;
    await ext.activate();
  });

  it('activates without throwing', () => {
    assert.equal(ext.isActive, true);
  });

  it('runs in the Node extension host (the API client needs Node)', () => {
    assert.equal(ext.extensionKind, vscode.ExtensionKind.Workspace);
    assert.equal(typeof process.versions.node, 'string');
  });

  it('registers every command the manifest contributes', async () => {
    const declared = (manifest.contributes?.commands ?? []).map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = declared.filter((c) => !registered.has(c));
    assert.deepEqual(missing, [], `declared in package.json but not registered: ${missing.join(', ')}`);
  });

  it('declares the Atlas Backup view container and its views', async () => {
    const containers = Object.values(manifest.contributes?.viewsContainers ?? {}).flat();
    const views = Object.values(manifest.contributes?.views ?? {}).flat();
    assert.ok(
      containers.some((c) => c.title === 'Atlas Backup'),
      'no "Atlas Backup" view container in package.json',
    );
    assert.ok(
      views.some((v) => v.id === 'atlasBackup.projects'),
      'no atlasBackup.projects view in package.json',
    );
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const c of containers) {
      // VS Code registers "workbench.view.extension.<container id>" for every view container it accepted.
      assert.ok(registered.has(`workbench.view.extension.${c.id}`), `view container ${c.id} was not registered`);
    }
    for (const v of views) {
      // ...and "<view id>.focus" for every view it accepted.
      assert.ok(registered.has(`${v.id}.focus`), `view ${v.id} was not registered`);
    }
  });

  it('opens its view container and focuses its views', async () => {
    const containers = Object.values(manifest.contributes?.viewsContainers ?? {}).flat();
    const views = Object.values(manifest.contributes?.views ?? {}).flat();
    for (const c of containers) await vscode.commands.executeCommand(`workbench.view.extension.${c.id}`);
    for (const v of views) await vscode.commands.executeCommand(`${v.id}.focus`);
    // Showing the view starts loading the tree: let that load finish here, so it cannot overlap (and race
    // with a simulator reset in) the next test file.
    const api = ext.exports as { explorer?: { whenSettled?: () => Promise<unknown> } } | undefined;
    await api?.explorer?.whenSettled?.();
  });
});
