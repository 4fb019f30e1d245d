// Set Up / Edit Compliance Policy inside a real extension host, against the simulator: the form opened from a project
// row, played through its messages; the simulator's request log proves one PUT with the chosen
// overwriteBackupPolicies after the typed name, and nothing sent on a refusal (a choice Atlas would refuse, a wrong
// name, a loosening edit); the tree's policy row shows the new policy afterwards.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { control, stubWindow } from './helpers';
import type { AtlasBackupApi } from '../../src/vscode/extension';
import type { ExplorerNode } from '../../src/core/tree/explorerModel';
import { SEED } from '../../src/simulator';
import { formValuesFrom, type PolicyFormValues } from '../../src/core/compliance/policyForm';

const STAGING = SEED.projects.staging.id;
const PRODUCTION = SEED.projects.production.id;

interface Logged {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
}
const policyWrites = async (since: number) =>
  ((await control('GET', '/__sim/requests')) as Logged[])
    .slice(since)
    .filter((r) => r.method !== 'GET' && r.path.endsWith('/backupCompliancePolicy'));
const logLength = async () => ((await control('GET', '/__sim/requests')) as Logged[]).length;

/** A policy every seeded Staging schedule falls short of: daily snapshots kept a year. */
function strictPolicy(): PolicyFormValues {
  const v = formValuesFrom(undefined);
  v.authorizedEmail = 'officer@example.com';
  v.authorizedUserFirstName = 'Dana';
  v.authorizedUserLastName = 'Reyes';
  const daily = v.items.find((i) => i.frequencyType === 'daily')!;
  daily.enabled = true;
  daily.retentionValue = '1';
  daily.retentionUnit = 'years';
  return v;
}

/** Runs the watch's progress with a token already cancelled: the simulator takes a minute to reach ACTIVE. */
function cancelledProgress() {
  return stubWindow('withProgress', (_o: unknown, task: (p: unknown, t: unknown) => unknown) =>
    task(
      { report: () => undefined },
      { isCancellationRequested: true, onCancellationRequested: () => ({ dispose: () => undefined }) },
    ),
  );
}

