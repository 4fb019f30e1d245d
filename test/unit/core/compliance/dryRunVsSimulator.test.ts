// The dry run is our reading of the docs; the simulator is another. Across every seeded project: what the dry run
// predicts each schedule becomes is what the simulator holds after the PUT, and with overwriteBackupPolicies=false
// it refuses exactly when the dry run says some cluster would make it.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AtlasApiError, AtlasClient, type Credentials, type PolicyItem } from '../../../../src/core/atlas';
import { AtlasSimulator, DEMO_CREDENTIALS, describeSeed } from '../../../../src/simulator';
import { diffSchedules } from '../../../../src/core/schedule/diff';
import type { CompliancePolicy } from '../../../../src/core/atlas';
import { dryRun, loadProjectBackupState } from '../../../../src/core/compliance';

const OWNER: Credentials = { kind: 'serviceAccount', ...DEMO_CREDENTIALS.serviceAccount };
let clock = Date.parse('2027-03-01T00:15:00Z');
const sim = new AtlasSimulator({ now: () => clock });
let client: AtlasClient;
before(async () => {
  const { url } = await sim.start();
  client = new AtlasClient({ baseUrl: url, credentials: OWNER, userAgent: 'atlas-backup/test', now: () => clock });
});
after(() => sim.stop());
beforeEach(() => sim.reset());

const item = (t: PolicyItem['frequencyType'], n: number, u: PolicyItem['retentionUnit'], v: number): PolicyItem => ({
  frequencyType: t,
  frequencyInterval: n,
  retentionUnit: u,
  retentionValue: v,
});
// Stricter than any seeded policy in every respect, so it is a tightening wherever a policy exists already.
const policy = (pitEnabled: boolean): CompliancePolicy => ({
  authorizedEmail: 'officer@example.com',
  authorizedUserFirstName: 'Dana',
  authorizedUserLastName: 'Reyes',
  pitEnabled,
  restoreWindowDays: 3,
  onDemandPolicyItem: item('ondemand', 0, 'days', 5),
  scheduledPolicyItems: [
    item('hourly', 4, 'days', 3),
    item('daily', 1, 'days', 10),
    item('weekly', 1, 'weeks', 5),
    item('monthly', 1, 'months', 13),
  ],
});

const projects = describeSeed().projects.filter((p) => p.clusters.some((c) => c.backup !== 'off'));

describe('dry run against the simulator, across the seed', () => {
  for (const pit of [false, true])
    for (const p of projects)
      test(`${p.name}${pit ? ', point-in-time required' : ''}: the schedules after the PUT are the ones predicted`, async () => {
        const state = await loadProjectBackupState(client, p.id);
        const d = dryRun({ policy: policy(pit), ...state, overwriteBackupPolicies: true, now: clock });
        assert.ok(d.accepted, JSON.stringify([d.problems, d.loosening]));
        await client.putCompliancePolicy(p.id, policy(pit), { overwriteBackupPolicies: true });
        const afterPut = await loadProjectBackupState(client, p.id);
        for (const plan of d.clusters) {
          const held = afterPut.clusters.find((c) => c.name === plan.name)!;
          assert.equal(
            held.pitEnabled,
            plan.turnsOnPointInTime || !!state.clusters.find((c) => c.name === plan.name)!.pitEnabled,
            plan.name,
          );
          if (!plan.after) continue;
          // The readable diff between the prediction and what Atlas holds is empty: nothing a person would notice.
          assert.deepEqual(
            diffSchedules(plan.after, held.schedule!).map((c) => c.summary),
            [],
            `${plan.name}: predicted ${JSON.stringify(plan.after.policies)} held ${JSON.stringify(held.schedule!.policies)}`,
          );
        }
      });

  for (const p of projects)
    test(`${p.name}: with overwriteBackupPolicies=false the simulator refuses exactly when the dry run says so`, async () => {
      const state = await loadProjectBackupState(client, p.id);
      const d = dryRun({ policy: policy(false), ...state, overwriteBackupPolicies: false, now: clock });
      let refusal: AtlasApiError | undefined;
      try {
        await client.putCompliancePolicy(p.id, policy(false), { overwriteBackupPolicies: false });
      } catch (e) {
        if (!(e instanceof AtlasApiError)) throw e;
        refusal = e;
      }
      assert.equal(!!refusal, d.refusingClusters.length > 0, refusal?.message ?? 'accepted');
      if (refusal) {
        assert.equal(refusal.errorCode, 'BACKUP_POLICIES_NOT_MEETING_BACKUP_COMPLIANCE_POLICY_REQUIREMENTS');
        assert.ok(
          d.refusingClusters.some((n) => refusal.message.includes(n)),
          refusal.message,
        );
        // Refused means untouched.
        const again = await loadProjectBackupState(client, p.id);
        assert.deepEqual(
          again.clusters.map((c) => c.schedule),
          state.clusters.map((c) => c.schedule),
        );
      }
    });

  test('the policy is ENABLING after the PUT and ACTIVE once the clock has moved on; loosening it is refused', async () => {
    const staging =
      projects.find((p) => !p.clusters.every((c) => c.backup === 'off') && p.name !== projects[0].name) ?? projects[0];
    const before = await client.getCompliancePolicy(staging.id);
    const put = await client.putCompliancePolicy(staging.id, policy(false));
    assert.equal(put.state, before ? 'UPDATING' : 'ENABLING');
    clock += 5 * 60_000;
    assert.equal((await client.getCompliancePolicy(staging.id))?.state, 'ACTIVE');
    const looser = { ...policy(false), restoreWindowDays: 1 };
    const d = dryRun({
      policy: looser,
      ...(await loadProjectBackupState(client, staging.id)),
      overwriteBackupPolicies: true,
      now: clock,
    });
    assert.deepEqual(
      d.loosening.map((x) => x.field),
      ['restoreWindowDays'],
    );
    await assert.rejects(client.putCompliancePolicy(staging.id, looser), (e: unknown) => {
      assert.ok(e instanceof AtlasApiError);
      assert.equal(e.errorCode, 'BACKUP_COMPLIANCE_POLICY_SETTINGS_INVALID');
      return true;
    });
  });
});
