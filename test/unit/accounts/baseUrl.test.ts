// Which base URLs an account may be bound to, and what the user is told about the others.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkBaseUrl, isLoopbackHost, originOf, sameOrigin } from '../../../src/accounts';
import { AtlasClient } from '../../../src/atlas';

const FIELD = 'atlasBackup.baseUrl';

test('https anywhere, plain http only for loopback', () => {
  for (const ok of [
    'https://cloud.mongodb.com',
    'https://cloud.mongodb.com/',
    'https://atlas.example.org:8443/base/',
    'http://127.0.0.1:4545',
    'http://127.9.8.7',
    'http://localhost:3000',
    'http://[::1]:4545',
    'http://sim.localhost',
  ]) {
    const c = checkBaseUrl(ok, FIELD);
    assert.ok(c.ok, `${ok} should be accepted: ${!c.ok ? c.message : ''}`);
  }
  const normal = checkBaseUrl(' https://atlas.example.org:8443/base/ ', FIELD);
  assert.deepEqual(normal, {
    ok: true,
    baseUrl: 'https://atlas.example.org:8443/base',
    origin: 'https://atlas.example.org:8443',
    host: 'atlas.example.org:8443',
  });
});

test('a refusal names the setting and says what to do', () => {
  const cases: [string, RegExp][] = [
    ['not a url', /not a URL/],
    ['ftp://files.example.com', /uses ftp:.*only https/],
    ['file:///etc/passwd', /uses file:/],
    ['javascript:alert(1)', /uses javascript:/],
    ['http://localhost.evil.example:47999', /plain http for localhost\.evil\.example:47999.*use https/],
    ['http://10.0.0.5', /plain http for 10\.0\.0\.5/],
    ['http://128.0.0.1', /plain http/],
    ['https://user:pw@cloud.mongodb.com', /user name or password/],
    ['https://cloud.mongodb.com/?x=1', /query or fragment/],
    ['', /empty/],
  ];
  for (const [input, why] of cases) {
    const c = checkBaseUrl(input, FIELD);
    assert.equal(c.ok, false, `${input} must be refused`);
    if (!c.ok) {
      assert.ok(c.message.startsWith(FIELD), `message names the setting: ${c.message}`);
      assert.match(c.message, why);
      assert.doesNotMatch(c.message, /pw@/, 'a password in the URL is not echoed');
    }
  }
  assert.equal(checkBaseUrl(42, FIELD).ok, false);
});

test('loopback is 127.0.0.0/8, ::1 and localhost, nothing that merely looks like it', () => {
  for (const h of ['127.0.0.1', '127.255.255.254', 'localhost', 'LOCALHOST', '[::1]', '::1', 'a.localhost'])
    assert.equal(isLoopbackHost(h), true, h);
  for (const h of [
    '128.0.0.1',
    '127.0.0.1.nip.io',
    'localhost.example.com',
    '0.0.0.0',
    '::ffff:8.8.8.8',
    '10.0.0.1',
    '',
  ])
    assert.equal(isLoopbackHost(h), false, h);
});

test('origins compare scheme, host and port', () => {
  assert.equal(originOf('https://cloud.mongodb.com/api/atlas/v2'), 'https://cloud.mongodb.com');
  assert.equal(sameOrigin('https://cloud.mongodb.com/a', 'https://cloud.mongodb.com:443/b'), true);
  assert.equal(sameOrigin('https://cloud.mongodb.com', 'http://cloud.mongodb.com'), false);
  assert.equal(sameOrigin('http://127.0.0.1:1', 'http://127.0.0.1:2'), false);
  assert.equal(originOf('not a url'), undefined);
});

test('the client itself refuses plain http to a host that is not this machine', () => {
  const credentials = { kind: 'apiKey' as const, publicKey: 'pub', privateKey: 'priv' };
  assert.throws(
    () => new AtlasClient({ baseUrl: 'http://atlas.example.org', credentials, userAgent: 'ua' }),
    /plain http/,
  );
  assert.doesNotThrow(() => new AtlasClient({ baseUrl: 'http://127.0.0.1:9', credentials, userAgent: 'ua' }));
});
