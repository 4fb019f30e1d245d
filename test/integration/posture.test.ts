// The Backup Posture report inside a real extension host, against the simulator: all projects or one, rows as the
// loader computes them, a row revealing its cluster in the tree and opening its schedule in the editor, exports.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { control, stubWindow } from './helpers';
import type { AtlasBackupApi } from '../../src/vscode/extension';
import { SEED, describeSeed } from '../../src/simulator';
import { RUN_RESTORE_DRILL } from '../../src/vscode/posture/posturePanel';

// Names and counts of the seeded data come from the seed's own description (it grows; see its unit test).
const FACTS = describeSeed();

/** Resolves once `check` holds, re-checked whenever one of `events` fires (never on a timer). */
async function when(check: () => boolean, events: vscode.Event<unknown>[]): Promise<void> {
  while (!check()) {
    await new Promise<void>((resolve) => {
      const subs = events.map((e) =>
        e(() => {
          for (const s of subs) s.dispose();
          resolve();
        }),
      );
    });
  }
}

describe('Backup Posture report', () => {
  let api: AtlasBackupApi;
  before(async () => {
    api = (await vscode.extensions.getExtension('atlas-backup.atlas-backup')!.activate()) as AtlasBackupApi;
  });
  beforeEach(async () => {
    await control('POST', '/__sim/reset');
    await vscode.commands.executeCommand('atlasBackup.refresh');
  });
  /** The open panel, or one opened on all projects (so each test also runs alone with --grep). */
  async function panelNow() {
    if (!api.posture()) await vscode.commands.executeCommand('atlasBackup.showPosture');
    const p = api.posture()!;
    await p.lastRun;
    return p;
  }
  after(async () => {
    api.posture()?.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('the command lists every seeded cluster with its posture', async () => {
    await vscode.commands.executeCommand('atlasBackup.showPosture');
    const panel = api.posture();
    assert.ok(panel, 'the panel is open');
    await panel.lastRun;
    const rows = panel.loadedRows;
    assert.deepEqual(
      rows.map((r) => `${r.projectName}/${r.clusterName}`).sort(),
      FACTS.clusters.map((c) => `${c.projectName}/${c.name}`).sort(),
    );
    assert.equal(rows.filter((r) => r.backup === 'off').length, FACTS.backupOff);
    const by = new Map(rows.map((r) => [r.clusterName, r]));
    assert.equal(by.get('staging-rs')!.backup, 'off');
    assert.equal(by.get('ledger-pit')!.backup, 'continuous');
    assert.equal(by.get('orders-rs')!.compliance, 'compliant');
    assert.equal(by.get('analytics-nvme')!.tier, 'M40_NVME');
    assert.equal(panel.panel.title, 'Backup Posture');
  });

  it('from a project row: only that project', async () => {
    await vscode.commands.executeCommand('atlasBackup.showPosture', {
      kind: 'project',
      groupId: SEED.projects.production.id,
      project: { id: SEED.projects.production.id, name: 'Production' },
    });
    const panel = api.posture()!;
    await panel.lastRun;
    assert.deepEqual(
      panel.loadedRows.map((r) => r.clusterName).sort(),
      FACTS.projects
        .find((p) => p.id === SEED.projects.production.id)!
        .clusters.map((c) => c.name)
        .sort(),
    );
    assert.equal(panel.panel.title, 'Backup Posture: Production');
  });

  it('a row reveals its cluster in the tree, and opens its schedule in the editor', async function () {
    // Revealing walks the tree from its root and the editor starts a webview: on a loaded machine that alone has
    // taken over 20 s (mocha's default here), so this test waits longer for the same events.
    this.timeout(60_000);
    const panel = await panelNow();
    await panel.handleMessage({ type: 'openCluster', groupId: SEED.projects.production.id, clusterName: 'ledger-pit' });
    await when(
      () => (api.projectsView.selection[0] as { clusterName?: string } | undefined)?.clusterName === 'ledger-pit',
      [api.projectsView.onDidChangeSelection],
    );
    const selected = api.projectsView.selection[0] as { kind?: string; clusterName?: string } | undefined;
    assert.equal(selected?.kind, 'cluster');
    assert.equal(selected?.clusterName, 'ledger-pit');
    // The editor's webview is let finish starting before the suite closes it: a webview closed while it starts holds
    // up the next one in the browser (see the schedule editor suite).
    const drawn = new Promise<void>((resolve) => {
      const sub = api.scheduleEditor.onDidRender((r) => {
        if (/ledger-pit\.schedule\.json$/.test(r.uri.path)) {
          sub.dispose();
          resolve();
        }
      });
    });
    await panel.handleMessage({
      type: 'editSchedule',
      groupId: SEED.projects.production.id,
      clusterName: 'ledger-pit',
    });
    await when(
      () => vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputCustom,
      [vscode.window.tabGroups.onDidChangeTabs, vscode.window.tabGroups.onDidChangeTabGroups],
    );
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab?.input instanceof vscode.TabInputCustom, 'a custom editor is active');
    assert.equal(tab.input.viewType, 'atlasBackup.scheduleEditor');
    assert.match(tab.input.uri.path, /ledger-pit\.schedule\.json$/);
    // Messages that are not what the webview may send change nothing.
    await panel.handleMessage({ type: 'openCluster', groupId: '../../etc', clusterName: 'x' });
    await drawn;
  });

  it('exports the loaded report as Markdown and CSV', async () => {
    const panel = await panelNow();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'posture-'));
    const md = await panel.export('markdown', vscode.Uri.file(path.join(dir, 'p.md')));
    const csv = await panel.export('csv', vscode.Uri.file(path.join(dir, 'p.csv')));
    const mdText = fs.readFileSync(md!.fsPath, 'utf8');
    assert.match(mdText, /^\| Project \| Cluster \| Tier \| Backup \| Schedule \|/m);
    assert.match(mdText, /\| Production \| ledger\\-pit \||\| Production \| ledger-pit \|/);
    const lines = fs.readFileSync(csv!.fsPath, 'utf8').trimEnd().split('\r\n');
    assert.equal(lines.length, 1 + panel.loadedRows.length);
  });

  it("a row's Run Restore Drill… runs the drill command with the cluster, or says cleanly that there is none", async () => {
    const panel = await panelNow();
    const orders = { groupId: SEED.projects.production.id, clusterName: 'orders-rs' };
    // Until the restore feature registers the command, the action says so in one line and nothing else happens.
    if (!(await vscode.commands.getCommands(true)).includes(RUN_RESTORE_DRILL)) {
      const warn = stubWindow('showWarningMessage', () => undefined);
      const error = stubWindow('showErrorMessage', () => undefined);
      try {
        await panel.handleMessage({ type: 'runRestoreDrill', ...orders });
      } finally {
        warn.restore();
        error.restore();
      }
      assert.equal(error.calls.length, 0, 'no error');
      assert.equal(warn.calls.length, 1);
      assert.match(String(warn.calls[0][0]), /^Run Restore Drill is not available for orders-rs: .*not found/);
      // With the command there (a stand-in here), the row's cluster and account reach it as its argument.
      const calls: unknown[][] = [];
      const stand = vscode.commands.registerCommand(RUN_RESTORE_DRILL, (...args: unknown[]) => {
        calls.push(args);
      });
      try {
        await panel.handleMessage({ type: 'runRestoreDrill', ...orders, accountId: 'work' });
      } finally {
        stand.dispose();
      }
      assert.deepEqual(calls, [[{ ...orders, accountId: 'work' }]]);
    }
    // A message that is not what the webview may send runs nothing.
    const warn = stubWindow('showWarningMessage', () => undefined);
    try {
      await panel.handleMessage({ type: 'runRestoreDrill', groupId: 'x', clusterName: 'orders-rs' });
    } finally {
      warn.restore();
    }
    assert.equal(warn.calls.length, 0);
  });
});
