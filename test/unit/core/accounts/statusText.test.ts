// The status bar item is short (issue #20 item 10): the account's name, "env" for the environment's credentials, and
// how many others; kind, server and the rest are in the tooltip.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statusText } from '../../../../src/core/accounts/statusText';
import { makeAccount } from '../../../../src/core/accounts';

test('a default label says only the client ID or public key; a long one keeps its start and end; others are counted', () => {
  const sa = makeAccount('https://cloud.mongodb.com', {
    kind: 'serviceAccount',
    clientId: 'mdb_sa_id_0123456789abcdef01234567',
    clientSecret: 'never-shown',
  });
  const text = statusText(sa, 1);
  assert.equal(text, 'mdb_sa_id_…bcdef01234567 +1');
  assert.ok(text.length < `Atlas: ${sa.label} (+1)`.length / 2, 'under half the old length');
  assert.doesNotMatch(text, /never-shown/);
  const key = makeAccount('http://127.0.0.1:8080', { kind: 'apiKey', publicKey: 'abcdefgh', privateKey: 'x' });
  assert.equal(statusText(key, 0), 'abcdefgh');
});

test('the environment\'s credentials say so; a chosen label is kept, its "$(" never an icon', () => {
  const env = makeAccount(
    'http://127.0.0.1:8080',
    { kind: 'serviceAccount', clientId: 'demo-sa-owner', clientSecret: 'x' },
    { source: 'environment', label: 'service account from the environment @ 127.0.0.1:8080' },
  );
  assert.equal(statusText(env, 0), 'demo-sa-owner · env');
  const named = makeAccount(
    'https://cloud.mongodb.com',
    { kind: 'apiKey', publicKey: 'k', privateKey: 'x' },
    { label: 'Prod $(alert)' },
  );
  assert.equal(statusText(named, 0), 'Prod $\u200b(alert)');
});
