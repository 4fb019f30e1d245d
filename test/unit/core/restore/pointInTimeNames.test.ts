// The names offered for a collection or database restore to a point in time: from the newest completed snapshot at
// or before the time; and the names typed instead, each checked with MongoDB's naming rules.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTypedNamespaces, snapshotAtOrBefore } from '../../../../src/core/restore';

const snap = (id: string, createdAt: string, status = 'completed') => ({ id, createdAt, status });

describe('snapshotAtOrBefore', () => {
  const list = [
    snap('a', '2026-11-20T00:00:00Z'),
    snap('b', '2026-11-20T06:00:00Z'),
    snap('c', '2026-11-20T09:00:00Z', 'inProgress'),
    snap('d', '2026-11-20T12:00:00Z'),
  ];
  test('the newest completed one taken at or before the time, whatever the order listed', () => {
    assert.equal(snapshotAtOrBefore(list, Date.parse('2026-11-20T10:00:00Z'))?.id, 'b');
    assert.equal(snapshotAtOrBefore([...list].reverse(), Date.parse('2026-11-20T12:00:00Z'))?.id, 'd');
    assert.equal(snapshotAtOrBefore(list, Date.parse('2026-11-20T06:00:00Z'))?.id, 'b', 'taken at the time itself');
  });
  test('none before the time, or none completed: undefined', () => {
    assert.equal(snapshotAtOrBefore(list, Date.parse('2026-11-19T23:59:59Z')), undefined);
    assert.equal(
      snapshotAtOrBefore([snap('x', '2026-11-20T00:00:00Z', 'failed')], Date.parse('2027-01-01')),
      undefined,
    );
  });
});

describe('parseTypedNamespaces', () => {
  test('commas or spaces between names; duplicates once', () => {
    assert.deepEqual(parseTypedNamespaces('collection', ' shop.orders, shop.carts shop.orders ', 'Collections'), {
      ok: true,
      names: ['shop.orders', 'shop.carts'],
    });
    assert.deepEqual(parseTypedNamespaces('database', 'shop,billing', 'Databases'), {
      ok: true,
      names: ['shop', 'billing'],
    });
  });
  test('a collection name splits at the first dot', () => {
    assert.deepEqual(parseTypedNamespaces('collection', 'shop.orders.2026', 'Collections'), {
      ok: true,
      names: ['shop.orders.2026'],
    });
  });
  test('one line naming the field and the rule', () => {
    assert.deepEqual(parseTypedNamespaces('collection', ' , ', 'Collections'), {
      ok: false,
      error: 'Collections is empty: name at least one DB.COLLECTION.',
    });
    const noDot = parseTypedNamespaces('collection', 'shop.orders orders', 'Collections');
    assert.equal(noDot.ok, false);
    assert.match(
      !noDot.ok ? noDot.error : '',
      /^Collections: "orders" is not DB\.COLLECTION \(the form is DB\.COLLECTION\)\.$/,
    );
    const bad = parseTypedNamespaces('database', 'sh$op', 'Databases');
    assert.match(!bad.ok ? bad.error : '', /^Databases: the database name "sh\$op" holds a character MongoDB refuses/);
    const system = parseTypedNamespaces('collection', 'shop.system.users', 'Collections');
    assert.match(!system.ok ? system.error : '', /system collection/);
  });
});
