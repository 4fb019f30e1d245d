// Collection, database and Flex restores from the Projects tree inside a real extension host, against the simulator
// (its restores sped up through the control plane), with its request log proving what was sent: Restore Collection…
// with create-new (a modal, one POST, watched in documents, listed in Restores, kept in the history), Restore Database…
// overwriting with the typed name and a suffix checked as typed, a Flex snapshot's download (one POST, the four-hour
// link, Copy Link), and a drill onto an incompatible cluster, refused with nothing sent and its report opened.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { control, stubWindow } from './helpers';
import type { AtlasBackupApi } from '../../src/vscode/extension';
import { present } from '../../src/core/tree/explorerModel';
import type { ExplorerNode } from '../../src/core/tree/explorerModel';
import { SEED, describeSeed } from '../../src/simulator';

const PRODUCTION = SEED.projects.production.id;
const COLLECTION_JOBS = `/api/atlas/v2/groups/${PRODUCTION}/clusters/orders-rs/collectionRestoreJobs`;
const FLEX = describeSeed().flexClusters[0];
const label = (n: ExplorerNode) => present(n).label;
type Item = vscode.QuickPickItem & { choice?: { compatible: boolean; target: { name: string; projectName?: string } } };

async function requests(): Promise<{ method: string; path: string }[]> {
  return (await control('GET', '/__sim/requests')) as { method: string; path: string }[];
}

