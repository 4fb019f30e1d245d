// No error repeats itself (issue #20 item 10): the sign-in and push failures a person reads, as Atlas (the simulator)
// really answers them, never say the same thing twice ("Atlas refused these credentials. Atlas refused the API key.").
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { AtlasClient, signInFailureMessage } from '../../../../src/core/atlas';
import type { Credentials } from '../../../../src/core/atlas';
import { AtlasSimulator, DEMO_CREDENTIALS, SEED } from '../../../../src/simulator';
import { placeAtlasError } from '../../../../src/core/push/pushCore';

let sim: AtlasSimulator;
let url: string;

const client = (credentials: Credentials) =>
  new AtlasClient({ baseUrl: url, credentials, userAgent: 'atlas-backup-test/0', retry: { sleep: async () => {} } });

/** The first run of `n` words that occurs twice in `text` (case and punctuation aside), if any. */
function repeatedRun(text: string, n = 6): string | undefined {
  const words = text.toLowerCase().match(/[a-z0-9']+/g) ?? [];
  const seen = new Set<string>();
  for (let i = 0; i + n <= words.length; i++) {
    const run = words.slice(i, i + n).join(' ');
    if (seen.has(run)) return run;
    seen.add(run);
  }
  return undefined;
}

before(async () => {
  sim = new AtlasSimulator({});
  ({ url } = await sim.start(0));
});
after(async () => {
  await sim.stop();
});
beforeEach(() => sim.reset());

test('the check finds the doubled advice the compliance refusal used to give', () => {
  const before =
    "Atlas refused the push: The backup policy is weaker than the project's Backup Compliance Policy allows; keep every item at or above the compliance policy's frequency and retention. The project's Backup Compliance Policy sets the floor: keep every item at or above it.";
  assert.equal(repeatedRun(before), 'keep every item at or above');
});

test('a refused sign-in, either kind, is said once', async () => {
  const wrong: Credentials[] = [
    { kind: 'apiKey', publicKey: DEMO_CREDENTIALS.apiKey.publicKey, privateKey: 'not-the-key' },
    { kind: 'serviceAccount', clientId: DEMO_CREDENTIALS.serviceAccount.clientId, clientSecret: 'not-the-secret' },
  ];
  for (const c of wrong) {
    const e = await client(c)
      .listProjectsPage({ itemsPerPage: 1 })
      .then(
        () => undefined,
        (x: unknown) => x,
      );
    assert.ok(e, `${c.kind}: refused`);
    const message = signInFailureMessage('127.0.0.1', e);
    assert.equal(repeatedRun(message), undefined, `${c.kind}: ${message}`);
    assert.equal((message.match(/refused/gi) ?? []).length, 1, message);
  }
});

test('a push refused under the compliance policy says the rule once, then where to look', async () => {
  const c = client({ kind: 'serviceAccount', ...DEMO_CREDENTIALS.serviceAccount });
  const groupId = SEED.projects.production.id;
  const current = await c.getBackupSchedule(groupId, 'orders-rs');
  const policy = current.policies![0];
  const weaker = {
    ...current,
    policies: [{ ...policy, policyItems: policy.policyItems.map((i) => ({ ...i, retentionValue: 1 })) }],
  };
  const e = await c.updateBackupSchedule(groupId, 'orders-rs', weaker, { current }).then(
    () => undefined,
    (x: unknown) => x,
  );
  assert.ok(e, 'Atlas refuses a schedule under the policy');
  const { message } = placeAtlasError(e);
  assert.match(message, /Compliance Policy/);
  assert.equal(repeatedRun(message), undefined, message);
});
