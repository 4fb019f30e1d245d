// One failing case (exact range, id, severity) and the nearest passing case for every rule; preferred fixes are
// applied and the document re-checked.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, checkSchedule, rules, type ScheduleContext } from '../../../../src/core/schedule/index';
import { D, H, M, W, Y, ITEM_DAILY, ITEM_HOURLY, ZONE_AMER, ZONE_EMEA, item, marked, schedule } from './fixtures';

interface Case {
  rule: string;
  name: string;
  /** Failing document with «» around the range the problem must cover. */
  fail: string;
  /** The nearest document that passes this rule. */
  pass: string;
  ctx?: ScheduleContext;
  /** Context for the passing case when it differs. */
  passCtx?: ScheduleContext;
  /** Text the message must contain. */
  says?: string | RegExp;
  /** Apply the preferred fix and expect this rule to fall silent. */
  fix?: boolean;
}

const BUCKET = '"exportBucketId": "64b0c0ffee00000000000400"';
const copy = (members: string) => `"copySettings": [{ ${members} }]`;
const zone = `"zoneId": "${ZONE_EMEA}"`;
const bcp = (items: ScheduleContext['compliance']) => ({ compliance: items });

const cases: Case[] = [
  {
    rule: 'json-syntax',
    name: 'missing comma',
    fail: '{ "policies": [] «"referenceHourOfDay"»: 1 }',
    pass: '{ "policies": [], "referenceHourOfDay": 1 }',
    says: 'comma expected',
  },
  {
    rule: 'json-syntax',
    name: 'root is an array',
    fail: '«[1, 2]»',
    pass: schedule([H]),
    says: 'must be a JSON object',
  },
  {
    rule: 'policy-count',
    name: 'two policies',
    fail: `{ «"policies"»: [{ "policyItems": [] }, { "policyItems": [] }] }`,
    pass: `{ "policies": [{ "policyItems": [] }] }`,
    says: 'INVALID_NUM_OF_POLICIES',
  },
  {
    rule: 'policy-count',
    name: 'policies missing',
    fail: '«{» "referenceHourOfDay": 1, "referenceMinuteOfHour": 0 }',
    pass: '{ "policies": [{ "policyItems": [] }], "referenceHourOfDay": 1, "referenceMinuteOfHour": 0 }',
  },
  {
    rule: 'policy-items',
    name: 'policyItems null',
    fail: '{ "policies": [{ "policyItems": «null» }] }',
    pass: '{ "policies": [{ "policyItems": [] }] }',
    says: 'must be an array',
  },
  {
    rule: 'item-fields',
    name: 'interval is a string',
    fail: schedule([item('hourly', '«"6"»', 'days', 2)]),
    pass: schedule([H]),
    says: 'whole number',
  },
  {
    rule: 'item-fields',
    name: 'retention missing',
    fail: schedule(['«{» "frequencyType": "daily", "frequencyInterval": 1, "retentionUnit": "days" }']),
    pass: schedule([D]),
    says: 'missing retentionValue',
  },
  {
    rule: 'unknown-enum',
    name: 'capitalised frequency type',
    fail: schedule([item('«"Hourly"»', 6, 'days', 2)]),
    pass: schedule([H]),
    says: 'Did you mean "hourly"',
    fix: true,
  },
  {
    rule: 'unknown-enum',
    name: 'unknown copy provider',
    fail: schedule([H], copy(`${zone}, "cloudProvider": «"OCI"», "lastNumberOfSnapshots": 3`)),
    pass: schedule([H], copy(`${zone}, "cloudProvider": "GCP", "lastNumberOfSnapshots": 3`)),
  },
  {
    rule: 'unknown-field',
    name: 'typo in a top-level field',
    fail: schedule([H], '«"referenceHourOfDya"»: 3'),
    pass: schedule([H], '"referenceHourOfDay": 3, "referenceMinuteOfHour": 0'),
    says: 'did you mean "referenceHourOfDay"',
    fix: true,
  },
  {
    rule: 'frequency-interval',
    name: 'hourly 3',
    fail: schedule([item('hourly', '«3»', 'days', 2)]),
    pass: schedule([item('hourly', 4, 'days', 2)]),
    says: 'is 3, but an hourly item allows 1, 2, 4, 6, 8 or 12 hours',
    fix: true,
  },
  {
    rule: 'frequency-interval',
    name: 'NVMe hourly 6',
    fail: schedule([item('hourly', '«6»', 'days', 2)]),
    pass: schedule([item('hourly', 12, 'days', 2)]),
    ctx: { nvme: true },
    says: 'NVMe',
    fix: true,
  },
  {
    rule: 'frequency-interval',
    name: 'weekly 8',
    fail: schedule([item('weekly', '«8»', 'weeks', 4)]),
    pass: schedule([item('weekly', 7, 'weeks', 4)]),
    says: '1 = Monday',
    fix: true,
  },
  {
    rule: 'frequency-interval',
    name: 'monthly 29',
    fail: schedule([item('monthly', '«29»', 'months', 1)]),
    pass: schedule([item('monthly', 40, 'months', 1)]),
    says: '1–28 or 40',
    fix: true,
  },
  {
    rule: 'frequency-interval',
    name: 'yearly 13',
    fail: schedule([item('yearly', '«13»', 'years', 1)]),
    pass: schedule([Y]),
    fix: true,
  },
  {
    rule: 'frequency-interval',
    name: 'daily 2',
    fail: schedule([item('daily', '«2»', 'days', 7)]),
    pass: schedule([D]),
    fix: true,
  },
  {
    rule: 'duplicate-frequency',
    name: 'two daily items',
    fail: schedule([D, item('«"daily"»', 1, 'days', 14)]),
    pass: schedule([D, item('weekly', 1, 'days', 14)]),
    says: 'second daily item',
  },
  {
    rule: 'retention-positive',
    name: 'retention 0',
    fail: schedule([item('daily', 1, 'days', '«0»')]),
    pass: schedule([item('daily', 1, 'days', 1)]),
    fix: true,
  },
  {
    rule: 'retention-order',
    name: 'weekly shorter than daily, across units',
    fail: schedule([item('daily', 1, 'days', 14), item('weekly', 6, 'weeks', '«1»')]),
    pass: schedule([item('daily', 1, 'days', 14), item('weekly', 6, 'weeks', 2)]),
    says: 'is 1 week (weekly), shorter than the 14 days of the daily item',
    fix: true,
  },
  {
    rule: 'retention-order',
    name: 'yearly in days shorter than monthly in months',
    fail: schedule([M, item('yearly', 1, 'days', '«300»')]),
    pass: schedule([M, item('yearly', 1, 'days', 372)]),
    fix: true,
  },
  {
    rule: 'retention-minimum',
    name: 'weekly kept 3 days',
    fail: schedule([item('weekly', 6, 'days', '«3»')]),
    pass: schedule([item('weekly', 6, 'days', 7)]),
    says: 'documented minimum',
    fix: true,
  },
  {
    rule: 'reference-time-range',
    name: 'hour 24',
    fail: schedule([H], '"referenceHourOfDay": «24»', '"referenceMinuteOfHour": 0'),
    pass: schedule([H], '"referenceHourOfDay": 23', '"referenceMinuteOfHour": 0'),
    says: '0–23',
    fix: true,
  },
  {
    rule: 'reference-time-pair',
    name: 'hour without minute',
    fail: schedule([H], '«"referenceHourOfDay"»: 5'),
    pass: schedule([H], '"referenceHourOfDay": 5', '"referenceMinuteOfHour": 0'),
    says: 'INVALID_REFERENCE_TIME_OF_DAY_MISSING_FIELDS',
    fix: true,
  },
  {
    rule: 'restore-window',
    name: 'zero',
    fail: schedule([H], '"restoreWindowDays": «0»'),
    pass: schedule([H], '"restoreWindowDays": 1'),
    says: 'INVALID_RESTORE_WINDOW',
    fix: true,
  },
  {
    rule: 'restore-window',
    name: 'longer than the hourly retention with PIT',
    fail: schedule([H], '"restoreWindowDays": «5»'),
    pass: schedule([H], '"restoreWindowDays": 2'),
    ctx: { pitEnabled: true },
    says: 'longer than the hourly retention (2 days',
    fix: true,
  },
  {
    rule: 'pit-hourly-item',
    name: 'PIT without an hourly item',
    fail: `{ "policies": [{ «"policyItems"»: [${D}] }], "restoreWindowDays": 3 }`,
    pass: `{ "policies": [{ "policyItems": [${H}, ${D}] }], "restoreWindowDays": 2 }`,
    ctx: { pitEnabled: true },
    fix: true,
  },
  {
    rule: 'restore-window-without-pit',
    name: 'restore window without PIT',
    fail: schedule([H], '«"restoreWindowDays"»: 2'),
    pass: schedule([H]),
    ctx: { pitEnabled: false },
  },
  {
    rule: 'export-settings',
    name: 'auto export without bucket',
    fail: schedule([M], '"autoExportEnabled": true', '«"export"»: { "frequencyType": "monthly" }'),
    pass: schedule([M], '"autoExportEnabled": true', `"export": { ${BUCKET}, "frequencyType": "monthly" }`),
    says: 'no exportBucketId',
  },
  {
    rule: 'export-settings',
    name: 'auto export without export',
    fail: schedule([M], '"autoExportEnabled": «true»'),
    pass: schedule([M], '"autoExportEnabled": false'),
  },
  {
    rule: 'export-frequency',
    name: 'weekly export',
    fail: schedule([M], '"autoExportEnabled": true', `"export": { ${BUCKET}, "frequencyType": «"weekly"» }`),
    pass: schedule([M], '"autoExportEnabled": true', `"export": { ${BUCKET}, "frequencyType": "yearly" }`),
    says: 'older Atlas documentation',
    fix: true,
  },
  {
    rule: 'export-bucket-exists',
    name: 'a bucket of another project',
    fail: schedule(
      [M],
      '"autoExportEnabled": true',
      '"export": { "exportBucketId": «"64b0c0ffee00000000000499"», "frequencyType": "monthly" }',
    ),
    pass: schedule([M], '"autoExportEnabled": true', `"export": { ${BUCKET}, "frequencyType": "monthly" }`),
    ctx: {
      exportBuckets: [{ id: '64b0c0ffee00000000000400', bucketName: 'acme-atlas-exports', cloudProvider: 'AWS' }],
    },
    says: "the project's buckets are acme-atlas-exports (64b0c0ffee00000000000400)",
    fix: true,
  },
  {
    rule: 'export-bucket-exists',
    name: 'the bucket name where the id belongs',
    fail: schedule(
      [M],
      '"autoExportEnabled": true',
      '"export": { "exportBucketId": «"acme-atlas-exports"», "frequencyType": "monthly" }',
    ),
    pass: schedule([M], '"autoExportEnabled": true', `"export": { ${BUCKET}, "frequencyType": "monthly" }`),
    ctx: {
      exportBuckets: [
        { id: '64b0c0ffee00000000000401', bucketName: 'exports', cloudProvider: 'AZURE' },
        { id: '64b0c0ffee00000000000400', bucketName: 'acme-atlas-exports', cloudProvider: 'AWS' },
      ],
    },
    says: 'is the bucket name "acme-atlas-exports"; Atlas needs its id, 64b0c0ffee00000000000400',
    fix: true,
  },
  {
    rule: 'export-bucket-exists',
    name: 'a project without buckets',
    fail: schedule(
      [M],
      '"autoExportEnabled": true',
      `"export": { "exportBucketId": «"64b0c0ffee00000000000400"», "frequencyType": "monthly" }`,
    ),
    pass: schedule([M], '"autoExportEnabled": true', `"export": { ${BUCKET}, "frequencyType": "monthly" }`),
    ctx: { exportBuckets: [] },
    passCtx: {},
    says: 'the project has no export bucket',
  },
  {
    rule: 'copy-zone',
    name: 'zoneId missing',
    fail: schedule([H], '"copySettings": [«{» "cloudProvider": "AWS", "lastNumberOfSnapshots": 2 }]'),
    pass: schedule([H], copy(`${zone}, "cloudProvider": "AWS", "lastNumberOfSnapshots": 2`)),
    says: 'has no zoneId',
  },
  {
    rule: 'copy-zone',
    name: 'zoneId missing on a one-zone cluster',
    fail: schedule([H], '"copySettings": [«{» "cloudProvider": "AWS", "lastNumberOfSnapshots": 2 }]'),
    pass: schedule([H], copy(`${zone}, "cloudProvider": "AWS", "lastNumberOfSnapshots": 2`)),
    ctx: { zones: [{ zoneId: ZONE_EMEA, providers: ['AWS'] }] },
    fix: true,
  },
  {
    rule: 'copy-zone',
    name: 'zone of another cluster',
    fail: schedule([H], copy(`"zoneId": «"64b0c0ffee0000000000ffff"», "lastNumberOfSnapshots": 2`)),
    pass: schedule([H], copy(`"zoneId": "${ZONE_AMER}", "lastNumberOfSnapshots": 2`)),
    ctx: {
      zones: [
        { zoneId: ZONE_EMEA, zoneName: 'EMEA', providers: ['AWS'] },
        { zoneId: ZONE_AMER, providers: ['AWS'] },
      ],
    },
    says: 'EMEA',
  },
  {
    rule: 'copy-zone',
    name: 'other cloud provider',
    fail: schedule([H], copy(`${zone}, "cloudProvider": «"GCP"», "lastNumberOfSnapshots": 2`)),
    pass: schedule([H], copy(`${zone}, "cloudProvider": "AWS", "lastNumberOfSnapshots": 2`)),
    ctx: { zones: [{ zoneId: ZONE_EMEA, providers: ['AWS'] }] },
    says: 'same cloud provider',
    fix: true,
  },
  {
    rule: 'copy-exclusive',
    name: 'frequencies and lastNumberOfSnapshots',
    fail: schedule([H], copy(`${zone}, "frequencies": ["DAILY"], «"lastNumberOfSnapshots"»: 2`)),
    pass: schedule([H], copy(`${zone}, "lastNumberOfSnapshots": 2`)),
  },
  {
    rule: 'copy-policy-items',
    name: 'copyPolicyItems without the flag',
    fail: schedule([H], copy(`${zone}, «"copyPolicyItems"»: [{ "frequencyType": "ondemand" }]`)),
    pass: schedule(
      [H],
      '"copyPolicyItemsEnabled": true',
      copy(`${zone}, "copyPolicyItems": [{ "frequencyType": "ondemand" }]`),
    ),
    fix: true,
  },
  {
    rule: 'copy-policy-items',
    name: 'time-based copy item without retention',
    fail: schedule(
      [H],
      '"copyPolicyItemsEnabled": true',
      copy(`${zone}, "copyPolicyItems": [«{» "frequencyType": "daily" }]`),
    ),
    pass: schedule(
      [H],
      '"copyPolicyItemsEnabled": true',
      copy(`${zone}, "copyPolicyItems": [{ "frequencyType": "daily", "retentionUnit": "days", "retentionValue": 3 }]`),
    ),
  },
  {
    rule: 'copy-frequencies-deprecated',
    name: 'frequencies',
    fail: schedule([H, W], `"copySettings": [{ ${zone}, «"frequencies": ["HOURLY", "WEEKLY", "ON_DEMAND"]» }]`),
    pass: schedule(
      [H, W],
      '"copyPolicyItemsEnabled": true',
      copy(`${zone}, "copyPolicyItems": [{ "frequencyType": "ondemand" }]`),
    ),
    says: 'deprecated',
    fix: true,
  },
  {
    rule: 'copy-policy-items',
    name: 'frequencies with copyPolicyItemsEnabled',
    fail: schedule([H], '"copyPolicyItemsEnabled": true', copy(`${zone}, «"frequencies"»: ["DAILY"]`)),
    pass: schedule(
      [H],
      '"copyPolicyItemsEnabled": true',
      copy(`${zone}, "copyPolicyItems": [{ "frequencyType": "ondemand" }]`),
    ),
    fix: true,
  },
  {
    rule: 'copy-last-snapshots',
    name: '501',
    fail: schedule([H], copy(`${zone}, "lastNumberOfSnapshots": «501»`)),
    pass: schedule([H], copy(`${zone}, "lastNumberOfSnapshots": 500`)),
    fix: true,
  },
  {
    rule: 'copy-oplogs-pit',
    name: 'oplogs without PIT',
    fail: schedule([H], copy(`${zone}, "shouldCopyOplogs": «true», "lastNumberOfSnapshots": 2`)),
    pass: schedule([H], copy(`${zone}, "shouldCopyOplogs": false, "lastNumberOfSnapshots": 2`)),
    ctx: { pitEnabled: false },
    fix: true,
  },
  {
    rule: 'delete-copy-snapshots',
    name: 'without copyPolicyItemsEnabled',
    fail: schedule([H], '«"deleteCopySnapshots"»: true'),
    pass: schedule([H], '"copyPolicyItemsEnabled": true', '"deleteCopySnapshots": true'),
    fix: false,
  },
  {
    rule: 'unknown-item-id',
    name: 'stale id',
    fail: schedule([item('hourly', 6, 'days', 2, `"id": «"64b0c0ffee0000000000dead"», `)]),
    pass: schedule([item('hourly', 6, 'days', 2, `"id": "${ITEM_HOURLY}", `)]),
    ctx: { serverItemIds: [ITEM_HOURLY] },
    says: 'INVALID_POLICY_ITEM_ID',
    fix: true,
  },
  {
    rule: 'frequency-type-change',
    name: 'daily item turned weekly',
    fail: schedule([item('«"weekly"»', 1, 'days', 7, `"id": "${ITEM_DAILY}", `)]),
    pass: schedule([item('daily', 1, 'days', 7, `"id": "${ITEM_DAILY}", `)]),
    ctx: { serverItems: [{ id: ITEM_DAILY, frequencyType: 'daily' }] },
    says: 'INVALID_FREQUENCY_TYPE_CHANGE',
    fix: true,
  },
  {
    rule: 'compliance-item',
    name: 'retention below the BCP',
    fail: schedule([H, item('daily', 1, 'days', '«3»')]),
    pass: schedule([H, D]),
    ctx: bcp({
      state: 'ACTIVE',
      scheduledPolicyItems: [
        { frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 7 },
      ],
    }),
    says: 'requires a daily item kept at least 7 days',
    fix: true,
  },
  {
    rule: 'compliance-item',
    name: 'BCP item missing',
    fail: `{ "policies": [{ «"policyItems"»: [${D}] }] }`,
    pass: `{ "policies": [{ "policyItems": [${D}, ${M}] }] }`,
    ctx: bcp({
      scheduledPolicyItems: [
        { frequencyType: 'monthly', frequencyInterval: 1, retentionUnit: 'months', retentionValue: 6 },
      ],
    }),
    says: 'requires a monthly item kept at least 6 months',
    fix: true,
  },
  {
    rule: 'compliance-item',
    name: 'hourly at another interval',
    fail: `{ "policies": [{ «"policyItems"»: [${item('hourly', 12, 'days', 2)}] }] }`,
    pass: `{ "policies": [{ "policyItems": [${H}] }] }`,
    ctx: bcp({
      scheduledPolicyItems: [
        { frequencyType: 'hourly', frequencyInterval: 6, retentionUnit: 'days', retentionValue: 2 },
      ],
    }),
    says: 'requires an hourly item every 6 hours',
    fix: false,
  },
  {
    rule: 'compliance-restore-window',
    name: 'restore window below the BCP',
    fail: schedule([item('hourly', 6, 'days', 7)], '"restoreWindowDays": «3»'),
    pass: schedule([item('hourly', 6, 'days', 7)], '"restoreWindowDays": 5'),
    ctx: { pitEnabled: true, compliance: { restoreWindowDays: 5 } },
    fix: true,
  },
  {
    rule: 'compliance-restore-window',
    name: 'restore window below a BCP that requires PIT',
    fail: schedule([item('hourly', 6, 'days', 7)], '"restoreWindowDays": «3»'),
    pass: schedule([item('hourly', 6, 'days', 7)], '"restoreWindowDays": 5'),
    ctx: { pitEnabled: false, compliance: { pitEnabled: true, restoreWindowDays: 5 } },
    fix: true,
  },
  {
    rule: 'empty-policy',
    name: 'no policy items',
    fail: '{ "policies": [{ «"policyItems"»: [] }] }',
    pass: `{ "policies": [{ "policyItems": [${H}] }] }`,
    says: 'takes no scheduled snapshots',
    fix: true,
  },
  {
    rule: 'compliance-pit',
    name: 'BCP requires PIT',
    fail: schedule([H], '«"restoreWindowDays"»: 2'),
    pass: schedule([H], '"restoreWindowDays": 2'),
    ctx: { pitEnabled: false, compliance: { pitEnabled: true, restoreWindowDays: 2 } },
    passCtx: { pitEnabled: true, compliance: { pitEnabled: true, restoreWindowDays: 2 } },
  },
  {
    rule: 'compliance-deletion',
    name: 'deleteSnapshots under a BCP',
    fail: schedule([H], '«"deleteSnapshots"»: true'),
    pass: schedule([H], '"deleteSnapshots": false'),
    ctx: bcp({ state: 'ACTIVE' }),
    says: 'CANNOT_DELETE_SNAPSHOT_WITH_BACKUP_COMPLIANCE_POLICY',
    fix: true,
  },
  {
    rule: 'compliance-deletion',
    name: 'deleting copies under copy protection',
    fail: schedule([H], `«"deleteCopiedBackups"»: [{ "cloudProvider": "AWS", "regionName": "US_EAST_1", ${zone} }]`),
    pass: schedule([H], '"deleteCopiedBackups": []'),
    ctx: bcp({ copyProtectionEnabled: true }),
    says: 'copy protection',
    fix: true,
  },
];

