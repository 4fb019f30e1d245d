// The plans of a collection-level restore and of a Flex cluster's restore: the namespace flags' rules, every check
// that applies passing and failing with its reason, where each namespace is written, and what happens in words.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildCollectionRestorePlan,
  buildFlexRestorePlan,
  effectiveTarget,
  parseNamespaceFlag,
  type CollectionRestorePlanInput,
  type RestoreClusterFacts,
} from '../../../../src/core/restore';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const DAY = 86_400_000;
const G1 = 'a'.repeat(24);
const G2 = 'b'.repeat(24);

const source: RestoreClusterFacts = {
  groupId: G1,
  name: 'orders-rs',
  mongoDBVersion: '7.0.14',
  topology: { kind: 'replicaSet' },
  continuousBackup: true,
  restoreWindowDays: 2,
};
const target: RestoreClusterFacts = { ...source, groupId: G2, name: 'scratch', mongoDBVersion: '8.0.4' };
const held = new Map([
  ['shop', ['orders', 'customers']],
  ['reporting', ['orders.archive']],
]);
const snapshot = { id: 'c'.repeat(24), status: 'completed', createdAt: '2026-11-21T18:00:00Z' };

function input(o: Partial<CollectionRestorePlanInput> = {}): CollectionRestorePlanInput {
  return {
    source,
    target,
    snapshot,
    held,
    namespaceKind: 'collection',
    namespaces: [{ source: 'shop.orders', target: null }],
    writeStrategy: 'create-new',
    indexStrategy: 'all',
    nowMs: NOW,
    ...o,
  };
}

const check = (plan: { checks: { id: string; passed: boolean; reason: string }[] }, id: string) =>
  plan.checks.find((c) => c.id === id);

describe('namespace flags', () => {
  test('DB.COLL splits at the first dot; a target after =', () => {
    assert.deepEqual(parseNamespaceFlag('collection', 'reporting.orders.archive'), {
      ok: true,
      value: { source: 'reporting.orders.archive', target: null },
    });
    assert.deepEqual(parseNamespaceFlag('collection', 'shop.orders=copy.orders_2'), {
      ok: true,
      value: { source: 'shop.orders', target: 'copy.orders_2' },
    });
    assert.deepEqual(parseNamespaceFlag('database', 'shop=shop2'), {
      ok: true,
      value: { source: 'shop', target: 'shop2' },
    });
  });

  test('each refusal is one line naming the flag and the rule', () => {
    const cases: [Parameters<typeof parseNamespaceFlag>, RegExp][] = [
      [
        ['collection', 'shop'],
        /^--collection "shop": "shop" is not DB\.COLLECTION \(the form is DB\.COLL\[=DB2\.COLL2\]\)$/,
      ],
      [['collection', '.orders'], /the database name is empty/],
      [['collection', 'shop.'], /the collection name is empty/],
      [['collection', 'shop.a$b'], /holds a \$/],
      [['collection', 'shop.system.users'], /system collection/],
      [['collection', 'sh op.orders'], /holds a character MongoDB refuses/],
      [['database', 'a.b'], /^--database "a\.b": the database name "a\.b" holds a character/],
      [['database', 'shop=x/y'], /the database name "x\/y"/],
      [['database', 'x'.repeat(65)], /longer than 64 characters/],
    ];
    for (const [args, message] of cases) {
      const r = parseNamespaceFlag(...args);
      assert.equal(r.ok, false, args.join(' '));
      if (!r.ok) {
        assert.match(r.error, message);
        assert.ok(!r.error.includes('\n'));
      }
    }
  });

  test('where a namespace is written: its target or its own name, then the suffixes', () => {
    const s = { databaseSuffix: '_r', collectionSuffix: '_c' };
    assert.equal(effectiveTarget('collection', { source: 'shop.orders', target: null }, s), 'shop_r.orders_c');
    assert.equal(effectiveTarget('collection', { source: 'shop.orders', target: 'a.b.c' }, {}), 'a.b.c');
    assert.equal(effectiveTarget('database', { source: 'shop', target: 'x' }, s), 'x_r (collections + "_c")');
  });
});

