// The report's filters, text filter and sorting, and the messages the extension accepts from its webview.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computePosture } from '../../../../src/core/fleet/posture';
import {
  visibleRows,
  DEFAULT_VIEW,
  filterCounts,
  pressFilter,
  quickFilters,
  REPORT_COLUMNS,
} from '../../../../src/core/fleet/reportView';
import { restorableCell } from '../../../../src/core/recovery/recoveryWords';
import { parsePostureMessage } from '../../../../src/webview/posture/postureProtocol';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const H = 3_600_000;
const items = (interval: number) => ({
  policies: [
    {
      policyItems: [
        {
          frequencyType: 'hourly' as const,
          frequencyInterval: interval,
          retentionUnit: 'days' as const,
          retentionValue: 2,
        },
        { frequencyType: 'daily' as const, frequencyInterval: 1, retentionUnit: 'days' as const, retentionValue: 7 },
      ],
    },
  ],
});
function row(
  project: string,
  name: string,
  o: { size?: string; backup?: boolean; ageH?: number; interval?: number } = {},
) {
  return computePosture(
    {
      groupId: 'c'.repeat(24),
      projectName: project,
      cluster: {
        name,
        clusterType: 'REPLICASET',
        backupEnabled: o.backup ?? true,
        createDate: '2025-01-01T00:00:00Z',
        replicationSpecs: [
          { regionConfigs: [{ providerName: 'AWS', electableSpecs: { instanceSize: o.size ?? 'M10' } }] },
        ],
      },
      ...(o.backup === false
        ? {}
        : { schedule: items(o.interval ?? 6), newestSnapshot: new Date(NOW - (o.ageH ?? 1) * H).toISOString() }),
    },
    NOW,
  );
}
const rows = [
  row('Sandbox', 'b'),
  row('Production', 'nvme', { size: 'M40_NVME', interval: 6 }),
  row('Sandbox', 'off', { backup: false }),
  row('Production', 'late', { ageH: 30 }),
  row('Alpha', 'z'),
];
const names = (v: Partial<typeof DEFAULT_VIEW>) =>
  visibleRows(rows, { ...DEFAULT_VIEW, ...v }).map((r) => r.clusterName);

test('quick filters keep what they say', () => {
  assert.deepEqual(names({ filter: 'off' }), ['off']);
  assert.deepEqual(names({ filter: 'errors' }), ['nvme']);
  assert.deepEqual(names({ filter: 'overdue' }), ['late']);
  assert.deepEqual(names({ filter: 'notCompliant' }), []);
  assert.equal(names({}).length, 5);
});

test('the warnings filter keeps the clusters with warnings; a pressed pill goes back to all', () => {
  // A weekly item kept 3 days: the rules' retention-minimum warning, no error.
  const warned = computePosture(
    {
      groupId: 'c'.repeat(24),
      projectName: 'Sandbox',
      cluster: {
        name: 'warned',
        clusterType: 'REPLICASET',
        backupEnabled: true,
        createDate: '2025-01-01T00:00:00Z',
        replicationSpecs: [{ regionConfigs: [{ providerName: 'AWS', electableSpecs: { instanceSize: 'M10' } }] }],
      },
      schedule: {
        policies: [
          {
            policyItems: [
              { frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 2 },
              { frequencyType: 'weekly', frequencyInterval: 6, retentionUnit: 'days', retentionValue: 3 },
            ],
          },
        ],
      },
      newestSnapshot: new Date(NOW - H).toISOString(),
    },
    NOW,
  );
  assert.ok(warned.warnings > 0 && warned.errors === 0, warned.findings.map((f) => f.ruleId).join());
  const all = [...rows, warned];
  assert.deepEqual(
    visibleRows(all, { ...DEFAULT_VIEW, filter: 'warnings' }).map((r) => r.clusterName),
    ['warned'],
  );
  assert.equal(filterCounts(all).warnings, 1);
  assert.equal(pressFilter('all', 'warnings'), 'warnings');
  assert.equal(pressFilter('errors', 'warnings'), 'warnings');
  assert.equal(pressFilter('warnings', 'warnings'), 'all');
  assert.equal(pressFilter('all', 'all'), 'all');
});

test('the text filter matches every word anywhere in the row, case-insensitively', () => {
  assert.deepEqual(names({ text: 'sandbox OFF' }), ['off']);
  assert.deepEqual(names({ text: 'nvme' }), ['nvme']);
  assert.deepEqual(names({ text: 'm40' }), ['nvme']);
  assert.deepEqual(names({ text: 'nothing-like-this' }), []);
});

test('sorting: by project then name by default; by findings worst first; by snapshot oldest first; descending', () => {
  assert.deepEqual(names({}), ['z', 'late', 'nvme', 'b', 'off']);
  assert.equal(names({ sort: 'findings' })[0], 'nvme');
  assert.equal(names({ sort: 'snapshot' })[0], 'late');
  assert.equal(names({ sort: 'snapshot' }).at(-1), 'off');
  assert.deepEqual(names({ sort: 'cluster', descending: true }), ['z', 'off', 'nvme', 'late', 'b']);
});

