// The form speaks the form's words: beside a field its label, not the JSON path (the Problems panel keeps the path).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formModel, intentEdits } from '../../../../src/core/schedule/formModel';
import { formWords } from '../../../../src/core/schedule/formWords';
import { applyEdits, checkSchedule } from '../../../../src/core/schedule/index';

const NOW = Date.UTC(2026, 11, 1, 12, 0);
const schedule = (items: string) => `{
  "atlas": { "groupId": "b04e6d9a21fdc0f1172b8106", "clusterName": "orders-rs" },
  "referenceHourOfDay": 18,
  "referenceMinuteOfHour": 0,
  "policies": [{ "policyItems": [${items}] }]
}
`;
const HOURLY = '{ "frequencyType": "hourly", "frequencyInterval": 6, "retentionUnit": "days", "retentionValue": 2 }';
const DAILY = (kept: number) =>
  `{ "frequencyType": "daily", "frequencyInterval": 1, "retentionUnit": "days", "retentionValue": ${kept} }`;
const MONTHLY = (months: number) =>
  `{ "frequencyType": "monthly", "frequencyInterval": 40, "retentionUnit": "months", "retentionValue": ${months} }`;
const model = (text: string) => formModel(text, {}, { now: NOW, timeZone: 'UTC' });

describe('messages beside a field', () => {
  test('a negative Keep reads "Keep is -5", while the Problems panel keeps the JSON path', () => {
    const text = schedule(`${HOURLY}, ${DAILY(-5)}`);
    const [panel] = checkSchedule(text).filter((p) => p.ruleId === 'retention-positive');
    assert.match(panel.message, /^policies\[0\]\.policyItems\[1\]\.retentionValue is -5/);
    const [beside] = model(text).items.rows[1].retentionValue.problems;
    assert.equal(beside.ruleId, 'retention-positive');
    assert.match(beside.message, /^Keep is -5, but a retention must be at least 1/);
    assert.doesNotMatch(beside.message, /policies\[|retentionValue/);
  });

  test("another item named in a message is the form's item, not a path", () => {
    // A daily item kept less than the hourly one (retention-order names the hourly item).
    const text = schedule(`${HOURLY}, ${DAILY(1)}`);
    const [beside] = model(text).items.rows[1].retentionValue.problems.filter((p) => p.ruleId === 'retention-order');
    assert.match(beside.message, /^Keep is 1 day \(daily\), shorter than the 2 days of the hourly item;/);
    assert.doesNotMatch(beside.message, /policies\[/);
  });

  test('paths that are not the field the message sits beside become "item N" and "copy N\'s zone"', () => {
    assert.equal(
      formWords('policies[0].policyItems[2] is a second daily item (the first is policies[0].policyItems[0])', [
        'policies',
        0,
        'policyItems',
        2,
      ]),
      'item 3 is a second daily item (the first is item 1)',
    );
    assert.equal(formWords('copySettings[1].zoneId is "z"', ['copySettings', 1]), 'copy 2\'s zone is "z"');
    // The field's own path becomes its label only at the start and only as a whole path.
    assert.equal(
      formWords('restoreWindowDays is 40', ['restoreWindowDays'], 'Days of continuous restore'),
      'Days of continuous restore is 40',
    );
  });
});

describe('a newly added item is valid at once', () => {
  const added = (items: string, type: string) => {
    const text = schedule(items);
    const after = applyEdits(text, intentEdits(text, { kind: 'addItem', frequencyType: type }));
    const had = new Set(checkSchedule(text).map((p) => p.message));
    const list = (JSON.parse(after) as { policies: { policyItems: Record<string, unknown>[] }[] }).policies[0]
      .policyItems;
    // Problems the new item brought (the item is appended: the paths of the others do not move).
    return { item: list[list.length - 1], problems: checkSchedule(after).filter((p) => !had.has(p.message)) };
  };

  test('a yearly item after a monthly one kept 24 months is kept 2 years, not the default 1 year', () => {
    const { item, problems } = added(`${HOURLY}, ${DAILY(7)}, ${MONTHLY(24)}`, 'yearly');
    assert.deepEqual(problems, []);
    assert.deepEqual(item, {
      frequencyType: 'yearly',
      frequencyInterval: 12,
      retentionUnit: 'years',
      retentionValue: 2,
    });
  });

  test('every frequency, added beside short or long retentions, brings no new problem', () => {
    for (const items of [
      `${HOURLY}, ${DAILY(7)}`,
      `${DAILY(30)}, ${MONTHLY(36)}`,
      `{ "frequencyType": "weekly", "frequencyInterval": 6, "retentionUnit": "days", "retentionValue": 5 }`,
    ])
      for (const type of ['hourly', 'daily', 'weekly', 'monthly', 'yearly']) {
        if (items.includes(`"${type}"`)) continue;
        const { problems } = added(items, type);
        assert.deepEqual(
          problems.map((p) => `${p.ruleId}: ${p.message}`),
          [],
          `${type} added to [${items}]`,
        );
      }
  });
});
