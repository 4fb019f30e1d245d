// The Projects tree and the sign-in commands inside a real VS Code extension host, against the simulator.
// The driver starts VS Code with the simulator's service account in the environment (Atlas CLI names).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { control, stubWindow } from './helpers';
import type { AtlasBackupApi } from '../../src/vscode/extension';
import { present } from '../../src/core/tree/explorerModel';
import type { ExplorerNode } from '../../src/core/tree/explorerModel';
import { DEMO_CREDENTIALS, SEED, describeSeed } from '../../src/simulator';

const SIM = process.env.ATLAS_SIM_URL!;

/** Answers the sign-in method quick pick with the item of that kind. */
const pickMethod =
  (method: string) => async (items: readonly { method?: string }[] | Thenable<readonly { method?: string }[]>) =>
    (await items).find((i) => i.method === method);

// Names of the seeded data come from the seed's own description (it grows), sorted as the tree sorts them.
const FACTS = describeSeed();
const sortedAsTree = (names: string[]) => [...names].sort((a, b) => a.localeCompare(b));

function label(n: ExplorerNode): string {
  return present(n).label;
}

describe('Projects tree against the simulator', () => {
  let api: AtlasBackupApi;

  before(async () => {
    assert.ok(SIM, 'ATLAS_SIM_URL is set by the driver');
    api = (await vscode.extensions.getExtension('atlas-backup.atlas-backup')!.activate()) as AtlasBackupApi;
  });
  // A reset forgets every token the simulator issued: a tree load already in flight would meet a 401 with
  // its old token (possibly twice, beating the single renewal). Refreshing drops those loads, so each test
  // starts from what a user would see after pressing Refresh.
  beforeEach(async () => {
    await control('POST', '/__sim/reset');
    await vscode.commands.executeCommand('atlasBackup.refresh');
  });

  it('signs in from the Atlas CLI environment variables without asking', () => {
    assert.equal(api.session.source, 'environment');
    assert.equal(api.session.kind, 'serviceAccount');
    assert.ok(api.explorer.signedIn);
  });

  it("lists the seeded projects, and a project's clusters with tier, provider and backup state", async () => {
    const projects = await api.explorer.whenSettled();
    assert.deepEqual(projects.map(label), sortedAsTree(FACTS.projects.map((p) => p.name)));
    const production = projects.find((p) => label(p) === 'Production')!;
    const clusters = await api.explorer.whenSettled(production);
    const orders = clusters.find((c) => label(c) === 'orders-rs');
    assert.ok(orders);
    assert.equal(present(orders).description, 'backup on · M30 · AWS');
  });

  it("shows an error row with Atlas's reason when Atlas fails, and the Retry command recovers", async () => {
    await vscode.commands.executeCommand('atlasBackup.refresh');
    const staging = (await api.explorer.whenSettled()).find((p) => label(p) === 'Staging')!;
    await control('POST', '/__sim/faults', {
      pathPrefix: `/api/atlas/v2/groups/${SEED.projects.staging.id}/clusters`,
      status: 500,
      errorCode: 'UNEXPECTED_ERROR',
      detail: 'Injected by the integration test.',
      count: 1,
    });
    const rows = (await api.explorer.whenSettled(staging)).filter(
      (n) => n.kind !== 'compliance' && n.kind !== 'exportList',
    );
    assert.equal(rows[0].kind, 'error');
    assert.match(present(rows[0]).description!, /Injected by the integration test/);
    await vscode.commands.executeCommand('atlasBackup.retry', rows[0]);
    const after = await api.explorer.whenSettled(staging);
    const seeded = FACTS.projects.find((p) => p.name === 'Staging')!.clusters.map((c) => c.name);
    assert.deepEqual(after.filter((n) => n.kind === 'cluster').map(label), sortedAsTree(seeded));
  });

  it('Sign Out empties the tree and shows the welcome view; Sign In with an API key brings it back', async () => {
    await vscode.commands.executeCommand('atlasBackup.signOut');
    assert.equal(api.explorer.signedIn, false);
    assert.deepEqual(api.explorer.getChildren(), []);

    const pick = stubWindow('showQuickPick', pickMethod('apiKey'));
    const input = stubWindow('showInputBox', [DEMO_CREDENTIALS.apiKey.publicKey, DEMO_CREDENTIALS.apiKey.privateKey]);
    const info = stubWindow('showInformationMessage', [undefined]);
    try {
      const ok = await vscode.commands.executeCommand<boolean>('atlasBackup.signIn');
      assert.equal(ok, true);
      assert.equal(
        (input.calls[1][0] as vscode.InputBoxOptions).password,
        true,
        'the private key is typed into a password box',
      );
      assert.match(String(info.calls[0][0]), /Signed in to 127\.0\.0\.1:\d+/);
    } finally {
      pick.restore();
      input.restore();
      info.restore();
    }
    assert.equal(api.session.source, 'secretStorage');
    assert.equal(api.session.kind, 'apiKey');
    assert.ok((await api.explorer.whenSettled()).some((p) => label(p) === 'Production'));
  });

  it('refused credentials are not kept, and the message says so without echoing the secret', async () => {
    const before = api.session.kind;
    const pick = stubWindow('showQuickPick', pickMethod('serviceAccount'));
    const input = stubWindow('showInputBox', [DEMO_CREDENTIALS.serviceAccount.clientId, 'not-the-secret-xyz']);
    const err = stubWindow('showErrorMessage', [undefined]);
    try {
      const ok = await vscode.commands.executeCommand<boolean>('atlasBackup.signIn');
      assert.equal(ok, false);
      assert.match(String(err.calls[0][0]), /refused/i);
      assert.doesNotMatch(String(err.calls[0][0]), /not-the-secret-xyz/);
    } finally {
      pick.restore();
      input.restore();
      err.restore();
    }
    assert.equal(api.session.kind, before, 'the previous sign-in is untouched');
  });

  it('Try Again after a refusal keeps the server, the method and the public key; only the secret is typed again', async () => {
    const before = api.session.kind;
    const pick = stubWindow('showQuickPick', pickMethod('apiKey'));
    const { publicKey } = DEMO_CREDENTIALS.apiKey;
    // The first private key is wrong; Try Again; the public key comes back filled in, and the person presses Escape.
    const input = stubWindow('showInputBox', [publicKey, 'not-the-private-key', undefined]);
    const err = stubWindow('showErrorMessage', ['Try Again']);
    try {
      assert.equal(await vscode.commands.executeCommand<boolean>('atlasBackup.signIn'), false);
      assert.equal(pick.calls.length, 1, 'the method is not asked again');
      assert.equal(input.calls.length, 3);
      const again = input.calls[2][0] as vscode.InputBoxOptions;
      assert.match(String(again.title), /Public key/);
      assert.equal(again.value, publicKey, 'the public key is kept');
      const secret = input.calls[1][0] as vscode.InputBoxOptions;
      assert.equal(secret.value, undefined, 'the secret box never starts filled');
      assert.equal((String(err.calls[0][0]).match(/refused/gi) ?? []).length, 1, 'said once');
    } finally {
      pick.restore();
      input.restore();
      err.restore();
    }
    assert.equal(api.session.kind, before, 'the previous sign-in is untouched');
  });

  it('a changed atlasBackup.baseUrl does not move a signed-in account: the tree keeps loading from its own server', async () => {
    const config = vscode.workspace.getConfiguration('atlasBackup');
    const original = config.inspect<string>('baseUrl')?.globalValue;
    assert.equal(api.session.source, 'secretStorage', 'the API key account of the sign-in test is active');
    await config.update('baseUrl', 'http://127.0.0.1:9', vscode.ConfigurationTarget.Global);
    await api.accounts.settled();
    try {
      await vscode.commands.executeCommand('atlasBackup.refresh');
      assert.ok((await api.explorer.whenSettled()).some((p) => label(p) === 'Production'));
    } finally {
      await config.update('baseUrl', original, vscode.ConfigurationTarget.Global);
      await api.accounts.settled();
    }
  });
});