// The recovery posture: one row per case, with the restore jobs read (so "never restored" can be said).
const DAY = 24 * H;
function rec(
  name: string,
  o: {
    schedule?: ReturnType<typeof items> | { policies: [] };
    ageH?: number;
    spanDays?: number;
    restoredDaysAgo?: number;
    backup?: boolean;
    continuous?: boolean;
  } = {},
  rpoTargetSeconds?: number,
) {
  const newestMs = NOW - (o.ageH ?? 1) * H;
  return computePosture(
    {
      groupId: 'c'.repeat(24),
      projectName: 'Recovery',
      cluster: {
        name,
        clusterType: 'REPLICASET',
        backupEnabled: o.backup ?? true,
        pitEnabled: o.continuous ?? false,
        createDate: '2025-01-01T00:00:00Z',
        replicationSpecs: [{ regionConfigs: [{ providerName: 'AWS', electableSpecs: { instanceSize: 'M10' } }] }],
      },
      ...(o.backup === false
        ? {}
        : {
            schedule: o.schedule ?? items(6),
            newestSnapshot: new Date(newestMs).toISOString(),
            snapshotSpan: { oldestMs: newestMs - (o.spanDays ?? 2) * DAY, newestMs, count: 9 },
            restoreJobs:
              o.restoredDaysAgo === undefined
                ? []
                : [
                    {
                      id: 'j'.repeat(24),
                      deliveryType: 'automated' as const,
                      finishedAt: new Date(NOW - o.restoredDaysAgo * DAY).toISOString(),
                    },
                  ],
          }),
    },
    NOW,
    rpoTargetSeconds === undefined ? {} : { rpoTargetSeconds },
  );
}
const TARGET = 3 * 3600;
const recRows = [
  rec('empty', { schedule: { policies: [] }, ageH: 50, restoredDaysAgo: 10 }, TARGET),
  rec('never', { spanDays: 1 }, TARGET),
  rec('late', { ageH: 30, restoredDaysAgo: 200, spanDays: 5 }, TARGET),
  rec('fine', { ageH: 1, restoredDaysAgo: 3, spanDays: 7 }, TARGET),
  rec('off', { backup: false }, TARGET),
];
const recNames = (v: Partial<typeof DEFAULT_VIEW>) =>
  visibleRows(recRows, { ...DEFAULT_VIEW, ...v }).map((r) => r.clusterName);

test('the recovery quick filters: no scheduled snapshots, never restored, RPO over target; with their counts', () => {
  assert.deepEqual(recNames({ filter: 'noScheduledSnapshots' }), ['empty']);
  assert.deepEqual(recNames({ filter: 'neverRestored' }), ['never']);
  // RPO 6 h (the hourly item) is above the 3 h target everywhere; "late" is 30 h, "empty" 50 h.
  assert.deepEqual(recNames({ filter: 'rpoOverTarget', sort: 'cluster' }), ['empty', 'fine', 'late', 'never']);
  const n = filterCounts(recRows);
  assert.equal(n.all, 5);
  assert.equal(n.off, 1);
  assert.equal(n.noScheduledSnapshots, 1);
  assert.equal(n.neverRestored, 1);
  assert.equal(n.rpoOverTarget, 4);
  assert.equal(n.errors, 1, 'no scheduled snapshots is an error');
  // Without a target, nothing is over it, and the filter is not offered.
  assert.equal(filterCounts([rec('never', {})]).rpoOverTarget, 0);
  assert.ok(!quickFilters({ rpoTargetSet: false }).some((f) => f.id === 'rpoOverTarget'));
  assert.deepEqual(
    quickFilters({ rpoTargetSet: true })
      .slice(-3)
      .map((f) => f.label),
    ['No scheduled snapshots', 'Never restored', 'RPO over target'],
  );
  // The existing filters keep their order; Warnings sits beside Errors, as the two badges do in a row.
  assert.deepEqual(
    quickFilters({ rpoTargetSet: false }).map((f) => f.id),
    ['all', 'off', 'errors', 'warnings', 'overdue', 'notCompliant', 'noScheduledSnapshots', 'neverRestored'],
  );
});

test('the recovery columns come after the existing ones and sort worst first, backup off last', () => {
  assert.deepEqual(
    REPORT_COLUMNS.slice(-3).map((c) => c.title),
    ['RPO', 'Restorable', 'Last restore'],
  );
  assert.deepEqual(recNames({ sort: 'rpo' }), ['empty', 'late', 'fine', 'never', 'off']);
  assert.deepEqual(recNames({ sort: 'restorable' }), ['never', 'empty', 'late', 'fine', 'off']);
  assert.deepEqual(recNames({ sort: 'lastRestore' }), ['never', 'late', 'empty', 'fine', 'off']);
  assert.deepEqual(recNames({ sort: 'lastRestore', descending: true }), ['off', 'fine', 'empty', 'late', 'never']);
});

test('the restorable cell: from → to, or continuous with its days, or nothing', () => {
  assert.equal(restorableCell(rec('fine', { ageH: 1, spanDays: 7 })), '2026-11-24 11:00 UTC → 2026-12-01 11:00 UTC');
  assert.match(restorableCell(rec('pit', { continuous: true, spanDays: 30 })), /^continuous, \d+(\.\d)? days?$/);
  assert.equal(restorableCell(rec('off', { backup: false })), '—');
});

test('the extension accepts only well-formed messages from the webview', () => {
  assert.deepEqual(parsePostureMessage({ type: 'openCluster', groupId: 'c'.repeat(24), clusterName: 'orders-rs' }), {
    type: 'openCluster',
    groupId: 'c'.repeat(24),
    clusterName: 'orders-rs',
  });
  assert.match(parsePostureMessage({ type: 'openCluster', groupId: '../x', clusterName: 'a' }) as string, /groupId/);
  assert.match(
    parsePostureMessage({ type: 'editSchedule', groupId: 'c'.repeat(24), clusterName: 'a/b' }) as string,
    /clusterName/,
  );
  assert.match(parsePostureMessage({ type: 'export', format: 'html' }) as string, /format/);
  assert.match(parsePostureMessage('x') as string, /not an object/);
});
