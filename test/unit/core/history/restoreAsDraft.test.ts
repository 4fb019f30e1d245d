// Undo of "Delete all schedules": the version the history kept is restored as a draft that can be pushed as it is.
// Atlas no longer has the deleted items, so their ids would each be an unknown-item-id error; they become new items
// (and the person is told which), and the push core sends the draft to the simulator, which accepts it.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AtlasClient } from '../../../../src/core/atlas';
import type { BackupSchedule } from '../../../../src/core/atlas';
import { describeBecameNew, restoreAsDraft } from '../../../../src/core/history/restoreAsDraft';
import { planPush, sendPush } from '../../../../src/core/push/pushCore';
import { checkSchedule } from '../../../../src/core/schedule/index';
import { scheduleContextFrom } from '../../../../src/core/schedule/contextFromAtlas';
import { scheduleFingerprint, toScheduleFile } from '../../../../src/core/schedule/scheduleFile';
import { AtlasSimulator, DEMO_CREDENTIALS } from '../../../../src/simulator';
import { describeSeed } from '../../../../src/simulator/seed';

let sim: AtlasSimulator;
let client: AtlasClient;
let origin: string;
// A project without a compliance policy (a delete there is allowed) and one of its clusters with backup on.
const seed = describeSeed();
const cluster = seed.clusters.find((c) => c.backup === 'on' && c.projectName !== 'Production')!;
const project = seed.projects.find((p) => p.name === cluster.projectName)!;
const target = { groupId: project.id, clusterName: cluster.name };

/** What a person sees of an item: everything but its id. */
const shape = (s: BackupSchedule) =>
  (s.policies?.[0]?.policyItems ?? [])
    .map((i) => `${i.frequencyType}/${i.frequencyInterval}/${i.retentionValue}${i.retentionUnit}`)
    .sort();

before(async () => {
  sim = new AtlasSimulator({});
  ({ url: origin } = await sim.start(0));
  client = new AtlasClient({
    baseUrl: origin,
    credentials: { kind: 'serviceAccount', ...DEMO_CREDENTIALS.serviceAccount },
    userAgent: 'restore-test/0',
    fetch: (await import('node-fetch')).default,
  });
});
after(async () => {
  await sim.stop();
});
beforeEach(() => sim.reset());

describe('restore a history version as a draft', () => {
  test('after Delete all: zero unknown-item-id errors, says which items became new, and the push is accepted', async () => {
    const before = await client.getBackupSchedule(target.groupId, target.clusterName);
    const items = before.policies![0].policyItems;
    assert.ok(items.length > 0 && items.every((i) => i.id));
    await client.deleteBackupSchedules(target.groupId, target.clusterName);
    const remote = await client.getBackupSchedule(target.groupId, target.clusterName);
    const ctx = scheduleContextFrom({ schedule: remote });

    // What the history kept, restored the old way, is what the issue saw: one error per item.
    const oldWay = toScheduleFile(before, { ...target, pulledAt: '2026-01-01T00:00:00Z', origin });
    assert.equal(checkSchedule(oldWay, ctx).filter((p) => p.ruleId === 'unknown-item-id').length, items.length);

    const restored = restoreAsDraft(before, remote);
    const text = toScheduleFile(restored.schedule, { ...target, pulledAt: '2026-01-01T00:00:00Z', origin });
    assert.deepEqual(
      checkSchedule(text, ctx).filter((p) => p.ruleId === 'unknown-item-id'),
      [],
    );
    assert.deepEqual(restored.becameNew.map((b) => b.formerId).sort(), items.map((i) => i.id).sort());
    const message = describeBecameNew(restored)!;
    assert.match(message, new RegExp(`^${items.length} items? Atlas no longer has`));
    for (const i of items) assert.ok(message.toLowerCase().includes(`${i.frequencyType} snapshot`), message);
    // Nothing but the ids changed: the schedule a person restores is the one they had.
    assert.deepEqual(shape(restored.schedule), shape(before));
    assert.equal(restored.schedule.referenceHourOfDay, before.referenceHourOfDay);
    assert.equal(restored.schedule.restoreWindowDays, before.restoreWindowDays);

    const plan = await planPush(client, target, restored.schedule, {
      fingerprint: scheduleFingerprint(remote),
      schedule: remote,
    });
    assert.equal(plan.nothingToChange, false);
    const answer = await sendPush(client, target, restored.schedule, plan.remote);
    assert.deepEqual(shape(answer), shape(before));
    assert.deepEqual(shape(await client.getBackupSchedule(target.groupId, target.clusterName)), shape(before));
  });

  test('items Atlas still has keep their ids, and nothing is said', async () => {
    const now = await client.getBackupSchedule(target.groupId, target.clusterName);
    const r = restoreAsDraft(now, now);
    assert.deepEqual(r.becameNew, []);
    assert.equal(describeBecameNew(r), undefined);
    assert.deepEqual(
      r.schedule.policies![0].policyItems.map((i) => i.id),
      now.policies![0].policyItems.map((i) => i.id),
    );
  });

  test('an id Atlas has for another frequency type is a new item too (Atlas refuses a frequency change)', () => {
    const remote: BackupSchedule = {
      policies: [
        {
          id: 'p1',
          policyItems: [
            { id: 'a', frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 7 },
          ],
        },
      ],
    };
    const old: BackupSchedule = {
      links: [],
      policies: [
        {
          id: 'p0',
          policyItems: [
            { id: 'a', frequencyType: 'weekly', frequencyInterval: 6, retentionUnit: 'weeks', retentionValue: 4 },
          ],
        },
      ],
    };
    const r = restoreAsDraft(old, remote);
    assert.equal(r.schedule.policies![0].id, 'p1');
    assert.equal(r.schedule.policies![0].policyItems[0].id, undefined);
    assert.equal(r.schedule.links, undefined);
    assert.match(describeBecameNew(r)!, /^1 item Atlas no longer has becomes a new item when pushed: Weekly snapshot/);
  });
});
