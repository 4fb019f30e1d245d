import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelay, isRetryable, parseRetryAfter } from '../../../../src/core/atlas/retryPolicy';

describe('retry policy', () => {
  test('GET is retried on 429, 503, reset and refused; not on 500 or 400', () => {
    assert.ok(isRetryable('GET', { type: 'http', status: 429 }));
    assert.ok(isRetryable('GET', { type: 'http', status: 503 }));
    assert.ok(isRetryable('GET', { type: 'network', code: 'ECONNRESET' }));
    assert.ok(isRetryable('GET', { type: 'network', code: 'ECONNREFUSED' }));
    assert.ok(!isRetryable('GET', { type: 'http', status: 500 }));
    assert.ok(!isRetryable('GET', { type: 'http', status: 400 }));
    assert.ok(!isRetryable('GET', { type: 'network', code: 'ENOTFOUND' }));
    assert.ok(!isRetryable('GET', { type: 'network', code: 'CERT_HAS_EXPIRED' }));
  });

  test('writes are retried only when Atlas certainly did not act: 429 or a refused connection', () => {
    for (const m of ['PATCH', 'POST', 'PUT', 'DELETE']) {
      assert.ok(isRetryable(m, { type: 'http', status: 429 }), m);
      assert.ok(isRetryable(m, { type: 'network', code: 'ECONNREFUSED' }), m);
      assert.ok(!isRetryable(m, { type: 'http', status: 503 }), m);
      assert.ok(!isRetryable(m, { type: 'http', status: 500 }), m);
      assert.ok(!isRetryable(m, { type: 'network', code: 'ECONNRESET' }), m);
      assert.ok(!isRetryable(m, { type: 'network' }), m);
    }
  });

  test('backoff is capped exponential with full jitter', () => {
    assert.equal(
      backoffDelay(1, 500, 10_000, () => 0.999999),
      499,
    );
    assert.equal(
      backoffDelay(3, 500, 10_000, () => 0.5),
      1000,
    );
    assert.equal(
      backoffDelay(10, 500, 10_000, () => 0.999999),
      9999,
    );
    assert.equal(
      backoffDelay(2, 500, 10_000, () => 0),
      0,
    );
  });

  test('Retry-After as seconds or as an HTTP date', () => {
    assert.equal(parseRetryAfter('7', 0), 7);
    assert.equal(parseRetryAfter(' 0 ', 0), 0);
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now), 5);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter(null, now), undefined);
  });
});
