// "Apply to Other Clusters…" inside a real extension host against the simulator: pick clusters in the quick pick,
// the NVMe one refused in the review, one modal listing every cluster that will change, pushes with results and
// history entries. Dialogs are stubbed (a modal left open would hang the browser).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { stubWindow } from './helpers';
import type { AtlasBackupApi } from '../../src/vscode/extension';
import { SEED } from '../../src/simulator';

const SIM = process.env.ATLAS_SIM_URL!;
const PROD = SEED.projects.production.id,
  SANDBOX = SEED.projects.sandbox.id;

async function requests(): Promise<{ method: string; path: string; status: number }[]> {
  return (await (await fetch(`${SIM}/__sim/requests`)).json()) as { method: string; path: string; status: number }[];
}

describe('Apply to other clusters', () => {
  let api: AtlasBackupApi;
  const stubs: { restore(): void }[] = [];
  before(async () => {
    api = (await vscode.extensions.getExtension('atlas-backup.atlas-backup')!.activate()) as AtlasBackupApi;
  });
  beforeEach(async () => {
    await fetch(`${SIM}/__sim/reset`, { method: 'POST' });
    await vscode.commands.executeCommand('atlasBackup.refresh');
  });
  afterEach(async () => {
    for (const s of stubs.splice(0)) s.restore();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it("orders-rs's schedule to three clusters: the NVMe one refused, one confirmation for the other two, each pushed with its history", async () => {
    const picks = stubWindow(
      'showQuickPick',
      async (items: Promise<readonly vscode.QuickPickItem[]> | readonly vscode.QuickPickItem[]) =>
        (await items).filter((i) => ['analytics-nvme', 'sandbox-001', 'sandbox-002'].includes(i.label)),
    );
    const modal = stubWindow(
      'showWarningMessage',
      (_msg: string, opts: { modal?: boolean; detail?: string }, ...buttons: string[]) =>
        opts?.modal ? buttons[0] : undefined,
    );
    const info = stubWindow('showInformationMessage', () => undefined);
    stubs.push(picks, modal, info);
    const outcome = await vscode.commands.executeCommand<{
      results: { target: { clusterName: string }; outcome: string }[];
      review: vscode.TextDocument;
    }>('atlasBackup.applyToClusters', { kind: 'cluster', groupId: PROD, clusterName: 'orders-rs' });
    assert.ok(outcome, 'the command ran to the end');
    // The quick pick offered clusters with project and tier to filter on, not the source itself.
    const offered = await (picks.calls[0][0] as Promise<vscode.QuickPickItem[]>);
    assert.ok(offered.some((i) => i.label === 'sandbox-001' && /Sandbox · M10/.test(i.description ?? '')));
    assert.ok(!offered.some((i) => i.label === 'orders-rs'));
    assert.equal((picks.calls[0][1] as vscode.QuickPickOptions).canPickMany, true);
    // One modal listing exactly the two clusters that change, and naming the refused one.
    const modals = modal.calls.filter((c) => (c[1] as { modal?: boolean })?.modal);
    assert.equal(modals.length, 1);
    const detail = (modals[0][1] as { detail: string }).detail;
    assert.match(
      detail,
      /These 2 clusters will change:\n• Sandbox \/ sandbox-001: \d+ changes?.*\n• Sandbox \/ sandbox-002/,
    );
    assert.match(detail, /Refused, nothing sent to them: Production \/ analytics-nvme/);
    assert.match(outcome.review.getText(), /Production \/ analytics-nvme: REFUSED[\s\S]*NVMe/);
    assert.deepEqual(
      outcome.results.map((r) => `${r.target.clusterName}:${r.outcome}`),
      ['sandbox-001:pushed', 'sandbox-002:pushed'],
    );
    assert.match(outcome.review.getText(), /Results\n✓ sandbox-001 \(Sandbox\): pushed/);
    // The review is a read-only virtual document (the editor refuses typing in it): never dirty, so closing its tab
    // never asks "Save?".
    assert.equal(outcome.review.uri.scheme, 'atlas-backup-apply');
    assert.equal(outcome.review.isUntitled, false);
    assert.equal(outcome.review.isDirty, false);
    const tab = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .find((t) => (t.input as { uri?: vscode.Uri } | undefined)?.uri?.toString() === outcome.review.uri.toString());
    assert.ok(tab, 'the review is shown in a tab');
    assert.equal(tab.isDirty, false);
    assert.equal(await vscode.window.tabGroups.close(tab), true, 'its tab closes without asking anything');
    const patches = (await requests()).filter((r) => r.method === 'PATCH');
    assert.deepEqual(
      patches.map((r) => r.path.split('/')[7]),
      ['sandbox-001', 'sandbox-002'],
      'one at a time, in order, never the NVMe cluster',
    );
    for (const name of ['sandbox-001', 'sandbox-002']) {
      const entries = await api.push.history.list(SIM.replace(/\/$/, ''), SANDBOX, name);
      const any = entries.length ? entries : await api.push.history.list(`${SIM.replace(/\/$/, '')}/`, SANDBOX, name);
      assert.equal(any.length, 1, `${name} has its own history entry`);
      assert.equal(any[0].action, 'push');
    }
  });

  it('declining the confirmation sends nothing', async () => {
    stubs.push(
      stubWindow('showQuickPick', async (items: Promise<readonly vscode.QuickPickItem[]>) =>
        (await items).filter((i) => i.label === 'sandbox-004'),
      ),
    );
    stubs.push(stubWindow('showWarningMessage', () => undefined));
    await vscode.commands.executeCommand('atlasBackup.applyToClusters', {
      kind: 'cluster',
      groupId: PROD,
      clusterName: 'orders-rs',
    });
    assert.equal((await requests()).filter((r) => r.method === 'PATCH').length, 0);
  });
});
