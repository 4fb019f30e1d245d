// The recovery posture of one cluster, from facts shaped as Atlas returns them (no network): RPO, the restorable
// window and its restore points across schedules, the last restore, and the findings with their thresholds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatTime } from '../../../../src/core/time/formatTime';
import type { BackupSchedule, ClusterDescription, RestoreJob } from '../../../../src/core/atlas';
import {
  CONTINUOUS_BACKUP_RPO_SECONDS,
  DEFAULT_RESTORE_AGE_DAYS,
  lastRestore,
  recoveryWords,
  rpoCell,
  lastRestoreCell,
  restorePointsCell,
} from '../../../../src/core/recovery';
import { computePosture, type ClusterFacts } from '../../../../src/core/fleet/posture';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const H = 3_600_000;
const D = 24 * H;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

function cluster(over: Partial<ClusterDescription> = {}): ClusterDescription {
  return {
    name: 'orders',
    clusterType: 'REPLICASET',
    backupEnabled: true,
    pitEnabled: false,
    createDate: '2025-01-01T00:00:00Z',
    replicationSpecs: [{ regionConfigs: [{ providerName: 'AWS', electableSpecs: { instanceSize: 'M30' } }] }],
    ...over,
  };
}

function schedule(items: [string, number][], over: Partial<BackupSchedule> = {}): BackupSchedule {
  return {
    policies: [
      {
        id: 'p'.repeat(24),
        policyItems: items.map(([frequencyType, frequencyInterval], i) => ({
          id: String(i).repeat(24).slice(0, 24),
          frequencyType,
          frequencyInterval,
          retentionUnit: frequencyType === 'yearly' ? 'years' : frequencyType === 'monthly' ? 'months' : 'days',
          retentionValue: frequencyType === 'hourly' ? 2 : 7,
        })) as never,
      },
    ],
    referenceHourOfDay: 3,
    referenceMinuteOfHour: 0,
    restoreWindowDays: 2,
    ...over,
  };
}

/** Facts with completed snapshots from `oldestAgo` to `newestAgo` (ms before NOW), `count` of them. */
function facts(
  sched: BackupSchedule | undefined,
  snaps: { newestAgo: number; oldestAgo: number; count: number } | null,
  over: Partial<ClusterFacts> = {},
): ClusterFacts {
  return {
    groupId: 'a'.repeat(24),
    projectName: 'Ops',
    cluster: cluster(),
    schedule: sched,
    newestSnapshot: snaps ? iso(NOW - snaps.newestAgo) : null,
    snapshotSpan: snaps
      ? { oldestMs: NOW - snaps.oldestAgo, newestMs: NOW - snaps.newestAgo, count: snaps.count }
      : null,
    restoreJobs: [],
    ...over,
  };
}

const rules = (f: ClusterFacts, opts = {}) => computePosture(f, NOW, opts).findings.map((x) => x.ruleId);

