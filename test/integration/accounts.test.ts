// Accounts in a real extension host: credentials go only to the server they were entered for. A listener on
// 127.0.0.1 stands for "another host" and counts every connection it gets: a workspace setting, a changed user
// setting or a schedule file naming it must bring it none (unless the user says yes in the modal).
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import * as vscode from 'vscode';
import { stubWindow } from './helpers';
import type { AtlasBackupApi } from '../../src/vscode/extension';
import { DEMO_CREDENTIALS, SEED } from '../../src/simulator';

const SIM = process.env.ATLAS_SIM_URL!;

async function countingListener(): Promise<{
  url: string;
  host: string;
  connections: () => number;
  close(): Promise<void>;
}> {
  let connections = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    connections++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
    s.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    connections: () => connections,
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** Updates the user (remote) setting and waits until the accounts have followed it. */
async function setBaseUrl(api: AtlasBackupApi, value: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('atlasBackup').update('baseUrl', value, vscode.ConfigurationTarget.Global);
  await api.accounts.settled();
}

describe('accounts bound to their host', () => {
  let api: AtlasBackupApi;
  let other: Awaited<ReturnType<typeof countingListener>>;
  const config = () => vscode.workspace.getConfiguration('atlasBackup');

  before(async () => {
    assert.ok(SIM, 'ATLAS_SIM_URL is set by the driver');
    api = (await vscode.extensions.getExtension('atlas-backup.atlas-backup')!.activate()) as AtlasBackupApi;
    other = await countingListener();
  });
  after(async () => {
    await other.close();
  });

  it("starts with the environment's credentials as an account bound to the configured simulator", () => {
    const env = api.accounts.accounts.find((a) => a.source === 'environment');
    assert.ok(env, 'an environment account');
    assert.equal(env.origin, new URL(SIM).origin);
    assert.equal(api.accounts.active?.id, env.id);
  });

  it('a workspace setting naming another host is ignored: no request reaches it, from the tree or a schedule file', async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const settingsUri = vscode.Uri.joinPath(folder, '.vscode', 'settings.json');
    // requestTimeoutSeconds is a window setting a workspace may set: its change event tells us the file was read.
    const read = new Promise<void>((r) => {
      const s = vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('atlasBackup.requestTimeoutSeconds')) {
          s.dispose();
          r();
        }
      });
    });
    await vscode.workspace.fs.writeFile(
      settingsUri,
      new TextEncoder().encode(
        JSON.stringify({ 'atlasBackup.baseUrl': other.url, 'atlasBackup.requestTimeoutSeconds': 29 }),
      ),
    );
    try {
      await read;
      await api.accounts.settled();
      assert.equal(config().get('requestTimeoutSeconds'), 29, 'the workspace settings file was read');
      assert.equal(config().inspect('baseUrl')?.workspaceValue, undefined, 'a machine setting has no workspace value');
      assert.equal(config().get('baseUrl'), SIM);
      assert.equal(
        api.accounts.defaultBaseUrl().baseUrl,
        new URL(SIM).origin,
        "sign-in still offers the user's server",
      );

      await vscode.commands.executeCommand('atlasBackup.refresh');
      const projects = await api.explorer.whenSettled();
      assert.ok(
        projects.some((p) => p.kind === 'project'),
        'the tree loads from the simulator',
      );
      // A schedule file that says it was pulled from the other host still only picks among the user's accounts.
      const uri = vscode.Uri.joinPath(folder, 'hostile.schedule.json');
      const text = JSON.stringify({
        atlas: {
          groupId: SEED.projects.production.id,
          clusterName: 'orders-rs',
          pulled: { at: '2026-01-01T00:00:00Z', from: other.url, fingerprint: 'x' },
        },
        policies: [{ policyItems: [] }],
      });
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
      const validated = new Promise<void>((r) => {
        const s = api.diagnostics.onDidValidate((u) => {
          if (u.toString() === uri.toString()) {
            s.dispose();
            r();
          }
        });
      });
      const doc = await vscode.workspace.openTextDocument(uri);
      await validated;
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      assert.ok(doc);
      assert.equal(other.connections(), 0, 'no connection reached the host the workspace named');
    } finally {
      const back = new Promise<void>((r) => {
        const s = vscode.workspace.onDidChangeConfiguration((e) => {
          if (e.affectsConfiguration('atlasBackup.requestTimeoutSeconds')) {
            s.dispose();
            r();
          }
        });
      });
      await vscode.workspace.fs.delete(settingsUri);
      await back;
      await api.accounts.settled();
    }
  });

  it('a bad base URL in user settings names the setting, sends nothing, and drops the environment account', async () => {
    const original = config().inspect<string>('baseUrl')?.globalValue;
    const err = stubWindow('showErrorMessage', () => undefined);
    try {
      await setBaseUrl(api, 'ftp://files.example.com');
      assert.match(String(err.calls[0]?.[0]), /^atlasBackup\.baseUrl uses ftp:.*Nothing is sent/);
      assert.equal(
        api.accounts.accounts.some((a) => a.source === 'environment'),
        false,
      );
      assert.equal(api.explorer.signedIn, false, 'the tree does not keep showing the previous server');
    } finally {
      err.restore();
      await setBaseUrl(api, original);
    }
    assert.equal(api.accounts.active?.source, 'environment', 'back on the simulator with the same (confirmed) server');
  });

  it("pointing the environment's credentials at another host asks first, in a modal naming it", async () => {
    const original = config().inspect<string>('baseUrl')?.globalValue;
    const warn = stubWindow('showWarningMessage', [undefined]); // the user cancels
    try {
      await setBaseUrl(api, other.url);
      const [message, options] = warn.calls[0] as [string, vscode.MessageOptions];
      assert.match(message, new RegExp(`to ${other.host.replace(/\./g, '\\.')}\\?`));
      assert.equal(options.modal, true);
      assert.equal(api.accounts.active?.origin, new URL(SIM).origin, 'cancelled: still bound to the simulator');
      await vscode.commands.executeCommand('atlasBackup.refresh');
      await api.explorer.whenSettled();
      assert.equal(other.connections(), 0);
    } finally {
      warn.restore();
      await setBaseUrl(api, original);
    }
    assert.equal(api.accounts.active?.origin, new URL(SIM).origin);
  });

  it('two accounts side by side: sign in with an API key, switch back from the status bar command, sign out of one', async () => {
    const pick = stubWindow(
      'showQuickPick',
      async (items: readonly { method?: string }[] | Thenable<readonly { method?: string }[]>) =>
        (await items).find((i) => i.method === 'apiKey'),
    );
    const input = stubWindow('showInputBox', [DEMO_CREDENTIALS.apiKey.publicKey, DEMO_CREDENTIALS.apiKey.privateKey]);
    const info = stubWindow('showInformationMessage', () => undefined);
    try {
      assert.equal(await vscode.commands.executeCommand<boolean>('atlasBackup.signIn'), true);
    } finally {
      pick.restore();
      input.restore();
      info.restore();
    }
    assert.equal(api.accounts.accounts.length, 2);
    const key = api.accounts.active!;
    assert.equal(key.kind, 'apiKey');
    assert.equal(key.origin, new URL(SIM).origin);
    // Short: the account and the count of the others; kind, server and the rest are in the tooltip.
    assert.match(api.status.item.text, /^\$\(database\) \S+ \+1$/);
    assert.ok(api.status.item.text.length <= 40, api.status.item.text);
    assert.notEqual(
      api.accounts.clientFor(key.id),
      api.accounts.clientFor('environment'),
      'each account has its own client',
    );

    const env = api.accounts.accounts.find((a) => a.source === 'environment')!;
    const switched = stubWindow(
      'showQuickPick',
      async (items: readonly { account?: { id: string } }[] | Thenable<readonly { account?: { id: string } }[]>) =>
        (await items).find((i) => i.account?.id === env.id),
    );
    try {
      await vscode.commands.executeCommand('atlasBackup.switchAccount');
    } finally {
      switched.restore();
    }
    assert.equal(api.accounts.active?.id, env.id);

    const out = stubWindow('showInformationMessage', () => undefined);
    try {
      await vscode.commands.executeCommand('atlasBackup.signOut', key.id);
    } finally {
      out.restore();
    }
    assert.deepEqual(
      api.accounts.accounts.map((a) => a.id),
      [env.id],
    );
    assert.match(String(out.calls[0]?.[0]), /Signed out of .*secret storage/);
  });

  it('imports Atlas CLI profiles only when the user ticks them, each bound to its own server', async () => {
    const os = await import('node:os');
    const fs = await import('node:fs');
    const path = await import('node:path');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'atlascli-')), 'config.toml');
    fs.writeFileSync(
      file,
      `[default]\n  public_api_key = "${DEMO_CREDENTIALS.apiKey.publicKey}"\n  private_api_key = "${DEMO_CREDENTIALS.apiKey.privateKey}"\n  ops_manager_url = "${SIM}/"\n\n[elsewhere]\n  public_api_key = "x"\n  private_api_key = "y"\n  ops_manager_url = "${other.url}"\n\n[plain]\n  public_api_key = "p"\n  private_api_key = "q"\n  ops_manager_url = "http://atlas.example.com"\n\n["$(warning) prod"]\n  public_api_key = "w"\n  private_api_key = "z"\n  ops_manager_url = "${other.url}"\n`,
    );
    const before = api.accounts.accounts.length;
    // Offered, nothing ticked: nothing imported, nothing sent.
    const none = stubWindow('showQuickPick', () => []);
    try {
      assert.equal(await vscode.commands.executeCommand('atlasBackup.importAtlasCliProfiles', file), 0);
    } finally {
      none.restore();
    }
    const offered = await Promise.resolve(none.calls[0][0] as readonly { label: string; picked?: boolean }[]);
    assert.deepEqual(
      offered.map((i) => i.label),
      ['default', 'elsewhere', '\\$(warning) prod'],
      'the plain-http profile off this machine is not offered; a profile name shows as typed, not as an icon',
    );
    assert.ok(
      offered.every((i) => !i.picked),
      'nothing is ticked for the user',
    );
    assert.equal((none.calls[0][1] as vscode.QuickPickOptions).canPickMany, true);
    assert.equal(api.accounts.accounts.length, before);
    // Tick "default": checked against its own server, then kept.
    const pick = stubWindow(
      'showQuickPick',
      async (items: Thenable<readonly { label: string }[]> | readonly { label: string }[]) =>
        (await items).filter((i) => i.label === 'default'),
    );
    const info = stubWindow('showInformationMessage', () => undefined);
    try {
      assert.equal(await vscode.commands.executeCommand('atlasBackup.importAtlasCliProfiles', file), 1);
    } finally {
      pick.restore();
      info.restore();
    }
    const imported = api.accounts.active!;
    assert.match(imported.label, /^default @ 127\.0\.0\.1:/);
    assert.equal(imported.origin, new URL(SIM).origin);
    assert.equal(other.connections(), 0, "the unticked profile's server got nothing");
    const out = stubWindow('showInformationMessage', () => undefined);
    try {
      await vscode.commands.executeCommand('atlasBackup.signOut', imported.id);
    } finally {
      out.restore();
    }
    await vscode.commands.executeCommand('atlasBackup.switchAccount', 'environment');
    assert.equal(api.accounts.active?.source, 'environment');
  });

  it('in an untrusted workspace a schedule file starts no request and says why', async () => {
    const { ScheduleContextCache } = await import('../../src/vscode/scheduleFiles/scheduleContext');
    let asked = 0;
    const cache = new ScheduleContextCache(
      () => {
        asked++;
        return { client: api.accounts.client!, baseUrl: SIM };
      },
      () => false,
    );
    const doc = await vscode.workspace.openTextDocument({
      language: 'jsonc',
      content: JSON.stringify({
        atlas: {
          groupId: SEED.projects.production.id,
          clusterName: 'orders-rs',
          pulled: { at: 'x', from: other.url, fingerprint: 'f' },
        },
        policies: [],
      }),
    });
    await assert.rejects(
      cache.resolve(doc, new AbortController().signal),
      (e: unknown) => e instanceof Error && /not trusted, so its files start no request/.test(e.message),
    );
    assert.equal(asked, 0, 'no client was even chosen');
    assert.equal(other.connections(), 0);
  });

  it('signing out of a service account revokes its token at its own server, then forgets it', async () => {
    await vscode.commands.executeCommand('atlasBackup.refresh');
    await api.explorer.whenSettled(); // the service account holds a live token
    const before = ((await (await fetch(`${SIM}/__sim/requests`)).json()) as { path: string }[]).length;
    const out = stubWindow('showInformationMessage', () => undefined);
    try {
      await vscode.commands.executeCommand('atlasBackup.signOut', 'environment');
    } finally {
      out.restore();
    }
    const after = (
      (await (await fetch(`${SIM}/__sim/requests`)).json()) as { method: string; path: string; status: number }[]
    ).slice(before);
    assert.deepEqual(
      after.filter((r) => r.path === '/api/oauth/revoke').map((r) => `${r.method} ${r.status}`),
      ['POST 200'],
    );
    assert.equal(api.accounts.accounts.length, 0);
    assert.equal(api.explorer.signedIn, false);

    // Nobody signed in: a schedule file naming its cluster says so once, on its atlas block, with Sign in to hand.
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const uri = vscode.Uri.joinPath(folder, 'signed-out.schedule.json');
    const text = `{\n  "atlas": { "groupId": "${SEED.projects.production.id}", "clusterName": "analytics-nvme" },\n  "policies": [{ "policyItems": [{ "frequencyType": "hourly", "frequencyInterval": 6, "retentionUnit": "days", "retentionValue": 2 }] }]\n}\n`;
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    const validated = new Promise<void>((r) => {
      const s = api.diagnostics.onDidValidate((u) => {
        if (u.toString() === uri.toString()) {
          s.dispose();
          r();
        }
      });
    });
    const doc = await vscode.workspace.openTextDocument(uri);
    await validated;
    const notes = vscode.languages
      .getDiagnostics(uri)
      .filter((d) => d.source === 'Atlas Backup' && d.code === 'cluster-context');
    assert.equal(notes.length, 1, 'said once');
    assert.equal(notes[0].severity, vscode.DiagnosticSeverity.Information);
    assert.match(
      notes[0].message,
      /Not signed in to Atlas: the cluster rules .* were not checked against cluster "analytics-nvme"/,
    );
    assert.equal(doc.getText(notes[0].range), '"atlas"');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      notes[0].range,
    );
    assert.ok(
      actions.some((a) => a.title === 'Sign in to Atlas' && a.command?.command === 'atlasBackup.signIn'),
      'Sign in is a quick fix',
    );
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(uri);

    // Leave the host as the next file expects it: the environment's account back, as on a fresh start.
    await api.accounts.allowEnvironment();
    await api.accounts.load();
    assert.equal(api.accounts.active?.source, 'environment');
  });
});
