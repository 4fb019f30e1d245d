// A read-only document's title becomes its file name, which VS Code shows as the tab's title: it must read as the
// title did ("Restore plan — orders-rs onto x", not "Restore plan_ orders-rs onto x").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { documentFileName } from '../../../../src/core/common/documentName';

test("a title's colon becomes a dash, not an underscore", () => {
  assert.equal(documentFileName('Restore plan: orders-rs onto scratch-1'), 'Restore plan — orders-rs onto scratch-1');
  assert.equal(
    documentFileName('Restore plan: ledger-pit at a point in time onto x'),
    'Restore plan — ledger-pit at a point in time onto x',
  );
  assert.doesNotMatch(documentFileName('Restore plan: collections of orders-rs onto x'), /[_:]/);
});

test('what a file name cannot hold is still replaced, and the name is never empty', () => {
  assert.equal(documentFileName('a/b\\c'), 'a_b_c');
  assert.equal(documentFileName('Restore history'), 'Restore history');
  assert.equal(documentFileName('', 'restore'), 'restore');
  assert.equal(documentFileName('x'.repeat(300)).length, 120);
});
