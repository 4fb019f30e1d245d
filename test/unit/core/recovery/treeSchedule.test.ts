// The Projects tree's schedule row says what the posture and the audit say: backup on and nothing scheduled (what
// Delete All Backup Schedules leaves) is an error, not a quiet "no policy items".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BackupSchedule } from '../../../../src/core/atlas';
import { takesScheduledSnapshots } from '../../../../src/core/recovery';
import type { ScheduleNode } from '../../../../src/core/tree/explorerNodes';
import { present } from '../../../../src/core/tree/explorerPresent';

const row = (value: BackupSchedule): ScheduleNode => ({
  kind: 'schedule',
  id: 's',
  parentId: 'c',
  accountId: 'a',
  groupId: 'g'.repeat(24),
  clusterName: 'orders',
  schedule: { key: 'k', state: { status: 'loaded', value, at: 0 } },
});
const item = (frequencyType: string, frequencyInterval: number) =>
  ({ frequencyType, frequencyInterval, retentionUnit: 'days', retentionValue: 7 }) as never;

test('a schedule with no policy items is an error row in the tree', () => {
  const empty = present(row({ policies: [{ id: 'p'.repeat(24), policyItems: [] }] }));
  assert.equal(empty.description, 'no scheduled snapshots');
  assert.equal(empty.icon, 'error');
  assert.equal(empty.iconColor, 'list.errorForeground');
  assert.match(empty.tooltip ?? '', /Takes no scheduled snapshots/);
  const daily = present(row({ policies: [{ id: 'p'.repeat(24), policyItems: [item('daily', 1)] }] }));
  assert.equal(daily.icon, 'calendar');
  assert.equal(daily.iconColor, undefined);
  assert.doesNotMatch(daily.tooltip ?? '', /no scheduled snapshots/i);
});

test('what counts as taking scheduled snapshots: any hourly (N > 0), daily, weekly, monthly or yearly item', () => {
  const s = (...items: never[]) => ({ policies: [{ policyItems: items }] });
  assert.equal(takesScheduledSnapshots(undefined), false);
  assert.equal(takesScheduledSnapshots({ policies: [] }), false);
  assert.equal(takesScheduledSnapshots(s()), false);
  assert.equal(takesScheduledSnapshots(s(item('ondemand', 0))), false, 'on-demand schedules nothing');
  assert.equal(takesScheduledSnapshots(s(item('hourly', 0))), false);
  for (const t of ['hourly', 'daily', 'weekly', 'monthly', 'yearly'])
    assert.equal(takesScheduledSnapshots(s(item(t, t === 'monthly' ? 40 : 1))), true, t);
  assert.equal(takesScheduledSnapshots({ policies: [null, { policyItems: [null, item('weekly', 6)] }] }), true);
});
