// The tree's rows for collection restores and Flex clusters inside a real VS Code extension host, against the
// simulator: a completed snapshot's Databases row, a database and its collections, a project's Flex cluster and its
// snapshots, each revealed (and so rendered) in the Projects view with the context value commands will attach to.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { control } from './helpers';
import type { AtlasBackupApi } from '../../src/vscode/extension';
import { present } from '../../src/core/tree/explorerModel';
import type { ExplorerNode } from '../../src/core/tree/explorerModel';

const label = (n: ExplorerNode) => present(n).label;

describe('Projects tree: snapshot contents and Flex clusters', () => {
  let api: AtlasBackupApi;

  async function open(rows: ExplorerNode[], name: string | ((n: ExplorerNode) => boolean)) {
    const node = rows.find((r) => (typeof name === 'string' ? label(r) === name : name(r)));
    assert.ok(node, `${String(name)} among ${rows.map(label).join(', ')}`);
    return { node, rows: await api.explorer.whenSettled(node) };
  }

  /**
   * Shows the row in the Projects view (VS Code asks the provider for it and its parents) and waits until the view
   * reports it selected: the selection event can come after reveal() resolves.
   */
  async function reveal(node: ExplorerNode): Promise<void> {
    const selected = new Promise<void>((resolve) => {
      const check = () => {
        if (api.projectsView.selection[0]?.id !== node.id) return false;
        sub.dispose();
        resolve();
        return true;
      };
      const sub = api.projectsView.onDidChangeSelection(check);
      check();
    });
    await vscode.commands.executeCommand('workbench.view.extension.atlasBackup');
    await api.projectsView.reveal(node, { select: true, focus: false, expand: false });
    await selected;
    assert.equal(api.projectsView.selection[0]?.id, node.id);
  }

  before(async () => {
    api = (await vscode.extensions.getExtension('atlas-backup.atlas-backup')!.activate()) as AtlasBackupApi;
  });
  beforeEach(async () => {
    await control('POST', '/__sim/reset');
    await vscode.commands.executeCommand('atlasBackup.refresh');
  });

  it('a completed snapshot shows Databases, a database its collections, each with its context value', async () => {
    const top = await api.explorer.whenSettled();
    const production = await open(top, 'Production');
    const orders = await open(production.rows, 'orders-rs');
    const snapshots = await open(orders.rows, (r) => r.kind === 'snapshots');
    const snap = await open(snapshots.rows, (r) => r.kind === 'snapshot' && r.snapshot.status === 'completed');
    const databases = await open(snap.rows, 'Databases');
    assert.equal(present(databases.node).contextValue, 'snapshotDatabases');
    const shop = await open(databases.rows, 'shop');
    assert.equal(present(shop.node).contextValue, 'snapshotDatabase');
    const collection = shop.rows.find((r) => label(r) === 'orders');
    assert.ok(collection, shop.rows.map(label).join(', '));
    assert.equal(present(collection).contextValue, 'snapshotCollection');
    await reveal(collection);
  });

  it('a Flex cluster is listed under its project after the dedicated clusters, with its snapshots', async () => {
    const top = await api.explorer.whenSettled();
    const staging = await open(top, 'Staging');
    const kinds = staging.rows.map((r) => r.kind);
    assert.ok(kinds.lastIndexOf('cluster') < kinds.indexOf('flexCluster'), kinds.join(', '));
    const flex = await open(staging.rows, (r) => r.kind === 'flexCluster');
    assert.equal(present(flex.node).contextValue, 'flexCluster');
    assert.match(present(flex.node).description ?? '', /^Flex/);
    // Its snapshots, then its Restores row.
    const snaps = flex.rows.slice(0, -1);
    assert.ok(snaps.length > 0 && snaps.every((r) => present(r).contextValue === 'flexSnapshot'));
    assert.equal(present(flex.rows[flex.rows.length - 1]).contextValue, 'restores');
    await reveal(flex.rows[0]);
  });
});
