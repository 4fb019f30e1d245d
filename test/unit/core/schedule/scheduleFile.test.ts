import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { lintSchedule } from '../../../../src/core/schedule/index';
import {
  normalizeSchedule,
  readScheduleTarget,
  scheduleFilePath,
  scheduleFingerprint,
  toScheduleFile,
} from '../../../../src/core/schedule/scheduleFile';
import type { BackupSchedule } from '../../../../src/core/atlas/types';

const fetched: BackupSchedule = {
  clusterId: '64b0c0ffee0000000000c001',
  clusterName: 'orders-rs',
  links: [{ href: 'http://127.0.0.1/api/atlas/v2/groups/x', rel: 'self' }],
  nextSnapshot: '2026-12-01T18:00:00Z',
  referenceHourOfDay: 18,
  referenceMinuteOfHour: 0,
  policies: [
    {
      id: '64b0c0ffee0000000000b001',
      policyItems: [
        {
          id: '64b0c0ffee0000000000a002',
          frequencyType: 'daily',
          frequencyInterval: 1,
          retentionUnit: 'days',
          retentionValue: 7,
        },
        {
          id: '64b0c0ffee0000000000a001',
          frequencyType: 'hourly',
          frequencyInterval: 6,
          retentionUnit: 'days',
          retentionValue: 2,
        },
      ],
    },
  ],
};
const target = {
  groupId: 'b04e6d9a21fdc0f1172b8106',
  clusterName: 'orders-rs',
  pulledAt: '2026-12-01T21:40:00.000Z',
  origin: 'https://cloud.mongodb.com',
};

describe('schedule files', () => {
  test('a pulled file names its cluster, records what it was pulled from, drops links, and lints clean', async () => {
    const text = toScheduleFile(fetched, target);
    const doc = JSON.parse(text);
    assert.equal(doc.links, undefined);
    assert.deepEqual(Object.keys(doc)[0], 'atlas');
    assert.deepEqual(readScheduleTarget(text), {
      groupId: target.groupId,
      clusterName: 'orders-rs',
      pulled: { at: target.pulledAt, from: target.origin, fingerprint: scheduleFingerprint(fetched) },
    });
    assert.deepEqual(
      (await lintSchedule(text)).filter((p) => p.severity !== 'info').map((p) => p.ruleId),
      [],
    );
  });

  test('the fingerprint ignores volatile fields, write-only flags and item order, but not a retention change', () => {
    const reordered: BackupSchedule = {
      ...fetched,
      nextSnapshot: '2026-12-02T00:00:00Z',
      links: [],
      updateSnapshots: true,
      policies: [{ ...fetched.policies![0], policyItems: [...fetched.policies![0].policyItems].reverse() }],
    };
    assert.equal(scheduleFingerprint(reordered), scheduleFingerprint(fetched));
    const longer = JSON.parse(JSON.stringify(fetched)) as BackupSchedule;
    longer.policies![0].policyItems[0].retentionValue = 14;
    assert.notEqual(scheduleFingerprint(longer), scheduleFingerprint(fetched));
    assert.deepEqual(
      normalizeSchedule(fetched).policies![0].policyItems.map((i) => i.frequencyType),
      ['hourly', 'daily'],
    );
  });

  test('a file without a usable atlas block names no target; bad JSON does not throw', () => {
    assert.equal(readScheduleTarget('{ "policies": [] }'), undefined);
    assert.equal(readScheduleTarget('{ "atlas": { "groupId": 5 } }'), undefined);
    assert.equal(readScheduleTarget('{ not json'), undefined);
    assert.deepEqual(readScheduleTarget('// c\n{ "atlas": { "groupId": "g", "clusterName": "c", }, }'), {
      groupId: 'g',
      clusterName: 'c',
    });
  });
});

describe('scheduleFilePath (issue #20 item 4: the save dialog doubles the extension)', () => {
  for (const [chosen, written] of [
    ['/w/legacy-app.schedule.json', '/w/legacy-app.schedule.json'],
    ['/w/legacy-app.schedule.json.schedule.json', '/w/legacy-app.schedule.json'],
    ['/w/legacy-app.schedule.json.schedule.json.schedule.json', '/w/legacy-app.schedule.json'],
    ['/w/legacy-app.schedule.json.json', '/w/legacy-app.schedule.json'],
    ['/w/legacy-app.json', '/w/legacy-app.schedule.json'],
    ['/w/legacy-app.schedule', '/w/legacy-app.schedule.json'],
    ['/w/legacy-app', '/w/legacy-app.schedule.json'],
    ['/w/orders.v2', '/w/orders.v2.schedule.json'],
    ['/w/a.schedule.json/b.schedule.json', '/w/a.schedule.json/b.schedule.json'],
    ['/w/.schedule.json', '/w/.schedule.json'],
  ] as const) {
    test(`${chosen} is written as ${written}`, () => {
      assert.equal(scheduleFilePath(chosen), written);
    });
  }
});
