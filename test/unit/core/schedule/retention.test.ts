import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  isShorter,
  listAllowed,
  nearest,
  smallestNotShorter,
  formatDuration,
} from '../../../../src/core/schedule/retention';
import { ScheduleDocument } from '../../../../src/core/schedule/scheduleDocument';
import { applyEdits } from '../../../../src/core/schedule/index';

describe('retention durations across units', () => {
  test('days/weeks and months/years compare exactly; across them only what is shorter under every calendar reading', () => {
    assert.equal(isShorter({ value: 1, unit: 'weeks' }, { value: 8, unit: 'days' }), true);
    assert.equal(isShorter({ value: 1, unit: 'weeks' }, { value: 7, unit: 'days' }), false);
    assert.equal(isShorter({ value: 12, unit: 'months' }, { value: 1, unit: 'years' }), false);
    assert.equal(isShorter({ value: 11, unit: 'months' }, { value: 1, unit: 'years' }), true);
    assert.equal(isShorter({ value: 1, unit: 'months' }, { value: 31, unit: 'days' }), false); // a month may have 31 days
    assert.equal(isShorter({ value: 1, unit: 'months' }, { value: 32, unit: 'days' }), true);
    assert.equal(isShorter({ value: 365, unit: 'days' }, { value: 1, unit: 'years' }), false);
    assert.equal(isShorter({ value: 364, unit: 'days' }, { value: 1, unit: 'years' }), true);
  });

  test("smallestNotShorter gives the fix value in the item's own unit", () => {
    assert.equal(smallestNotShorter('weeks', { value: 14, unit: 'days' }), 2);
    assert.equal(smallestNotShorter('weeks', { value: 15, unit: 'days' }), 3);
    assert.equal(smallestNotShorter('months', { value: 2, unit: 'years' }), 24);
    assert.equal(smallestNotShorter('months', { value: 32, unit: 'days' }), 2);
    assert.equal(smallestNotShorter('days', { value: 1, unit: 'months' }), 28);
    assert.equal(smallestNotShorter('years', { value: 400, unit: 'days' }), 2);
  });

  test('messages list allowed values and durations readably', () => {
    assert.equal(listAllowed([1, 2, 4, 6, 8, 12]), '1, 2, 4, 6, 8 or 12');
    assert.equal(listAllowed([...Array.from({ length: 28 }, (_, i) => i + 1), 40]), '1–28 or 40');
    assert.equal(listAllowed([12]), '12');
    assert.equal(nearest([1, 2, 4, 6, 8, 12], 3), 2);
    assert.equal(nearest([1, 2, 4, 6, 8, 12], 100), 12);
    assert.equal(formatDuration({ value: 1, unit: 'weeks' }), '1 week');
    assert.equal(formatDuration({ value: 3, unit: 'years' }), '3 years');
  });
});

describe('fix edits', () => {
  const text = '{\n  "a": 1, // one\n  "b": { "x": true, "y": [1, 2, 3] },\n  "c": "z"\n}';
  const doc = new ScheduleDocument(text);
  const apply = (path: (string | number)[], value: unknown) => applyEdits(text, doc.edit(path, value));

  test('replacing a value touches only the value', () => {
    assert.equal(apply(['b', 'x'], false), text.replace('"x": true', '"x": false'));
    assert.equal(apply(['c'], 'monthly'), text.replace('"c": "z"', '"c": "monthly"'));
  });

  test('removing a member keeps the JSON valid whether it is first, middle or last', () => {
    for (const [path, expect] of [
      [['a'], { b: { x: true, y: [1, 2, 3] }, c: 'z' }],
      [['b', 'y'], { a: 1, b: { x: true }, c: 'z' }],
      [['b', 'x'], { a: 1, b: { y: [1, 2, 3] }, c: 'z' }],
      [['c'], { a: 1, b: { x: true, y: [1, 2, 3] } }],
      [['b', 'y', 1], { a: 1, b: { x: true, y: [1, 3] }, c: 'z' }],
    ] as [(string | number)[], unknown][]) {
      const out = apply(path, undefined);
      const reparsed = new ScheduleDocument(out);
      assert.deepEqual(reparsed.parseErrors, [], out);
      assert.deepEqual(JSON.parse(out.replace(/\/\/.*$/gm, '')), expect, out);
    }
  });

  test("inserting a new member uses the document's indentation", () => {
    assert.equal(
      apply(['d'], 0),
      '{\n  "a": 1, // one\n  "b": { "x": true, "y": [1, 2, 3] },\n  "c": "z",\n  "d": 0\n}',
    );
  });
});