describe('the collection restore plan', () => {
  test('from a completed snapshot holding every name: ok, the namespaces and strategies in the plan', () => {
    const plan = buildCollectionRestorePlan(input());
    assert.equal(plan.ok, true);
    assert.equal(plan.kind, 'collection');
    assert.deepEqual(
      plan.checks.map((c) => [c.id, c.passed]),
      [
        ['snapshot-completed', true],
        ['namespaces-in-snapshot', true],
        ['target-not-source', true],
      ],
    );
    assert.deepEqual(plan.namespaces, [{ source: 'shop.orders', target: 'shop.orders' }]);
    assert.equal(plan.source.snapshot?.id, snapshot.id);
    assert.equal(plan.target?.clusterName, 'scratch');
    assert.match(plan.effects.join(' '), /a collection already on scratch is not changed \(create-new\)/);
    assert.match(plan.effects.join(' '), /the rest of scratch stays online/);
  });

  test('a name the snapshot does not hold fails, naming it and what the snapshot holds', () => {
    const plan = buildCollectionRestorePlan(
      input({
        namespaces: [
          { source: 'shop.nope', target: null },
          { source: 'gone.x', target: null },
        ],
      }),
    );
    assert.equal(plan.ok, false);
    const c = check(plan, 'namespaces-in-snapshot')!;
    assert.equal(c.passed, false);
    assert.match(c.reason, /holds no shop\.nope, gone\.x; it holds the databases shop, reporting/);
    const dbs = buildCollectionRestorePlan(
      input({ namespaceKind: 'database', namespaces: [{ source: 'reporting', target: null }] }),
    );
    assert.equal(check(dbs, 'namespaces-in-snapshot')?.passed, true);
  });

  test('names are not checked when the snapshot could not be browsed (no list given)', () => {
    const plan = buildCollectionRestorePlan(input({ held: undefined, namespaces: [{ source: 'x.y', target: null }] }));
    assert.equal(check(plan, 'namespaces-in-snapshot'), undefined);
    assert.equal(plan.ok, true);
  });

  test('a snapshot not completed fails', () => {
    const plan = buildCollectionRestorePlan(input({ snapshot: { ...snapshot, status: 'inProgress' } }));
    assert.equal(check(plan, 'snapshot-completed')?.passed, false);
    assert.equal(plan.ok, false);
  });

  test('onto the source only when allowed', () => {
    const onto = input({ target: source });
    assert.equal(check(buildCollectionRestorePlan(onto), 'target-not-source')?.passed, false);
    assert.equal(
      check(buildCollectionRestorePlan({ ...onto, allowSourceAsTarget: true }), 'target-not-source')?.passed,
      true,
    );
  });

  test('a point in time: continuous backup and the window, no names to check', () => {
    const pit = (epochSeconds: number, s = source) =>
      buildCollectionRestorePlan(
        input({
          source: s,
          snapshot: undefined,
          held: undefined,
          pointInTime: { kind: 'seconds', epochSeconds },
          sourceSnapshots: { oldestMs: NOW - 5 * DAY, newestMs: NOW - DAY, count: 5 },
        }),
      );
    const inside = pit((NOW - DAY) / 1000);
    assert.equal(inside.ok, true);
    assert.deepEqual(
      inside.checks.map((c) => c.id),
      ['continuous-backup', 'restorable-window', 'target-not-source'],
    );
    assert.ok(inside.window);
    const outside = pit((NOW - 3 * DAY) / 1000);
    assert.match(check(outside, 'restorable-window')!.reason, /outside the restorable window/);
    assert.equal(outside.ok, false);
    const noPit = pit((NOW - DAY) / 1000, { ...source, continuousBackup: false });
    assert.equal(check(noPit, 'continuous-backup')?.passed, false);
  });

  test('what overwrite and the index strategies say', () => {
    const words = (o: Partial<CollectionRestorePlanInput>) => buildCollectionRestorePlan(input(o)).effects.join(' ');
    assert.match(words({ writeStrategy: 'overwrite' }), /same name already on scratch is replaced/);
    assert.match(words({ indexStrategy: 'none' }), /No index is restored but _id/);
    assert.match(words({ indexStrategy: 'all-except-ttl' }), /except TTL indexes/);
  });
});

describe('the Flex restore plan', () => {
  const flex = { name: 'staging-flex', groupId: G1, mongoDBVersion: '8.0.4' };
  const flexSnap = {
    id: 'd'.repeat(24),
    status: 'COMPLETED',
    finishTime: '2026-11-22T03:03:00Z',
    mongoDBVersion: '8.0.4',
  };

  test('onto a dedicated cluster: the dedicated checks from a Flex cluster’s facts', () => {
    const plan = buildFlexRestorePlan({ kind: 'automated', source: flex, snapshot: flexSnap, target, nowMs: NOW });
    assert.equal(plan.ok, true, JSON.stringify(plan.checks));
    assert.equal(plan.source.snapshot?.createdAt, flexSnap.finishTime);
    assert.match(plan.effects.join(' '), /cannot be cancelled/);
    const older = buildFlexRestorePlan({
      kind: 'automated',
      source: flex,
      snapshot: flexSnap,
      target: { ...target, mongoDBVersion: '7.0.14' },
      nowMs: NOW,
    });
    assert.equal(check(older, 'mongodb-version')?.passed, false);
    const sharded = buildFlexRestorePlan({
      kind: 'automated',
      source: flex,
      snapshot: flexSnap,
      target: { ...target, topology: { kind: 'sharded', shards: 2 } },
      nowMs: NOW,
    });
    assert.equal(check(sharded, 'topology')?.passed, false);
  });

  test('a download: a snapshot not completed fails; the link works four hours', () => {
    const plan = buildFlexRestorePlan({ kind: 'download', source: flex, snapshot: flexSnap, nowMs: NOW });
    assert.equal(plan.ok, true);
    assert.match(plan.effects[0], /works for 4 hours/);
    const pending = buildFlexRestorePlan({
      kind: 'download',
      source: flex,
      snapshot: { ...flexSnap, status: 'PENDING' },
      nowMs: NOW,
    });
    assert.equal(check(pending, 'snapshot-completed')?.passed, false);
  });
});