describe('RPO and the restorable window across schedules', () => {
  for (const [name, items, intervalMs] of [
    ['hourly every 6 h', [['hourly', 6]], 6 * H],
    [
      'hourly every 12 h with a daily item',
      [
        ['hourly', 12],
        ['daily', 1],
      ],
      12 * H,
    ],
    ['daily', [['daily', 1]], D],
    ['weekly', [['weekly', 6]], 7 * D],
    ['monthly', [['monthly', 40]], 31 * D],
    ['yearly', [['yearly', 12]], 366 * D],
  ] as [string, [string, number][], number][]) {
    test(`${name}: the RPO is the most frequent item's interval; the window spans the completed snapshots`, () => {
      const row = computePosture(facts(schedule(items), { newestAgo: H, oldestAgo: 30 * D, count: 17 }), NOW);
      assert.equal(row.recovery?.rpoSeconds, intervalMs / 1000);
      assert.equal(row.recovery?.restorableFrom, iso(NOW - 30 * D));
      assert.equal(row.recovery?.restorableTo, iso(NOW - H));
      assert.equal(row.recovery?.restorePoints, 17);
      assert.equal(row.recovery?.pointInTime, false);
      assert.equal(rpoCell(row).endsWith('(overdue)'), false);
      assert.equal(restorePointsCell(row), '17');
    });
  }

  test('overdue: the newest completed snapshot is older than the interval, so its age is the RPO', () => {
    const row = computePosture(facts(schedule([['daily', 1]]), { newestAgo: 3 * D, oldestAgo: 9 * D, count: 7 }), NOW);
    assert.equal(row.recovery?.rpoSeconds, (3 * D) / 1000);
    assert.equal(rpoCell(row), '3 d (overdue)');
    assert.equal(row.overdue, true);
  });

  test('continuous backup: a constant RPO of a minute at most, any second from max(now − window, oldest) to now', () => {
    assert.ok(CONTINUOUS_BACKUP_RPO_SECONDS > 0 && CONTINUOUS_BACKUP_RPO_SECONDS <= 60);
    const pit = (restoreWindowDays: number | undefined, oldestAgo: number) =>
      computePosture(
        facts(
          schedule([['hourly', 6]], { restoreWindowDays }),
          { newestAgo: 2 * H, oldestAgo, count: 40 },
          {
            cluster: cluster({ pitEnabled: true }),
          },
        ),
        NOW,
      );
    const long = pit(2, 10 * D);
    assert.equal(long.backup, 'continuous');
    assert.equal(long.recovery?.rpoSeconds, CONTINUOUS_BACKUP_RPO_SECONDS);
    assert.equal(long.recovery?.restorableFrom, iso(NOW - 2 * D), 'the window, not the oldest snapshot');
    assert.equal(long.recovery?.restorableTo, iso(NOW));
    assert.equal(long.recovery?.pointInTime, true);
    assert.equal(long.recovery?.restorePoints, null, 'every second is a restore point');
    assert.equal(restorePointsCell(long), 'any second');
    assert.equal(
      pit(2, 20 * H).recovery?.restorableFrom,
      iso(NOW - 20 * H),
      'no further back than the oldest snapshot',
    );
    assert.equal(pit(undefined, 30 * D).recovery?.restorableFrom, iso(NOW - 7 * D), "Atlas's default of 7 days");
    assert.match(recoveryWords(long, NOW), /^RPO 60 s \(continuous\); restorable to any second from .* UTC to now; /);
  });

  test('no completed snapshot: nothing restorable and the RPO unbounded (null)', () => {
    const row = computePosture(facts(schedule([['daily', 1]]), null), NOW);
    assert.equal(row.recovery?.rpoSeconds, null);
    assert.equal(row.recovery?.restorableFrom, null);
    assert.equal(row.recovery?.restorePoints, null);
    assert.equal(rpoCell(row), 'unbounded');
    assert.match(recoveryWords(row, NOW), /^RPO unbounded .*; nothing restorable; never restored$/);
  });

  test('snapshots not read: the RPO and window are unknown, not unbounded', () => {
    const unread = {
      ...facts(schedule([['daily', 1]]), null),
      newestSnapshot: new Error('503'),
      snapshotSpan: undefined,
    };
    const row = computePosture(unread, NOW);
    assert.equal(row.recovery?.rpoSeconds, null);
    assert.equal(rpoCell(row), '?');
    assert.match(recoveryWords(row, NOW), /RPO unknown .*; restorable window unknown;/);
    assert.ok(!rules(unread, { rpoTargetSeconds: 60 }).includes('rpo-over-target'));
  });

  test('only the newest snapshot known (no span): one restore point, never more', () => {
    const f = facts(schedule([['daily', 1]]), { newestAgo: H, oldestAgo: 5 * D, count: 5 });
    delete f.snapshotSpan;
    const row = computePosture(f, NOW);
    assert.equal(row.recovery?.restorePoints, 1);
    assert.equal(row.recovery?.restorableFrom, row.recovery?.restorableTo);
  });

  test('backup off: no recovery posture and no recovery findings', () => {
    const row = computePosture(
      facts(undefined, null, { cluster: cluster({ backupEnabled: false }), newestSnapshot: undefined }),
      NOW,
      { rpoTargetSeconds: 1, restoreAgeDays: 1 },
    );
    assert.equal(row.recovery, null);
    assert.deepEqual(row.findings, []);
    assert.equal(rpoCell(row), '—');
    assert.equal(lastRestoreCell(row, NOW), '—');
  });
});

describe('an empty schedule is an error of the posture', () => {
  test('backup on and no policy items: no-scheduled-snapshots (error), counted in errors; the RPO is the age', () => {
    const row = computePosture(facts(schedule([]), { newestAgo: 4 * D, oldestAgo: 20 * D, count: 12 }), NOW);
    const f = row.findings.find((x) => x.ruleId === 'no-scheduled-snapshots');
    assert.equal(f?.severity, 'error');
    assert.match(f.message, /takes no scheduled snapshots/);
    assert.ok(row.errors >= 1);
    assert.equal(row.recovery?.rpoSeconds, (4 * D) / 1000);
    assert.equal(rpoCell(row), '4 d (nothing scheduled)');
    // The schedule-file rule keeps its own severity.
    for (const e of row.findings.filter((x) => x.ruleId === 'empty-policy')) assert.equal(e.severity, 'warning');
  });

  test('no policies at all, or only on-demand items: the same error', () => {
    assert.ok(rules(facts({ policies: [] }, null)).includes('no-scheduled-snapshots'));
    assert.ok(rules(facts(schedule([['ondemand', 0]]), null)).includes('no-scheduled-snapshots'));
  });

  test('a schedule with items, or one that could not be read, is not this error', () => {
    assert.ok(!rules(facts(schedule([['daily', 1]]), null)).includes('no-scheduled-snapshots'));
    assert.ok(!rules({ ...facts(undefined, null), schedule: new Error('500') }).includes('no-scheduled-snapshots'));
  });
});

