// Export buckets and snapshot exports from the Projects tree inside a real extension host, against the simulator:
// adding and removing a bucket, a removal refused before anything is sent, and an export watched to its end (and to
// its failure). Dialogs are stubbed on the window API object the extension calls; the simulator's request log proves
// what was sent.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { control, stubWindow } from './helpers';
import type { AtlasBackupApi } from '../../src/vscode/extension';
import type { BucketOutcome, ExportOutcome } from '../../src/vscode/exports/exportCommands';
import { present } from '../../src/core/tree/explorerModel';
import type { ExplorerNode } from '../../src/core/tree/explorerModel';
import { SEED, describeSeed } from '../../src/simulator';

const PROD = SEED.projects.production.id;
const BUCKETS = `/api/atlas/v2/groups/${PROD}/backup/exportBuckets`;
const FACTS = describeSeed();
const AWS_BUCKET = FACTS.exportBuckets.find((b) => b.projectName === 'Production' && b.cloudProvider === 'AWS')!;

type Logged = { method: string; path: string; status: number };
const requests = async () => (await control('GET', '/__sim/requests')) as Logged[];
const writes = async () => (await requests()).filter((r) => r.method !== 'GET');
const label = (n: ExplorerNode) => present(n).label;

/** Runs withProgress's task at once, with a progress that records what it is told. */
function recordProgress(reports: { message?: string; increment?: number }[]) {
  return (_opts: unknown, task: (p: vscode.Progress<object>, t: vscode.CancellationToken) => unknown) =>
    task({ report: (r) => reports.push(r) }, new vscode.CancellationTokenSource().token);
}

