// A snapshot being taken, as a new user sees it: its row in the tree and the notification that follows it. Against
// the simulator, on its clock: a queued snapshot shows no size (Atlas answers 0 bytes until it has one), and the
// notification names each state with the row's word, the row re-read whenever the state moves on.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { AtlasClient, type Credentials } from '../../../../src/core/atlas';
import { AtlasSimulator, DEMO_CREDENTIALS, SEED } from '../../../../src/simulator';
import { present } from '../../../../src/core/tree/explorerModel';
import type { AnySnapshot, ExplorerNode } from '../../../../src/core/tree/explorerNodes';
import { pollSnapshot } from '../../../../src/core/tree/explorerActions';
import { followSnapshotStatus } from '../../../../src/core/tree/snapshotProgress';

const STAGING = SEED.projects.staging.id;
const OWNER: Credentials = { kind: 'serviceAccount', ...DEMO_CREDENTIALS.serviceAccount };
let clock = Date.parse('2026-11-22T06:00:00Z');
const sim = new AtlasSimulator({ now: () => clock });
let url = '';
before(async () => {
  url = (await sim.start()).url;
});
after(async () => {
  await sim.stop();
});

const row = (snapshot: AnySnapshot): ExplorerNode => ({
  kind: 'snapshot',
  id: `snap:${snapshot.id}`,
  parentId: 'snaps',
  accountId: 'a',
  groupId: STAGING,
  clusterName: 'legacy-app',
  snapshot,
  sharded: false,
});

describe('a snapshot being taken: its row and its notification', () => {
  test("no size until Atlas reports one, and the notification says the state in the row's word", async () => {
    const c = new AtlasClient({
      baseUrl: url,
      credentials: OWNER,
      userAgent: 'atlas-backup-vscode/test',
      now: () => clock,
    });
    const taken = await c.takeSnapshot(STAGING, 'legacy-app', { retentionInDays: 1 });
    const first = await c.getSnapshot(STAGING, 'legacy-app', taken.id!);
    assert.equal(first.status, 'queued');
    assert.equal(first.storageSizeBytes, 0, 'Atlas answers 0 bytes for a snapshot it has not taken yet');
    const queued = present(row(first));
    assert.match(queued.description ?? '', /\bqueued\b/);
    assert.doesNotMatch(queued.description ?? '', /\b0 B\b/, 'a queued snapshot is not an empty one');
    assert.doesNotMatch(String(queued.tooltip ?? ''), /Size:/);

    const said: string[] = [];
    let rereads = 0;
    const follow = followSnapshotStatus(
      (w) => said.push(w),
      () => rereads++,
    );
    follow(taken.status);
    const result = await pollSnapshot((signal) => c.getSnapshot(STAGING, 'legacy-app', taken.id!, { signal }), {
      sleep: async (ms) => {
        clock += ms;
      },
      firstDelayMs: 1500,
      factor: 1.6,
      onStatus: (s) => follow(s as AnySnapshot['status']),
    });
    assert.equal(result.outcome, 'completed');
    assert.equal(said.length, result.polls + 1, 'one word for the answer to the take and for each read');
    assert.deepEqual([...new Set(said)], ['queued', 'in progress', 'completed'], said.join(', '));
    assert.equal(rereads, 2, 'the row re-read as the state moved on: queued → in progress → completed');
    // The row's word for each state is the one the notification said.
    for (const status of ['queued', 'inProgress'] as const) {
      const word = present(row({ ...first, status })).description ?? '';
      assert.ok(
        said.some((w) => word.includes(`· ${w} ·`)),
        `${status}: row "${word}", notification ${said.join(', ')}`,
      );
    }
    const done = present(row((result as { snapshot: AnySnapshot }).snapshot));
    assert.match(done.description ?? '', /\d+(\.\d)? [KMGT]?B\b/, 'the size once Atlas reports it');
    assert.doesNotMatch(done.description ?? '', /\b0 B\b/);
  });
});
