// Our restore history's word on the jobs Atlas lists (start time, drill), asked job by job: the posture loader marks
// the last restore as a drill, with its duration, only where the history knows it; null (unknown) otherwise.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { AtlasClient } from '../../../../src/core/atlas';
import { AtlasSimulator, DEMO_CREDENTIALS, describeSeed } from '../../../../src/simulator';
import { loadPosture } from '../../../../src/core/fleet/loader';
import { knownRestoresOf } from '../../../../src/core/recovery/knownRestores';

let sim: AtlasSimulator;
let url: string;
before(async () => {
  sim = new AtlasSimulator({});
  ({ url } = await sim.start(0));
});
after(async () => {
  await sim.stop();
});

const client = () =>
  new AtlasClient({
    baseUrl: url,
    credentials: { kind: 'serviceAccount', ...DEMO_CREDENTIALS.serviceAccount },
    userAgent: 'atlas-backup-test/0',
    retry: { sleep: async () => {} },
  });

describe('known restores', () => {
  test('only the jobs the lookup knows, by id; a lookup that throws knows nothing; no lookup, no map', () => {
    const jobs = [
      { id: 'a', deliveryType: 'automated' as const },
      { id: 'b', deliveryType: 'download' as const },
      { deliveryType: 'automated' as const },
    ];
    const known = knownRestoresOf(jobs, (id) => {
      if (id === 'b') throw new Error('history unreadable');
      return id === 'a' ? { drill: true } : null;
    });
    assert.deepEqual([...known!.entries()], [['a', { drill: true }]]);
    assert.equal(knownRestoresOf(jobs, undefined), undefined);
  });

  test('the posture loader asks the lookup: the last restore becomes a drill with its duration, others stay unknown', async () => {
    const production = describeSeed().projects.find((p) => p.name === 'Production')!.id;
    const jobs = (await client().listRestoreJobsPage(production, 'orders-rs')).results;
    const newest = [...jobs].sort((a, b) => Date.parse(b.finishedAt!) - Date.parse(a.finishedAt!))[0];
    assert.ok(newest?.id, 'the seed has restored orders-rs');
    const asked: string[] = [];
    const startedAt = new Date(Date.parse(newest.finishedAt!) - 42 * 60_000).toISOString();
    const { rows } = await loadPosture(client(), {
      projectIds: [production],
      knownRestore: (id) => {
        asked.push(id);
        return id === newest.id ? { startedAt, drill: true } : null;
      },
    });
    const orders = rows.find((r) => r.clusterName === 'orders-rs')!;
    assert.equal(orders.recovery!.lastRestore!.drill, true);
    assert.equal(orders.recovery!.lastRestore!.durationSeconds, 42 * 60);
    assert.ok(asked.includes(newest.id));
    // Without the history: Atlas alone cannot say.
    const plain = (await loadPosture(client(), { projectIds: [production] })).rows.find(
      (r) => r.clusterName === 'orders-rs',
    )!;
    assert.equal(plain.recovery!.lastRestore!.drill, null);
    assert.equal(plain.recovery!.lastRestore!.durationSeconds, null);
  });
});
