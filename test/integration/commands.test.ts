// Every command goes through one wrapper (src/vscode/common/commands.ts): a failure is shown once with the log a click
// away and a sign-in offer for auth errors; a cancellation, known by its type, is silent.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { control, stubWindow } from './helpers';
import type { AtlasBackupApi } from '../../src/vscode/extension';
import { SEED } from '../../src/simulator';

const STAGING = SEED.projects.staging.id;
const LEGACY = { groupId: STAGING, clusterName: 'legacy-app' };
const SCHEDULE_PATH = `/api/atlas/v2/groups/${STAGING}/clusters/legacy-app/backup/schedule`;

describe('command failures', () => {
  let api: AtlasBackupApi;
  const stubs: { restore(): void }[] = [];
  const stub = (...a: Parameters<typeof stubWindow>) => {
    const s = stubWindow(...a);
    stubs.push(s);
    return s;
  };
  before(async () => {
    api = (await vscode.extensions.getExtension('atlas-backup.atlas-backup')!.activate()) as AtlasBackupApi;
  });
  beforeEach(async () => {
    await control('POST', '/__sim/reset');
    for (const d of api.drafts.list()) await api.drafts.discard(d.groupId, d.clusterName);
  });
  afterEach(async () => {
    while (stubs.length) stubs.pop()!.restore();
    await control('POST', '/__sim/reset');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('an Atlas error that mentions "cancel" is shown once, with Show Log (it is not taken for a cancellation)', async () => {
    await control('POST', '/__sim/faults', {
      pathPrefix: SCHEDULE_PATH,
      method: 'GET',
      status: 409,
      errorCode: 'BACKUP_JOB_CANCELLED',
      detail: 'The backup job was cancelled by another operation.',
      count: 5,
    });
    const err = stub('showErrorMessage', () => undefined);
    assert.equal(await vscode.commands.executeCommand('atlasBackup.editSchedule', LEGACY), undefined);
    assert.equal(err.calls.length, 1, 'one notification');
    assert.match(String(err.calls[0][0]), /^Edit backup schedule failed: .*cancelled by another operation/);
    assert.deepEqual(err.calls[0].slice(1), ['Show Log']);
    assert.equal(api.drafts.has(STAGING, 'legacy-app'), false);
  });

  it('an auth error offers Sign In', async () => {
    await control('POST', '/__sim/faults', {
      pathPrefix: SCHEDULE_PATH,
      method: 'GET',
      status: 401,
      errorCode: 'NO_CURRENT_USER',
      detail: 'Current user is not authorized.',
      count: 5,
    });
    const err = stub('showErrorMessage', () => undefined);
    await vscode.commands.executeCommand('atlasBackup.editSchedule', LEGACY);
    assert.equal(err.calls.length, 1, 'one notification');
    assert.deepEqual(err.calls[0].slice(1), ['Sign In', 'Show Log']);
  });

  it('cancelling the progress sends nothing and shows nothing', async () => {
    const cancelled = new vscode.CancellationTokenSource();
    cancelled.cancel();
    stub('withProgress', (_o: unknown, task: (p: unknown, t: vscode.CancellationToken) => unknown) =>
      task({ report: () => undefined }, cancelled.token),
    );
    const err = stub('showErrorMessage', () => undefined);
    assert.equal(await vscode.commands.executeCommand('atlasBackup.editSchedule', LEGACY), undefined);
    assert.equal(err.calls.length, 0, 'no notification');
    const requests = (await control('GET', '/__sim/requests')) as { path: string }[];
    assert.equal(requests.filter((r) => r.path.startsWith(SCHEDULE_PATH)).length, 0, 'nothing sent');
    assert.equal(api.drafts.has(STAGING, 'legacy-app'), false);
  });
});
