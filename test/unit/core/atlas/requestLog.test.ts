import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatRequestLog, redact } from '../../../../src/core/atlas/requestLog';

test('a successful request logs method, path, status and duration at info', () => {
  const r = formatRequestLog({
    method: 'GET',
    path: '/api/atlas/v2/groups?pageNum=1',
    status: 200,
    durationMs: 41.6,
    attempt: 1,
    outcome: 'ok',
  });
  assert.deepEqual(r, { level: 'info', line: 'GET /api/atlas/v2/groups?pageNum=1 → 200 (42 ms)' });
});

test('an Atlas error logs its error code at warn, and a retry says which attempt', () => {
  const r = formatRequestLog({
    method: 'PATCH',
    path: '/x',
    status: 400,
    errorCode: 'INVALID_RESTORE_WINDOW',
    durationMs: 7,
    attempt: 2,
    outcome: 'http-error',
  });
  assert.deepEqual(r, { level: 'warn', line: 'PATCH /x → 400 INVALID_RESTORE_WINDOW (7 ms, attempt 2)' });
});

test('network failures and timeouts log at error, cancellations at debug', () => {
  assert.equal(
    formatRequestLog({ method: 'GET', path: '/x', durationMs: 1, attempt: 1, outcome: 'network-error' }).level,
    'error',
  );
  assert.match(
    formatRequestLog({ method: 'GET', path: '/x', durationMs: 30000, attempt: 1, outcome: 'timeout' }).line,
    /timed out/,
  );
  assert.equal(
    formatRequestLog({ method: 'GET', path: '/x', durationMs: 1, attempt: 1, outcome: 'cancelled' }).level,
    'debug',
  );
});

test('redact removes every occurrence of a known secret and ignores trivially short ones', () => {
  assert.equal(redact('key s3cr3t-value and s3cr3t-value again', ['s3cr3t-value']), 'key *** and *** again');
  assert.equal(redact('abc', ['a', '']), 'abc');
});
