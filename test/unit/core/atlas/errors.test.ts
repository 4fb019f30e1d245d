import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AtlasApiError,
  AtlasAuthError,
  AtlasCancelledError,
  isCancelled,
  OPERATIONS,
} from '../../../../src/core/atlas';
import {
  apiErrorFromResponse,
  AtlasTimeoutError,
  describeWriteFailure,
  failureNotice,
  mayHaveReachedAtlas,
  networkError,
  parseErrorBody,
  redact,
  signInFailureMessage,
} from '../../../../src/core/atlas/errors';

const ctx = (over: Partial<Parameters<typeof apiErrorFromResponse>[2]> = {}) => ({
  method: 'PATCH',
  path: '/api/atlas/v2/groups/g/clusters/c/backup/schedule',
  secrets: ['s3cr3t-private-key'],
  ...over,
});
const body = (status: number, errorCode: string, extra: object = {}) =>
  JSON.stringify({ error: status, errorCode, ...extra });

describe('error mapping', () => {
  test('a known code becomes a plain sentence, keeps Atlas detail, names the field and the code', () => {
    const e = apiErrorFromResponse(
      400,
      body(400, 'INVALID_POLICY_ITEM_ID', {
        detail: 'Policy item 5f0a... not found.',
        reason: 'Bad Request',
        badRequestDetail: { fields: [{ field: 'policies[0].policyItems[1].id', description: 'unknown id' }] },
      }),
      ctx(),
    );
    assert.ok(e instanceof AtlasApiError && !(e instanceof AtlasAuthError));
    assert.equal(e.kind, 'api');
    assert.equal(e.status, 400);
    assert.equal(e.errorCode, 'INVALID_POLICY_ITEM_ID');
    assert.equal(e.field, 'policies[0].policyItems[1].id');
    assert.match(e.message, /remove the id to add a new item/);
    assert.match(e.message, /Atlas says: Policy item 5f0a\.\.\. not found\./);
    assert.match(e.message, /field "policies\[0\]\.policyItems\[1\]\.id": unknown id/);
    assert.match(e.message, /\(INVALID_POLICY_ITEM_ID, HTTP 400\)/);
    assert.equal(e.method, 'PATCH');
  });

  test('compliance-policy codes are explained', () => {
    for (const code of [
      'BACKUP_POLICIES_NOT_MEETING_BACKUP_COMPLIANCE_POLICY_REQUIREMENTS',
      'CANNOT_DECREASE_SNAPSHOT_RETENTION_WITH_BACKUP_COMPLIANCE_POLICY',
      'CANNOT_DELETE_SNAPSHOT_WITH_BACKUP_COMPLIANCE_POLICY',
    ]) {
      assert.match(apiErrorFromResponse(400, body(400, code), ctx()).message, /Backup Compliance Policy/);
    }
  });

  test('401 is an AtlasAuthError telling the user to sign in again', () => {
    const e = apiErrorFromResponse(401, body(401, 'NOT_ORG_GROUP_CREATOR'), ctx());
    assert.ok(e instanceof AtlasAuthError);
    assert.equal(e.kind, 'auth');
    assert.match(e.hint!, /Sign in again/);
  });

  test('403 names the role the operation needs', () => {
    const cases: [keyof typeof OPERATIONS, RegExp][] = [
      ['getCompliancePolicy', /Reading the Backup Compliance Policy needs the Project Owner role/],
      ['updateBackupSchedule', /Changing the backup schedule needs the Project Backup Manager role/],
      ['takeSnapshot', /Taking a snapshot needs the Project Backup Creator role/],
    ];
    for (const [op, re] of cases) {
      const e = apiErrorFromResponse(403, body(403, 'USER_UNAUTHORIZED'), ctx({ operation: OPERATIONS[op] }));
      assert.match(e.message, re);
    }
  });

  test('RESOURCE_REQUIRES_ACCESS_LIST points at the IP access list, not at roles', () => {
    const e = apiErrorFromResponse(
      403,
      body(403, 'RESOURCE_REQUIRES_ACCESS_LIST'),
      ctx({ operation: OPERATIONS.listProjects }),
    );
    assert.match(e.message, /access list/);
    assert.doesNotMatch(e.hint!, /role/);
  });

  test('429 says when to retry; 404 says the resource may be gone; 5xx blames Atlas', () => {
    assert.match(
      apiErrorFromResponse(429, body(429, 'RATE_LIMITED'), ctx({ retryAfterSeconds: 7 })).message,
      /retry after 7 s/,
    );
    assert.match(apiErrorFromResponse(404, body(404, 'RESOURCE_NOT_FOUND'), ctx()).message, /no longer exist/);
    assert.match(apiErrorFromResponse(500, body(500, 'UNEXPECTED_ERROR'), ctx()).message, /on the Atlas side/);
  });

  test('an unknown code uses Atlas detail; a non-JSON body (proxy HTML) is tolerated', () => {
    const e = apiErrorFromResponse(400, body(400, 'SOMETHING_NEW', { detail: 'Frobnication failed' }), ctx());
    assert.match(e.message, /^Frobnication failed\. \(SOMETHING_NEW, HTTP 400\)/);
    const h = apiErrorFromResponse(502, '<html><body><h1>502 Bad Gateway</h1></body></html>', ctx());
    assert.equal(h.errorCode, '');
    assert.equal(h.detail, '502 Bad Gateway');
    assert.match(h.message, /502 Bad Gateway\. \(HTTP 502\)/);
    const empty = apiErrorFromResponse(500, '', ctx());
    assert.match(
      empty.message,
      /Atlas answered PATCH \/api\/atlas\/v2\/groups\/g\/clusters\/c\/backup\/schedule with HTTP 500/,
    );
    assert.deepEqual(parseErrorBody('{"errorCode": 5, "badRequestDetail": {"fields": [{"field": 1}]}}'), {
      error: undefined,
      errorCode: undefined,
      detail: undefined,
      reason: undefined,
      parameters: undefined,
      badRequestDetail: undefined,
    });
  });

  test('secrets and authorization values never reach a message', () => {
    const e = apiErrorFromResponse(
      400,
      body(400, 'X', { detail: 'bad key s3cr3t-private-key; header was Bearer eyJhbGciOiJIUzI1NiJ9.abcdefghijkl' }),
      ctx(),
    );
    assert.doesNotMatch(e.message, /s3cr3t-private-key|eyJhbGciOi/);
    assert.equal(redact('Digest username="pub", response="abc"', []), 'Digest [redacted]');
    assert.equal(redact('Basic tier', []), 'Basic tier', 'ordinary words survive');
  });

  test('network errors: refused, DNS, reset, TLS each get their own advice and keep the cause', () => {
    const mk = (code: string) => Object.assign(new Error(`x ${code}`), { code });
    assert.match(networkError(mk('ECONNREFUSED'), 'h:1').message, /refused/);
    assert.match(networkError(mk('ENOTFOUND'), 'h:1').message, /resolve h:1.*DNS/);
    assert.match(networkError(new Error('socket hang up'), 'h').message, /dropped/);
    const tls = networkError(new TypeError('fetch failed', { cause: mk('SELF_SIGNED_CERT_IN_CHAIN') }), 'h');
    assert.match(tls.message, /certificate.*NODE_EXTRA_CA_CERTS/);
    assert.equal(tls.code, 'SELF_SIGNED_CERT_IN_CHAIN');
    assert.ok(tls.cause instanceof TypeError);
    assert.equal(tls.kind, 'network');
  });

  test('isCancelled recognises our error and plain AbortErrors only', () => {
    assert.ok(isCancelled(new AtlasCancelledError()));
    assert.ok(isCancelled(Object.assign(new Error('x'), { name: 'AbortError' })));
    assert.ok(!isCancelled(new Error('x')));
    assert.ok(!isCancelled(undefined));
  });
});

