// The Projects tree's rows and their context-menu commands inside a real VS Code extension host, against the
// simulator: the node kinds, Copy ID, Show JSON, Open in Atlas, Refresh, Load more, Filter, Take snapshot now →
// completed, Change expiry, and Delete (refused under the Backup Compliance Policy before any request, confirmed
// elsewhere). Dialogs and inputs are stubbed on the same window API object the extension calls.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { control, stubWindow } from './helpers';
import type { AtlasBackupApi } from '../../src/vscode/extension';
import { present } from '../../src/core/tree/explorerModel';
import type { ExplorerNode } from '../../src/core/tree/explorerModel';
import { SEED, describeSeed } from '../../src/simulator';
import { NodeDecorations, ProjectsTreeProvider } from '../../src/vscode/tree/projectsTreeProvider';

const SIM = process.env.ATLAS_SIM_URL!;

async function simRequests(): Promise<{ method: string; path: string }[]> {
  return (await control('GET', '/__sim/requests')) as { method: string; path: string }[];
}

function label(n: ExplorerNode): string {
  return present(n).label;
}

describe('Projects tree: node kinds and their commands', () => {
  let api: AtlasBackupApi;

  async function rowsOf(...path: string[]): Promise<{ node: ExplorerNode | undefined; rows: ExplorerNode[] }> {
    let rows = await api.explorer.whenSettled();
    let node: ExplorerNode | undefined;
    for (const name of path) {
      node = rows.find((r) => label(r) === name);
      assert.ok(node, `${name} among ${rows.map(label).join(', ')}`);
      rows = await api.explorer.whenSettled(node);
    }
    return { node, rows };
  }

  async function snapshotRows(
    project: string,
    cluster: string,
  ): Promise<{ snapshots: ExplorerNode; rows: ExplorerNode[] }> {
    const { rows } = await rowsOf(project, cluster);
    const snapshots = rows.find((r) => r.kind === 'snapshots')!;
    return { snapshots, rows: await api.explorer.whenSettled(snapshots) };
  }

  before(async () => {
    assert.ok(SIM, 'ATLAS_SIM_URL is set by the driver');
    api = (await vscode.extensions.getExtension('atlas-backup.atlas-backup')!.activate()) as AtlasBackupApi;
  });
  beforeEach(async () => {
    await control('POST', '/__sim/reset');
    await vscode.commands.executeCommand('atlasBackup.refresh');
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows every node kind: policy, cluster, schedule, snapshots, legacy snapshots', async () => {
    const { node: production, rows } = await rowsOf('Production');
    assert.equal(present(production!).badge, 'lock');
    assert.deepEqual([...new Set(rows.map((r) => r.kind))], ['compliance', 'exportList', 'cluster']);
    const policyRows = await api.explorer.whenSettled(rows[0]);
    assert.ok(policyRows.some((r) => label(r) === 'State: active'));
    const orders = await rowsOf('Production', 'orders-rs');
    assert.deepEqual(
      orders.rows.map((r) => r.kind),
      ['schedule', 'snapshots', 'restores', 'exportList'],
    );
    const items = await api.explorer.whenSettled(orders.rows[0]);
    assert.ok(items.some((r) => /^every \d+ hours, kept /.test(label(r))));
    const legacyApp = await rowsOf('Staging', 'legacy-app');
    assert.ok(
      legacyApp.rows.some((r) => r.kind === 'legacySnapshots'),
      'the legacy probe answered before whenSettled returned',
    );
  });

  it('Copy ID puts the cluster id on the clipboard; Show JSON opens a read-only JSON document of what Atlas returned', async () => {
    const { node: orders } = await rowsOf('Production', 'orders-rs');
    await vscode.commands.executeCommand('atlasBackup.copyId', orders);
    assert.equal(await vscode.env.clipboard.readText(), SEED.clusters['orders-rs'].id);
    await vscode.commands.executeCommand('atlasBackup.showJson', orders);
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.uri.scheme, 'atlas-backup');
    assert.equal(editor.document.languageId, 'json');
    assert.equal(JSON.parse(editor.document.getText()).name, 'orders-rs');
    assert.equal(editor.document.isUntitled, false, 'a provider document: there is no file to save it to');
  });

  it("Open Schedule shows the schedule as Atlas returned it; Open in Atlas opens the cluster's Atlas UI page", async () => {
    const { rows } = await rowsOf('Production', 'orders-rs');
    const schedule = rows.find((r) => r.kind === 'schedule')!;
    await api.explorer.whenSettled(schedule);
    await vscode.commands.executeCommand('atlasBackup.openSchedule', schedule);
    const doc = vscode.window.activeTextEditor!.document;
    assert.equal(doc.uri.scheme, 'atlas-backup');
    assert.ok(Array.isArray(JSON.parse(doc.getText()).policies));
    const opened: string[] = [];
    const env = vscode.env as unknown as Record<string, unknown>;
    const original = env.openExternal;
    env.openExternal = async (uri: vscode.Uri) => {
      opened.push(uri.toString(true));
      return true;
    };
    try {
      const cluster = api.explorer.parentOf(schedule)!;
      await vscode.commands.executeCommand('atlasBackup.openInAtlas', cluster);
    } finally {
      env.openExternal = original;
    }
    assert.deepEqual(opened, [`${SIM}/v2/${SEED.projects.production.id}#/clusters/detail/orders-rs`]);
  });

  it('Load more adds a page; Filter shows only on-demand snapshots; Refresh on the row keeps the rest of the tree', async () => {
    const { snapshots, rows } = await snapshotRows('Production', 'orders-rs');
    const count = rows.filter((r) => r.kind === 'snapshot').length;
    const more = rows.find((r) => r.kind === 'loadMore');
    if (more) {
      await vscode.commands.executeCommand('atlasBackup.loadMoreSnapshots', more);
      const after = await api.explorer.whenSettled(snapshots);
      assert.ok(after.filter((r) => r.kind === 'snapshot').length > count);
    }
    const pick = stubWindow(
      'showQuickPick',
      async (items: readonly { filter: string }[] | Thenable<readonly { filter: string }[]>) =>
        (await items).find((i) => i.filter === 'onDemand'),
    );
    try {
      await vscode.commands.executeCommand('atlasBackup.filterSnapshots', snapshots);
    } finally {
      pick.restore();
    }
    // The row is marked, so its filter button is the filled one (atlasBackup.filterSnapshotsActive).
    assert.equal(present(snapshots).contextValue, 'snapshotsFiltered');
    const filtered = api.explorer.getChildren(snapshots).filter((r) => r.kind === 'snapshot');
    assert.ok(
      filtered.length > 0 && filtered.every((r) => r.kind === 'snapshot' && r.snapshot.snapshotType === 'onDemand'),
    );
    const projects = api.explorer.getChildren().map((r) => r.id);
    // Rows an earlier suite left expanded (another project's clusters) reload after the refresh in beforeEach when
    // VS Code next draws them: let them settle first, so what is counted below is this row's refresh alone.
    for (const p of api.explorer.getChildren()) await api.explorer.whenSettled(p);
    const before = (await simRequests()).length;
    await vscode.commands.executeCommand('atlasBackup.refreshNode', snapshots);
    await api.explorer.whenSettled(snapshots);
    // The project rows' policies (their locks), read one at a time since the refresh before this test, may still be
    // arriving: they are the tree's own background reads, not this row's refresh.
    const made = (await simRequests()).slice(before).filter((r) => !r.path.endsWith('/backupCompliancePolicy'));
    assert.ok(
      made.length >= 1 && made.every((r) => r.path.includes('/clusters/orders-rs/backup/snapshots')),
      made.map((r) => r.path).join(', '),
    );
    assert.deepEqual(
      api.explorer.getChildren().map((r) => r.id),
      projects,
    );
    assert.ok(
      api.explorer.getChildren(snapshots).every((r) => r.kind !== 'snapshot' || r.snapshot.snapshotType === 'onDemand'),
      'the filter survives a refresh',
    );
    await vscode.commands.executeCommand('atlasBackup.filterSnapshotsActive', snapshots, 'all');
    assert.equal(present(snapshots).contextValue, 'snapshots', 'the plain filter button again');
  });

  it('Discard Draft and Push are offered only on a cluster with a draft (and its schedule row)', async () => {
    const { rows } = await rowsOf('Production');
    const orders = rows.find((r) => label(r) === 'orders-rs')!;
    const schedule = (await api.explorer.whenSettled(orders)).find((r) => r.kind === 'schedule')!;
    const groupId = SEED.projects.production.id;
    if (api.drafts.has(groupId, 'orders-rs')) await api.drafts.discard(groupId, 'orders-rs');
    assert.equal(present(orders).contextValue, 'cluster');
    assert.equal(present(schedule).contextValue, 'schedule');
    await vscode.commands.executeCommand('atlasBackup.editSchedule', orders);
    assert.ok(api.drafts.has(groupId, 'orders-rs'));
    assert.equal(present(orders).contextValue, 'clusterDraft');
    assert.equal(present(schedule).contextValue, 'scheduleDraft');
    assert.match(
      present(orders).description!,
      /^backup on · draft · /,
      'the state first: it survives a narrow sidebar',
    );
    await api.drafts.discard(groupId, 'orders-rs');
    assert.equal(present(orders).contextValue, 'cluster');
  });

  it('Take snapshot now asks retention and description, watches it to completed, and refreshes the Snapshots row', async function () {
    this.timeout(60_000);
    const { node: ledger } = await rowsOf('Production', 'ledger-pit');
    const input = stubWindow('showInputBox', async (o: vscode.InputBoxOptions) => {
      if (/how many days/.test(o.prompt ?? '')) {
        assert.match(o.validateInput!('0') as string, /at least/);
        assert.match(o.validateInput!('1') as string, /Backup Compliance Policy/);
        return '5';
      }
      return 'Integration test snapshot';
    });
    const info = stubWindow('showInformationMessage', [undefined]);
    let result: { outcome: string; snapshotId?: string } | undefined;
    try {
      result = await vscode.commands.executeCommand('atlasBackup.takeSnapshot', ledger, {
        firstDelayMs: 500,
        factor: 1.5,
        maxDelayMs: 3000,
      });
    } finally {
      input.restore();
      info.restore();
    }
    assert.equal(result?.outcome, 'completed');
    assert.match(String(info.calls[0][0]), /snapshot of ledger-pit is complete/);
    const posts = (await simRequests()).filter(
      (r) => r.method === 'POST' && r.path.endsWith('/clusters/ledger-pit/backup/snapshots'),
    );
    assert.equal(posts.length, 1, 'one snapshot taken, never retried');
    const { rows } = await snapshotRows('Production', 'ledger-pit');
    const mine = rows.find((r) => r.kind === 'snapshot' && r.snapshot.id === result.snapshotId);
    assert.ok(mine, 'the new snapshot is listed');
    assert.equal(present(mine).icon, 'pass');
    assert.match(present(mine).description!, /^on-demand · /);
  });

  it('Delete under the Backup Compliance Policy is refused with the reason before any request', async () => {
    const { rows } = await snapshotRows('Production', 'orders-rs');
    const snap = rows.find((r) => r.kind === 'snapshot')!;
    const warn = stubWindow('showWarningMessage', [undefined]);
    const before = (await simRequests()).length;
    let outcome: string | undefined;
    try {
      outcome = await vscode.commands.executeCommand('atlasBackup.deleteSnapshot', snap);
    } finally {
      warn.restore();
    }
    assert.equal(outcome, 'refused');
    assert.match(
      String(warn.calls[0][0]),
      /Snapshots of project Production cannot be deleted: its Backup Compliance Policy is active/,
    );
    const after = (await simRequests()).slice(before);
    assert.ok(!after.some((r) => r.method === 'DELETE'), 'no DELETE was sent');
  });

  it('Delete elsewhere confirms naming the snapshot and the cluster, then deletes it', async () => {
    const { snapshots, rows } = await snapshotRows('Staging', 'legacy-app');
    const snap = rows.find((r) => r.kind === 'snapshot' && r.snapshot.status === 'completed')!;
    assert.ok(snap);
    const warn = stubWindow('showWarningMessage', ['Delete']);
    const info = stubWindow('showInformationMessage', () => undefined);
    let outcome: string | undefined;
    try {
      outcome = await vscode.commands.executeCommand('atlasBackup.deleteSnapshot', snap);
    } finally {
      warn.restore();
      info.restore();
    }
    assert.equal(outcome, 'deleted');
    // Issue #20 item 10: the delete says it is done.
    assert.match(
      String(info.calls[0]?.[0]),
      /^Deleted the scheduled snapshot taken \d{4}-\d\d-\d\d \d\d:\d\d UTC of cluster legacy-app\.$/,
    );
    assert.match(
      String(warn.calls[0][0]),
      /^Delete the scheduled snapshot taken \d{4}-\d\d-\d\d \d\d:\d\d UTC of cluster legacy-app\?$/,
    );
    assert.equal((warn.calls[0][1] as { modal: boolean }).modal, true);
    const after = await api.explorer.whenSettled(snapshots);
    assert.ok(!after.some((r) => r.id === snap.id), 'gone from the list');
  });

  it('Change expiry: a shorter one is refused under the policy; a longer one is sent and shown', async () => {
    const { snapshots, rows } = await snapshotRows('Production', 'orders-rs');
    const snap = rows.find(
      (r) => r.kind === 'snapshot' && r.snapshot.status === 'completed' && r.snapshot.snapshotType === 'scheduled',
    )!;
    assert.ok(
      snap,
      `a completed scheduled snapshot among ${rows
        .slice(0, 5)
        .map((r) => `${r.kind}:${label(r)}`)
        .join(', ')}`,
    );
    const warn = stubWindow('showWarningMessage', [undefined]);
    try {
      assert.equal(await vscode.commands.executeCommand('atlasBackup.changeSnapshotExpiry', snap, '1 day'), false);
    } finally {
      warn.restore();
    }
    assert.match(String(warn.calls[0][0]), /would already have expired|does not allow shortening/);
    const info = stubWindow('showInformationMessage', () => undefined);
    try {
      assert.equal(await vscode.commands.executeCommand('atlasBackup.changeSnapshotExpiry', snap, '5 years'), true);
    } finally {
      info.restore();
    }
    // Issue #20 item 10: the change says it is done, and the new expiry.
    assert.match(
      String(info.calls[0]?.[0]),
      /^Snapshot of orders-rs taken \d{4}-\d\d-\d\d \d\d:\d\d UTC now expires \d{4}-\d\d-\d\d \d\d:\d\d UTC\.$/,
    );
    const after = await api.explorer.whenSettled(snapshots);
    const changed = after.find((r) => r.id === snap.id);
    assert.ok(changed && changed.kind === 'snapshot');
    assert.ok(new Date(changed.snapshot.expiresAt!).getTime() > Date.now() + 4 * 365 * 86_400_000);
  });

  it('a failure shows an error row and no notification', async () => {
    const { rows } = await rowsOf('Production', 'orders-rs');
    await control('POST', '/__sim/faults', {
      pathPrefix: `/api/atlas/v2/groups/${SEED.projects.production.id}/clusters/orders-rs/backup/schedule`,
      status: 500,
      errorCode: 'UNEXPECTED_ERROR',
      detail: 'Injected for the tree test.',
      count: 1,
    });
    const err = stubWindow('showErrorMessage', [undefined]);
    const warn = stubWindow('showWarningMessage', [undefined]);
    try {
      const schedule = rows.find((r) => r.kind === 'schedule')!;
      await vscode.commands.executeCommand('atlasBackup.refreshNode', schedule);
      const [row] = await api.explorer.whenSettled(schedule);
      assert.equal(row.kind, 'error');
      assert.match(present(row).description!, /Injected for the tree test/);
    } finally {
      err.restore();
      warn.restore();
    }
    assert.equal(err.calls.length + warn.calls.length, 0);
  });

  it("a cluster's tooltip shows its recovery posture; one that takes no scheduled snapshots is an error row with a badge", async () => {
    const { node: orders } = await rowsOf('Production', 'orders-rs');
    // The restore jobs load beside the schedule and snapshots: the tooltip is complete once they have.
    const done = () => /Last restore: /.test(present(orders!).tooltip ?? '');
    while (!done())
      await new Promise<void>((resolve) => {
        const s = api.explorer.onDidChange(() => {
          s.dispose();
          resolve();
        });
      });
    const tip = present(orders!).tooltip!;
    assert.match(tip, /\*\*Recovery posture\*\* {2}\nRPO: \d+ h — the most frequent policy item's interval/);
    assert.match(tip, /Restorable: \d{4}-\d\d-\d\d \d\d:\d\d UTC → .* UTC · restore points: \d+/);
    assert.match(tip, /Last restore: \d{4}\\-\d\d\\-\d\d \d\d\\:\d\d UTC \\\(automated, .* ago\\\)/); // Markdown-escaped
    assert.ok(
      (await simRequests()).some((r) => r.path.endsWith('/clusters/orders-rs/backup/restoreJobs')),
      'one restore-job list',
    );

    // Delete All Backup Schedules (in a project without a policy), then the cluster row itself says it.
    const facts = describeSeed();
    const victim = facts.clusters.find((c) => c.backup === 'on' && c.projectName !== 'Production')!;
    const groupId = facts.projects.find((p) => p.name === victim.projectName)!.id;
    await api.accounts.clientFor()!.deleteBackupSchedules(groupId, victim.name);
    await vscode.commands.executeCommand('atlasBackup.refresh');
    const { node: cluster } = await rowsOf(victim.projectName, victim.name);
    while (present(cluster!).icon !== 'error')
      await new Promise<void>((resolve) => {
        const s = api.explorer.onDidChange(() => {
          s.dispose();
          resolve();
        });
      });
    const p = present(cluster!);
    assert.equal(p.iconColor, 'list.errorForeground');
    assert.match(p.description!, /no scheduled snapshots/);
    // The badge other errors use: the tree item carries it, the decoration provider draws it.
    const provider = new ProjectsTreeProvider(api.explorer);
    const item = provider.getTreeItem(cluster!);
    provider.dispose();
    assert.equal(item.resourceUri?.path, '/error');
    const badge = new NodeDecorations().provideFileDecoration(item.resourceUri);
    assert.equal(badge?.badge, '!');
    assert.match(String(badge?.tooltip), /no scheduled snapshots/);
  });
});