describe('Backup Compliance Policy form', () => {
  let api: AtlasBackupApi;
  const projectRow = async (groupId: string): Promise<ExplorerNode> =>
    (await api.explorer.whenSettled()).find((n) => n.kind === 'project' && n.groupId === groupId)!;
  const policyRows = async (groupId: string) => {
    const compliance = (await api.explorer.whenSettled(await projectRow(groupId))).find(
      (n) => n.kind === 'compliance',
    )!;
    return api.explorer.whenSettled(compliance);
  };
  async function open(command: string, groupId: string) {
    await vscode.commands.executeCommand(command, await projectRow(groupId));
    const panel = api.compliancePanel(groupId);
    assert.ok(panel, 'the form is open');
    return panel;
  }

  before(async () => {
    api = (await vscode.extensions.getExtension('atlas-backup.atlas-backup')!.activate()) as AtlasBackupApi;
  });
  beforeEach(async () => {
    await control('POST', '/__sim/reset');
    await vscode.commands.executeCommand('atlasBackup.refresh');
  });
  afterEach(async () => {
    api.compliancePanel(STAGING)?.dispose();
    api.compliancePanel(PRODUCTION)?.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('set-up on a project without a policy: the typed name, one PUT with the chosen overwrite, the tree refreshed', async () => {
    const before = await policyRows(STAGING);
    assert.equal(before[0]?.kind, 'empty', 'Staging has no policy yet');
    const panel = await open('atlasBackup.setUpCompliancePolicy', STAGING);
    assert.ok(!panel.editing);
    assert.match(panel.panel.title, /^Set Up Compliance Policy: Staging$/);
    const since = await logLength();
    const input = stubWindow('showInputBox', ['Staging']);
    const progress = cancelledProgress();
    const info = stubWindow('showInformationMessage', () => undefined);
    try {
      await panel.handleMessage({ type: 'apply', version: 1, values: strictPolicy(), overwrite: true });
    } finally {
      input.restore();
      progress.restore();
      info.restore();
    }
    const prompt = (input.calls[0]?.[0] as vscode.InputBoxOptions | undefined)?.prompt ?? '';
    assert.match(prompt, /cannot be disabled without MongoDB Support/);
    const writes = await policyWrites(since);
    assert.deepEqual(
      writes.map((w) => `${w.method} ${w.status} ${w.query.overwriteBackupPolicies}`),
      ['PUT 200 true'],
      'one PUT, with overwriteBackupPolicies=true as chosen',
    );
    const rows = await policyRows(STAGING);
    assert.notEqual(rows[0]?.kind, 'empty', 'the policy row shows the new policy without a manual refresh');
    assert.ok(
      info.calls.some((c) => /was set on Staging and was still enabling when/.test(String(c[0]))),
      'the watch ended before ACTIVE and says so',
    );
  });

  it('a PUT that fails after reaching Atlas is not retried, and says to look before trying again', async () => {
    const panel = await open('atlasBackup.setUpCompliancePolicy', STAGING);
    await control('POST', '/__sim/faults', {
      pathPrefix: `/api/atlas/v2/groups/${STAGING}/backupCompliancePolicy`,
      method: 'PUT',
      status: 500,
      errorCode: 'UNEXPECTED_ERROR',
      detail: 'Injected by the integration test.',
      count: 1,
    });
    const since = await logLength();
    const input = stubWindow('showInputBox', ['Staging']);
    const error = stubWindow('showErrorMessage', () => undefined);
    try {
      await panel.handleMessage({ type: 'apply', version: 1, values: strictPolicy(), overwrite: true });
    } finally {
      input.restore();
      error.restore();
    }
    assert.deepEqual(
      (await policyWrites(since)).map((w) => `${w.method} ${w.status}`),
      ['PUT 500'],
      'one PUT, not retried',
    );
    assert.match(
      String(error.calls[0]?.[0]),
      /may have reached Atlas: .*It was not retried\. Look before trying again/,
    );
  });

  it('keeping schedules that fall short is refused before the name is asked: nothing sent', async () => {
    const panel = await open('atlasBackup.setUpCompliancePolicy', STAGING);
    const since = await logLength();
    const input = stubWindow('showInputBox', ['Staging']);
    const warn = stubWindow('showWarningMessage', () => undefined);
    try {
      await panel.handleMessage({ type: 'apply', version: 1, values: strictPolicy(), overwrite: false });
    } finally {
      input.restore();
      warn.restore();
    }
    assert.equal(input.calls.length, 0, 'no confirmation asked for a request Atlas would refuse');
    // Which clusters fall short depends on the seed (it grows); legacy-app's daily-only schedule always does.
    assert.match(String(warn.calls[0]?.[0]), /\blegacy-app\b.* falls? short of the policy\. Nothing was sent/);
    assert.deepEqual(await policyWrites(since), []);
  });

  it('a wrong typed name sends nothing', async () => {
    const panel = await open('atlasBackup.setUpCompliancePolicy', STAGING);
    const since = await logLength();
    const input = stubWindow('showInputBox', ['staging']);
    const warn = stubWindow('showWarningMessage', () => undefined);
    try {
      await panel.handleMessage({ type: 'apply', version: 1, values: strictPolicy(), overwrite: true });
    } finally {
      input.restore();
      warn.restore();
    }
    assert.equal(input.calls.length, 1);
    assert.match(String(warn.calls[0]?.[0]), /"staging" is not the project's name; nothing was sent/);
    assert.deepEqual(await policyWrites(since), []);
  });

  it('editing the policy in force: a loosening is refused before anything is sent', async () => {
    const panel = await open('atlasBackup.editCompliancePolicy', PRODUCTION);
    assert.ok(panel.editing, 'Production has a policy: the form edits it');
    const current = await api.explorer.compliancePolicy((await projectRow(PRODUCTION)).accountId, PRODUCTION);
    const values = formValuesFrom(current);
    const daily = values.items.find((i) => i.frequencyType === 'daily')!;
    assert.ok(daily.enabled && Number(daily.retentionValue) > 3, 'the seeded policy keeps daily snapshots longer');
    daily.retentionValue = '3';
    daily.retentionUnit = 'days';
    const since = await logLength();
    const input = stubWindow('showInputBox', ['Production']);
    const warn = stubWindow('showWarningMessage', () => undefined);
    try {
      await panel.handleMessage({ type: 'apply', version: 1, values, overwrite: true });
    } finally {
      input.restore();
      warn.restore();
    }
    assert.equal(input.calls.length, 0);
    assert.match(String(warn.calls[0]?.[0]), /loosens the policy in force/);
    assert.deepEqual(await policyWrites(since), []);
  });
});
