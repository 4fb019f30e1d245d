import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AtlasSimulator, DEMO_CREDENTIALS, SEED } from '../../../src/simulator';
import { BearerClient, DigestClient, FakeClock, V2023, V2023_10, V2024, V2024_11 } from './helpers';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const { production, staging } = SEED.projects;
const schedulePath = (g: string, c: string) => `/api/atlas/v2/groups/${g}/clusters/${c}/backup/schedule`;
const snapshotsPath = (g: string, c: string) => `/api/atlas/v2/groups/${g}/clusters/${c}/backup/snapshots`;
const bcpPath = (g: string) => `/api/atlas/v2/groups/${g}/backupCompliancePolicy`;

function harness() {
  const clock = new FakeClock();
  const sim = new AtlasSimulator({ now: clock.now });
  const h = { clock, sim, api: undefined as unknown as BearerClient };
  before(async () => {
    h.api = new BearerClient((await sim.start()).url);
  });
  after(() => sim.stop());
  beforeEach(() => sim.reset());
  return h;
}

function itemsOf(schedule: Obj): Obj[] {
  return schedule.policies[0].policyItems as Obj[];
}

/** The PATCH body a client derives from a GET: read-only fields stripped is not required (they're ignored). */
function patchFrom(schedule: Obj, items: Obj[], extra: Obj = {}): Obj {
  return { policies: [{ id: schedule.policies[0].id, policyItems: items }], ...extra };
}

describe('backup schedule', () => {
  const h = harness();

  test('GET serves 2024-08-05 with zone-keyed copy settings and 2023-01-01 with replicationSpecId keys', async () => {
    const seedGlobal = SEED.clusters['global-users'];
    const v24 = await h.api.json<Obj>(schedulePath(production.id, 'global-users'), { accept: V2024 });
    assert.equal(v24.status, 200);
    assert.match(v24.res.headers.get('content-type') ?? '', /2024-08-05/);
    assert.equal(v24.body.clusterId, seedGlobal.id);
    assert.equal(v24.body.clusterName, 'global-users');
    assert.deepEqual(
      v24.body.copySettings.map((c: Obj) => c.zoneId),
      seedGlobal.zoneIds,
    );
    assert.deepEqual(v24.body.copySettings[0].frequencies, ['HOURLY', 'DAILY']);
    // Recorded real answer: no autoCopySettingsEnabled while it is off, copyPolicyItemsEnabled always.
    assert.equal(v24.body.autoCopySettingsEnabled, undefined);
    assert.equal(v24.body.copyPolicyItemsEnabled, false);
    assert.ok(Date.parse(v24.body.nextSnapshot) > h.clock.ms);
    const v23 = await h.api.json<Obj>(schedulePath(production.id, 'global-users'), { accept: V2023 });
    assert.deepEqual(
      v23.body.copySettings.map((c: Obj) => c.replicationSpecId),
      seedGlobal.zones.map((z) => z.replicationSpecId),
    );
    assert.equal(v23.body.copySettings[0].zoneId, undefined);
    assert.equal(v23.body.autoCopySettingsEnabled, undefined);
  });

  test('the NVMe cluster schedules hourly every 12h; the PIT cluster shows its restore window', async () => {
    const nvme = await h.api.json<Obj>(schedulePath(production.id, 'analytics-nvme'), { accept: V2024 });
    assert.equal(itemsOf(nvme.body).find((i) => i.frequencyType === 'hourly')!.frequencyInterval, 12);
    const pit = await h.api.json<Obj>(schedulePath(production.id, 'ledger-pit'), { accept: V2024 });
    assert.equal(pit.body.restoreWindowDays, 2);
  });

  test('a cluster with backup off answers Atlas\'s "Backups are not enabled" error', async () => {
    const r = await h.api.json<Obj>(schedulePath(staging.id, 'staging-rs'), { accept: V2024 });
    assert.equal(r.status, 400);
    assert.equal(r.body.errorCode, 'BACKUP_JOB_NOT_FOUND');
  });

  test('PATCH applies only what is sent, keeps existing item ids, assigns new ones, recomputes nextSnapshot, ignores read-only fields', async () => {
    const path = schedulePath(staging.id, 'legacy-app');
    const before = (await h.api.json<Obj>(path, { accept: V2024 })).body;
    const kept = itemsOf(before).filter((i) => i.frequencyType !== 'monthly' && i.frequencyType !== 'yearly');
    const body = patchFrom(
      before,
      [...kept, { frequencyType: 'yearly', frequencyInterval: 12, retentionUnit: 'years', retentionValue: 2 }],
      {
        clusterId: 'ffffffffffffffffffffffff',
        clusterName: 'ignored',
        nextSnapshot: '2000-01-01T00:00:00Z',
        links: [],
        referenceHourOfDay: 3,
        referenceMinuteOfHour: 15,
      },
    );
    const r = await h.api.json<Obj>(path, { method: 'PATCH', accept: V2024, body });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.clusterName, 'legacy-app');
    assert.equal(r.body.policies[0].id, before.policies[0].id);
    const after = itemsOf(r.body);
    assert.deepEqual(
      after.slice(0, kept.length).map((i) => i.id),
      kept.map((i) => i.id),
    );
    const yearly = after.find((i) => i.frequencyType === 'yearly')!;
    assert.match(yearly.id, /^[a-f0-9]{24}$/);
    assert.ok(!itemsOf(before).some((i) => i.id === yearly.id));
    assert.ok(!after.some((i) => i.frequencyType === 'monthly'));
    assert.equal(r.body.referenceHourOfDay, 3);
    assert.equal(r.body.autoExportEnabled, before.autoExportEnabled);
    // hourly every 6h anchored at 03:15 → the next one after 12:00 is 15:15
    assert.equal(r.body.nextSnapshot, '2026-11-22T15:15:00Z');
    assert.deepEqual((await h.api.json<Obj>(path, { accept: V2024 })).body.policies, r.body.policies);
  });

  test('2023-01-01 PATCH keys copy settings by the zone-level replicationSpecId', async () => {
    const path = schedulePath(production.id, 'global-users');
    const s = (await h.api.json<Obj>(path, { accept: V2023 })).body;
    const [emea] = SEED.clusters['global-users'].zones;
    const body = patchFrom(s, itemsOf(s), {
      copySettings: [
        {
          replicationSpecId: emea.replicationSpecId,
          cloudProvider: 'AWS',
          regionName: 'EU_NORTH_1',
          frequencies: ['DAILY'],
        },
      ],
    });
    const r = await h.api.json<Obj>(path, { method: 'PATCH', accept: V2023, body });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(
      r.body.copySettings.map((c: Obj) => [c.replicationSpecId, c.regionName]),
      [[emea.replicationSpecId, 'EU_NORTH_1']],
    );
    const v24 = (await h.api.json<Obj>(path, { accept: V2024 })).body;
    assert.deepEqual(
      v24.copySettings.map((c: Obj) => c.zoneId),
      [emea.zoneId],
    );
    const zoneKeyIn2023 = await h.api.json<Obj>(path, {
      method: 'PATCH',
      accept: V2023,
      body: patchFrom(s, itemsOf(s), {
        copySettings: [{ zoneId: emea.zoneId, cloudProvider: 'AWS', regionName: 'EU_NORTH_1', frequencies: ['DAILY'] }],
      }),
    });
    assert.equal(zoneKeyIn2023.status, 400);
  });

  test('updateSnapshots applies a retention change to snapshots already taken by that item', async () => {
    const path = schedulePath(staging.id, 'legacy-app');
    const s = (await h.api.json<Obj>(path, { accept: V2024 })).body;
    const weekly = itemsOf(s).find((i) => i.frequencyType === 'weekly')!;
    const snaps = (
      await h.api.json<Obj>(`${snapshotsPath(staging.id, 'legacy-app')}?itemsPerPage=500`, { accept: V2023 })
    ).body.results as Obj[];
    const taken = snaps.find((x) => x.frequencyType === 'weekly' && x.policyItems.includes(weekly.id))!;
    assert.ok(taken, 'a snapshot labelled weekly exists');
    const items = itemsOf(s).map((i) => (i.id === weekly.id ? { ...i, retentionValue: 5 } : i));
    assert.equal(
      (await h.api.json<Obj>(path, { method: 'PATCH', accept: V2024, body: patchFrom(s, items) })).status,
      200,
    );
    const unchanged = (
      await h.api.json<Obj>(`${snapshotsPath(staging.id, 'legacy-app')}/${taken.id}`, { accept: V2023 })
    ).body;
    assert.equal(unchanged.expiresAt, taken.expiresAt);
    assert.equal(
      (
        await h.api.json<Obj>(path, {
          method: 'PATCH',
          accept: V2024,
          body: patchFrom(s, items, { updateSnapshots: true }),
        })
      ).status,
      200,
    );
    const updated = (await h.api.json<Obj>(`${snapshotsPath(staging.id, 'legacy-app')}/${taken.id}`, { accept: V2023 }))
      .body;
    assert.equal(Date.parse(updated.expiresAt) - Date.parse(taken.createdAt), 35 * 86400_000);
  });

  test('DELETE leaves the policy with no items (same id) and returns the schedule', async () => {
    const path = schedulePath(staging.id, 'legacy-app');
    const before = (await h.api.json<Obj>(path, { accept: V2024 })).body;
    const r = await h.api.json<Obj>(path, { method: 'DELETE', accept: V2024 });
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.policies, [{ id: before.policies[0].id, policyItems: [] }]);
    assert.equal(r.body.nextSnapshot, undefined);
  });
});

