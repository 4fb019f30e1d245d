// The readable change list, the three-way compare and the aligned JSON documents a person reviews before a push.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { BackupSchedule } from '../../../../src/core/atlas/types';
import {
  alignedDocuments,
  diffSchedules,
  formatChanges,
  matchItems,
  threeWay,
} from '../../../../src/core/schedule/diff';
import { scheduleFingerprint } from '../../../../src/core/schedule/scheduleFile';

const ATLAS: BackupSchedule = {
  clusterId: '231004e2619bb34532e3b21e',
  clusterName: 'orders-rs',
  nextSnapshot: '2026-12-02T02:30:00Z',
  links: [{ href: 'http://127.0.0.1/x', rel: 'self' }],
  autoExportEnabled: false,
  autoCopySettingsEnabled: false,
  extraRetentionSettings: [],
  copySettings: [
    {
      cloudProvider: 'AWS',
      regionName: 'EU_CENTRAL_1',
      shouldCopyOplogs: false,
      zoneId: 'a81ad26ccb7c1700e38d755c',
      frequencies: ['HOURLY', 'DAILY'],
    },
    {
      cloudProvider: 'AWS',
      regionName: 'US_WEST_2',
      shouldCopyOplogs: false,
      zoneId: '97d648b19726f8c5ebca20f1',
      frequencies: ['DAILY', 'WEEKLY'],
    },
  ],
  policies: [
    {
      id: '267ab2ad9decd92761b92932',
      policyItems: [
        {
          id: '1f04fe6a2792b21dca974a19',
          frequencyInterval: 6,
          frequencyType: 'hourly',
          retentionUnit: 'days',
          retentionValue: 2,
        },
        {
          id: '80ce5e77021a66afcf7818a4',
          frequencyInterval: 1,
          frequencyType: 'daily',
          retentionUnit: 'days',
          retentionValue: 7,
        },
        {
          id: '8f24c9cb55436220742b62ab',
          frequencyInterval: 6,
          frequencyType: 'weekly',
          retentionUnit: 'weeks',
          retentionValue: 4,
        },
        {
          id: 'eb31498fa02876589c441d8c',
          frequencyInterval: 40,
          frequencyType: 'monthly',
          retentionUnit: 'months',
          retentionValue: 12,
        },
      ],
    },
  ],
  referenceHourOfDay: 2,
  referenceMinuteOfHour: 30,
  restoreWindowDays: 2,
  useOrgAndGroupNamesInExportPrefix: false,
};
const copy = (s: BackupSchedule): BackupSchedule => structuredClone(s);
const items = (s: BackupSchedule) => s.policies![0].policyItems;
const kinds = (s: BackupSchedule, t: BackupSchedule) => diffSchedules(s, t).map((c) => c.kind);

