// The push core against the in-process simulator: the PATCH body a push sends (captured on the wire) is what the
// draft says and Atlas accepts it; a colleague's change is caught; a delete under a compliance policy is refused
// before any write; Atlas's refusal lands on the field it names.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AtlasApiError, AtlasClient, type FetchLike } from '../../../../src/core/atlas';
import type { BackupSchedule } from '../../../../src/core/atlas';
import { checkDelete, fieldPath, placeAtlasError, planPush, sendPush } from '../../../../src/core/push/pushCore';
import { diffSchedules } from '../../../../src/core/schedule/diff';
import { scheduleFingerprint } from '../../../../src/core/schedule/scheduleFile';
import { applyEdits, checkSchedule } from '../../../../src/core/schedule/index';
import { formModel, intentEdits } from '../../../../src/core/schedule/formModel';
import { scheduleContextFrom } from '../../../../src/core/schedule/contextFromAtlas';
import { AtlasSimulator, DEMO_CREDENTIALS, SEED } from '../../../../src/simulator';

let sim: AtlasSimulator;
let client: AtlasClient;
const bodies: { method: string; url: string; body: unknown }[] = [];
const STAGING = SEED.projects.staging.id;
const PRODUCTION = SEED.projects.production.id;
const target = { groupId: STAGING, clusterName: 'legacy-app' };

before(async () => {
  sim = new AtlasSimulator({});
  const { url } = await sim.start(0);
  const nodeFetch = (await import('node-fetch')).default as unknown as FetchLike;
  const capture: FetchLike = (u, init) => {
    if (init?.method && init.method !== 'GET' && String(u).includes('/backup/schedule'))
      bodies.push({ method: init.method, url: String(u), body: init.body ? JSON.parse(String(init.body)) : undefined });
    return nodeFetch(u, init);
  };
  client = new AtlasClient({
    baseUrl: url,
    credentials: { kind: 'serviceAccount', ...DEMO_CREDENTIALS.serviceAccount },
    userAgent: 'push-test/0',
    fetch: capture,
  });
});
after(async () => {
  await sim.stop();
});
beforeEach(() => {
  sim.reset();
  bodies.length = 0;
});

