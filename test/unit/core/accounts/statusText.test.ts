// The status bar item is short (issue #20 item 10): the account and how many others, the details in the tooltip.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statusText } from '../../../../src/core/accounts/statusText';
import { makeAccount } from '../../../../src/core/accounts';

test("a default label loses its ' @ host'; a long one keeps its start and end; the other accounts are counted", () => {
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
  assert.equal(statusText({ label: 'Prod $(alert)', baseUrl: 'https://cloud.mongodb.com' }, 0), 'Prod $\u200b(alert)');
});