describe('Exports to buckets', () => {
  let api: AtlasBackupApi;
  const stubs: { restore(): void }[] = [];
  const stub = (...a: Parameters<typeof stubWindow>) => {
    const s = stubWindow(...a);
    stubs.push(s);
    return s;
  };

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

  before(async () => {
    api = (await vscode.extensions.getExtension('atlas-backup.atlas-backup')!.activate()) as AtlasBackupApi;
  });
  beforeEach(async () => {
    await control('POST', '/__sim/reset');
    await vscode.commands.executeCommand('atlasBackup.refresh');
  });
  afterEach(() => {
    while (stubs.length) stubs.pop()!.restore();
  });

  it('adds a GCP bucket with an authorised role (one POST), then removes it after a modal confirmation (one DELETE)', async () => {
    const { node: row, rows: before } = await rowsOf('Production', 'Export Buckets');
    assert.deepEqual(
      before.map(label).sort(),
      FACTS.exportBuckets
        .filter((b) => b.projectName === 'Production')
        .map((b) => b.bucketName)
        .sort(),
    );
    stub('withProgress', recordProgress([]));
    const picks = stub(
      'showQuickPick',
      (items: readonly vscode.QuickPickItem[]) => items.find((i) => i.label === 'GCP') ?? items[0],
    );
    const input = stub('showInputBox', ['acme-gcp-exports']);
    stub('showInformationMessage', () => undefined);
    const added = await vscode.commands.executeCommand<BucketOutcome>('atlasBackup.addExportBucket', row);
    assert.equal(added, 'added');
    // The role step offered the project's authorised GCP service account with what it is used for.
    const roleItems = picks.calls[1][0] as readonly vscode.QuickPickItem[];
    assert.equal(roleItems.length, FACTS.accessRoles.filter((r) => r.providerName === 'GCP' && r.authorized).length);
    assert.match(roleItems[0].detail ?? '', /^Used for: /);
    // The input box checks the name as the spec does.
    const box = input.calls[0][0] as vscode.InputBoxOptions;
    const short = await box.validateInput!('ab');
    assert.match(typeof short === 'string' ? short : '', /3 to 63 characters/);
    assert.equal(await box.validateInput!('acme-gcp-exports'), undefined);
    assert.deepEqual(
      (await writes()).map((r) => `${r.method} ${r.path} ${r.status}`),
      [`POST ${BUCKETS} 200`],
    );
    const after = await api.explorer.whenSettled(row);
    const gcp = after.find((r) => label(r) === 'acme-gcp-exports');
    assert.ok(gcp, `the new bucket is listed: ${after.map(label).join(', ')}`);
    assert.match(present(gcp).description ?? '', /^Google Cloud Storage · role /);

    const confirm = stub('showWarningMessage', () => 'Remove');
    const removed = await vscode.commands.executeCommand<BucketOutcome>('atlasBackup.removeExportBucket', gcp);
    assert.equal(removed, 'removed');
    assert.equal((confirm.calls[0][1] as vscode.MessageOptions).modal, true);
    const deletes = (await writes()).filter((r) => r.method === 'DELETE');
    assert.deepEqual(
      deletes.map((r) => r.status),
      [204],
    );
    assert.ok(deletes[0].path.startsWith(`${BUCKETS}/`));
    assert.ok(!(await api.explorer.whenSettled(row)).some((r) => label(r) === 'acme-gcp-exports'));
  });

  it('refuses to remove a bucket a schedule auto-exports to, naming the cluster, and sends nothing', async () => {
    const client = api.accounts.client!;
    const current = await client.getBackupSchedule(PROD, 'ledger-pit');
    await client.updateBackupSchedule(
      PROD,
      'ledger-pit',
      { ...current, autoExportEnabled: true, export: { exportBucketId: AWS_BUCKET.id, frequencyType: 'monthly' } },
      { current },
    );
    const { rows } = await rowsOf('Production', 'Export Buckets');
    const bucket = rows.find((r) => label(r) === AWS_BUCKET.bucketName)!;
    const since = (await requests()).length;
    stub('withProgress', recordProgress([]));
    const warn = stub('showWarningMessage', () => undefined);
    const outcome = await vscode.commands.executeCommand<BucketOutcome>('atlasBackup.removeExportBucket', bucket);
    assert.equal(outcome, 'refused');
    assert.equal(warn.calls.length, 1, 'one warning, no confirmation asked');
    assert.match(String(warn.calls[0][0]), /cannot be removed: the backup schedule of ledger-pit exports to it/);
    assert.deepEqual(
      (await requests()).slice(since).filter((r) => r.method !== 'GET'),
      [],
      'nothing but reads',
    );
  });

  it('a removal whose answer is lost is not sent again, and says it may have reached Atlas', async () => {
    const azure = FACTS.exportBuckets.find((b) => b.projectName === 'Production' && b.cloudProvider === 'AZURE')!;
    const { rows } = await rowsOf('Production', 'Export Buckets');
    const bucket = rows.find((r) => label(r) === azure.bucketName)!;
    await control('POST', '/__sim/faults', { pathPrefix: `${BUCKETS}/${azure.id}`, method: 'DELETE', after: 'drop' });
    stub('withProgress', recordProgress([]));
    stub('showWarningMessage', () => 'Remove');
    const err = stub('showErrorMessage', () => undefined);
    const outcome = await vscode.commands.executeCommand<BucketOutcome>('atlasBackup.removeExportBucket', bucket);
    assert.equal(outcome, 'failed');
    assert.match(String(err.calls[0][0]), /may have reached Atlas: .* It was not retried\. Look before trying again/);
    assert.equal((await writes()).filter((r) => r.method === 'DELETE').length, 1, 'one DELETE');
  });

  it('exports a snapshot to a bucket: one POST, progress in collections, the final prefix copied', async () => {
    await control('POST', '/__sim/export-speed', { queueSeconds: 0, secondsPerCollection: 0.05 });
    const { rows } = await rowsOf('Production', 'orders-rs');
    const snapshots = await api.explorer.whenSettled(rows.find((r) => r.kind === 'snapshots'));
    const snapshot = snapshots.find((r) => r.kind === 'snapshot' && r.snapshot.status === 'completed')!;
    const reports: { message?: string }[] = [];
    stub('withProgress', recordProgress(reports));
    const pick = stub('showQuickPick', (items: readonly (vscode.QuickPickItem & { detail?: string })[]) =>
      items.find((i) => i.label === AWS_BUCKET.bucketName),
    );
    stub('showInputBox', ['ticket=OPS-1']);
    const confirm = stub('showWarningMessage', () => 'Export');
    stub('showInformationMessage', () => 'Copy Prefix');
    const since = (await requests()).length;
    const r = await vscode.commands.executeCommand<ExportOutcome>('atlasBackup.exportSnapshot', snapshot, {
      pollMs: 50,
    });
    assert.equal(r.outcome, 'Successful');
    assert.equal(
      (pick.calls[0][0] as unknown[]).length,
      FACTS.exportBuckets.filter((b) => b.projectName === 'Production').length,
    );
    const options = confirm.calls[0][1] as vscode.MessageOptions;
    assert.equal(options.modal, true);
    assert.match(options.detail ?? '', /A failed export is not retried.*leaves the collections already written/s);
    const total = r.job?.exportStatus?.totalCollections;
    assert.ok(total && total > 0);
    assert.ok(
      reports.some((p) => p.message === `successful: ${total} of ${total} collections exported`),
      reports.map((p) => p.message).join(' | '),
    );
    const job = r.job!;
    assert.ok(job.prefix);
    assert.equal(await vscode.env.clipboard.readText(), job.prefix);
    const log = (await requests()).slice(since);
    const exportsPath = `/api/atlas/v2/groups/${PROD}/clusters/orders-rs/backup/exports`;
    assert.deepEqual(
      log.filter((q) => q.method !== 'GET').map((q) => `${q.method} ${q.path} ${q.status}`),
      [`POST ${exportsPath} 200`],
    );
    assert.ok(log.filter((q) => q.path === `${exportsPath}/${job.id}`).length >= 1, 'watched by reading the job');
    // The Exports row shows the new job first, finished.
    const exportsRow = rows.find((x) => x.kind === 'exportList')!;
    const jobs = await api.explorer.whenSettled(exportsRow);
    assert.match(present(jobs[0]).description ?? '', new RegExp(`^successful · ${total} of ${total} collections`));
  });

  it('a failed export says Atlas does not retry it and gives its reason', async () => {
    await control('POST', '/__sim/export-speed', { queueSeconds: 0, secondsPerCollection: 0.05, failNext: 1 });
    const { rows } = await rowsOf('Production', 'orders-rs');
    const snapshots = await api.explorer.whenSettled(rows.find((r) => r.kind === 'snapshots'));
    const snapshot = snapshots.find((r) => r.kind === 'snapshot' && r.snapshot.status === 'completed')!;
    stub('withProgress', recordProgress([]));
    stub('showQuickPick', (items: readonly vscode.QuickPickItem[]) =>
      items.find((i) => i.label === AWS_BUCKET.bucketName),
    );
    stub('showInputBox', ['']);
    stub('showWarningMessage', () => 'Export');
    const err = stub('showErrorMessage', () => undefined);
    const r = await vscode.commands.executeCommand<ExportOutcome>('atlasBackup.exportSnapshot', snapshot, {
      pollMs: 50,
    });
    assert.equal(r.outcome, 'Failed');
    assert.equal(err.calls.length, 1);
    const said = String(err.calls[0][0]);
    assert.ok(r.job?.stateReason?.message && said.includes(r.job.stateReason.message), said);
    assert.match(said, /Atlas does not retry a failed export\. Partial data may be left/);
    assert.equal((await writes()).filter((q) => q.method === 'POST').length, 1, 'the export was not sent again');
  });
});