describe('every rule has a failing and a passing case', () => {
  test('catalogue coverage', () => {
    const covered = new Set(cases.map((c) => c.rule));
    const missing = rules.map((r) => r.id).filter((id) => !covered.has(id) && id !== 'schema' && id !== 'internal');
    assert.deepEqual(missing, []);
  });

  for (const c of cases) {
    test(`${c.rule}: ${c.name}`, () => {
      const { text, offset, length, expected } = marked(c.fail);
      const info = rules.find((r) => r.id === c.rule);
      assert.ok(info, `rule ${c.rule} is in the catalogue`);
      const found = checkSchedule(text, c.ctx).filter((p) => p.ruleId === c.rule);
      assert.equal(found.length, 1, `one ${c.rule} problem, got ${JSON.stringify(found.map((p) => p.message))}`);
      const [p] = found;
      assert.equal(text.slice(p.offset, p.offset + p.length), expected);
      assert.deepEqual([p.offset, p.length], [offset, length]);
      assert.equal(p.severity, info.severity);
      assert.equal(p.docs, `docs/rules.md#${c.rule}`);
      if (c.says)
        assert.match(
          p.message,
          typeof c.says === 'string' ? new RegExp(c.says.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : c.says,
        );
      assert.deepEqual(
        checkSchedule(c.pass, c.passCtx ?? c.ctx).filter((q) => q.ruleId === c.rule),
        [],
        'the nearest passing document is silent',
      );
      if (c.fix) {
        const fix = p.fixes?.find((f) => f.isPreferred) ?? p.fixes?.[0];
        assert.ok(fix, 'a quick fix is offered');
        const fixed = applyEdits(text, fix.edits);
        const after = checkSchedule(fixed, c.ctx);
        assert.deepEqual(
          after.filter((q) => q.ruleId === c.rule || q.ruleId === 'json-syntax').map((q) => q.message),
          [],
          `fixed document:\n${fixed}`,
        );
        if (text.includes('// keep this comment'))
          assert.ok(fixed.includes('// keep this comment'), 'the fix keeps comments');
      }
    });
  }
});

describe('rule details', () => {
  test('retention ordering compares across units without flagging 12 months vs 1 year', () => {
    assert.deepEqual(
      checkSchedule(schedule([H, D, W, M, Y])).map((p) => p.ruleId),
      [],
    );
    assert.deepEqual(
      checkSchedule(schedule([item('daily', 1, 'days', 31), item('monthly', 1, 'months', 1)])).map((p) => p.ruleId),
      [],
    );
    const p = checkSchedule(schedule([item('daily', 1, 'days', 32), item('monthly', 1, 'months', 1)])).filter(
      (x) => x.ruleId === 'retention-order',
    );
    assert.equal(p.length, 1);
    assert.equal(p[0].fixes?.[0].title, 'Raise retention to 2 months');
  });

  test('a fix that adds an hourly item for PIT keeps the document valid and comments intact', () => {
    const text = schedule([D], '"restoreWindowDays": 3');
    const p = checkSchedule(text, { pitEnabled: true, nvme: true }).find((x) => x.ruleId === 'pit-hourly-item')!;
    const fixed = applyEdits(text, p.fixes![0].edits);
    assert.deepEqual(checkSchedule(fixed, { pitEnabled: true, nvme: true }), []);
    assert.match(fixed, /"frequencyInterval": 12/);
    assert.match(fixed, /"retentionValue": 3/);
  });

  test("converting frequencies keeps the policy's retention per frequency and turns copyPolicyItemsEnabled on", () => {
    const text = schedule(
      [H, W],
      `"copySettings": [{ "zoneId": "${ZONE_EMEA}", "frequencies": ["HOURLY", "WEEKLY", "ON_DEMAND", "YEARLY"] }]`,
    );
    const p = checkSchedule(text).find((x) => x.ruleId === 'copy-frequencies-deprecated')!;
    const fixed = applyEdits(text, p.fixes![0].edits);
    assert.deepEqual(checkSchedule(fixed), []);
    assert.match(
      fixed,
      /"copyPolicyItems": \[\{"frequencyType": "hourly", "retentionUnit": "days", "retentionValue": 2\}, \{"frequencyType": "weekly", "retentionUnit": "weeks", "retentionValue": 4\}, \{"frequencyType": "ondemand"\}, \{"frequencyType": "yearly", "retentionUnit": "years", "retentionValue": 1\}\]/,
    );
    assert.match(fixed, /"copyPolicyItemsEnabled": true/);
    assert.ok(fixed.includes('// keep this comment'));
  });

  test('a byte-order mark is not a syntax error, and CRLF documents get CRLF fixes', async () => {
    assert.deepEqual(checkSchedule(`\uFEFF${schedule([H])}`), []);
    const { lintSchedule } = await import('../../../../src/core/schedule/index');
    assert.deepEqual(await lintSchedule(`\uFEFF${schedule([H])}`), []);
    const crlf = schedule([H], '"referenceHourOfDay": 4').replace(/\n/g, '\r\n');
    const p = checkSchedule(crlf).find((x) => x.ruleId === 'reference-time-pair')!;
    const fixed = applyEdits(crlf, p.fixes![0].edits);
    assert.ok(!/[^\r]\n/.test(fixed), JSON.stringify(fixed));
    assert.deepEqual(checkSchedule(fixed), []);
  });

  test('a reference-minute fix inserts the minute and keeps the layout', () => {
    const text = schedule([H], '"referenceHourOfDay": 5');
    const p = checkSchedule(text).find((x) => x.ruleId === 'reference-time-pair')!;
    const fixed = applyEdits(text, p.fixes![0].edits);
    assert.match(fixed, /"referenceHourOfDay": 5,\n {2}"referenceMinuteOfHour": 0\n}/);
  });

  test('the reference-time fix puts the missing field next to its partner, not at the end', () => {
    const text = '{\n  "referenceHourOfDay": 5,\n  "policies": [{ "policyItems": [] }]\n}\n';
    const p = checkSchedule(text).find((x) => x.ruleId === 'reference-time-pair')!;
    const fixed = applyEdits(text, p.fixes![0].edits);
    assert.equal(
      fixed,
      '{\n  "referenceHourOfDay": 5,\n  "referenceMinuteOfHour": 0,\n  "policies": [{ "policyItems": [] }]\n}\n',
    );
    const minuteFirst = '{\n  "policies": [{ "policyItems": [] }],\n  "referenceMinuteOfHour": 30\n}\n';
    const q = checkSchedule(minuteFirst).find((x) => x.ruleId === 'reference-time-pair')!;
    assert.equal(
      applyEdits(minuteFirst, q.fixes![0].edits),
      '{\n  "policies": [{ "policyItems": [] }],\n  "referenceHourOfDay": 0,\n  "referenceMinuteOfHour": 30\n}\n',
    );
  });

  test('a compliance policy that is not ACTIVE is not enforced', () => {
    const text = schedule([item('daily', 1, 'days', 1)]);
    const policy = {
      scheduledPolicyItems: [
        { frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 7 },
      ],
    };
    assert.equal(checkSchedule(text, { compliance: { ...policy, state: 'ENABLING' } }).length, 0);
    assert.equal(checkSchedule(text, { compliance: { ...policy, state: 'ACTIVE' } }).length, 1);
  });

  test('rules needing context stay silent without it', () => {
    const text = schedule(
      [item('hourly', 6, 'days', 2, '"id": "64b0c0ffee0000000000dead", ')],
      '"restoreWindowDays": 30',
      copy(
        `"zoneId": "64b0c0ffee0000000000ffff", "cloudProvider": "GCP", "shouldCopyOplogs": true, "lastNumberOfSnapshots": 2`,
      ),
    );
    assert.deepEqual(
      checkSchedule(text).map((p) => p.ruleId),
      [],
    );
  });

  test('a crashing rule becomes an internal problem and the other rules still run', async () => {
    const { allRules } = await import('../../../../src/core/schedule/rules/index');
    allRules.push({
      id: 'boom',
      severity: 'error',
      summary: '',
      check() {
        throw new Error('kaboom');
      },
    });
    try {
      const ps = checkSchedule(schedule([item('hourly', 3, 'days', 2)]));
      assert.deepEqual(ps.map((p) => p.ruleId).sort(), ['frequency-interval', 'internal']);
      assert.match(ps.find((p) => p.ruleId === 'internal')!.message, /Rule boom crashed: kaboom/);
    } finally {
      allRules.pop();
    }
  });
});