describe('whether a failed write may still have changed Atlas', () => {
  test('no answer or a server failure: it may have; any other answer from Atlas: it refused, nothing changed', () => {
    const answer = (status: number, code: string) => apiErrorFromResponse(status, body(status, code), ctx());
    assert.equal(
      mayHaveReachedAtlas(
        networkError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), '127.0.0.1'),
      ),
      true,
    );
    assert.equal(mayHaveReachedAtlas(new AtlasTimeoutError('The request timed out.')), true);
    for (const s of [500, 502, 503, 504])
      assert.equal(mayHaveReachedAtlas(answer(s, 'UNEXPECTED_ERROR')), true, String(s));
    for (const [s, c] of [
      [400, 'INVALID_RESTORE_WINDOW'],
      [401, 'UNAUTHORIZED'],
      [403, 'USER_UNAUTHORIZED'],
      [409, 'CONFLICT'],
      [429, 'RATE_LIMITED'],
    ] as const) {
      assert.equal(mayHaveReachedAtlas(answer(s, c)), false, String(s));
    }
    assert.equal(mayHaveReachedAtlas(new AtlasCancelledError()), false, 'cancelled before sending');
    assert.equal(mayHaveReachedAtlas(new Error('a bug of ours')), false);
  });
});

describe('one description for every failed write', () => {
  const w = { what: 'the delete of c', look: 'refresh the view' };
  test('a 200 whose body is not JSON may have reached Atlas (Atlas said yes; the answer was lost)', () => {
    const e = new AtlasApiError('Atlas answered x with something that is not JSON (HTTP 200).', {
      status: 200,
      errorCode: 'INVALID_RESPONSE',
      method: 'PATCH',
      path: '/p',
    });
    assert.equal(mayHaveReachedAtlas(e), true);
    const f = describeWriteFailure(e, w);
    assert.equal(f.outcome, 'unknown');
    assert.match(f.message, /^The delete of c may have reached Atlas: Atlas accepted it \(HTTP 200\)/);
  });
  test('a reset or a 5xx: "look before trying again", never the error\'s own "try again"', () => {
    for (const e of [
      networkError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), '127.0.0.1'),
      apiErrorFromResponse(503, body(503, 'SERVICE_UNAVAILABLE'), ctx()),
    ]) {
      assert.match(e.message, /try again/i, 'the read-side advice this replaces');
      const f = describeWriteFailure(e, w);
      assert.equal(f.mayHaveReached, true);
      assert.match(
        f.message,
        /may have reached Atlas: .* It was not retried\. Look before trying again: refresh the view\.$/,
      );
      assert.doesNotMatch(f.message.replace('Look before trying again', ''), /try again/i);
    }
  });
  test("a refusal: nothing changed, with Atlas's reason", () => {
    const f = describeWriteFailure(apiErrorFromResponse(400, body(400, 'INVALID_RESTORE_WINDOW'), ctx()), w);
    assert.equal(f.outcome, 'refused');
    assert.match(f.message, /^The delete of c failed; nothing changed in Atlas: .*restore window/);
  });
});

