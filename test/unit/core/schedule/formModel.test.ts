import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formModel, intentEdits, minimalEdit } from '../../../../src/core/schedule/formModel';
import { applyEdits } from '../../../../src/core/schedule/index';
import type { ScheduleContext } from '../../../../src/core/schedule/index';

const NOW = Date.UTC(2026, 11, 1, 12, 0);
const TEXT = `{
  // nightly at 18:00 UTC
  "atlas": { "groupId": "b04e6d9a21fdc0f1172b8106", "clusterName": "orders-rs" },
  "referenceHourOfDay": 18,
  "referenceMinuteOfHour": 0,
  "policies": [
    {
      "policyItems": [
        { "frequencyType": "hourly", "frequencyInterval": 6, "retentionUnit": "days", "retentionValue": 2 }, // keep short
        { "frequencyType": "daily", "frequencyInterval": 1, "retentionUnit": "days", "retentionValue": 7 },
        { "frequencyType": "weekly", "frequencyInterval": 6, "retentionUnit": "weeks", "retentionValue": 4 }
      ]
    }
  ]
}
`;
const model = (text: string, ctx: ScheduleContext = {}) =>
  formModel(text, ctx, { now: NOW, timeZone: 'Europe/Berlin' });
const edit = (text: string, intent: Parameters<typeof intentEdits>[1], ctx: ScheduleContext = {}) =>
  applyEdits(text, intentEdits(text, intent, ctx));
/** The lines that differ between two texts. */
const changed = (a: string, b: string): string[] => {
  const x = a.split('\n'),
    y = b.split('\n');
  return y.filter((l, i) => x[i] !== l);
};

describe('form model: document → rows and fields', () => {
  test('policy items become rows with their values, the interval in words and a summary', () => {
    const m = model(TEXT);
    assert.equal(m.ok, true);
    assert.deepEqual(m.target, { groupId: 'b04e6d9a21fdc0f1172b8106', clusterName: 'orders-rs' });
    assert.equal(m.items.rows.length, 3);
    const [h, , w] = m.items.rows;
    assert.equal(h.frequencyType.value, 'hourly');
    assert.equal(h.frequencyInterval.value, 6);
    assert.equal(h.frequencyInterval.choices!.find((c) => c.value === 6)!.label, 'every 6 hours');
    assert.deepEqual(
      h.frequencyInterval.choices!.map((c) => c.value),
      [1, 2, 4, 6, 8, 12],
    );
    assert.equal(w.frequencyInterval.choices!.find((c) => c.value === 6)!.label, 'every Saturday');
    assert.equal(w.summary, 'every Saturday, kept 4 weeks');
    assert.equal(h.retentionValue.key, 'policies[0].policyItems[0].retentionValue');
    assert.equal(m.reference.utc, '18:00');
    assert.equal(m.reference.local, '19:00');
    assert.deepEqual(
      m.items.addable.filter((c) => c.allowed).map((c) => c.value),
      ['monthly', 'yearly'],
    );
  });

  test('on NVMe only hourly 12 is offered; the 6 the document holds is shown as not allowed, with the problem on the field', () => {
    const m = model(TEXT, { nvme: true });
    const f = m.items.rows[0].frequencyInterval;
    assert.deepEqual(
      f.choices!.map((c) => [c.value, c.allowed]),
      [
        [12, true],
        [6, false],
      ],
    );
    assert.equal(f.hint, 'every 6 hours', 'the value the list does not offer is still said in words');
    assert.equal(f.problems.length, 1);
    assert.equal(f.problems[0].ruleId, 'frequency-interval');
    assert.equal(f.problems[0].docs, 'docs/rules.md#frequency-interval');
    assert.deepEqual(f.problems[0].fixes, ['Set frequencyInterval to 12']);
    assert.equal(m.counts.error, 1);
  });

  test('a value of the wrong type is shown as it is, not hidden', () => {
    const m = model(TEXT.replace('"retentionValue": 7', '"retentionValue": "seven"'));
    const f = m.items.rows[1].retentionValue;
    assert.equal(f.value, undefined);
    assert.equal(f.odd, '"seven"');
    assert.ok(f.present);
  });

  test('restore window only with continuous backup (or when the document has one); compliance minimums beside their fields', () => {
    assert.equal(model(TEXT).restoreWindow.shown, false);
    const ctx: ScheduleContext = {
      pitEnabled: true,
      compliance: {
        state: 'ACTIVE',
        restoreWindowDays: 7,
        scheduledPolicyItems: [
          { frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 14 },
        ],
      },
    };
    const m = model(TEXT, ctx);
    assert.equal(m.restoreWindow.shown, true);
    assert.equal(m.restoreWindow.hint, 'Compliance policy: at least 7 days');
    assert.match(m.items.rows[1].retentionValue.hint!, /Compliance policy: daily kept at least 14 days/);
    assert.equal(m.items.rows[1].retentionValue.problems[0].ruleId, 'compliance-item');
    assert.ok(m.compliance!.some((l) => /restore window of at least 7 days/.test(l)));
  });

  test('a problem no field shows goes to the general list; a broken document is not an object', () => {
    const m = model(TEXT.replace('"referenceMinuteOfHour": 0,', '"referenceMinuteOfHour": 0,\n  "colour": "blue",'));
    assert.ok(m.general.some((p) => p.ruleId === 'unknown-field'));
    const broken = model('{ "policies": [ ');
    assert.ok(broken.general.some((p) => p.ruleId === 'json-syntax'));
    assert.equal(model('[]').ok, false);
  });

  test('the picture comes with the model', () => {
    const m = model(TEXT);
    assert.deepEqual(
      m.picture.lanes.map((l) => l.kept),
      [8, 7, 4],
    );
    assert.equal(m.picture.next.length, 5);
  });
});