describe('diffSchedules: the readable change list', () => {
  test('the same schedule, reordered, without read-only fields or with write-only flags, is no change', () => {
    const d = copy(ATLAS);
    delete d.links;
    delete d.nextSnapshot;
    delete d.clusterId;
    items(d).reverse();
    d.updateSnapshots = true;
    (d as Record<string, unknown>).atlas = { groupId: 'x', clusterName: 'orders-rs' };
    assert.deepEqual(diffSchedules(ATLAS, d), []);
  });

  test('a shortened retention says so, and what happens to existing snapshots with and without updateSnapshots', () => {
    const d = copy(ATLAS);
    items(d)[1].retentionValue = 3;
    const [c] = diffSchedules(ATLAS, d);
    assert.equal(c.kind, 'retention-shortened');
    assert.equal(c.summary, 'Daily snapshot (every day) kept 7 days → 3 days (shorter)');
    assert.equal(c.caution, true);
    assert.deepEqual(c.path, ['policies', 0, 'policyItems', 1, 'retentionValue']);
    assert.match(c.consequence!, /existing ones keep their expiry/);
    // The form's checkbox by the words the form shows, not only the JSON field.
    assert.match(c.consequence!, /tick "Apply retention changes to existing snapshots"/);
    d.updateSnapshots = true;
    assert.match(
      diffSchedules(ATLAS, d)[0].consequence!,
      /expiry of every existing daily snapshot is rewritten.*deleted, sooner/,
    );
  });

  test('a longer retention across units (4 weeks → 2 months) is lengthened, not a caution', () => {
    const d = copy(ATLAS);
    items(d)[2].retentionUnit = 'months';
    items(d)[2].retentionValue = 2;
    const [c] = diffSchedules(ATLAS, d);
    assert.equal(c.kind, 'retention-lengthened');
    assert.equal(c.summary, 'Weekly snapshot (every Saturday) kept 4 weeks → 2 months (longer)');
    assert.ok(!c.caution);
  });

  test('a removed item: snapshots it took stay until they expire; an added item; an interval moved', () => {
    const d = copy(ATLAS);
    d.policies![0].policyItems = items(d).filter((i) => i.frequencyType !== 'monthly');
    items(d).push({ frequencyType: 'yearly', frequencyInterval: 3, retentionUnit: 'years', retentionValue: 7 });
    items(d)[0].frequencyInterval = 12;
    const cs = diffSchedules(ATLAS, d);
    assert.deepEqual(
      cs.map((c) => c.kind),
      ['item-removed', 'interval-changed', 'item-added'],
    );
    assert.equal(cs[0].summary, 'Monthly snapshot (on the last day of every month, kept 12 months) removed');
    assert.match(
      cs[0].consequence!,
      /the ones already taken stay until they expire \(12 months after each was taken\)/,
    );
    assert.equal(cs[1].summary, 'Hourly snapshot moves from every 6 hours to every 12 hours');
    assert.equal(cs[2].summary, 'Yearly snapshot (every year on 1 March, kept 7 years) added');
  });

  test('items are matched by id first: an item whose id moved to another position is the same item', () => {
    const d = copy(ATLAS);
    const weekly = items(d)[2];
    weekly.frequencyInterval = 2; // Saturday → Tuesday, id kept
    items(d).splice(2, 1);
    items(d).unshift(weekly);
    assert.deepEqual(
      diffSchedules(ATLAS, d).map((c) => c.summary),
      ['Weekly snapshot moves from every Saturday to every Tuesday'],
    );
  });

  test('then by frequency: items without ids (a hand-written file) match the item of the same frequency', () => {
    const d = copy(ATLAS);
    for (const i of items(d)) delete i.id;
    items(d)[3].frequencyInterval = 1;
    assert.deepEqual(kinds(ATLAS, d), ['interval-changed']);
    const m = matchItems(items(ATLAS), items(d));
    assert.deepEqual(m.pairs, [
      [0, 0],
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
  });

  test("an id reused for another frequency is a removal and an addition (Atlas cannot change an item's type)", () => {
    const d = copy(ATLAS);
    items(d)[3].frequencyType = 'yearly';
    items(d)[3].frequencyInterval = 1;
    items(d)[3].retentionUnit = 'years';
    items(d)[3].retentionValue = 1;
    assert.deepEqual(kinds(ATLAS, d), ['item-removed', 'item-added']);
  });

  test('emptying the policy: every item removed and "no scheduled snapshots"', () => {
    const d = copy(ATLAS);
    d.policies![0].policyItems = [];
    const cs = diffSchedules(ATLAS, d);
    assert.deepEqual(
      cs.map((c) => c.kind),
      ['item-removed', 'item-removed', 'item-removed', 'item-removed', 'no-scheduled-snapshots'],
    );
    assert.match(cs[4].summary, /no scheduled snapshots/);
  });

  test('reference time, restore window, export', () => {
    const d = copy(ATLAS);
    d.referenceHourOfDay = 18;
    d.referenceMinuteOfHour = 5;
    d.restoreWindowDays = 1;
    d.autoExportEnabled = true;
    d.export = { exportBucketId: '64b0c0ffee00000000000400', frequencyType: 'monthly' };
    const cs = diffSchedules(ATLAS, d);
    assert.deepEqual(
      cs.map((c) => c.summary),
      [
        'Snapshot time of day 02:30 UTC → 18:05 UTC',
        'Restore window (continuous backup) 2 days → 1 day',
        'Automatic export off → on, monthly to bucket 64b0c0ffee00000000000400',
      ],
    );
    assert.match(cs[1].consequence!, /older than 1 day can no longer be restored/);
    assert.equal(cs[1].caution, true);
  });

  test('copy regions: a removed region asks keep or delete; deleteCopiedBackups answers it; a changed one lists what', () => {
    const d = copy(ATLAS);
    d.copySettings = [{ ...d.copySettings![1], frequencies: ['DAILY'] }];
    let cs = diffSchedules(ATLAS, d);
    assert.deepEqual(
      cs.map((c) => c.kind),
      ['copy-changed', 'copy-region-removed'],
    );
    assert.equal(
      cs[0].summary,
      'Copies to AWS US_WEST_2 (zone 97d648b19726f8c5ebca20f1): frequencies ["DAILY","WEEKLY"] → ["DAILY"]',
    );
    assert.equal(cs[1].summary, 'Snapshots no longer copied to AWS EU_CENTRAL_1 (zone a81ad26ccb7c1700e38d755c)');
    assert.deepEqual(cs[1].region, {
      zoneId: 'a81ad26ccb7c1700e38d755c',
      cloudProvider: 'AWS',
      regionName: 'EU_CENTRAL_1',
      deleteCopies: false,
    });
    assert.match(cs[1].consequence!, /kept until they expire; to delete them, add the region to "deleteCopiedBackups"/);
    d.deleteCopiedBackups = [{ cloudProvider: 'AWS', regionName: 'EU_CENTRAL_1', zoneId: 'a81ad26ccb7c1700e38d755c' }];
    cs = diffSchedules(ATLAS, d);
    assert.equal(cs[1].region!.deleteCopies, true);
    assert.match(cs[1].consequence!, /are deleted/);
  });

  test('formatChanges marks cautions and indents consequences', () => {
    const d = copy(ATLAS);
    items(d)[1].retentionValue = 3;
    d.referenceHourOfDay = 3;
    assert.equal(
      formatChanges(diffSchedules(ATLAS, d)),
      [
        '  ! Daily snapshot (every day) kept 7 days → 3 days (shorter)',
        '      Only new snapshots get the new retention; existing ones keep their expiry (to change theirs too, tick "Apply retention changes to existing snapshots": "updateSnapshots": true in the file).',
        '  • Snapshot time of day 02:30 UTC → 03:30 UTC',
        '      Scheduled snapshots move to the new time from the next one on; the next snapshot may come sooner or later than usual.',
      ].join('\n'),
    );
  });
});

describe('alignedDocuments: normalised documents for the JSON diff', () => {
  test('read-only fields and item ids are stripped, and a changed item sits beside its old self', () => {
    const d = copy(ATLAS);
    items(d).reverse();
    items(d)[0].retentionValue = 24; // monthly, now first in the draft
    const { before, after } = alignedDocuments(ATLAS, d);
    for (const t of [before, after]) {
      assert.doesNotMatch(t, /links|nextSnapshot|clusterId|clusterName|"id": "1f04/);
    }
    const b = before.split('\n'),
      a = after.split('\n');
    assert.equal(b.length, a.length);
    const differing = b.map((l, i) => [l, a[i]]).filter(([x, y]) => x !== y);
    assert.deepEqual(differing, [['          "retentionValue": 12', '          "retentionValue": 24']]);
    assert.match(before, /"id": "267ab2ad9decd92761b92932"/, 'the policy id stays (it is not read-only)');
  });
});

describe('threeWay: base, Atlas now, draft', () => {
  test("nobody changed Atlas: not changed, the push changes are the draft's", () => {
    const d = copy(ATLAS);
    items(d)[1].retentionValue = 14;
    const r = threeWay(
      { schedule: ATLAS, fingerprint: scheduleFingerprint(ATLAS) },
      copy(ATLAS),
      d,
      scheduleFingerprint,
    );
    assert.equal(r.remoteChanged, false);
    assert.deepEqual(r.remoteChanges, []);
    assert.deepEqual(
      r.pushChanges.map((c) => c.summary),
      ['Daily snapshot (every day) kept 7 days → 14 days (longer)'],
    );
    assert.deepEqual(r.conflicts, []);
  });

  test('Atlas changed elsewhere: says what, merges the draft onto it, no conflict', () => {
    const remote = copy(ATLAS);
    remote.referenceHourOfDay = 5;
    remote.nextSnapshot = 'later';
    const d = copy(ATLAS);
    items(d)[1].retentionValue = 14;
    const r = threeWay({ schedule: ATLAS }, remote, d, scheduleFingerprint);
    assert.equal(r.remoteChanged, true);
    assert.deepEqual(
      r.remoteChanges!.map((c) => c.summary),
      ['Snapshot time of day 02:30 UTC → 05:30 UTC'],
    );
    // Pushing the draft as is would undo the colleague's change:
    assert.deepEqual(
      r.pushChanges.map((c) => c.kind),
      ['retention-lengthened', 'reference-time'],
    );
    assert.deepEqual(r.conflicts, []);
    assert.equal(r.merged!.referenceHourOfDay, 5);
    assert.equal(items(r.merged!)[1].retentionValue, 14);
    assert.deepEqual(
      diffSchedules(remote, r.merged!).map((c) => c.kind),
      ['retention-lengthened'],
      'the merge changes only what the draft changed',
    );
  });

  test('both changed the same item differently: a conflict naming it; the draft wins in the merge', () => {
    const remote = copy(ATLAS);
    items(remote)[1].retentionValue = 30;
    const d = copy(ATLAS);
    items(d)[1].retentionValue = 14;
    const r = threeWay({ schedule: ATLAS }, remote, d);
    assert.equal(r.conflicts.length, 1);
    assert.equal(r.conflicts[0].what, 'Daily snapshot (every day)');
    assert.equal(items(r.merged!).find((i) => i.frequencyType === 'daily')!.retentionValue, 14);
    assert.equal(items(r.merged!).find((i) => i.frequencyType === 'daily')!.id, '80ce5e77021a66afcf7818a4');
  });

  test('an item removed in Atlas and untouched in the draft stays removed; one added in the draft is added', () => {
    const remote = copy(ATLAS);
    remote.policies![0].policyItems = items(remote).filter((i) => i.frequencyType !== 'weekly');
    const d = copy(ATLAS);
    items(d).push({ frequencyType: 'yearly', frequencyInterval: 1, retentionUnit: 'years', retentionValue: 2 });
    const r = threeWay({ schedule: ATLAS }, remote, d);
    assert.deepEqual(r.conflicts, []);
    assert.deepEqual(
      items(r.merged!).map((i) => i.frequencyType),
      ['hourly', 'daily', 'monthly', 'yearly'],
    );
  });

  test('a change the list does not describe (an unknown field, a recreated item id) still counts as Atlas changed', () => {
    const remote = copy(ATLAS) as BackupSchedule & { newAtlasField?: string };
    remote.newAtlasField = 'x';
    const r = threeWay({ schedule: ATLAS }, remote, copy(ATLAS), scheduleFingerprint);
    assert.deepEqual(r.remoteChanges, []);
    assert.equal(r.remoteChanged, true);
    assert.equal(threeWay({ schedule: ATLAS }, copy(ATLAS), copy(ATLAS), scheduleFingerprint).remoteChanged, false);
  });

  test('with only a fingerprint (a pulled file): changed or not by the fingerprint, and the push changes', () => {
    const d = copy(ATLAS);
    items(d)[1].retentionValue = 14;
    const same = threeWay({ fingerprint: scheduleFingerprint(ATLAS) }, copy(ATLAS), d, scheduleFingerprint);
    assert.equal(same.remoteChanged, false);
    const remote = copy(ATLAS);
    remote.restoreWindowDays = 3;
    const changed = threeWay({ fingerprint: scheduleFingerprint(ATLAS) }, remote, d, scheduleFingerprint);
    assert.equal(changed.remoteChanged, true);
    assert.equal(changed.remoteChanges, undefined);
    assert.deepEqual(
      changed.pushChanges.map((c) => c.kind),
      ['retention-lengthened', 'restore-window'],
    );
  });
});
