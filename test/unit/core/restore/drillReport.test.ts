// The drill report: one value from the drill's facts (completed, refused, failed, Atlas failing, still running), its
// exit status, and the text and Markdown an auditor keeps (values from Atlas escaped in Markdown).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildDrillReport,
  drillDurationWords,
  drillExitCode,
  drillReportJson,
  drillReportMarkdown,
  drillReportText,
  projectSnapshotRestoreJob,
  renderDrillReport,
} from '../../../../src/core/restore';

const T0 = Date.parse('2026-11-20T12:00:00Z');
const base = {
  source: { groupId: 'a'.repeat(24), clusterName: 'orders-rs' },
  target: { groupId: 'b'.repeat(24), clusterName: 'scratch' },
};
const checks = [
  { id: 'snapshot-completed' as const, passed: true, reason: 'Snapshot s1 is completed.' },
  { id: 'topology' as const, passed: true, reason: 'Both are replica sets.' },
];
const job = (j: Record<string, unknown>) =>
  projectSnapshotRestoreJob({ id: 'j1', deliveryType: 'automated', snapshotId: 's1', ...j });

describe('buildDrillReport', () => {
  test('a completed drill: the job’s state, times, duration from our start to Atlas’s finishedAt', () => {
    const r = buildDrillReport({
      ...base,
      snapshotId: 's1',
      checks,
      startedAtMs: T0,
      job: job({ finishedAt: '2026-11-20T12:07:30Z', targetGroupId: 'b'.repeat(24), targetClusterName: 'scratch' }),
      endedAtMs: T0 + 600_000,
    });
    assert.deepEqual(Object.keys(r), [
      'state',
      'snapshotId',
      'pointInTimeUtc',
      'source',
      'target',
      'startedAt',
      'finishedAt',
      'durationSeconds',
      'checks',
      'restoreJobId',
      'error',
    ]);
    assert.equal(r.state, 'completed');
    assert.equal(r.source, `${'a'.repeat(24)}/orders-rs`);
    assert.equal(r.target, `${'b'.repeat(24)}/scratch`);
    assert.equal(r.startedAt, '2026-11-20T12:00:00Z');
    assert.equal(r.finishedAt, '2026-11-20T12:07:30Z');
    assert.equal(r.durationSeconds, 450);
    assert.equal(r.restoreJobId, 'j1');
    assert.equal(r.error, null);
    assert.equal(drillExitCode(r), 0);
    assert.deepEqual(JSON.parse(drillReportJson(r)), r);
  });

  test('a failed job without finishedAt ends when the watch saw it end', () => {
    const r = buildDrillReport({
      ...base,
      checks,
      startedAtMs: T0,
      job: job({ failed: true }),
      endedAtMs: T0 + 90_000,
    });
    assert.equal(r.state, 'failed');
    assert.equal(r.finishedAt, '2026-11-20T12:01:30Z');
    assert.equal(r.durationSeconds, 90);
    assert.equal(drillExitCode(r), 3);
  });

  test('still running (Ctrl-C): no end, no duration, exit 3 by the report', () => {
    const r = buildDrillReport({ ...base, checks, startedAtMs: T0, job: job({}), endedAtMs: T0 + 5_000 });
    assert.equal(r.state, 'in-progress');
    assert.equal(r.finishedAt, null);
    assert.equal(r.durationSeconds, null);
    assert.equal(drillExitCode(r), 3);
  });

  test('refused: nothing started, the failed check kept, exit 1', () => {
    const failed = [{ id: 'target-not-source' as const, passed: false, reason: 'The target is orders-rs itself.' }];
    const r = buildDrillReport({ ...base, snapshotId: 's1', checks: failed, refused: 'refusing the drill' });
    assert.equal(r.state, 'refused');
    assert.equal(r.startedAt, null);
    assert.equal(r.restoreJobId, null);
    assert.equal(r.snapshotId, 's1');
    assert.equal(r.error, 'refusing the drill');
    assert.equal(drillExitCode(r), 1);
  });

  test('Atlas failing: state error, exit 3, the start time kept when the start may have reached Atlas', () => {
    const r = buildDrillReport({ ...base, startedAtMs: T0, error: 'the answer was lost' });
    assert.equal(r.state, 'error');
    assert.equal(r.startedAt, '2026-11-20T12:00:00Z');
    assert.equal(drillExitCode(r), 3);
  });

  test('a point in time is reported as one', () => {
    const r = buildDrillReport({ ...base, pointInTimeUtc: '2026-11-20T11:00:00Z', refused: 'x' });
    assert.equal(r.pointInTimeUtc, '2026-11-20T11:00:00Z');
    assert.match(drillReportText(r), /Restored: +point in time 2026-11-20 11:00:00 UTC/);
  });
});

describe('the readable reports', () => {
  const done = buildDrillReport({
    ...base,
    snapshotId: 's1',
    checks,
    startedAtMs: T0,
    job: job({ finishedAt: '2026-11-20T13:02:03Z' }),
  });

  test('text: outcome, source, target, times, duration and every check', () => {
    const t = drillReportText(done);
    assert.match(t, /^Restore drill report/);
    assert.match(t, /Outcome: +PASSED/);
    assert.match(t, /Source: +a{24}\/orders-rs/);
    assert.match(t, /Target \(scratch\): +b{24}\/scratch/);
    assert.match(t, /Started: +2026-11-20 12:00:00 UTC/);
    assert.match(t, /Duration: +1h 02m 03s/);
    assert.match(t, /Checks \(2 of 2 passed\)/);
    assert.match(t, /passed {2}topology: Both are replica sets\./);
    assert.equal(renderDrillReport(done, 'text'), t);
  });

  test('Markdown: a table, names and reasons from Atlas escaped', () => {
    const evil = buildDrillReport({
      source: { groupId: 'a'.repeat(24), clusterName: 'x|<b>*y*' },
      target: base.target,
      checks: [{ id: 'topology', passed: false, reason: 'a | b <script> [link](x)' }],
      refused: 'no `way`',
    });
    const md = drillReportMarkdown(evil);
    assert.match(md, /^# Restore drill: /);
    assert.match(md, /\*\*REFUSED/);
    assert.doesNotMatch(md, /<script>|<b>/);
    assert.match(md, /a \\\| b \\<script\\> \\\[link\\\]\(x\)/);
    assert.match(md, /\| `topology` \| \*\*failed\*\* \|/);
    assert.match(md, /no \\`way\\`/);
    assert.equal(renderDrillReport(evil, 'markdown'), md);
  });

  test('durations in words', () => {
    assert.equal(drillDurationWords(null), 'unknown');
    assert.equal(drillDurationWords(42), '42s');
    assert.equal(drillDurationWords(450), '7m 30s');
    assert.equal(drillDurationWords(3723), '1h 02m 03s');
  });
});