describe('form model: row edit → minimal text edit', () => {
  test('changing an interval replaces only that number; comments and layout survive', () => {
    const out = edit(TEXT, { kind: 'set', path: ['policies', 0, 'policyItems', 0, 'frequencyInterval'], value: 4 });
    assert.deepEqual(changed(TEXT, out), [
      '        { "frequencyType": "hourly", "frequencyInterval": 4, "retentionUnit": "days", "retentionValue": 2 }, // keep short',
    ]);
    const [e] = intentEdits(TEXT, {
      kind: 'set',
      path: ['policies', 0, 'policyItems', 0, 'frequencyInterval'],
      value: 4,
    });
    assert.equal(e.length, 1);
    assert.equal(e.content, '4');
  });

  test('a field the document lacks is added', () => {
    const out = edit(TEXT, { kind: 'set', path: ['restoreWindowDays'], value: 7 });
    assert.match(out, /"restoreWindowDays": 7/);
    assert.match(out, /\/\/ nightly at 18:00 UTC/);
    assert.equal(model(out).restoreWindow.value, 7);
  });

  test("changing a type keeps an interval that is still allowed, else takes the new type's default, in one edit", () => {
    const intent = { kind: 'setItemType' as const, index: 2, frequencyType: 'monthly' };
    const edits = intentEdits(TEXT, intent);
    assert.equal(edits.length, 1);
    const out = applyEdits(TEXT, edits);
    assert.equal(model(out).items.rows[2].frequencyType.value, 'monthly');
    assert.equal(model(out).items.rows[2].frequencyInterval.value, 6, 'day 6 of the month is allowed');
    const daily = edit(TEXT, { kind: 'setItemType', index: 0, frequencyType: 'daily' });
    assert.equal(model(daily).items.rows[0].frequencyInterval.value, 1);
    assert.match(daily, /\/\/ keep short/);
  });

  test('adding and removing items', () => {
    const added = edit(TEXT, { kind: 'addItem', frequencyType: 'monthly' });
    const rows = model(added).items.rows;
    assert.equal(rows.length, 4);
    assert.deepEqual(
      [rows[3].frequencyInterval.value, rows[3].retentionValue.value, rows[3].retentionUnit.value],
      [40, 12, 'months'],
    );
    assert.match(added, /\/\/ keep short/);
    const removed = edit(TEXT, { kind: 'remove', path: ['policies', 0, 'policyItems', 1] });
    assert.deepEqual(
      model(removed).items.rows.map((r) => r.frequencyType.value),
      ['hourly', 'weekly'],
    );
    assert.doesNotThrow(() => JSON.parse(removed.replace(/\/\/.*$/gm, '')));
    const fromEmpty = edit('{}', { kind: 'addItem', frequencyType: 'daily' });
    assert.equal(model(fromEmpty).items.rows[0].frequencyType.value, 'daily');
  });

  test('a new item meets the compliance policy; on NVMe a new hourly item is every 12 hours', () => {
    const ctx: ScheduleContext = {
      nvme: true,
      compliance: {
        scheduledPolicyItems: [
          { frequencyType: 'monthly', frequencyInterval: 40, retentionUnit: 'months', retentionValue: 24 },
        ],
      },
    };
    const m = model(edit(TEXT, { kind: 'addItem', frequencyType: 'monthly' }, ctx), ctx);
    assert.equal(m.items.rows[3].retentionValue.value, 24);
    const h = model(edit('{}', { kind: 'addItem', frequencyType: 'hourly' }, ctx), ctx);
    assert.equal(h.items.rows[0].frequencyInterval.value, 12);
  });

  test('a fix from the form applies the same edit as the quick fix', () => {
    const ctx = { nvme: true };
    const m = model(TEXT, ctx);
    const out = edit(TEXT, { kind: 'fix', problem: m.items.rows[0].frequencyInterval.problems[0].id, fix: 0 }, ctx);
    assert.equal(model(out, ctx).items.rows[0].frequencyInterval.value, 12);
    assert.equal(model(out, ctx).counts.error, 0);
  });

  test('copy settings and extra retention rows are added, edited and removed', () => {
    const ctx: ScheduleContext = {
      zones: [{ zoneId: '64b0c0ffee0000000000e0a1', zoneName: 'EMEA', providers: ['AWS'] }],
    };
    const withCopy = edit(TEXT, { kind: 'addCopySetting' }, ctx);
    const m = model(withCopy, ctx);
    assert.equal(m.copies.rows.length, 1);
    assert.equal(m.copies.rows[0].zoneId.value, '64b0c0ffee0000000000e0a1');
    assert.equal(m.copies.zones[0].label, 'EMEA (64b0c0ffee0000000000e0a1)');
    const region = edit(withCopy, { kind: 'set', path: ['copySettings', 0, 'regionName'], value: 'EU_WEST_1' });
    assert.equal(model(region, ctx).copies.rows[0].regionName.value, 'EU_WEST_1');
    const extra = edit(region, { kind: 'addExtraRetention' });
    assert.equal(model(extra).extra.rows[0].retentionDays.value, 90);
    assert.equal(model(edit(extra, { kind: 'remove', path: ['extraRetentionSettings', 0] })).extra.rows.length, 0);
  });

  test('a copy setting is switched from the last snapshots to copy policy items that keep copies as long as the originals', () => {
    const ctx: ScheduleContext = {
      zones: [{ zoneId: '64b0c0ffee0000000000e0a1', zoneName: 'EMEA', providers: ['AWS'] }],
    };
    const withCopy = edit(TEXT, { kind: 'addCopySetting' }, ctx);
    const row = model(withCopy, ctx).copies.rows[0];
    assert.equal(row.mode, 'last');
    assert.deepEqual(
      row.modes.map((m) => m.value),
      ['last', 'items'],
    );
    const items = edit(withCopy, { kind: 'setCopyMode', index: 0, mode: 'items' }, ctx);
    const json = JSON.parse(items.replace(/\/\/.*$/gm, ''));
    assert.equal(json.copyPolicyItemsEnabled, true);
    assert.equal(json.copySettings[0].lastNumberOfSnapshots, undefined);
    assert.deepEqual(json.copySettings[0].copyPolicyItems, [
      { frequencyType: 'hourly', retentionUnit: 'days', retentionValue: 2 },
      { frequencyType: 'daily', retentionUnit: 'days', retentionValue: 7 },
      { frequencyType: 'weekly', retentionUnit: 'weeks', retentionValue: 4 },
    ]);
    assert.match(items, /\/\/ keep short/, 'a comment elsewhere survives');
    const m = model(items, ctx);
    const r = m.copies.rows[0];
    assert.equal(r.mode, 'items');
    assert.deepEqual(
      r.items.map((i) => [i.frequencyType.value, i.retentionValue?.value, i.retentionUnit?.value]),
      [
        ['hourly', 2, 'days'],
        ['daily', 7, 'days'],
        ['weekly', 4, 'weeks'],
      ],
    );
    assert.equal(r.items[0].retentionValue!.hint, 'originals kept 2 days');
    assert.deepEqual(
      r.addableItems.filter((c) => c.allowed).map((c) => c.value),
      ['monthly', 'yearly', 'ondemand'],
    );
    assert.deepEqual(
      m.general.concat(...r.items.map((i) => i.problems), r.problems).filter((p) => p.ruleId.startsWith('copy')),
      [],
    );
    // And back: the items go, one last snapshot is copied.
    const back = JSON.parse(edit(items, { kind: 'setCopyMode', index: 0, mode: 'last' }, ctx).replace(/\/\/.*$/gm, ''));
    assert.equal(back.copySettings[0].copyPolicyItems, undefined);
    assert.equal(back.copySettings[0].lastNumberOfSnapshots, 1);
  });

  test('copy policy items are added, retyped (on-demand has no retention) and removed from the form', () => {
    const text = `{ "copyPolicyItemsEnabled": true, "policies": [{ "policyItems": [] }],
  "copySettings": [{ "zoneId": "64b0c0ffee0000000000e0a1", "cloudProvider": "AWS", "regionName": "EU_WEST_1", "shouldCopyOplogs": false, "copyPolicyItems": [] }] }`;
    const one = edit(text, { kind: 'addCopyItem', index: 0, frequencyType: 'monthly' });
    assert.deepEqual(
      model(one).copies.rows[0].items.map((i) => [
        i.frequencyType.value,
        i.retentionValue?.value,
        i.retentionUnit?.value,
      ]),
      [['monthly', 12, 'months']],
    );
    const ondemand = edit(one, { kind: 'setCopyItemType', index: 0, item: 0, frequencyType: 'ondemand' });
    assert.deepEqual(JSON.parse(ondemand).copySettings[0].copyPolicyItems, [{ frequencyType: 'ondemand' }]);
    assert.equal(model(ondemand).copies.rows[0].items[0].retentionValue, undefined);
    const daily = edit(ondemand, { kind: 'setCopyItemType', index: 0, item: 0, frequencyType: 'daily' });
    assert.deepEqual(JSON.parse(daily).copySettings[0].copyPolicyItems, [
      { frequencyType: 'daily', retentionUnit: 'days', retentionValue: 7 },
    ]);
    assert.equal(model(daily).counts.error, 0);
    const kept = edit(daily, {
      kind: 'set',
      path: ['copySettings', 0, 'copyPolicyItems', 0, 'retentionValue'],
      value: 30,
    });
    assert.equal(JSON.parse(kept).copySettings[0].copyPolicyItems[0].retentionValue, 30);
    assert.deepEqual(
      JSON.parse(edit(kept, { kind: 'remove', path: ['copySettings', 0, 'copyPolicyItems', 0] })).copySettings[0]
        .copyPolicyItems,
      [],
    );
    // A stale index or an unknown type changes nothing.
    assert.deepEqual(intentEdits(daily, { kind: 'addCopyItem', index: 3, frequencyType: 'daily' }), []);
    assert.deepEqual(intentEdits(daily, { kind: 'setCopyItemType', index: 0, item: 5, frequencyType: 'daily' }), []);
    assert.deepEqual(intentEdits(daily, { kind: 'addCopyItem', index: 0, frequencyType: 'sometimes' }), []);
  });

  test('deprecated frequencies are shown as such and converted when the setting switches to copy policy items', () => {
    const text = `{ "policies": [{ "policyItems": [{ "frequencyType": "daily", "frequencyInterval": 1, "retentionUnit": "days", "retentionValue": 14 }] }],
  "copySettings": [{ "zoneId": "64b0c0ffee0000000000e0a1", "cloudProvider": "AWS", "regionName": "EU_WEST_1", "shouldCopyOplogs": false, "frequencies": ["DAILY", "ON_DEMAND"] }] }`;
    const r = model(text).copies.rows[0];
    assert.equal(r.mode, 'frequencies');
    assert.deepEqual(
      r.modes.map((m) => m.value),
      ['last', 'items', 'frequencies'],
    );
    assert.equal(r.copies, 'copies DAILY, ON_DEMAND snapshots');
    const out = JSON.parse(edit(text, { kind: 'setCopyMode', index: 0, mode: 'items' }));
    assert.equal(out.copyPolicyItemsEnabled, true);
    assert.equal(out.copySettings[0].frequencies, undefined);
    assert.deepEqual(out.copySettings[0].copyPolicyItems, [
      { frequencyType: 'daily', retentionUnit: 'days', retentionValue: 14 },
      { frequencyType: 'ondemand' },
    ]);
  });

  test('the form may not touch fields outside the schedule', () => {
    assert.deepEqual(intentEdits(TEXT, { kind: 'set', path: ['atlas', 'groupId'], value: 'x' }), []);
    assert.deepEqual(intentEdits(TEXT, { kind: 'remove', path: ['policies', 0, 'policyItems', 9] }), []);
    assert.deepEqual(intentEdits(TEXT, { kind: 'setItemType', index: 0, frequencyType: 'sometimes' }), []);
  });

  test('minimalEdit keeps the common prefix and suffix', () => {
    assert.deepEqual(minimalEdit('abcXdef', 'abcYYdef'), { offset: 3, length: 1, content: 'YY' });
    assert.deepEqual(minimalEdit('aaa', 'aaaa'), { offset: 3, length: 0, content: 'a' });
  });
});
