// Which base URLs an account may be bound to, and what the user is told about the others.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkBaseUrl, isLoopbackHost, originOf, sameOrigin } from '../../../../src/core/accounts';
import { AtlasClient } from '../../../../src/core/atlas';
import { normalizeBaseUrl } from '../../../../src/core/atlas/paths';
import { readAtlasCliProfiles } from '../../../../src/core/accounts/atlasCliConfig';
import { baseUrlFrom } from '../../../../src/cli/atlas';
import { parseArgs } from '../../../../src/cli/args';

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
  for (const h of ['127.0.0.1', '127.255.255.254', 'localhost', 'LOCALHOST', '[::1]', '::1'])
    assert.equal(isLoopbackHost(h), true, h);
  for (const h of [
    'a.localhost',
    'localhost.',
    '127.1',
    '127.000.000.001',
    '[::ffff:7f00:1]',
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

// Issue #16 item 3: `*.localhost` was taken for loopback, but it is resolved by DNS like any other name, and a
// resolver answering another address received the service account's credentials in clear. Every place a base URL
// comes from (the extension's setting and sign-in, an Atlas CLI profile, the API client itself, the CLI's
// --base-url and MONGODB_ATLAS_BASE_URL) goes through the one isLoopbackHost, so each form is tried in all of them.
const HTTP_FORMS: [url: string, accepted: boolean, why: string][] = [
  ['http://127.0.0.1:4545', true, 'IPv4 loopback literal'],
  ['http://127.254.3.9', true, 'anywhere in 127.0.0.0/8'],
  ['http://127.1:4545', true, 'short IPv4 literal: the URL parser makes it 127.0.0.1, no DNS'],
  ['http://0x7f.1:4545', true, 'hexadecimal IPv4 literal: 127.0.0.1 too'],
  ['http://[::1]:4545', true, 'IPv6 loopback literal'],
  ['http://[0:0:0:0:0:0:0:1]:4545', true, 'IPv6 loopback, long form'],
  ['http://localhost:4545', true, 'the name localhost itself'],
  ['http://LOCALHOST:4545', true, 'upper case is the same name'],
  ['http://LocalHost', true, 'mixed case too'],
  ['http://foo.localhost:4545', false, 'a subdomain of localhost is resolved by DNS'],
  ['http://FOO.LOCALHOST', false, 'upper case changes nothing'],
  ['http://localhost.:4545', false, 'a fully qualified localhost. is looked up as such'],
  ['http://localhost.evil.example', false, 'a name starting with localhost'],
  ['http://127.0.0.1.nip.io', false, 'a name holding a loopback address'],
  ['http://[::ffff:127.0.0.1]', false, 'IPv4-mapped IPv6 is not ::1'],
  ['http://0.0.0.0:4545', false, 'the unspecified address'],
  ['http://128.0.0.1', false, 'outside 127.0.0.0/8'],
];

test('plain http: only 127.0.0.0/8, ::1 and localhost itself, the same in the extension, profiles, the client and the CLI', () => {
  for (const [url, accepted, why] of HTTP_FORMS) {
    const what = `${url} (${why})`;
    assert.equal(checkBaseUrl(url, FIELD).ok, accepted, `setting/sign-in: ${what}`);
    const [profile] = readAtlasCliProfiles(
      `[p]\n  service = "cloud"\n  ops_manager_url = "${url}"\n  client_id = "mdb_sa_id_x"\n  client_secret = "mdb_sa_sk_x"\n`,
    );
    assert.equal(profile.unusable === undefined, accepted, `Atlas CLI profile: ${what}: ${profile.unusable ?? ''}`);
    if (accepted) assert.doesNotThrow(() => normalizeBaseUrl(url), `client: ${what}`);
    else assert.throws(() => normalizeBaseUrl(url), /plain http/, `client: ${what}`);
    const args = parseArgs(['--base-url', url], { values: ['--base-url'] });
    const env = { env: { MONGODB_ATLAS_BASE_URL: url } } as never;
    if (accepted) {
      assert.doesNotThrow(() => baseUrlFrom(args, env), `CLI --base-url: ${what}`);
      assert.doesNotThrow(() => baseUrlFrom(parseArgs([], {}), env), `CLI MONGODB_ATLAS_BASE_URL: ${what}`);
    } else {
      assert.throws(() => baseUrlFrom(args, env), /must use https/, `CLI --base-url: ${what}`);
      assert.throws(() => baseUrlFrom(parseArgs([], {}), env), /must use https/, `CLI env: ${what}`);
    }
  }
  // What is connected to is the parsed literal, never the name as typed.
  assert.equal(
    baseUrlFrom(parseArgs(['--base-url', 'http://0x7f.1:4545'], { values: ['--base-url'] }), { env: {} } as never),
    'http://127.0.0.1:4545',
  );
  const c = checkBaseUrl('http://127.1:4545/', FIELD);
  assert.ok(c.ok && c.baseUrl === 'http://127.0.0.1:4545');
});
