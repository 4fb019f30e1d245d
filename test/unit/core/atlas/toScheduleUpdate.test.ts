import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { toScheduleUpdate, type BackupSchedule } from '../../../../src/core/atlas';

const P = '6a0000000000000000000001';
const H = '6a0000000000000000000002';
const D = '6a0000000000000000000003';
const Z = '6b0000000000000000000001';
const C = '6c0000000000000000000001';

const current = (): BackupSchedule => ({
  clusterId: '6d0000000000000000000001',
  clusterName: 'orders-rs',
  nextSnapshot: '2026-11-22T18:00:00Z',
  links: [{ href: 'https://cloud.mongodb.com/x', rel: 'self' }],
  referenceHourOfDay: 18,
  referenceMinuteOfHour: 0,
  restoreWindowDays: 2,
  policies: [
    {
      id: P,
      policyItems: [
        { id: H, frequencyType: 'hourly', frequencyInterval: 6, retentionUnit: 'days', retentionValue: 2 },
        { id: D, frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 7 },
      ],
    },
  ],
  copyPolicyItemsEnabled: true,
  copySettings: [
    {
      zoneId: Z,
      cloudProvider: 'AWS',
      regionName: 'US_WEST_2',
      shouldCopyOplogs: false,
      copyPolicyItems: [{ id: C, frequencyType: 'daily', retentionUnit: 'days', retentionValue: 3 }],
    },
  ],
});

/** Every key path in a JSON value, e.g. "policies.0.policyItems.1.id". */
function keyPaths(v: unknown, prefix = ''): string[] {
  if (typeof v !== 'object' || v === null) return [];
  return Object.entries(v).flatMap(([k, x]) => [`${prefix}${k}`, ...keyPaths(x, `${prefix}${k}.`)]);
}

describe('toScheduleUpdate', () => {
  test('no read-only field is ever sent', () => {
    const draft = current();
    draft.policies![0].policyItems.push({
      id: '6a00000000000000000000ff',
      frequencyType: 'weekly',
      frequencyInterval: 6,
      retentionUnit: 'weeks',
      retentionValue: 4,
    });
    for (const body of [toScheduleUpdate(draft, current()), toScheduleUpdate(draft)]) {
      const paths = keyPaths(body);
      for (const ro of ['clusterId', 'clusterName', 'links', 'nextSnapshot']) assert.ok(!paths.includes(ro), ro);
      assert.ok(!paths.some((p) => p.endsWith('.links')));
    }
    // with the server's view: only existing item ids survive
    const body = toScheduleUpdate(draft, current());
    assert.deepEqual(
      body.policies![0].policyItems.map((i) => i.id),
      [H, D, undefined],
    );
    assert.equal(body.copySettings![0].copyPolicyItems![0].id, C);
  });

  test('policies always go out with the server policy id, even when the draft left them out', () => {
    const body = toScheduleUpdate({ referenceHourOfDay: 3, referenceMinuteOfHour: 30 }, current());
    assert.equal(body.policies![0].id, P);
    assert.deepEqual(
      body.policies![0].policyItems.map((i) => i.id),
      [H, D],
    );
    assert.equal(body.referenceHourOfDay, 3);
    const draftWithoutIds = current();
    delete draftWithoutIds.policies![0].id;
    assert.equal(toScheduleUpdate(draftWithoutIds, current()).policies![0].id, P);
    assert.throws(() => toScheduleUpdate({ referenceHourOfDay: 1 }), /must include "policies"/);
  });

  test('an id for an item Atlas lacks, or whose frequency changed, is dropped so Atlas creates the item', () => {
    const draft = current();
    draft.policies![0].policyItems[1] = {
      id: D,
      frequencyType: 'weekly',
      frequencyInterval: 6,
      retentionUnit: 'weeks',
      retentionValue: 4,
    };
    draft.policies![0].policyItems[0].id = '6affffffffffffffffffffff';
    const items = toScheduleUpdate(draft, current()).policies![0].policyItems;
    assert.equal(items[0].id, undefined);
    assert.equal(items[1].id, undefined);
    assert.deepEqual(items[1], {
      frequencyType: 'weekly',
      frequencyInterval: 6,
      retentionUnit: 'weeks',
      retentionValue: 4,
    });
  });

  test('a copy item id is matched within the same zone only', () => {
    const draft = current();
    draft.copySettings![0].zoneId = '6bffffffffffffffffffffff';
    assert.equal(toScheduleUpdate(draft, current()).copySettings![0].copyPolicyItems![0].id, undefined);
  });

  test('write-only flags and other settings pass through; the draft is not mutated', () => {
    const draft: BackupSchedule = {
      ...current(),
      updateSnapshots: true,
      deleteCopiedBackups: [{ zoneId: Z, cloudProvider: 'AWS', regionName: 'US_WEST_2' }],
    };
    const before = JSON.stringify(draft);
    const body = toScheduleUpdate(draft, current());
    assert.equal(body.updateSnapshots, true);
    assert.equal(body.deleteCopiedBackups![0].regionName, 'US_WEST_2');
    assert.equal(body.restoreWindowDays, 2);
    assert.equal(JSON.stringify(draft), before);
    body.policies![0].policyItems[0].retentionValue = 99;
    assert.equal(draft.policies![0].policyItems[0].retentionValue, 2);
  });

  test("a schedule file's own fields ($schema, atlas target) are not sent to Atlas", () => {
    const draft = {
      ...current(),
      $schema: './backup-schedule.schema.json',
      atlas: { groupId: '6aaaaaaaaaaaaaaaaaaaaaaa', clusterName: 'c' },
    } as BackupSchedule;
    const body = toScheduleUpdate(draft, current()) as Record<string, unknown>;
    assert.equal('$schema' in body, false);
    assert.equal('atlas' in body, false);
    assert.ok(body.policies);
  });
});