describe('Collection, database and Flex restores', () => {
  let api: AtlasBackupApi;
  const stubs: { restore(): void }[] = [];
  const stub = (...a: Parameters<typeof stubWindow>) => {
    const s = stubWindow(...a);
    stubs.push(s);
    return s;
  };
  const feature = () => api.restore.load();
  const origin = () => new URL(process.env.ATLAS_SIM_URL!).origin;

  async function rowsOf(...path: (string | ((n: ExplorerNode) => boolean))[]) {
    let rows = await api.explorer.whenSettled();
    let node: ExplorerNode | undefined;
    for (const name of path) {
      node = rows.find((r) => (typeof name === 'string' ? label(r) === name : name(r)));
      assert.ok(node, `${String(name)} among ${rows.map(label).join(', ')}`);
      rows = await api.explorer.whenSettled(node);
    }
    return { node: node!, rows };
  }

  /** orders-rs's newest completed snapshot, then its Databases row and below. */
  const snapshotPath = (...below: string[]) =>
    rowsOf(
      'Production',
      'orders-rs',
      (r) => r.kind === 'snapshots',
      (r) => r.kind === 'snapshot' && r.snapshot.status === 'completed',
      'Databases',
      ...below,
    );

  /**
   * Answers the quick picks by their title: the target (first compatible cluster in Sandbox, or the first refused
   * one), then the label asked for each later pick.
   */
  function answerPicks(answers: { where: string; write: string; index?: string; compatible?: boolean }) {
    return stub('showQuickPick', async (items: Promise<Item[]> | Item[], o: vscode.QuickPickOptions) => {
      const list = await items;
      const title = o.title ?? '';
      if (/onto which/.test(title))
        return list.find(
          (i) =>
            i.choice &&
            i.choice.compatible === (answers.compatible ?? true) &&
            (answers.compatible === false || i.choice.target.projectName === 'Sandbox'),
        );
      if (/target (namespace|database)$/.test(title)) return list.find((i) => i.label === answers.where);
      if (/write strategy$/.test(title)) return list.find((i) => i.label === answers.write);
      if (/index strategy$/.test(title)) return list.find((i) => i.label === (answers.index ?? 'All indexes'));
      return undefined;
    });
  }

  /** Runs tasks in progress notifications as VS Code would, keeping what they report. */
  function recordProgress() {
    const messages: string[] = [];
    const never = new vscode.CancellationTokenSource().token;
    stub('withProgress', (_o: unknown, task: (p: unknown, t: vscode.CancellationToken) => unknown) =>
      task({ report: (v: { message?: string }) => v.message && messages.push(v.message) }, never),
    );
    return messages;
  }

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

  it('Restore Collection… create-new: the plan, a modal, one POST, watched in documents, in Restores and the history', async () => {
    const { node } = await snapshotPath('shop', 'orders');
    assert.equal(present(node).contextValue, 'snapshotCollection');
    answerPicks({ where: 'Same names', write: 'Create new' });
    const modal = stub('showWarningMessage', (_m: string, o?: { modal?: boolean }) =>
      o?.modal ? 'Restore' : undefined,
    );
    const input = stub('showInputBox', () => undefined);
    const info = stub('showInformationMessage', () => undefined);
    const progress = recordProgress();
    const before = (await requests()).length;
    const r = await feature().collections.restoreCollection(node, { firstDelayMs: 300 });
    assert.equal(r.outcome, 'started');
    const target = r.plan!.target!.clusterName;
    assert.equal(input.calls.length, 0, 'create-new asks no typed name');
    assert.equal((modal.calls[0][1] as { modal: boolean }).modal, true);
    const plan = feature().documents.textOf(`Restore plan: collections of orders-rs onto ${target}`);
    assert.ok(plan, 'the plan document');
    assert.match(plan, /\| shop\.orders \| shop\.orders \|/);
    assert.match(plan, /\| passed \| `namespaces-in-snapshot`/);
    const done = await r.done!;
    assert.equal(done.projection.state, 'completed');
    assert.ok(
      progress.some((m) => /\d+ of \d+ documents/.test(m)),
      progress.join(' | '),
    );
    assert.ok(info.calls.some((c) => /^Collection restore finished: \d+ documents restored onto /.test(String(c[0]))));
    assert.deepEqual(
      (await requests())
        .slice(before)
        .filter((q) => q.method !== 'GET')
        .map((q) => `${q.method} ${q.path}`),
      [`POST ${COLLECTION_JOBS}`],
      'one create, nothing else written',
    );
    const [entry] = await feature().history.list(origin());
    assert.equal(entry.id, r.jobId);
    assert.equal(entry.kind, 'collection');
    assert.equal(entry.outcome, 'completed');
    // The cluster's Restores row lists it, without Cancel.
    const restores = await rowsOf('Production', 'orders-rs', (n) => n.kind === 'restores');
    const row = restores.rows.find((x) => x.kind === 'restoreJob' && x.job.id === r.jobId);
    assert.ok(row, 'the collection job in Restores');
    assert.equal(present(row).contextValue, 'restoreJob');
    assert.match(present(row).label, /^Collection restore onto /);
  });

  it('Restore Database… overwrite: a suffix checked as typed, the target name typed, one POST', async () => {
    const { node } = await snapshotPath('shop');
    assert.equal(present(node).contextValue, 'snapshotDatabase');
    answerPicks({ where: 'Add a suffix…', write: 'Overwrite existing', index: 'All indexes except TTL' });
    const boxes = stub('showInputBox', (o: vscode.InputBoxOptions) =>
      /suffix$/.test(o.title ?? '') ? '_r' : o.placeHolder,
    );
    stub('showInformationMessage', () => undefined);
    const before = (await requests()).length;
    const r = await feature().collections.restoreDatabase(node, { firstDelayMs: 300 });
    assert.equal(r.outcome, 'started');
    const target = r.plan!.target!.clusterName;
    const [suffixBox, confirmBox] = boxes.calls.map((c) => c[0] as vscode.InputBoxOptions);
    assert.match(suffixBox.validateInput!('a.b') as string, /^Suffix "a\.b" holds a character MongoDB refuses/);
    assert.match(suffixBox.validateInput!('') as string, /^Suffix is empty/);
    assert.equal(suffixBox.validateInput!('_r'), undefined);
    assert.match(confirmBox.prompt!, new RegExp(`Collections of the same name on ${target} are replaced`));
    assert.match(confirmBox.validateInput!('nope') as string, new RegExp(`Type ${target}`));
    assert.equal(confirmBox.validateInput!(target), undefined);
    assert.deepEqual(r.plan!.namespaces, [{ source: 'shop', target: 'shop_r' }]);
    const done = await r.done!;
    assert.equal(done.job.writeStrategy, 'OVERWRITE_EXISTING');
    assert.equal(done.job.indexStrategy, 'ALL_EXCEPT_TTL');
    assert.equal(done.job.databaseSuffix, '_r');
    assert.deepEqual(
      (await requests())
        .slice(before)
        .filter((q) => q.method === 'POST')
        .map((q) => q.path),
      [COLLECTION_JOBS],
    );
  });

  it('overwrite without the typed name sends nothing', async () => {
    const { node } = await snapshotPath('shop', 'orders');
    answerPicks({ where: 'Same names', write: 'Overwrite existing' });
    stub('showInputBox', () => 'not-the-target');
    const before = (await requests()).length;
    const r = await feature().collections.restoreCollection(node);
    assert.equal(r.outcome, 'aborted');
    assert.equal((await requests()).slice(before).filter((q) => q.method !== 'GET').length, 0);
  });

  it('Download Snapshot… on a Flex snapshot: a modal, one POST, the four-hour link and Copy Link', async () => {
    const flex = await rowsOf(FLEX.projectName, FLEX.name);
    const snap = flex.rows.find((r) => r.kind === 'flexSnapshot')!;
    const modal = stub('showWarningMessage', () => 'Download');
    const info = stub('showInformationMessage', (m: string) => (/^Download ready/.test(m) ? 'Copy Link' : undefined));
    const before = (await requests()).length;
    const r = await vscode.commands.executeCommand<{
      outcome: string;
      done: Promise<{ projection: { deliveryUrl: string[] | null; expiresAt: string | null } }>;
    }>('atlasBackup.downloadSnapshot', snap, { firstDelayMs: 300 });
    assert.equal(r.outcome, 'started');
    assert.match(String((modal.calls[0][1] as { detail: string }).detail), /works for 4 hours/);
    const done = await r.done;
    const links = done.projection.deliveryUrl!;
    assert.equal(links.length, 1);
    const hours = (Date.parse(done.projection.expiresAt!) - Date.now()) / 3_600_000;
    assert.ok(hours > 3.5 && hours <= 4, `link valid ${hours} h`);
    const ready = info.calls.find((c) => /^Download ready/.test(String(c[0])))!;
    assert.match(String(ready[0]), /It works until \d{4}-/);
    await new Promise((resolve) => setTimeout(resolve, 50)); // the Copy Link answer is handled after the message
    assert.equal(await vscode.env.clipboard.readText(), links[0]);
    assert.deepEqual(
      (await requests())
        .slice(before)
        .filter((q) => q.method !== 'GET')
        .map((q) => `${q.method} ${q.path}`),
      [`POST /api/atlas/v2/groups/${FLEX.projectId}/flexClusters/${FLEX.name}/backup/download`],
    );
    const [entry] = await feature().history.list(origin());
    assert.equal(entry.flex, true);
    assert.equal(entry.kind, 'download');
    // The Flex cluster's Restores row lists the download.
    const restores = await rowsOf(FLEX.projectName, FLEX.name, (n) => n.kind === 'restores');
    assert.ok(restores.rows.some((x) => x.kind === 'restoreJob' && x.job.id === entry.id));
  });

  it('Restore Database… on the Databases row asks which databases; Restore Collection… there asks the database first', async () => {
    const { node } = await snapshotPath();
    assert.equal(present(node).contextValue, 'snapshotDatabases');
    const asked: string[] = [];
    stub('showQuickPick', async (items: Promise<Item[]> | Item[], o: vscode.QuickPickOptions) => {
      asked.push(o.title ?? '');
      const list = await items;
      if (/which ones\?$/.test(o.title ?? '')) return list.filter((i) => i.label === 'shop' || i.label === 'orders');
      if (/from which database\?$/.test(o.title ?? '')) return list.find((i) => i.label === 'shop');
      return undefined; // the target pick: stop there
    });
    const before = (await requests()).length;
    assert.equal((await feature().collections.restoreDatabase(node)).outcome, 'aborted');
    assert.deepEqual(asked.slice(0, 2), [
      'Restore databases: which ones?',
      'Restore shop from orders-rs: onto which cluster?',
    ]);
    asked.length = 0;
    assert.equal((await feature().collections.restoreCollection(node)).outcome, 'aborted');
    assert.deepEqual(asked.slice(0, 3), [
      'Restore collections: from which database?',
      'Restore collections of shop: which ones?',
      'Restore shop.orders from orders-rs: onto which cluster?',
    ]);
    assert.equal(
      (await requests()).slice(before).filter((q) => q.method === 'POST' && q.path !== '/api/oauth/token').length,
      0,
    );
  });

  it('Restore… on a Flex snapshot: onto a cluster, the typed name, one POST, watched to the end', async () => {
    const flex = await rowsOf(FLEX.projectName, FLEX.name);
    const snap = flex.rows.find((r) => r.kind === 'flexSnapshot')!;
    answerPicks({ where: '', write: '' });
    const typed = stub('showInputBox', (o: vscode.InputBoxOptions) => o.placeHolder);
    const info = stub('showInformationMessage', () => undefined);
    const before = (await requests()).length;
    const r = await vscode.commands.executeCommand<{
      outcome: string;
      plan: { target: { clusterName: string } };
      done: Promise<{ projection: { state: string; kind: string } }>;
    }>('atlasBackup.restoreSnapshot', snap, { firstDelayMs: 300 });
    assert.equal(r.outcome, 'started');
    const target = r.plan.target.clusterName;
    assert.equal((typed.calls[0][0] as vscode.InputBoxOptions).validateInput!(target), undefined);
    assert.ok(feature().documents.textOf(`Restore plan: ${FLEX.name} (Flex) onto ${target}`), 'the plan document');
    const done = await r.done;
    assert.equal(done.projection.kind, 'flex');
    assert.equal(done.projection.state, 'completed');
    assert.ok(info.calls.some((c) => new RegExp(`^Restore finished: ${target} now holds`).test(String(c[0]))));
    assert.deepEqual(
      (await requests())
        .slice(before)
        .filter((q) => q.method !== 'GET')
        .map((q) => `${q.method} ${q.path}`),
      [`POST /api/atlas/v2/groups/${FLEX.projectId}/flexClusters/${FLEX.name}/backup/restoreJobs`],
    );
  });

  it('collection and Flex restores nobody watches any more are picked up again on the next start, their ends recorded', async function () {
    this.timeout(60_000);
    // Stop watching at once, as the notification's Cancel does: the restores go on, the history says in progress.
    const stopped = new vscode.CancellationTokenSource();
    stopped.cancel();
    const progress = stub('withProgress', (_o: unknown, task: (p: unknown, t: vscode.CancellationToken) => unknown) =>
      task({ report: () => undefined }, stopped.token),
    );
    stub('showWarningMessage', (_m: string, o?: { modal?: boolean }) => (o?.modal ? 'Restore' : undefined));
    stub('showInputBox', (o: vscode.InputBoxOptions) => o.placeHolder);
    const info = stub('showInformationMessage', () => undefined);
    const picks = answerPicks({ where: 'Same names', write: 'Create new' });
    const { node } = await snapshotPath('shop', 'orders');
    const collection = await feature().collections.restoreCollection(node);
    assert.equal((await collection.done!).stopped, true);
    const flexSnap = (await rowsOf(FLEX.projectName, FLEX.name)).rows.find((r) => r.kind === 'flexSnapshot')!;
    const flex = await vscode.commands.executeCommand<{
      outcome: string;
      jobId: string;
      plan: { target: { clusterName: string } };
      done: Promise<{ stopped: boolean }>;
    }>('atlasBackup.restoreSnapshot', flexSnap);
    assert.equal((await flex.done).stopped, true);
    const ids = [collection.jobId!, flex.jobId];
    const running = async () => (await feature().history.running(origin())).filter((e) => ids.includes(e.id));
    assert.equal((await running()).length, 2, 'both kept as in progress');
    progress.restore();
    picks.restore();
    const paths = [
      `${COLLECTION_JOBS}/${collection.jobId}`,
      `/api/atlas/v2/groups/${FLEX.projectId}/flexClusters/${FLEX.name}/backup/restoreJobs/${flex.jobId}`,
    ];
    const looks = async () => (await requests()).filter((q) => q.method === 'GET' && paths.includes(q.path));
    const before = (await looks()).length;
    const messages = recordProgress();
    // As on activation: the running ones in the history are watched again, each through its own API, to their end.
    await api.restore.resume();
    const end = Date.now() + 30_000;
    while ((await running()).length) {
      assert.ok(Date.now() < end, 'timed out waiting for the history');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const entries = (await feature().history.list(origin())).filter((e) => ids.includes(e.id));
    assert.deepEqual(
      entries.map((e) => [e.kind === 'collection' ? 'collection' : 'flex', e.outcome, !!e.finishedAt]).sort(),
      [
        ['collection', 'completed', true],
        ['flex', 'completed', true],
      ],
    );
    const seen = (await looks()).slice(before).map((q) => q.path);
    assert.deepEqual([...new Set(seen)].sort(), [...paths].sort(), 'each looked at again through its own API');
    assert.ok(info.calls.some((c) => /^Collection restore finished: \d+ documents restored onto /.test(String(c[0]))));
    assert.ok(
      info.calls.some((c) =>
        new RegExp(`^Restore finished: ${flex.plan.target.clusterName} now holds`).test(String(c[0])),
      ),
    );
    assert.equal(messages.length > 0, true, 'progress shown while picked up');
    // A second start while they are watched (or after) does not send anything.
    const writes = (await requests()).filter((q) => q.method === 'POST' && q.path !== '/api/oauth/token').length;
    await api.restore.resume();
    assert.equal((await requests()).filter((q) => q.method === 'POST' && q.path !== '/api/oauth/token').length, writes);
  });

  it('Restore to a Point in Time… of some collections: names from the snapshot before the time, one POST with pointInTimeUtcSeconds', async function () {
    this.timeout(60_000);
    const { node } = await rowsOf('Production', 'ledger-pit');
    const titles: string[] = [];
    stub('showQuickPick', async (items: Promise<Item[]> | Item[], o: vscode.QuickPickOptions) => {
      const list = (await items) as (Item & { scope?: string })[];
      const title = o.title ?? '';
      titles.push(title);
      if (/: what\?$/.test(title)) return list.find((i) => i.scope === 'collection');
      if (/from which database\?/.test(title)) return list.find((i) => i.label === 'ledger');
      if (/which ones\?/.test(title)) return list.filter((i) => i.label === 'entries');
      if (/onto which/.test(title))
        return list.find((i) => i.choice?.compatible && i.choice.target.projectName === 'Sandbox');
      if (/target namespace$/.test(title)) return list.find((i) => i.label === 'Add a suffix…');
      if (/write strategy$/.test(title)) return list.find((i) => i.label === 'Create new');
      if (/index strategy$/.test(title)) return list.find((i) => i.label === 'All indexes');
      return undefined;
    });
    stub('showInputBox', () => '_then');
    const modal = stub('showWarningMessage', (_m: string, o?: { modal?: boolean }) =>
      o?.modal ? 'Restore' : undefined,
    );
    const info = stub('showInformationMessage', () => undefined);
    const seconds = Math.floor(Date.now() / 1000) - 3600;
    const before = (await requests()).length;
    type Result = Awaited<ReturnType<ReturnType<typeof feature>['collections']['restoreAtPointInTime']>>;
    const r = await vscode.commands.executeCommand<Result>('atlasBackup.restorePointInTime', node, {
      text: String(seconds),
      firstDelayMs: 300,
    });
    assert.equal(r.outcome, 'started', titles.join(' | '));
    assert.match(titles[0], /^Restore ledger-pit as of .*: what\?$/);
    assert.match(titles[1], /^Restore collections: from which database\? \(as in the snapshot of /);
    const plan = r.plan!;
    assert.equal(plan.source.pointInTime!.epochSeconds, seconds);
    assert.equal(plan.source.snapshot, null);
    assert.deepEqual(plan.namespaces, [{ source: 'ledger.entries', target: 'ledger.entries_then' }]);
    assert.ok(plan.window, 'the restorable window in the plan');
    assert.ok(
      plan.checks.some((c) => c.id === 'restorable-window' && c.passed),
      plan.checks.map((c) => c.id).join(', '),
    );
    assert.equal((modal.calls[0][1] as { modal: boolean }).modal, true, 'create-new: a modal');
    const done = await r.done!;
    assert.equal(done.projection.state, 'completed');
    assert.equal(done.job.pointInTimeUtcSeconds, seconds);
    assert.equal(done.job.snapshotId, undefined);
    assert.deepEqual(
      (await requests())
        .slice(before)
        .filter((q) => q.method !== 'GET' && q.path !== '/api/oauth/token')
        .map((q) => `${q.method} ${q.path}`),
      [`POST /api/atlas/v2/groups/${PRODUCTION}/clusters/ledger-pit/collectionRestoreJobs`],
    );
    assert.ok(info.calls.some((c) => /^Collection restore finished: /.test(String(c[0]))));
    const [entry] = await feature().history.list(origin());
    assert.equal(entry.kind, 'collection');
    assert.equal(entry.plan.source.pointInTime?.epochSeconds, seconds);
  });

  it('Restore to a Point in Time… of a database at a time outside the window is refused by the plan; nothing is sent', async () => {
    const { node } = await rowsOf('Production', 'ledger-pit');
    const warn = stub('showWarningMessage', () => undefined);
    stub('showQuickPick', async (items: Promise<Item[]> | Item[]) => {
      const list = await items;
      // The target: every cluster fails the window check, so the first listed is one that cannot be restored onto.
      return list.find((i) => i.choice);
    });
    // No snapshot was taken that long ago, so nothing lists the names then: they are typed, and checked as typed.
    const typed = stub('showInputBox', () => 'ledger');
    const seconds = Math.floor(Date.now() / 1000) - 400 * 86_400;
    const before = (await requests()).length;
    const r = (await feature().commands.restorePointInTime(node, { text: String(seconds), what: 'database' })) as {
      outcome: string;
    };
    assert.equal(r.outcome, 'aborted');
    const box = typed.calls[0][0] as vscode.InputBoxOptions;
    assert.match(box.prompt!, /^No snapshot was taken before that time: type the database names/);
    assert.match(box.validateInput!('led$ger') as string, /^Databases: the database name "led\$ger" holds a character/);
    assert.ok(
      warn.calls.some((c) =>
        /cannot be restored onto: .*outside the restorable window.* Nothing was sent\./.test(String(c[0])),
      ),
      warn.calls.map((c) => String(c[0])).join(' | '),
    );
    assert.equal(
      (await requests()).slice(before).filter((q) => q.method === 'POST' && q.path !== '/api/oauth/token').length,
      0,
    );
  });

  it('a drill onto an incompatible cluster is refused, nothing is sent, and its report opens', async () => {
    answerPicks({ where: '', write: '', compatible: false });
    const warn = stub('showWarningMessage', () => undefined);
    const input = stub('showInputBox', () => undefined);
    const before = (await requests()).length;
    const r = await feature().commands.runDrill({ groupId: PRODUCTION, clusterName: 'orders-rs' });
    assert.equal(r.outcome, 'refused');
    assert.equal(input.calls.length, 0, 'no confirmation asked');
    assert.ok(warn.calls.some((c) => /^Refused, nothing was sent: /.test(String(c[0]))));
    const report = await r.report!;
    assert.match(report!, /REFUSED: a check failed, nothing was sent to Atlas/);
    assert.match(report!, /\| `[a-z-]+` \| \*\*failed\*\* \|/);
    assert.ok(
      feature().documents.textOf(`Restore drill of orders-rs onto ${r.plan!.target!.clusterName}`),
      'the report document',
    );
    // Nothing written to Atlas (a token may have been fetched: the drill is this test's first call).
    const writes = (await requests()).slice(before).filter((q) => q.method !== 'GET' && q.path !== '/api/oauth/token');
    assert.deepEqual(
      writes.map((q) => `${q.method} ${q.path}`),
      [],
    );
  });
});