describe('schedule validation (first violation, Atlas codes)', () => {
  const h = harness();
  const path = schedulePath(staging.id, 'legacy-app');
  let current: Obj;
  beforeEach(async () => {
    current = (await h.api.json<Obj>(path, { accept: V2024 })).body;
  });
  const item = (
    frequencyType: string,
    frequencyInterval: number,
    retentionUnit: string,
    retentionValue: number,
    id?: string,
  ) => ({ ...(id ? { id } : {}), frequencyType, frequencyInterval, retentionUnit, retentionValue });
  const base = () => [
    item('hourly', 6, 'days', 2),
    item('daily', 1, 'days', 7),
    item('weekly', 6, 'weeks', 4),
    item('monthly', 40, 'months', 12),
  ];

  async function expectError(body: Obj, code: string, field?: string, target = path): Promise<Obj> {
    const r = await h.api.json<Obj>(target, { method: 'PATCH', accept: V2024, body });
    assert.equal(r.status, 400, `${code}: ${JSON.stringify(r.body)}`);
    assert.equal(r.body.errorCode, code, JSON.stringify(r.body));
    assert.equal(r.body.error, 400);
    if (field)
      assert.ok(
        (r.body.badRequestDetail?.fields ?? []).some((f: Obj) => f.field === field),
        `${code} names ${field}: ${JSON.stringify(r.body.badRequestDetail)}`,
      );
    return r.body;
  }

  test('policies: required, exactly one, at least one item, all item fields, enums', async () => {
    await expectError({ referenceHourOfDay: 1, referenceMinuteOfHour: 0 }, 'MISSING_ATTRIBUTE', 'policies');
    await expectError({ policies: [{ policyItems: base() }, { policyItems: base() }] }, 'INVALID_NUM_OF_POLICIES');
    await expectError({ policies: [] }, 'INVALID_NUM_OF_POLICIES');
    await expectError({ policies: [{ policyItems: [] }] }, 'INVALID_NUM_OF_POLICY_ITEMS');
    await expectError(
      { policies: [{ policyItems: [{ frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days' }] }] },
      'MISSING_POLICY_ITEM_PARAMETERS',
      'policies[0].policyItems[0].retentionValue',
    );
    await expectError(
      { policies: [{ policyItems: [item('fortnightly', 1, 'days', 7)] }] },
      'INVALID_ENUM_VALUE',
      'policies[0].policyItems[0].frequencyType',
    );
    await expectError(
      { policies: [{ policyItems: [item('daily', 1, 'DAYS', 7)] }] },
      'INVALID_ENUM_VALUE',
      'policies[0].policyItems[0].retentionUnit',
    );
    await expectError({ policies: [{ policyItems: base() }], bogus: true }, 'INVALID_ATTRIBUTE', 'bogus');
  });

  test('per-frequency interval sets', async () => {
    const bad: [string, number][] = [
      ['hourly', 3],
      ['hourly', 24],
      ['daily', 2],
      ['weekly', 8],
      ['weekly', 0],
      ['monthly', 29],
      ['yearly', 13],
    ];
    for (const [t, n] of bad)
      await expectError(
        { policies: [{ policyItems: [item(t, n, 'years', 5)] }] },
        'INVALID_BACKUP_POLICY',
        'policies[0].policyItems[0].frequencyInterval',
      );
    const good: [string, number][] = [
      ['hourly', 12],
      ['daily', 1],
      ['weekly', 7],
      ['monthly', 28],
      ['monthly', 40],
      ['yearly', 12],
    ];
    for (const [t, n] of good) {
      const r = await h.api.json<Obj>(path, {
        method: 'PATCH',
        accept: V2024,
        body: { policies: [{ policyItems: [item(t, n, 'years', 5)] }] },
      });
      assert.equal(r.status, 200, `${t} ${n}: ${JSON.stringify(r.body)}`);
    }
  });

  test('NVMe clusters accept only 12 as the hourly interval', async () => {
    const nvme = schedulePath(production.id, 'analytics-nvme');
    const s = (await h.api.json<Obj>(nvme, { accept: V2024 })).body;
    const items = itemsOf(s).map((i) => (i.frequencyType === 'hourly' ? { ...i, frequencyInterval: 6 } : i));
    await expectError(
      patchFrom(s, items),
      'INVALID_BACKUP_POLICY',
      'policies[0].policyItems[0].frequencyInterval',
      nvme,
    );
  });

  test('at most one hourly and one daily item', async () => {
    await expectError(
      { policies: [{ policyItems: [item('hourly', 6, 'days', 2), item('hourly', 12, 'days', 2)] }] },
      'INVALID_BACKUP_POLICY',
      'policies[0].policyItems[1]',
    );
    await expectError(
      { policies: [{ policyItems: [item('daily', 1, 'days', 7), item('daily', 1, 'days', 9)] }] },
      'INVALID_BACKUP_POLICY',
      'policies[0].policyItems[1]',
    );
  });

  test('retention must not shrink toward less frequent items, comparing across units', async () => {
    await expectError(
      { policies: [{ policyItems: [item('daily', 1, 'days', 7), item('weekly', 6, 'days', 3)] }] },
      'INVALID_BACKUP_POLICY',
      'policies[0].policyItems[1].retentionValue',
    );
    await expectError(
      { policies: [{ policyItems: [item('hourly', 6, 'days', 15), item('weekly', 6, 'weeks', 2)] }] },
      'INVALID_BACKUP_POLICY',
      'policies[0].policyItems[1].retentionValue',
    );
    await expectError(
      { policies: [{ policyItems: [item('monthly', 40, 'months', 13), item('yearly', 12, 'years', 1)] }] },
      'INVALID_BACKUP_POLICY',
      'policies[0].policyItems[1].retentionValue',
    );
    for (const items of [
      [item('hourly', 6, 'days', 2), item('weekly', 6, 'weeks', 1)],
      [item('monthly', 40, 'months', 12), item('yearly', 12, 'years', 1)],
      [item('daily', 1, 'days', 31), item('monthly', 1, 'months', 1)],
    ]) {
      const r = await h.api.json<Obj>(path, {
        method: 'PATCH',
        accept: V2024,
        body: { policies: [{ policyItems: items }] },
      });
      assert.equal(r.status, 200, JSON.stringify(r.body));
    }
  });

  test('reference time: hour 0-23, minute 0-59, both or neither', async () => {
    const p = { policies: [{ policyItems: base() }] };
    await expectError(
      { ...p, referenceHourOfDay: 24, referenceMinuteOfHour: 0 },
      'INVALID_REFERENCE_HOUR_OF_DAY',
      'referenceHourOfDay',
    );
    await expectError(
      { ...p, referenceHourOfDay: 1, referenceMinuteOfHour: 60 },
      'INVALID_REFERENCE_MINUTE_OF_HOUR',
      'referenceMinuteOfHour',
    );
    await expectError(
      { ...p, referenceHourOfDay: 5 },
      'INVALID_REFERENCE_TIME_OF_DAY_MISSING_FIELDS',
      'referenceMinuteOfHour',
    );
    await expectError(
      { ...p, referenceMinuteOfHour: 5 },
      'INVALID_REFERENCE_TIME_OF_DAY_MISSING_FIELDS',
      'referenceHourOfDay',
    );
  });

  test('item ids: unknown id, another policy id, changed frequency type', async () => {
    const items = itemsOf(current);
    await expectError(
      patchFrom(current, [{ ...items[0], id: 'abcdefabcdefabcdefabcdef' }]),
      'INVALID_POLICY_ITEM_ID',
      'policies[0].policyItems[0].id',
    );
    await expectError(
      { policies: [{ id: 'abcdefabcdefabcdefabcdef', policyItems: items }] },
      'INVALID_POLICY_ID',
      'policies[0].id',
    );
    const daily = items.find((i) => i.frequencyType === 'daily')!;
    await expectError(
      patchFrom(current, [{ ...daily, frequencyType: 'weekly', frequencyInterval: 6 }]),
      'INVALID_FREQUENCY_TYPE_CHANGE',
      'policies[0].policyItems[0].frequencyType',
    );
  });

  test('restore window (continuous backup): positive, within hourly retention, hourly item required', async () => {
    // a Staging-like check on a PIT cluster: ledger-pit is in Production, but structural errors come first
    const pit = schedulePath(production.id, 'ledger-pit');
    const s = (await h.api.json<Obj>(pit, { accept: V2024 })).body;
    await expectError(
      patchFrom(s, itemsOf(s), { restoreWindowDays: 0 }),
      'INVALID_RESTORE_WINDOW',
      'restoreWindowDays',
      pit,
    );
    await expectError(
      patchFrom(s, itemsOf(s), { restoreWindowDays: 4 }),
      'INVALID_RESTORE_WINDOW',
      'restoreWindowDays',
      pit,
    );
    await expectError(
      patchFrom(
        s,
        itemsOf(s).filter((i) => i.frequencyType !== 'hourly'),
      ),
      'INVALID_BACKUP_POLICY',
      'policies[0].policyItems',
      pit,
    );
  });

  test('copy settings: zone of this cluster, same provider, one copy mode, copyPolicyItems only when enabled', async () => {
    const geo = schedulePath(production.id, 'global-users');
    const s = (await h.api.json<Obj>(geo, { accept: V2024 })).body;
    const [emea] = SEED.clusters['global-users'].zoneIds;
    const withCopy = (cs: Obj[], extra: Obj = {}) => patchFrom(s, itemsOf(s), { copySettings: cs, ...extra });
    await expectError(
      withCopy([{ cloudProvider: 'AWS', regionName: 'EU_CENTRAL_1', frequencies: ['DAILY'] }]),
      'MISSING_ATTRIBUTE',
      'copySettings[0].zoneId',
      geo,
    );
    await expectError(
      withCopy([
        {
          zoneId: SEED.clusters['orders-rs'].zoneIds[0],
          cloudProvider: 'AWS',
          regionName: 'EU_CENTRAL_1',
          frequencies: ['DAILY'],
        },
      ]),
      'VALIDATION_ERROR',
      'copySettings[0].zoneId',
      geo,
    );
    await expectError(
      withCopy([{ zoneId: emea, cloudProvider: 'GCP', regionName: 'EUROPE_WEST_3', frequencies: ['DAILY'] }]),
      'VALIDATION_ERROR',
      'copySettings[0].cloudProvider',
      geo,
    );
    await expectError(
      withCopy([
        {
          zoneId: emea,
          cloudProvider: 'AWS',
          regionName: 'EU_CENTRAL_1',
          frequencies: ['DAILY'],
          lastNumberOfSnapshots: 3,
        },
      ]),
      'VALIDATION_ERROR',
      'copySettings[0].lastNumberOfSnapshots',
      geo,
    );
    await expectError(
      withCopy([
        {
          zoneId: emea,
          cloudProvider: 'AWS',
          regionName: 'EU_CENTRAL_1',
          copyPolicyItems: [{ frequencyType: 'daily', retentionUnit: 'days', retentionValue: 7 }],
        },
      ]),
      'VALIDATION_ERROR',
      'copySettings[0].copyPolicyItems',
      geo,
    );
    await expectError(
      withCopy([{ zoneId: emea, cloudProvider: 'AWS', regionName: 'EU_CENTRAL_1', frequencies: ['DAILY'] }], {
        copyPolicyItemsEnabled: true,
      }),
      'VALIDATION_ERROR',
      'copySettings[0].frequencies',
      geo,
    );
    await expectError(
      withCopy([{ zoneId: emea, cloudProvider: 'AWS', regionName: 'EU_CENTRAL_1', frequencies: ['SOMETIMES'] }]),
      'INVALID_ENUM_VALUE',
      'copySettings[0].frequencies[0]',
      geo,
    );
    const ok = await h.api.json<Obj>(geo, {
      method: 'PATCH',
      accept: V2024,
      body: withCopy(
        [
          {
            zoneId: emea,
            cloudProvider: 'AWS',
            regionName: 'EU_CENTRAL_1',
            copyPolicyItems: [{ frequencyType: 'daily', retentionUnit: 'days', retentionValue: 7 }],
          },
        ],
        { copyPolicyItemsEnabled: true },
      ),
    });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(ok.body.copySettings[0].frequencies, undefined);
    assert.match(ok.body.copySettings[0].copyPolicyItems[0].id, /^[a-f0-9]{24}$/);
  });

  test('export needs a bucket id and a monthly/yearly frequency', async () => {
    await expectError(
      patchFrom(current, itemsOf(current), { autoExportEnabled: true }),
      'MISSING_ATTRIBUTE',
      'export.exportBucketId',
    );
    await expectError(
      patchFrom(current, itemsOf(current), {
        autoExportEnabled: true,
        export: { exportBucketId: 'a'.repeat(24), frequencyType: 'weekly' },
      }),
      'INVALID_ENUM_VALUE',
      'export.frequencyType',
    );
    const ok = await h.api.json<Obj>(path, {
      method: 'PATCH',
      accept: V2024,
      body: patchFrom(current, itemsOf(current), {
        autoExportEnabled: true,
        export: { exportBucketId: 'a'.repeat(24), frequencyType: 'monthly' },
      }),
    });
    assert.equal(ok.status, 200);
    assert.deepEqual(ok.body.export, { exportBucketId: 'a'.repeat(24), frequencyType: 'monthly' });
  });

  test('malformed JSON', async () => {
    const r = await h.api.json<Obj>(path, { method: 'PATCH', accept: V2024, body: '{"policies": [' });
    assert.equal(r.status, 400);
    assert.equal(r.body.errorCode, 'MALFORMED_JSON');
  });
});

describe('Backup Compliance Policy enforcement (Production)', () => {
  const h = harness();

  test('every seeded Production schedule complies: sending it back unchanged is accepted', async () => {
    for (const name of ['orders-rs', 'analytics-nvme', 'catalog-sharded', 'global-users', 'ledger-pit']) {
      const p = schedulePath(production.id, name);
      const s = (await h.api.json<Obj>(p, { accept: V2024 })).body;
      const r = await h.api.json<Obj>(p, { method: 'PATCH', accept: V2024, body: s });
      assert.equal(r.status, 200, `${name}: ${JSON.stringify(r.body)}`);
    }
  });

  test('a schedule below the policy is refused; so is deleting the schedule', async () => {
    const p = schedulePath(production.id, 'orders-rs');
    const s = (await h.api.json<Obj>(p, { accept: V2024 })).body;
    const lower = itemsOf(s).map((i) => (i.frequencyType === 'hourly' ? { ...i, retentionValue: 1 } : i));
    for (const items of [lower, itemsOf(s).filter((i) => i.frequencyType !== 'monthly')]) {
      const r = await h.api.json<Obj>(p, { method: 'PATCH', accept: V2024, body: patchFrom(s, items) });
      assert.equal(r.status, 400);
      assert.equal(r.body.errorCode, 'BACKUP_POLICIES_NOT_MEETING_BACKUP_COMPLIANCE_POLICY_REQUIREMENTS');
    }
    const del = await h.api.json<Obj>(p, { method: 'DELETE', accept: V2024 });
    assert.equal(del.status, 400);
    assert.equal(del.body.errorCode, 'BACKUP_POLICIES_NOT_MEETING_BACKUP_COMPLIANCE_POLICY_REQUIREMENTS');
    assert.equal(itemsOf((await h.api.json<Obj>(p, { accept: V2024 })).body).length, 4);
  });

  test('the restore window can grow but not shrink', async () => {
    const p = schedulePath(production.id, 'ledger-pit');
    const s = (await h.api.json<Obj>(p, { accept: V2024 })).body;
    assert.equal(
      (
        await h.api.json<Obj>(p, {
          method: 'PATCH',
          accept: V2024,
          body: patchFrom(s, itemsOf(s), { restoreWindowDays: 3 }),
        })
      ).status,
      200,
    );
    const r = await h.api.json<Obj>(p, {
      method: 'PATCH',
      accept: V2024,
      body: patchFrom(s, itemsOf(s), { restoreWindowDays: 2 }),
    });
    assert.equal(r.status, 400);
    assert.equal(r.body.errorCode, 'CANNOT_DECREASE_PIT_WINDOW_WITH_BACKUP_COMPLIANCE_POLICY');
  });

  test("snapshots: no retention decrease, no delete, on-demand retention at least the policy's", async () => {
    const base = snapshotsPath(production.id, 'orders-rs');
    const snap = (await h.api.json<Obj>(`${base}?itemsPerPage=1`, { accept: V2023 })).body.results[0];
    const dec = await h.api.json<Obj>(`${base}/${snap.id}`, {
      method: 'PATCH',
      accept: V2023,
      body: { retentionUnit: 'DAYS', retentionValue: 1 },
    });
    assert.equal(dec.status, 400);
    assert.equal(dec.body.errorCode, 'CANNOT_DECREASE_SNAPSHOT_RETENTION_WITH_BACKUP_COMPLIANCE_POLICY');
    const inc = await h.api.json<Obj>(`${base}/${snap.id}`, {
      method: 'PATCH',
      accept: V2023,
      body: { retentionUnit: 'YEARS', retentionValue: 5 },
    });
    assert.equal(inc.status, 200);
    assert.ok(Date.parse(inc.body.expiresAt) > Date.parse(snap.expiresAt));
    const del = await h.api.json<Obj>(`${base}/${snap.id}`, { method: 'DELETE', accept: V2023 });
    assert.equal(del.status, 400);
    assert.equal(del.body.errorCode, 'CANNOT_DELETE_SNAPSHOT_WITH_BACKUP_COMPLIANCE_POLICY');
    const od = await h.api.json<Obj>(base, { method: 'POST', accept: V2023, body: { retentionInDays: 1 } });
    assert.equal(od.status, 400);
    assert.equal(od.body.errorCode, 'SNAPSHOT_RETENTION_LESS_THAN_BACKUP_COMPLIANCE_POLICY');
    const shardedBase = snapshotsPath(production.id, 'catalog-sharded');
    const shardedSnap = (await h.api.json<Obj>(`${shardedBase}/shardedClusters`, { accept: V2023 })).body.results[0];
    const shardedDel = await h.api.json<Obj>(`${shardedBase}/shardedCluster/${shardedSnap.id}`, {
      method: 'DELETE',
      accept: V2023,
    });
    assert.equal(shardedDel.body.errorCode, 'CANNOT_DELETE_SNAPSHOT_WITH_BACKUP_COMPLIANCE_POLICY');
  });
});

describe('cloud snapshots', () => {
  const h = harness();

  test('orders-rs has several hundred snapshots, newest first, paged with working links', async () => {
    const base = snapshotsPath(production.id, 'orders-rs');
    const first = await h.api.json<Obj>(base, { accept: V2023 });
    assert.equal(first.status, 200);
    assert.ok(first.body.totalCount >= 300 && first.body.totalCount <= 400, String(first.body.totalCount));
    assert.equal(first.body.results.length, 100);
    const all: Obj[] = [...first.body.results];
    let next = first.body.links.find((l: Obj) => l.rel === 'next');
    while (next) {
      const pg = await h.api.json<Obj>(new URL(next.href).pathname + new URL(next.href).search, { accept: V2023 });
      all.push(...pg.body.results);
      next = pg.body.links.find((l: Obj) => l.rel === 'next');
    }
    assert.equal(all.length, first.body.totalCount);
    assert.equal(new Set(all.map((s) => s.id)).size, all.length);
    const times = all.map((s) => Date.parse(s.createdAt));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => b - a),
    );
    const s = all[0];
    assert.equal(s.type, 'replicaSet');
    assert.equal(s.cloudProvider, 'AWS');
    assert.equal(s.status, 'completed');
    assert.ok(s.storageSizeBytes > 0);
    assert.ok(Date.parse(s.expiresAt) > h.clock.ms);
    assert.ok(all.some((x) => x.snapshotType === 'onDemand'));
    assert.ok(
      all.every(
        (x) => x.snapshotType === 'onDemand' || ['hourly', 'daily', 'weekly', 'monthly'].includes(x.frequencyType),
      ),
    );
    const one = await h.api.json<Obj>(`${base}/${s.id}`, { accept: V2023 });
    assert.deepEqual(one.body.id, s.id);
    const missing = await h.api.json<Obj>(`${base}/${'b'.repeat(24)}`, { accept: V2023 });
    assert.equal(missing.status, 404);
    assert.equal(missing.body.errorCode, 'SNAPSHOT_NOT_FOUND');
  });

  test('pointInTimeUtcSeconds picks the closest snapshot before it; exclusive with oplogTs', async () => {
    const base = snapshotsPath(production.id, 'orders-rs');
    const t = Math.floor(h.clock.ms / 1000) - 3 * 86400;
    const r = await h.api.json<Obj>(`${base}?pointInTimeUtcSeconds=${t}`, { accept: V2023 });
    assert.equal(r.body.results.length, 1);
    assert.ok(Date.parse(r.body.results[0].createdAt) <= t * 1000);
    assert.ok(Date.parse(r.body.results[0].createdAt) > (t - 6 * 3600) * 1000);
    const both = await h.api.json<Obj>(`${base}?pointInTimeUtcSeconds=${t}&oplogTs=${t}&oplogInc=1`, { accept: V2023 });
    assert.equal(both.status, 400);
    assert.equal(both.body.errorCode, 'MUTUALLY_EXCLUSIVE_QUERY_PARAMETERS');
  });

  test('on-demand snapshot: queued → inProgress → completed on the injected clock; one at a time', async () => {
    const base = snapshotsPath(staging.id, 'legacy-app');
    const bad = await h.api.json<Obj>(base, { method: 'POST', accept: V2023, body: { retentionInDays: 0 } });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.badRequestDetail.fields[0].field, 'retentionInDays');
    const r = await h.api.json<Obj>(base, {
      method: 'POST',
      accept: V2023,
      body: { description: 'before upgrade', retentionInDays: 3 },
    });
    assert.equal(r.status, 200);
    assert.equal(r.body.status, 'queued');
    assert.equal(r.body.snapshotType, 'onDemand');
    assert.equal(r.body.description, 'before upgrade');
    const again = await h.api.json<Obj>(base, { method: 'POST', accept: V2023, body: { retentionInDays: 3 } });
    assert.equal(again.body.errorCode, 'UNFINISHED_ON_DEMAND_SNAPSHOT');
    const busyPatch = await h.api.json<Obj>(`${base}/${r.body.id}`, {
      method: 'PATCH',
      accept: V2023,
      body: { retentionUnit: 'DAYS', retentionValue: 9 },
    });
    assert.equal(busyPatch.body.errorCode, 'CANNOT_MODIFY_IN_PROGRESS_SNAPSHOT_RETENTION');
    h.clock.advance(3);
    assert.equal((await h.api.json<Obj>(`${base}/${r.body.id}`, { accept: V2023 })).body.status, 'inProgress');
    h.clock.advance(10);
    assert.equal((await h.api.json<Obj>(`${base}/${r.body.id}`, { accept: V2023 })).body.status, 'completed');
    assert.equal(
      (await h.api.json<Obj>(base, { method: 'POST', accept: V2023, body: { retentionInDays: 3 } })).status,
      200,
    );
    // expiry is read from the clock too
    h.clock.advance(3 * 86400 + 60);
    assert.equal((await h.api.json<Obj>(`${base}/${r.body.id}`, { accept: V2023 })).status, 404);
  });

  test('retention PATCH (DAYS/WEEKS/MONTHS/YEARS) and DELETE (204) without a compliance policy', async () => {
    const base = snapshotsPath(staging.id, 'legacy-app');
    const snap = (await h.api.json<Obj>(`${base}?itemsPerPage=1`, { accept: V2023 })).body.results[0];
    const weeks = await h.api.json<Obj>(`${base}/${snap.id}`, {
      method: 'PATCH',
      accept: V2023,
      body: { retentionUnit: 'WEEKS', retentionValue: 3 },
    });
    assert.equal(weeks.status, 200);
    assert.equal(Date.parse(weeks.body.expiresAt) - Date.parse(snap.createdAt), 21 * 86400_000);
    const lower = await h.api.json<Obj>(`${base}/${snap.id}`, {
      method: 'PATCH',
      accept: V2023,
      body: { retentionUnit: 'DAYS', retentionValue: 1 },
    });
    assert.equal(lower.status, 200);
    const unit = await h.api.json<Obj>(`${base}/${snap.id}`, {
      method: 'PATCH',
      accept: V2023,
      body: { retentionUnit: 'days', retentionValue: 1 },
    });
    assert.equal(unit.body.errorCode, 'INVALID_ENUM_VALUE');
    const missing = await h.api.json<Obj>(`${base}/${snap.id}`, {
      method: 'PATCH',
      accept: V2023,
      body: { retentionUnit: 'DAYS' },
    });
    assert.equal(missing.body.errorCode, 'MISSING_ATTRIBUTE');
    const del = await h.api.fetch(`${base}/${snap.id}`, { method: 'DELETE', accept: V2023 });
    assert.equal(del.status, 204);
    assert.equal((await h.api.json<Obj>(`${base}/${snap.id}`, { accept: V2023 })).status, 404);
  });

  test('sharded clusters use the shardedCluster endpoints; the wrong kind is refused', async () => {
    const base = snapshotsPath(production.id, 'catalog-sharded');
    const list = await h.api.json<Obj>(`${base}/shardedClusters`, { accept: V2023 });
    assert.equal(list.status, 200);
    const s = list.body.results[0];
    assert.equal(s.type, 'shardedCluster');
    assert.equal(s.members.length, 3);
    assert.deepEqual(
      s.members.map((m: Obj) => m.id),
      s.snapshotIds,
    );
    assert.deepEqual(
      s.members.map((m: Obj) => m.replicaSetName),
      ['catalog-sharded-shard-0', 'catalog-sharded-shard-1', 'catalog-sharded-config-0'],
    );
    const one = await h.api.json<Obj>(`${base}/shardedCluster/${s.id}`, { accept: V2023 });
    assert.equal(one.body.id, s.id);
    const wrong = await h.api.json<Obj>(base, { accept: V2023 });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.errorCode, 'INCORRECT_BACKUP_API_ENDPOINT');
    const wrong2 = await h.api.json<Obj>(`${snapshotsPath(production.id, 'orders-rs')}/shardedClusters`, {
      accept: V2023,
    });
    assert.equal(wrong2.body.errorCode, 'INCORRECT_BACKUP_API_ENDPOINT');
    const od = await h.api.json<Obj>(base, { method: 'POST', accept: V2023, body: { retentionInDays: 7 } });
    assert.equal(od.status, 200);
    assert.equal(od.body.type, 'shardedCluster');
  });
});

describe('legacy snapshots', () => {
  const h = harness();
  const base = `/api/atlas/v2/groups/${staging.id}/clusters/legacy-app/snapshots`;

  test('completed defaults to true; all and false; one snapshot with parts, created and oplog timestamps', async () => {
    const def = await h.api.json<Obj>(base, { accept: V2023 });
    assert.equal(def.status, 200);
    assert.ok(def.body.results.every((s: Obj) => s.complete === true));
    const all = (await h.api.json<Obj>(`${base}?completed=all&itemsPerPage=500`, { accept: V2023 })).body;
    const running = (await h.api.json<Obj>(`${base}?completed=false`, { accept: V2023 })).body;
    assert.equal(running.totalCount, 1, 'the newest one is still being taken');
    assert.ok(running.results.every((s: Obj) => s.complete === false));
    assert.equal(all.totalCount, all.results.length);
    assert.equal(def.body.totalCount, all.results.filter((s: Obj) => s.complete === true).length);
    assert.equal(def.body.totalCount + running.totalCount, all.totalCount);
    assert.equal((await h.api.json<Obj>(`${base}?completed=maybe`, { accept: V2023 })).status, 400);
    const keep = def.body.results.find((s: Obj) => s.doNotDelete);
    assert.ok(keep);
    assert.equal(keep.expires, undefined);
    const s = (await h.api.json<Obj>(`${base}/${def.body.results[0].id}`, { accept: V2023 })).body;
    assert.equal(s.clusterName, 'legacy-app');
    assert.equal(s.parts.length, 1);
    assert.equal(s.parts[0].typeName, 'REPLICA_SET');
    assert.match(s.created.date, /^\d{4}-\d\d-\d\dT/);
    assert.ok(s.created.increment >= 1199145600);
    assert.match(s.lastOplogAppliedTimestamp.date, /Z$/);
    assert.equal(typeof s.expires, 'string');
    assert.equal(
      (await h.api.json<Obj>(`${base}/${'c'.repeat(24)}`, { accept: V2023 })).body.errorCode,
      'SNAPSHOT_NOT_FOUND',
    );
  });
});

describe('Backup Compliance Policy endpoints', () => {
  const h = harness();

  test("GET shows Production's ACTIVE policy; a project without one answers an empty document", async () => {
    const r = await h.api.json<Obj>(bcpPath(production.id), { accept: V2023_10 });
    assert.equal(r.status, 200);
    assert.equal(r.body.state, 'ACTIVE');
    assert.equal(r.body.projectId, production.id);
    assert.equal(r.body.restoreWindowDays, 2);
    assert.equal(r.body.deletable, false);
    assert.deepEqual(
      r.body.scheduledPolicyItems.map((i: Obj) => i.frequencyType),
      ['hourly', 'daily', 'weekly', 'monthly'],
    );
    const none = await h.api.json<Obj>(bcpPath(staging.id), { accept: V2023_10 });
    assert.equal(none.status, 200);
    assert.deepEqual(none.body, {});
  });

  test('DELETE is 2024-11-13 only and refused unless deletable', async () => {
    assert.equal((await h.api.json<Obj>(bcpPath(production.id), { method: 'DELETE', accept: V2023_10 })).status, 406);
    const r = await h.api.json<Obj>(bcpPath(production.id), { method: 'DELETE', accept: V2024_11 });
    assert.equal(r.status, 400);
    assert.equal(r.body.errorCode, 'CANNOT_DISABLE_BACKUP_COMPLIANCE_POLICY');
  });

  test('PUT validates, refuses non-complying schedules with overwriteBackupPolicies=false, raises them otherwise', async () => {
    const policy = {
      authorizedEmail: 'sec@example.com',
      authorizedUserFirstName: 'Sam',
      authorizedUserLastName: 'Lee',
      scheduledPolicyItems: [
        { frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 14 },
      ],
    };
    const missing = await h.api.json<Obj>(bcpPath(staging.id), {
      method: 'PUT',
      accept: V2023_10,
      body: { authorizedEmail: 'sec@example.com' },
    });
    assert.equal(missing.body.errorCode, 'MISSING_ATTRIBUTE');
    const email = await h.api.json<Obj>(bcpPath(staging.id), {
      method: 'PUT',
      accept: V2023_10,
      body: { ...policy, authorizedEmail: 'not-an-email' },
    });
    assert.equal(email.body.errorCode, 'INVALID_EMAIL_ADDRESS');
    const v2023 = await h.api.json<Obj>(bcpPath(staging.id), {
      method: 'PUT',
      accept: V2023,
      body: {
        authorizedEmail: 'sec@example.com',
        scheduledPolicyItems: [{ frequencyType: 'hourly', frequencyInterval: 6, retentionUnit: 'days' }],
      },
    });
    assert.equal(v2023.body.errorCode, 'MISSING_POLICY_ITEM_PARAMETERS');
    const refused = await h.api.json<Obj>(`${bcpPath(staging.id)}?overwriteBackupPolicies=false`, {
      method: 'PUT',
      accept: V2023_10,
      body: policy,
    });
    assert.equal(refused.status, 400);
    assert.equal(refused.body.errorCode, 'BACKUP_POLICIES_NOT_MEETING_BACKUP_COMPLIANCE_POLICY_REQUIREMENTS');
    const ok = await h.api.json<Obj>(bcpPath(staging.id), { method: 'PUT', accept: V2023_10, body: policy });
    assert.equal(ok.status, 200);
    // A new policy is ENABLING until the simulator's clock has moved on; then it reads ACTIVE.
    assert.equal(ok.body.state, 'ENABLING');
    h.clock.advance(61);
    assert.equal((await h.api.json<Obj>(bcpPath(staging.id), { accept: V2023_10 })).body.state, 'ACTIVE');
    const s = (await h.api.json<Obj>(schedulePath(staging.id, 'legacy-app'), { accept: V2024 })).body;
    assert.equal(itemsOf(s).find((i) => i.frequencyType === 'daily')!.retentionValue, 14);
  });
});

describe('roles (x-rolesRequirements)', () => {
  const h = harness();
  const sched = () => schedulePath(staging.id, 'legacy-app');

  test('read-only API key reads but gets 403 on writes and on the compliance policy', async () => {
    const ro = new DigestClient(
      h.sim.url,
      DEMO_CREDENTIALS.readOnlyApiKey.publicKey,
      DEMO_CREDENTIALS.readOnlyApiKey.privateKey,
    );
    const get = await ro.fetch(sched(), { accept: V2024 });
    assert.equal(get.status, 200);
    const s = (await get.json()) as Obj;
    const checks: [string, Parameters<DigestClient['fetch']>[1]][] = [
      [sched(), { method: 'PATCH', accept: V2024, body: patchFrom(s, itemsOf(s)) }],
      [sched(), { method: 'DELETE', accept: V2024 }],
      [snapshotsPath(staging.id, 'legacy-app'), { method: 'POST', accept: V2023, body: { retentionInDays: 2 } }],
      [bcpPath(production.id), { accept: V2023_10 }],
    ];
    for (const [p, r] of checks) {
      const res = await ro.fetch(p, r);
      assert.equal(res.status, 403, `${r?.method ?? 'GET'} ${p}`);
      const body = (await res.json()) as Obj;
      assert.equal(body.error, 403);
      assert.equal(body.errorCode, 'USER_UNAUTHORIZED');
    }
  });

  test('backup-manager service account changes schedules and snapshots but cannot read the compliance policy', async () => {
    const bm = new BearerClient(
      h.sim.url,
      DEMO_CREDENTIALS.backupManagerServiceAccount.clientId,
      DEMO_CREDENTIALS.backupManagerServiceAccount.clientSecret,
    );
    const s = (await bm.json<Obj>(sched(), { accept: V2024 })).body;
    assert.equal(
      (await bm.json(sched(), { method: 'PATCH', accept: V2024, body: patchFrom(s, itemsOf(s)) })).status,
      200,
    );
    assert.equal(
      (
        await bm.json(snapshotsPath(staging.id, 'legacy-app'), {
          method: 'POST',
          accept: V2023,
          body: { retentionInDays: 2 },
        })
      ).status,
      200,
    );
    assert.equal((await bm.json(sched(), { method: 'DELETE', accept: V2024 })).status, 200);
    assert.equal((await bm.json(bcpPath(production.id), { accept: V2023_10 })).status, 403);
    assert.equal((await bm.json(bcpPath(staging.id), { method: 'PUT', accept: V2023_10, body: {} })).status, 403);
  });

  test('the owner API key may read the compliance policy', async () => {
    const owner = new DigestClient(h.sim.url, DEMO_CREDENTIALS.apiKey.publicKey, DEMO_CREDENTIALS.apiKey.privateKey);
    assert.equal((await owner.fetch(bcpPath(production.id), { accept: V2023_10 })).status, 200);
  });
});
