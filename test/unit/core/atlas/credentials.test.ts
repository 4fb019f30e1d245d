import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { credentialsFromEnv } from '../../../../src/core/atlas';

describe('credentialsFromEnv', () => {
  test('service account wins when both pairs are set; values are trimmed', () => {
    assert.deepEqual(
      credentialsFromEnv({
        MONGODB_ATLAS_CLIENT_ID: ' id ',
        MONGODB_ATLAS_CLIENT_SECRET: 'sec\n',
        MONGODB_ATLAS_PUBLIC_API_KEY: 'pub',
        MONGODB_ATLAS_PRIVATE_API_KEY: 'priv',
      }),
      { kind: 'serviceAccount', clientId: 'id', clientSecret: 'sec' },
    );
  });
  test('API key pair alone; a half-set pair is ignored', () => {
    assert.deepEqual(
      credentialsFromEnv({
        MONGODB_ATLAS_CLIENT_ID: 'id',
        MONGODB_ATLAS_PUBLIC_API_KEY: 'pub',
        MONGODB_ATLAS_PRIVATE_API_KEY: 'priv',
      }),
      { kind: 'apiKey', publicKey: 'pub', privateKey: 'priv' },
    );
    assert.equal(credentialsFromEnv({ MONGODB_ATLAS_CLIENT_ID: 'id', MONGODB_ATLAS_CLIENT_SECRET: '  ' }), undefined);
    assert.equal(credentialsFromEnv({ MONGODB_ATLAS_PUBLIC_API_KEY: 'pub' }), undefined);
    assert.equal(credentialsFromEnv({}), undefined);
  });
});
