import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DigestSession,
  digestAuthorization,
  parseAuthChallenges,
  selectDigestChallenge,
} from '../../../../src/core/atlas/digest';
import { digestValid, parseDigestHeader } from './fakeFetch';

// RFC 7616 §3.9.1 example.
const RFC = {
  realm: 'http-auth@example.org',
  nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
  opaque: 'FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS',
  cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
};

describe('WWW-Authenticate parsing', () => {
  test('quoted values may contain commas, equals signs and escaped quotes', () => {
    const [c] = parseAuthChallenges(
      'Digest realm="MMS, Public \\"API\\"", domain="", nonce="a=b,c", algorithm=MD5, qop="auth,auth-int", stale=false',
    );
    assert.equal(c.scheme, 'Digest');
    assert.equal(c.params['realm'], 'MMS, Public "API"');
    assert.equal(c.params['nonce'], 'a=b,c');
    assert.equal(c.params['qop'], 'auth,auth-int');
    assert.equal(c.params['domain'], '');
    assert.equal(c.params['stale'], 'false');
  });

  test('several challenges in one header (RFC 7235 example) are kept apart', () => {
    const cs = parseAuthChallenges('Newauth realm="apps", type=1, title="Login to \\"apps\\"", Basic realm="simple"');
    assert.deepEqual(
      cs.map((c) => c.scheme),
      ['Newauth', 'Basic'],
    );
    assert.equal(cs[0].params['title'], 'Login to "apps"');
    assert.equal(cs[1].params['realm'], 'simple');
  });

  test('the strongest Digest challenge is chosen and stale is read', () => {
    const h =
      'Digest realm="r", nonce="n1", algorithm=MD5, qop="auth", Digest realm="r", nonce="n2", algorithm=SHA-256, qop="auth", stale=TRUE, Bearer';
    const c = selectDigestChallenge(h)!;
    assert.equal(c.algorithm, 'SHA-256');
    assert.equal(c.nonce, 'n2');
    assert.equal(c.stale, true);
  });

  test('a challenge offering only auth-int or an unknown algorithm is not answered', () => {
    assert.equal(selectDigestChallenge('Digest realm="r", nonce="n", qop="auth-int"'), undefined);
    assert.equal(selectDigestChallenge('Digest realm="r", nonce="n", algorithm=SHA-512-256'), undefined);
    assert.equal(selectDigestChallenge('Basic realm="r"'), undefined);
    assert.equal(selectDigestChallenge(null), undefined);
  });
});

describe('Digest response', () => {
  for (const [algorithm, expected] of [
    ['MD5', '8ca523f5e9506fed4657c9700eebdbec'],
    ['SHA-256', '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1'],
  ] as const) {
    test(`matches the RFC 7616 ${algorithm} example`, () => {
      const h = digestAuthorization({
        challenge: { realm: RFC.realm, nonce: RFC.nonce, opaque: RFC.opaque, algorithm, qop: 'auth', stale: false },
        username: 'Mufasa',
        password: 'Circle of Life',
        method: 'GET',
        uri: '/dir/index.html',
        nc: 1,
        cnonce: RFC.cnonce,
      });
      const p = parseDigestHeader(h);
      assert.equal(p['response'], expected);
      assert.equal(p['nc'], '00000001');
      assert.equal(p['qop'], 'auth');
      assert.equal(p['opaque'], RFC.opaque);
      assert.equal(p['uri'], '/dir/index.html');
    });
  }

  test('-sess variants and RFC 2069 (no qop) verify at an independent server check', () => {
    for (const algorithm of ['MD5-sess', 'SHA-256-sess'] as const) {
      const h = digestAuthorization({
        challenge: { realm: 'r', nonce: 'n', algorithm, qop: 'auth', stale: false },
        username: 'u',
        password: 'p',
        method: 'PATCH',
        uri: '/x?y=1',
        nc: 7,
        cnonce: 'c',
      });
      assert.ok(digestValid(h, 'PATCH', 'p'), algorithm);
      assert.ok(!digestValid(h, 'PATCH', 'wrong'));
    }
    const legacy = digestAuthorization({
      challenge: { realm: 'r', nonce: 'n', algorithm: 'MD5', stale: false },
      username: 'u',
      password: 'p',
      method: 'GET',
      uri: '/',
      nc: 1,
      cnonce: 'c',
    });
    assert.ok(!/qop=|nc=|cnonce=/.test(legacy));
    assert.ok(digestValid(legacy, 'GET', 'p'));
  });

  test('the nonce count rises per request on one nonce and restarts with a new nonce', () => {
    let i = 0;
    const s = new DigestSession('u', 'p', () => `c${i++}`);
    assert.equal(s.authorize('GET', '/'), undefined, 'nothing to send before a challenge');
    s.accept({ realm: 'r', nonce: 'n1', algorithm: 'MD5', qop: 'auth', stale: false });
    const nc = () => parseDigestHeader(s.authorize('GET', '/')!)['nc'];
    assert.deepEqual([nc(), nc(), nc()], ['00000001', '00000002', '00000003']);
    s.accept({ realm: 'r', nonce: 'n1', algorithm: 'MD5', qop: 'auth', stale: false });
    assert.equal(nc(), '00000004', 'same nonce again keeps counting');
    s.accept({ realm: 'r', nonce: 'n2', algorithm: 'MD5', qop: 'auth', stale: true });
    assert.equal(nc(), '00000001');
  });

  test('cnonce is random by default', () => {
    const s = new DigestSession('u', 'p');
    s.accept({ realm: 'r', nonce: 'n', algorithm: 'MD5', qop: 'auth', stale: false });
    const a = parseDigestHeader(s.authorize('GET', '/')!)['cnonce'];
    const b = parseDigestHeader(s.authorize('GET', '/')!)['cnonce'];
    assert.ok(a && b && a !== b && a.length >= 16);
  });
});
