// The simulator answers third-party Atlas clients as Atlas does (issue #11): token revocation (RFC 7009),
// version negotiation, v1.0, discovery endpoints, "not simulated" 404s and the recorded real-Atlas answers.
// Raw HTTP only, no product code.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AtlasSimulator, DEMO_CREDENTIALS } from '../../../src/simulator';
import { V2023, getToken } from './helpers';

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const SA = DEMO_CREDENTIALS.serviceAccount;
const BM = DEMO_CREDENTIALS.backupManagerServiceAccount;

describe('token revocation (RFC 7009)', () => {
  const sim = new AtlasSimulator();
  let base = '';
  before(async () => { base = (await sim.start()).url; });
  after(() => sim.stop());
  beforeEach(() => sim.reset());

  const revoke = (auth: string | undefined, body: string) => fetch(`${base}/api/oauth/revoke`, {
    method: 'POST', body, headers: { ...(auth ? { Authorization: auth } : {}), 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  const groups = (token: string) => fetch(`${base}/api/atlas/v2/groups`, { headers: { Authorization: `Bearer ${token}`, Accept: V2023 } });

  test('a revoked token gets 401 afterwards; other tokens keep working', async () => {
    const a = await getToken(base, SA.clientId, SA.clientSecret);
    const b = await getToken(base, SA.clientId, SA.clientSecret);
    assert.equal((await groups(a)).status, 200);
    const res = await revoke(basic(SA.clientId, SA.clientSecret), new URLSearchParams({ token: a, token_type_hint: 'access_token' }).toString());
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.equal((await groups(a)).status, 401);
    assert.equal((await groups(b)).status, 200);
  });

  test('an unknown or already revoked token is not an error (200)', async () => {
    const a = await getToken(base, SA.clientId, SA.clientSecret);
    for (let i = 0; i < 2; i++) assert.equal((await revoke(basic(SA.clientId, SA.clientSecret), `token=${a}`)).status, 200);
    assert.equal((await revoke(basic(SA.clientId, SA.clientSecret), 'token=never-issued')).status, 200);
  });

  test('client authentication is required; a token of another client is refused and stays valid', async () => {
    const a = await getToken(base, SA.clientId, SA.clientSecret);
    const noAuth = await revoke(undefined, `token=${a}`);
    assert.equal(noAuth.status, 401);
    assert.equal(((await noAuth.json()) as { error: string }).error, 'invalid_client');
    assert.equal((await revoke(basic(SA.clientId, 'wrong'), `token=${a}`)).status, 401);
    const other = await revoke(basic(BM.clientId, BM.clientSecret), `token=${a}`);
    assert.equal(other.status, 400);
    assert.equal((await groups(a)).status, 200);
    const missing = await revoke(basic(SA.clientId, SA.clientSecret), 'token_type_hint=access_token');
    assert.equal(missing.status, 400);
    assert.equal(((await missing.json()) as { error: string }).error, 'invalid_request');
  });

  test('client_secret_post works for the token and revocation endpoints alike', async () => {
    const form = (extra: Record<string, string>) => new URLSearchParams({ client_id: SA.clientId, client_secret: SA.clientSecret, ...extra }).toString();
    const t = await fetch(`${base}/api/oauth/token`, { method: 'POST', body: form({ grant_type: 'client_credentials' }), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    assert.equal(t.status, 200);
    const token = ((await t.json()) as { access_token: string }).access_token;
    assert.equal((await revoke(undefined, form({ token }))).status, 200);
    assert.equal((await groups(token)).status, 401);
  });
});
