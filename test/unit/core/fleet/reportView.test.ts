// The report's filters, text filter and sorting, and the messages the extension accepts from its webview.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computePosture } from '../../../../src/core/fleet/posture';
import { visibleRows, DEFAULT_VIEW } from '../../../../src/core/fleet/reportView';
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