describe('failureNotice: how a failed command is shown', () => {
  test('an Atlas error that mentions "cancel" is shown: cancellation is known by type, not by words', () => {
    const e = apiErrorFromResponse(
      409,
      body(409, 'SNAPSHOT_CANCELLED', { detail: 'The snapshot was cancelled by an administrator.' }),
      ctx(),
    );
    const n = failureNotice('Take snapshot now', e);
    assert.equal(n.silent, false);
    assert.match(
      n.silent ? '' : n.message,
      /^Take snapshot now failed: The snapshot was cancelled by an administrator/,
    );
    const named = Object.assign(new Error('Upload aborted by the server'), { name: 'CancelError' });
    assert.equal(failureNotice('Push', named).silent, false, 'a name that merely says cancel is not a cancellation');
  });

  test("a cancellation stays silent: our own, and an AbortSignal's", () => {
    assert.deepEqual(failureNotice('Push', new AtlasCancelledError()), { silent: true });
    const abort = new AbortController();
    abort.abort();
    assert.deepEqual(failureNotice('Push', abort.signal.reason), { silent: true });
  });

  test('an auth error offers sign-in; anything else does not', () => {
    const auth = failureNotice('Edit backup schedule', apiErrorFromResponse(401, body(401, 'NO_CURRENT_USER'), ctx()));
    assert.equal(!auth.silent && auth.offerSignIn, true);
    const other = failureNotice('Edit backup schedule', new Error('disk full'));
    assert.deepEqual(other, { silent: false, message: 'Edit backup schedule failed: disk full', offerSignIn: false });
    assert.deepEqual(failureNotice('Refresh', 'plain text'), {
      silent: false,
      message: 'Refresh failed: plain text',
      offerSignIn: false,
    });
  });
});

describe('signInFailureMessage (issue #20 item 10: the error said once)', () => {
  const init = { status: 401, errorCode: 'UNAUTHORIZED', method: 'GET', path: '/api/atlas/v2/groups' };
  test("the API key's refusal is said once", () => {
    const e = new AtlasAuthError(
      'Atlas refused the API key. Check the public and private key (and that the key has not been deleted), then sign in again. (HTTP 401)',
      init,
    );
    const m = signInFailureMessage('cloud.mongodb.com', e);
    assert.equal(m, e.message);
    assert.equal(m.match(/refused/g)?.length, 1);
  });
  test("the service account's refusal is said once", () => {
    const e = new AtlasAuthError("Atlas refused the service account's client ID or secret (HTTP 401).", init);
    assert.equal(signInFailureMessage('cloud.mongodb.com', e), e.message);
  });
  test('a refusal worded otherwise gets the lead-in', () => {
    const e = new AtlasAuthError('You are not authorized for this resource. (UNAUTHORIZED, HTTP 401)', init);
    assert.equal(
      signInFailureMessage('cloud.mongodb.com', e),
      'Atlas refused these credentials. You are not authorized for this resource. (UNAUTHORIZED, HTTP 401)',
    );
  });
  test('any other failure names the host', () => {
    assert.equal(
      signInFailureMessage('127.0.0.1:7777', new Error('Could not connect')),
      "Couldn't sign in to 127.0.0.1:7777: Could not connect",
    );
  });
});
