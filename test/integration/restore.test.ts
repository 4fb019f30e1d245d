// Restores from the Projects tree inside a real extension host, against the simulator (its restores run on its clock,
// sped up through the control plane): Restore… onto another cluster (the plan shown, the name typed, one POST, the
// job watched to its end and listed in the Restores row with its duration), a refusal that sends nothing, a download
// with its links, Cancel Restore (and Atlas's 405), a drill with its report, and the restore history.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { control, stubWindow } from './helpers';
import type { AtlasBackupApi } from '../../src/vscode/extension';
import { present } from '../../src/core/tree/explorerModel';
import type { ExplorerNode } from '../../src/core/tree/explorerModel';
import { SEED } from '../../src/simulator';

const PRODUCTION = SEED.projects.production.id;
const JOBS = `/api/atlas/v2/groups/${PRODUCTION}/clusters/orders-rs/backup/restoreJobs`;
const label = (n: ExplorerNode) => present(n).label;
type Item = vscode.QuickPickItem & { choice?: { compatible: boolean; target: { name: string; projectName?: string } } };

/** Waits until `check` holds, looking every 200 ms (the restore runs on the simulator's own clock). */
async function until(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function requests(): Promise<{ method: string; path: string }[]> {
  return (await control('GET', '/__sim/requests')) as { method: string; path: string }[];
}

describe('Restore', () => {
  let api: AtlasBackupApi;
  const stubs: { restore(): void }[] = [];
  const stub = (...a: Parameters<typeof stubWindow>) => {
    const s = stubWindow(...a);
    stubs.push(s);
    return s;
  };
  const feature = () => api.restore.load();

  async function rowsOf(...path: string[]): Promise<{ node: ExplorerNode; rows: ExplorerNode[] }> {
    let rows = await api.explorer.whenSettled();
    let node: ExplorerNode | undefined;
    for (const name of path) {
      node = rows.find((r) => label(r) === name);
      assert.ok(node, `${name} among ${rows.map(label).join(', ')}`);
      rows = await api.explorer.whenSettled(node);
    }
    return { node: node!, rows };
  }

  /** The newest completed snapshot row of orders-rs. */
  async function snapshotRow(): Promise<ExplorerNode> {
    const { rows } = await rowsOf('Production', 'orders-rs');
    const snapshots = rows.find((r) => r.kind === 'snapshots')!;
    const row = (await api.explorer.whenSettled(snapshots)).find(
      (r) => r.kind === 'snapshot' && r.snapshot.status === 'completed',
    );
    assert.ok(row, 'a completed snapshot of orders-rs');
    return row;
  }

  async function restoresRows(): Promise<ExplorerNode[]> {
    const { rows } = await rowsOf('Production', 'orders-rs');
    const restores = rows.find((r) => r.kind === 'restores');
    assert.ok(restores, 'a Restores row under orders-rs');
    return api.explorer.whenSettled(restores);
  }

  /**
   * Picks the first compatible target in the Sandbox project (or, with `compatible: false`, the first refused one);
   * a point in time's "what?" is the whole cluster.
   */
  const pickTarget = (compatible = true) =>
    stub('showQuickPick', async (items: Promise<Item[]>) =>
      (await items).find(
        (i) =>
          (i as { scope?: string }).scope === 'cluster' ||
          (i.choice &&
            i.choice.compatible === compatible &&
            (!compatible || i.choice.target.projectName === 'Sandbox')),
      ),
    );

  before(async () => {
    api = (await vscode.extensions.getExtension('atlas-backup.atlas-backup')!.activate()) as AtlasBackupApi;
  });
  beforeEach(async () => {
    await control('POST', '/__sim/reset');
    await control('POST', '/__sim/restore-speed', { minSeconds: 1, bytesPerSecond: 1e15 });
    api.explorer.refresh();
  });
  afterEach(async () => {
    while (stubs.length) stubs.pop()!.restore();
    await control('POST', '/__sim/reset');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Restore… onto another cluster: the plan, the typed name, one POST, watched to the end, listed in Restores', async () => {
    const node = await snapshotRow();
    const picks = pickTarget();
    const typed = stub('showInputBox', (o: vscode.InputBoxOptions) => o.placeHolder);
    const info = stub('showInformationMessage', () => undefined);
    const before = (await requests()).length;
    const r = await feature().commands.restoreSnapshot(node, { firstDelayMs: 300 });
    assert.equal(r.outcome, 'started');
    const target = r.plan!.target!.clusterName;
    // The pick offered compatible clusters first, the others with why.
    const items = (await (picks.calls[0][0] as Promise<Item[]>)).filter((i) => i.choice);
    const firstBad = items.findIndex((i) => !i.choice!.compatible);
    assert.ok(firstBad > 0, 'compatible clusters first');
    assert.ok(items.slice(firstBad).every((i) => !i.choice!.compatible && /\$\(error\) ./.test(i.detail ?? '')));
    // The plan was shown before the name was asked for, and the name is what the box validates.
    const plan = feature().documents.textOf(`Restore plan: orders-rs onto ${target}`);
    assert.ok(plan, 'the plan document');
    // Its tab reads as its title does (a colon once became "Restore plan_ orders-rs …").
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label));
    assert.ok(
      tabs.some((t) => t.includes(`Restore plan — orders-rs onto ${target}`)),
      tabs.join(' | '),
    );
    assert.ok(!tabs.some((t) => /Restore plan_/.test(t)), tabs.join(' | '));
    assert.match(plan, /## What happens[\s\S]*deleted and replaced/);
    assert.match(plan, /\| passed \| `mongodb-version`/);
    const box = typed.calls[0][0] as vscode.InputBoxOptions;
    assert.match(box.validateInput!('sandbox') as string, new RegExp(`Type ${target}`));
    assert.equal(box.validateInput!(target), undefined);
    const posts = (await requests()).slice(before).filter((q) => q.method === 'POST');
    assert.deepEqual(
      posts.map((q) => q.path),
      [JOBS],
      'one create, nothing else written',
    );
    const done = await r.done!;
    assert.equal(done.stopped, false);
    assert.equal(done.projection.state, 'completed');
    assert.ok(info.calls.some((c) => new RegExp(`^Restore finished: ${target} now holds`).test(String(c[0]))));
    const rows = await restoresRows();
    const row = rows.find((x) => x.kind === 'restoreJob' && x.job.id === r.jobId);
    assert.ok(row, 'the new job in the Restores row');
    assert.match(present(row).description!, /^completed · finished .* · took \d+s$/);
    const [entry] = await feature().history.list(new URL(process.env.ATLAS_SIM_URL!).origin);
    assert.equal(entry.id, r.jobId);
    assert.equal(entry.outcome, 'completed');
    assert.equal(entry.drill, false);
  });

  it('an incompatible target is refused with its reason and nothing is sent', async () => {
    const node = await snapshotRow();
    pickTarget(false);
    const warn = stub('showWarningMessage', () => undefined);
    const input = stub('showInputBox', () => undefined);
    const before = (await requests()).length;
    const r = await feature().commands.restoreSnapshot(node);
    assert.equal(r.outcome, 'aborted');
    assert.match(String(warn.calls[0][0]), /cannot be restored onto: .+ Nothing was sent\.$/);
    assert.equal(input.calls.length, 0, 'no confirmation asked');
    assert.deepEqual(
      (await requests()).slice(before).filter((q) => q.method !== 'GET'),
      [],
    );
  });

  // The POST is sent by the extension bundle's client and judged in dist/restore.js, which has its own copy of the
  // error classes: the 500 must still read as "may have reached Atlas" (and be sent once).
  it('a restore POST answered with a 500 is sent once and says it may have reached Atlas', async () => {
    const node = await snapshotRow();
    pickTarget();
    stub('showInputBox', (o: vscode.InputBoxOptions) => o.placeHolder);
    const error = stub('showErrorMessage', () => undefined);
    await control('POST', '/__sim/faults', {
      pathPrefix: JOBS,
      method: 'POST',
      status: 500,
      errorCode: 'UNEXPECTED_ERROR',
      detail: 'Injected by the integration test.',
      count: 1,
    });
    const before = (await requests()).length;
    const r = await vscode.commands.executeCommand<{ outcome: string }>('atlasBackup.restoreSnapshot', node);
    assert.equal(r.outcome, 'failed');
    assert.deepEqual(
      (await requests())
        .slice(before)
        .filter((q) => q.method === 'POST')
        .map((q) => q.path),
      [JOBS],
      'one POST, not retried',
    );
    assert.match(
      String(error.calls[0]?.[0]),
      /^The start of the restore of orders-rs may have reached Atlas: .*It was not retried\. Look before trying again/,
    );
    const [entry] = await feature().history.list(new URL(process.env.ATLAS_SIM_URL!).origin);
    assert.equal(entry?.outcome, 'unknown', 'the history says the outcome is unknown');
  });

  it('the source picked as its own target says what to do instead of a CLI-only "say so explicitly"', async () => {
    const node = await snapshotRow();
    const picks = stub('showQuickPick', async (items: Promise<Item[]>) =>
      (await items).find((i) => i.choice?.target.name === 'orders-rs' && i.choice.target.projectName === 'Production'),
    );
    const warn = stub('showWarningMessage', () => undefined);
    const before = (await requests()).length;
    const r = await feature().commands.restoreSnapshot(node);
    assert.equal(r.outcome, 'aborted');
    const source = (await (picks.calls[0][0] as Promise<Item[]>)).find(
      (i) => i.choice?.target.name === 'orders-rs' && i.choice.target.projectName === 'Production',
    )!;
    for (const text of [String(source.detail), String(warn.calls[0][0])]) {
      assert.match(text, /the source itself.*restore onto another cluster, or use the CLI with --overwrite-source/);
      assert.doesNotMatch(text, /say so explicitly/);
    }
    assert.deepEqual(
      (await requests()).slice(before).filter((q) => q.method !== 'GET'),
      [],
    );
  });

  it('Restore to a Point in Time from the palette: one pick over "project / cluster", as Edit Backup Schedule', async () => {
    const picks = stub('showQuickPick', () => undefined);
    await vscode.commands.executeCommand('atlasBackup.restorePointInTime');
    const items = (await (picks.calls[0][0] as Promise<vscode.QuickPickItem[]>)).map((i) => i.label);
    assert.ok(items.includes('Production / ledger-pit'), items.slice(0, 5).join(', '));
    assert.equal((picks.calls[0][1] as vscode.QuickPickOptions).placeHolder, 'Type a cluster or project name');
  });

  it('Restore to a Point in Time on a cluster without continuous backup refuses before any request', async () => {
    const { node } = await rowsOf('Production', 'orders-rs');
    const warn = stub('showWarningMessage', () => undefined);
    const before = (await requests()).length;
    const r = await vscode.commands.executeCommand<{ outcome: string }>('atlasBackup.restorePointInTime', node);
    assert.equal(r.outcome, 'refused');
    assert.match(String(warn.calls[0][0]), /no continuous cloud backup.*Nothing was sent/);
    assert.equal((await requests()).slice(before).filter((q) => q.method !== 'GET').length, 0);
  });

  it('Restore to a Point in Time: the window in the box, the time read, one POST carrying it', async () => {
    const { node } = await rowsOf('Production', 'ledger-pit');
    pickTarget();
    const input = stub('showInputBox', () => 'ledger-pit-target-unused');
    stub('showInformationMessage', () => undefined);
    const seconds = Math.floor(Date.now() / 1000) - 3600;
    const before = (await requests()).length;
    // The time comes as typed (`text`), so the box asked only for the confirmation: its prompt names the target.
    const r = await feature().commands.restorePointInTime(node, { text: String(seconds), firstDelayMs: 300 });
    assert.equal(r.outcome, 'aborted', 'the stubbed confirmation typed a wrong name: nothing sent');
    assert.equal(input.calls.length, 1);
    assert.equal((await requests()).slice(before).filter((q) => q.method === 'POST').length, 0);
    input.restore();
    stub('showInputBox', (o: vscode.InputBoxOptions) => o.placeHolder);
    const ok = await feature().commands.restorePointInTime(node, { text: String(seconds), firstDelayMs: 300 });
    assert.equal(ok.outcome, 'started');
    assert.equal(ok.plan!.source.pointInTime!.epochSeconds, seconds);
    const plan = feature().documents.textOf(
      `Restore plan: ledger-pit at a point in time onto ${ok.plan!.target!.clusterName}`,
    )!;
    assert.match(plan, /Restorable window: /);
    const posts = (await requests()).slice(before).filter((q) => q.method === 'POST');
    assert.deepEqual(
      posts.map((q) => q.path),
      [`/api/atlas/v2/groups/${PRODUCTION}/clusters/ledger-pit/backup/restoreJobs`],
    );
    assert.equal(
      (await ok.done!).projection.pointInTimeUtc,
      new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    );
  });

  it('Download Snapshot…: a modal, then the links with their expiry and Copy Link', async () => {
    const node = await snapshotRow();
    const modal = stub('showWarningMessage', () => 'Download');
    const info = stub('showInformationMessage', (message: string) =>
      /^Download ready/.test(message) ? 'Copy Link' : undefined,
    );
    const r = await feature().commands.downloadSnapshot(node, { firstDelayMs: 300 });
    assert.equal(r.outcome, 'started');
    assert.equal((modal.calls[0][1] as { modal: boolean }).modal, true);
    const done = await r.done!;
    const links = done.projection.deliveryUrl!;
    assert.ok(links.length > 0);
    const ready = info.calls.find((c) => /^Download ready/.test(String(c[0])))!;
    // One link "works", several "work".
    assert.match(
      String(ready[0]),
      links.length === 1 ? /: the link to .*\. It works until \d{4}-/ : /\d+ links .*\. They work until \d{4}-/,
    );
    assert.deepEqual(ready.slice(1), ['Copy Link', 'Show Restores']);
    await new Promise((resolve) => setTimeout(resolve, 50)); // the Copy Link answer is handled after the message
    assert.equal(await vscode.env.clipboard.readText(), links.join('\n'));
    const rows = await restoresRows();
    const row = rows.find((x) => x.kind === 'restoreJob' && x.job.id === r.jobId)!;
    const linkRows = await api.explorer.whenSettled(row);
    assert.equal(linkRows.length, links.length);
    assert.equal(present(linkRows[0]).contextValue, 'restoreLink');
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('atlasBackup.copyRestoreLink', linkRows[0]);
    assert.equal(await vscode.env.clipboard.readText(), links[0]);
  });

  it('Cancel Restore asks first and cancels; Atlas’s 405 says it cannot be cancelled', async () => {
    await control('POST', '/__sim/restore-speed', { minSeconds: 3600 });
    const node = await snapshotRow();
    pickTarget();
    stub('showInputBox', (o: vscode.InputBoxOptions) => o.placeHolder);
    stub('showInformationMessage', () => undefined);
    const r = await feature().commands.restoreSnapshot(node, { firstDelayMs: 60_000 });
    const rowOf = async () => {
      const row = (await restoresRows()).find((x) => x.kind === 'restoreJob' && x.job.id === r.jobId);
      assert.ok(row);
      return row;
    };
    assert.equal(present(await rowOf()).contextValue, 'restoreJobRunning');
    // A 405 first: it says so and the job goes on.
    await control('POST', '/__sim/faults', {
      pathPrefix: `${JOBS}/${r.jobId}`,
      method: 'DELETE',
      status: 405,
      errorCode: 'RESTORE_JOB_CANNOT_BE_CANCELLED',
      detail: 'This restore cannot be cancelled.',
      count: 1,
    });
    const warn = stub('showWarningMessage', (message: string, _o: unknown, ...items: vscode.MessageItem[]) =>
      /^Cancel /.test(message) ? items.find((i) => i.title === 'Cancel Restore') : undefined,
    );
    assert.equal(await vscode.commands.executeCommand('atlasBackup.cancelRestore', await rowOf()), false);
    assert.ok(warn.calls.some((c) => /cannot be cancelled \(405/.test(String(c[0]))));
    // Then for real.
    const before = (await requests()).length;
    assert.equal(await vscode.commands.executeCommand('atlasBackup.cancelRestore', await rowOf()), true);
    const modal = warn.calls.filter((c) => /^Cancel the restore of orders-rs onto /.test(String(c[0])));
    assert.equal(modal.length, 2, 'asked both times');
    assert.equal((modal[0][1] as { modal: boolean }).modal, true);
    // Not the modal's own "Cancel" beside "Cancel Restore": the way out says it keeps the restore running.
    assert.deepEqual(modal[0].slice(2), [
      { title: 'Cancel Restore' },
      { title: 'Keep Running', isCloseAffordance: true },
    ]);
    assert.deepEqual(
      (await requests())
        .slice(before)
        .filter((q) => q.method === 'DELETE')
        .map((q) => q.path),
      [`${JOBS}/${r.jobId}`],
    );
    assert.match(present(await rowOf()).description!, /^cancelled/);
    // The watch looks at once (not after its 60 s wait) and ends: nobody polls a cancelled restore.
    const w = await r.done!;
    assert.equal(w.projection.state, 'cancelled');
    assert.ok(!feature().watcher.watching.includes(r.jobId!));
  });

  it('a restore nobody watches any more is picked up again on the next start, and its end is recorded', async function () {
    this.timeout(60_000);
    const node = await snapshotRow();
    pickTarget();
    stub('showInputBox', (o: vscode.InputBoxOptions) => o.placeHolder);
    const info = stub('showInformationMessage', () => undefined);
    // Stop watching at once, as the notification's Cancel does: the restore goes on, the history says in progress.
    const stopped = new vscode.CancellationTokenSource();
    stopped.cancel();
    const progress = stub('withProgress', (_o: unknown, task: (p: unknown, t: vscode.CancellationToken) => unknown) =>
      task({ report: () => undefined }, stopped.token),
    );
    const r = await feature().commands.restoreSnapshot(node, { firstDelayMs: 300 });
    assert.equal((await r.done!).stopped, true);
    assert.ok(
      info.calls.some((c) => /^Stopped watching restore job .*; the restore goes on in Atlas/.test(String(c[0]))),
    );
    const origin = new URL(process.env.ATLAS_SIM_URL!).origin;
    assert.ok((await feature().history.running(origin)).some((e) => e.id === r.jobId));
    progress.restore();
    // As on activation: the running ones in the history are watched again until they end.
    const before = (await requests()).filter((q) => q.path === `${JOBS}/${r.jobId}`).length;
    await api.restore.resume();
    await until(async () => !(await feature().history.running(origin)).some((e) => e.id === r.jobId));
    const entry = (await feature().history.list(origin)).find((e) => e.id === r.jobId)!;
    assert.equal(entry.outcome, 'completed');
    assert.ok((await requests()).filter((q) => q.path === `${JOBS}/${r.jobId}`).length > before, 'looked at again');
    assert.ok(info.calls.some((c) => /^Restore finished: /.test(String(c[0]))));
  });

  it('Run Restore Drill… (as the posture report calls it): newest snapshot onto a scratch cluster, the report, kept as a drill', async function () {
    this.timeout(60_000);
    const picks = pickTarget();
    stub('showInputBox', (o: vscode.InputBoxOptions) => o.placeHolder);
    const info = stub('showInformationMessage', () => undefined);
    const r = await feature().commands.runDrill(
      { groupId: PRODUCTION, clusterName: 'orders-rs' },
      { firstDelayMs: 300 },
    );
    assert.equal(r.outcome, 'started');
    const offered = (await (picks.calls[0][0] as Promise<Item[]>)).filter((i) => i.choice);
    assert.ok(
      !offered.some((i) => i.choice!.target.name === 'orders-rs' && i.choice!.target.projectName === 'Production'),
      'never the source',
    );
    // Scratch clusters away from the source first: its own project (often production) last, and said so.
    const compatible = offered.filter((i) => i.choice!.compatible);
    const same = compatible.map((i) => i.choice!.target.projectName === 'Production');
    assert.ok(same.includes(false) && same.includes(true), 'compatible targets in and outside Production');
    assert.equal(same.indexOf(true), same.length - same.filter(Boolean).length, 'Production last');
    for (const i of compatible)
      assert.equal(
        /same project as the source/.test(i.description ?? ''),
        i.choice!.target.projectName === 'Production',
      );
    const report = await r.report!;
    assert.match(report!, /PASSED/);
    // The duration as every other restore message says it ("took 3s"), not "(3 s)".
    assert.ok(
      info.calls.some((c) => /^Drill passed: .* \(took \d+s\)\. The report is open/.test(String(c[0]))),
      info.calls.map((c) => String(c[0])).join(' | '),
    );
    const [entry] = await feature().history.list(new URL(process.env.ATLAS_SIM_URL!).origin);
    assert.equal(entry.drill, true);
    assert.equal(entry.report?.state, 'completed');
    // Show Restore History lists it, marked.
    await vscode.commands.executeCommand('atlasBackup.showRestoreHistory');
    assert.match(feature().documents.textOf('Restore history')!, /\*\*Drill\*\*: orders-rs snapshot/);
    // The drill is the cluster's last restore now, marked a drill with its duration, in its tooltip and the posture
    // report (before the simulator is reset after this test).
    const { node: orders } = await rowsOf('Production', 'orders-rs');
    // Atlas keeps no start time and knows nothing of drills: both come from the history, read when the tooltip asks.
    const marked = /Last restore: [^\n]*took [^\n]*, drill\\\)/;
    await until(async () => {
      await api.explorer.whenSettled(orders);
      return marked.test(present(orders).tooltip ?? '');
    });
    await vscode.commands.executeCommand('atlasBackup.showPosture', { groupId: PRODUCTION });
    const panel = api.posture()!;
    try {
      await panel.lastRun;
      const row = panel.loadedRows.find((r) => r.clusterName === 'orders-rs')!;
      const last = row.recovery?.lastRestore;
      assert.equal(last?.drill, true);
      assert.equal(typeof last?.durationSeconds, 'number');
      assert.ok(last.durationSeconds! >= 0);
    } finally {
      panel.dispose();
    }
  });
});