const job = (over: Partial<RestoreJob>): RestoreJob => ({ deliveryType: 'automated', ...over });

describe('the last restore', () => {
  test('the newest finished, neither failed nor cancelled, whatever Atlas’s order; duration and drill only from our history', () => {
    const jobs = [
      job({ id: 'old', finishedAt: iso(NOW - 30 * D), deliveryType: 'download', expired: true }),
      job({ id: 'failed', finishedAt: iso(NOW - D), failed: true }),
      job({ id: 'cancelled', cancelled: true }),
      job({ id: 'running' }),
      job({ id: 'good', finishedAt: iso(NOW - 3 * D), deliveryType: 'pointInTime' }),
    ];
    assert.deepEqual(lastRestore(jobs), {
      finishedAt: iso(NOW - 3 * D),
      durationSeconds: null,
      deliveryType: 'pointInTime',
      drill: null,
    });
    assert.deepEqual(lastRestore([...jobs].reverse())?.finishedAt, iso(NOW - 3 * D));
    const known = new Map([['good', { startedAt: iso(NOW - 3 * D - 42 * 60_000), drill: true }]]);
    assert.deepEqual(lastRestore(jobs, known), {
      finishedAt: iso(NOW - 3 * D),
      durationSeconds: 42 * 60,
      deliveryType: 'pointInTime',
      drill: true,
    });
    assert.equal(lastRestore(jobs.slice(1, 4)), null, 'nothing succeeded');
    const row = computePosture(
      facts(
        schedule([['daily', 1]]),
        { newestAgo: H, oldestAgo: D, count: 2 },
        { restoreJobs: jobs, knownRestores: known },
      ),
      NOW,
    );
    assert.equal(
      lastRestoreCell(row, NOW),
      `${formatTime(NOW - 3 * D)} (pointInTime, 3 d ago, took 42 min, drill)`,
      'written as every time a person reads, with its zone',
    );
    assert.match(lastRestoreCell(row, NOW), /^\d{4}-\d\d-\d\d \d\d:\d\d UTC \(/);
    assert.equal(lastRestoreCell(row), `${iso(NOW - 3 * D)} (pointInTime, took 42 min, drill)`, 'the CSV keeps ISO');
  });
});

describe('findings and their thresholds', () => {
  const daily = (jobs: RestoreJob[] | Error | undefined) =>
    facts(schedule([['daily', 1]]), { newestAgo: H, oldestAgo: 9 * D, count: 8 }, { restoreJobs: jobs });

  test(`no restore in ${DEFAULT_RESTORE_AGE_DAYS} days (default), or in --restore-age-days: a warning`, () => {
    const recent = [job({ id: 'a', finishedAt: iso(NOW - 10 * D) })];
    const stale = [job({ id: 'a', finishedAt: iso(NOW - (DEFAULT_RESTORE_AGE_DAYS + 1) * D) })];
    assert.ok(!rules(daily(recent)).includes('no-recent-restore'));
    assert.ok(rules(daily(stale)).includes('no-recent-restore'));
    assert.ok(rules(daily(recent), { restoreAgeDays: 5 }).includes('no-recent-restore'));
    const never = computePosture(daily([]), NOW).findings.find((f) => f.ruleId === 'no-recent-restore');
    assert.equal(never?.severity, 'warning');
    assert.match(never.message, /^Never restored/);
    assert.equal(computePosture(daily([]), NOW).errors, 0, 'a warning never fails the audit');
  });

  test('restore jobs not asked for say nothing; not read, they are a read failure and no "never restored"', () => {
    assert.ok(!rules(daily(undefined)).includes('no-recent-restore'));
    const row = computePosture(daily(new Error('Atlas answered 503')), NOW);
    assert.ok(!row.findings.some((f) => f.ruleId === 'no-recent-restore'));
    assert.deepEqual(
      row.readFailures?.map((f) => [f.part, f.kind]),
      [['restore jobs', 'failed']],
    );
    assert.equal(lastRestoreCell(row, NOW), '?');
    assert.match(recoveryWords(row, NOW), /last restore unknown \(not read\)$/);
  });

  test('--rpo-target: a warning above the target, none at or below it, none without one', () => {
    const six = facts(schedule([['hourly', 6]]), { newestAgo: H, oldestAgo: 2 * D, count: 8 });
    assert.ok(!rules(six).includes('rpo-over-target'));
    assert.ok(!rules(six, { rpoTargetSeconds: 6 * 3600 }).includes('rpo-over-target'));
    const over = computePosture(six, NOW, { rpoTargetSeconds: 3600 }).findings.find(
      (f) => f.ruleId === 'rpo-over-target',
    );
    assert.equal(over?.severity, 'warning');
    assert.equal(over?.message, 'RPO 6 h is above the target of 1 h.');
    const none = computePosture(facts(schedule([['hourly', 6]]), null), NOW, { rpoTargetSeconds: 3600 });
    assert.match(none.findings.find((f) => f.ruleId === 'rpo-over-target')!.message, /No completed snapshot/);
  });
});