describe('push core', () => {
  test("the PATCH body: read-only fields stripped, Atlas's ids kept, new items without id; Atlas ends with the draft", async () => {
    const base = await client.getBackupSchedule(STAGING, 'legacy-app');
    const draft = structuredClone(base) as BackupSchedule & { atlas?: unknown };
    draft.atlas = { groupId: STAGING, clusterName: 'legacy-app' };
    const items = draft.policies![0].policyItems;
    const daily = items.find((i) => i.frequencyType === 'daily')!;
    daily.retentionValue += 7;
    if (!items.some((i) => i.frequencyType === 'yearly'))
      items.push({
        frequencyType: 'yearly',
        frequencyInterval: 1,
        retentionUnit: 'years',
        retentionValue: 5,
        id: '64b0c0ffee0000000000dead',
      });
    const plan = await planPush(client, target, draft, { schedule: base, fingerprint: scheduleFingerprint(base) });
    assert.equal(plan.remoteChanged, false);
    assert.equal(plan.nothingToChange, false);
    const answer = await sendPush(client, target, draft, plan.remote);

    assert.equal(bodies.length, 1);
    const body = bodies[0].body as Record<string, unknown> & BackupSchedule;
    assert.equal(bodies[0].method, 'PATCH');
    for (const k of ['links', 'nextSnapshot', 'clusterId', 'clusterName', 'atlas'])
      assert.ok(!(k in body), `${k} is not sent`);
    assert.equal(body.policies![0].id, base.policies![0].id);
    const sentDaily = body.policies![0].policyItems.find((i) => i.frequencyType === 'daily')!;
    assert.equal(sentDaily.id, daily.id, 'an item Atlas has keeps its id');
    assert.equal(sentDaily.retentionValue, daily.retentionValue);
    const sentYearly = body.policies![0].policyItems.find((i) => i.frequencyType === 'yearly')!;
    if (!base.policies![0].policyItems.some((i) => i.frequencyType === 'yearly'))
      assert.equal(sentYearly.id, undefined, 'an unknown id is dropped');
    assert.deepEqual(diffSchedules(answer, draft), [], 'Atlas now has exactly the draft');
  });

  test('copy settings switched to copy policy items in the form are pushed and Atlas keeps them as the form showed', async () => {
    const remote = await client.getBackupSchedule(PRODUCTION, 'global-users');
    assert.ok(
      remote.copySettings?.every((c) => c.frequencies?.length),
      'seeded with deprecated frequencies',
    );
    const ctx = scheduleContextFrom({ cluster: await client.getCluster(PRODUCTION, 'global-users'), schedule: remote });
    let text = JSON.stringify({ atlas: { groupId: PRODUCTION, clusterName: 'global-users' }, ...remote }, null, 2);
    for (const index of [0, 1])
      text = applyEdits(text, intentEdits(text, { kind: 'setCopyMode', index, mode: 'items' }, ctx));
    text = applyEdits(text, intentEdits(text, { kind: 'addCopyItem', index: 0, frequencyType: 'ondemand' }, ctx));
    assert.deepEqual(
      checkSchedule(text, ctx).filter((p) => p.severity === 'error'),
      [],
      'the form leaves no error',
    );
    const shown = formModel(text, ctx, { now: Date.now() }).copies.rows.map((r) =>
      r.items.map((i) => [i.frequencyType.value, i.retentionValue?.value, i.retentionUnit?.value]),
    );
    const { atlas: _atlas, ...local } = JSON.parse(text) as BackupSchedule & { atlas: unknown };
    const answer = await sendPush(client, { groupId: PRODUCTION, clusterName: 'global-users' }, local, remote);
    assert.equal(answer.copyPolicyItemsEnabled, true);
    assert.ok(
      answer.copySettings!.every((c) => c.frequencies === undefined),
      'no frequencies once copy policy items are on',
    );
    assert.deepEqual(
      answer.copySettings!.map((c) =>
        (c.copyPolicyItems ?? []).map((i) => [i.frequencyType, i.retentionValue, i.retentionUnit]),
      ),
      shown,
    );
    assert.ok(
      answer.copySettings!.every((c) => (c.copyPolicyItems ?? []).every((i) => /^[a-f0-9]{24}$/.test(i.id ?? ''))),
      'Atlas gives each copy item its id',
    );
  });

  test("a colleague's change between fetch and push is caught, with what changed", async () => {
    const base = await client.getBackupSchedule(STAGING, 'legacy-app');
    const colleague = structuredClone(base);
    colleague.referenceHourOfDay = ((base.referenceHourOfDay ?? 0) + 3) % 24;
    await client.updateBackupSchedule(STAGING, 'legacy-app', colleague, { current: base });
    const draft = structuredClone(base);
    draft.policies![0].policyItems.find((i) => i.frequencyType === 'daily')!.retentionValue += 1;
    const plan = await planPush(client, target, draft, { schedule: base });
    assert.equal(plan.remoteChanged, true);
    assert.deepEqual(
      plan.remoteChanges!.map((c) => c.kind),
      ['reference-time'],
    );
    assert.equal(plan.merged!.referenceHourOfDay, colleague.referenceHourOfDay);
    const fp = await planPush(client, target, draft, { fingerprint: scheduleFingerprint(base) });
    assert.equal(fp.remoteChanged, true, 'also with only the fingerprint of a pulled file');
  });

  test('delete: refused under an active compliance policy (no request but the read), allowed without one', async () => {
    const refused = await checkDelete(client, PRODUCTION);
    assert.match(refused.refusal!, /Backup Compliance Policy .*is active: it forbids removing/);
    assert.deepEqual(
      sim.requests.filter((r) => r.method !== 'GET' && r.path.includes('/api/atlas')),
      [],
    );
    const allowed = await checkDelete(client, STAGING);
    assert.equal(allowed.refusal, undefined);
  });

  test("Atlas's refusal is placed on the field it names, with what to do", async () => {
    const base = await client.getBackupSchedule(PRODUCTION, 'orders-rs');
    const draft = structuredClone(base);
    draft.policies![0].policyItems = draft.policies![0].policyItems.filter((i) => i.frequencyType !== 'daily');
    const e = await sendPush(client, { groupId: PRODUCTION, clusterName: 'orders-rs' }, draft, base).then(
      () => undefined,
      (x: unknown) => x,
    );
    assert.ok(e instanceof AtlasApiError);
    const placed = placeAtlasError(e);
    assert.deepEqual(placed.path, ['policies', 0, 'policyItems']);
    assert.match(placed.message, /^Atlas refused the push: .*Backup Compliance Policy/);
    assert.deepEqual(fieldPath('policies[0].policyItems[2].retentionValue'), [
      'policies',
      0,
      'policyItems',
      2,
      'retentionValue',
    ]);
    assert.deepEqual(fieldPath('restoreWindowDays'), ['restoreWindowDays']);
  });
});
