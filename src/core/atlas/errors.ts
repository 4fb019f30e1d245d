// One error hierarchy, built at the client boundary, so the VS Code layer can present every failure in one place:
// cancellation silently, auth errors with a sign-in offer, everything else with a sentence a person can act on.
// Messages never contain a secret, a token or an Authorization header: they are built from Atlas's error body
// (which we also redact against the known secrets) and from method + path, which carry none.

import type { FieldViolation } from './types';
import type { OperationSpec } from './operations';
import { brandClass } from '../common/crossBundle';

export type AtlasErrorKind = 'api' | 'auth' | 'network' | 'timeout' | 'cancelled';

export class AtlasError extends Error {
  readonly kind: AtlasErrorKind;
  constructor(kind: AtlasErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.kind = kind;
    this.name = new.target.name;
  }
}
brandClass(AtlasError, 'AtlasError');

export interface AtlasApiErrorInit {
  status: number;
  errorCode: string;
  detail?: string;
  reason?: string;
  parameters?: unknown[];
  badRequestDetail?: { fields?: FieldViolation[] };
  retryAfterSeconds?: number;
  method: string;
  path: string;
  hint?: string;
}

export class AtlasApiError extends AtlasError {
  readonly status: number;
  /** Atlas's application error code, e.g. `INVALID_POLICY_ITEM_ID`; empty when the body was not an Atlas error. */
  readonly errorCode: string;
  readonly detail?: string;
  readonly reason?: string;
  readonly parameters?: unknown[];
  readonly badRequestDetail?: { fields?: FieldViolation[] };
  readonly retryAfterSeconds?: number;
  readonly method: string;
  /** Path and query of the request (never a secret). */
  readonly path: string;
  /** What to do about it, also appended to `message`. */
  readonly hint?: string;

  constructor(message: string, init: AtlasApiErrorInit, kind: AtlasErrorKind = 'api') {
    super(kind, message);
    this.status = init.status;
    this.errorCode = init.errorCode;
    this.detail = init.detail;
    this.reason = init.reason;
    this.parameters = init.parameters;
    this.badRequestDetail = init.badRequestDetail;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.method = init.method;
    this.path = init.path;
    this.hint = init.hint;
  }

  /** The first field Atlas named in `badRequestDetail.fields`, for placing a diagnostic on it. */
  get field(): string | undefined {
    return this.badRequestDetail?.fields?.[0]?.field;
  }
}
brandClass(AtlasApiError, 'AtlasApiError');

/** A 401 from the API, or the token endpoint refusing the client id/secret: the user must sign in again. */
export class AtlasAuthError extends AtlasApiError {
  constructor(message: string, init: AtlasApiErrorInit) {
    super(message, init, 'auth');
  }
}
brandClass(AtlasAuthError, 'AtlasAuthError');

/** Connection refused/reset, DNS, TLS: Atlas never answered. `cause` keeps the original error; `code` its errno. */
export class AtlasNetworkError extends AtlasError {
  readonly code?: string;
  constructor(message: string, options?: { cause?: unknown; code?: string }) {
    super('network', message, options);
    this.code = options?.code;
  }
}
brandClass(AtlasNetworkError, 'AtlasNetworkError');

export class AtlasTimeoutError extends AtlasError {
  constructor(message: string) {
    super('timeout', message);
  }
}
brandClass(AtlasTimeoutError, 'AtlasTimeoutError');

/**
 * A request whose URL is not on the client's own origin (a base URL or path that would send it, and its
 * credentials, to another host). Raised before anything is sent; never retried.
 */
export class AtlasOriginError extends AtlasError {
  constructor(
    readonly expected: string,
    readonly attempted: string | undefined,
  ) {
    super(
      'network',
      `Refused to send a request to ${attempted ?? 'a malformed URL'}: these credentials belong to ${expected} and are sent nowhere else.`,
    );
  }
}
brandClass(AtlasOriginError, 'AtlasOriginError');

/** The caller's AbortSignal fired. Never retried and never presented as a failure. */
export class AtlasCancelledError extends AtlasError {
  constructor(message = 'The request was cancelled.') {
    super('cancelled', message);
  }
}
brandClass(AtlasCancelledError, 'AtlasCancelledError');

export function isCancelled(e: unknown): boolean {
  if (e instanceof AtlasCancelledError) return true;
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'AbortError';
}

/** How a command's failure is shown: not at all (cancelled), or one sentence, with a sign-in offer for auth errors. */
export type FailureNotice = { silent: true } | { silent: false; message: string; offerSignIn: boolean };

/**
 * The notice for a command `what` that failed with `e`. Cancellation is recognised by type only (never by words in
 * the message), so an Atlas error that happens to say "cancel" is still shown.
 */
export function failureNotice(what: string, e: unknown): FailureNotice {
  if (isCancelled(e)) return { silent: true };
  return {
    silent: false,
    message: `${what} failed: ${e instanceof Error ? e.message : String(e)}`,
    offerSignIn: e instanceof AtlasAuthError,
  };
}

/**
 * The error a failed sign-in to `host` shows, said once: the client's refusal already reads "Atlas refused the API
 * key. …" (or the service account's client ID or secret), so it is not prefixed with a second refusal (issue #20
 * item 10); a refusal worded otherwise gets the lead-in, anything else says the sign-in failed.
 */
export function signInFailureMessage(host: string, e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  if (!(e instanceof AtlasAuthError)) return `Couldn't sign in to ${host}: ${text}`;
  return /^Atlas refused\b/.test(text) ? text : `Atlas refused these credentials. ${text}`;
}

/**
 * Whether a write that failed with `e` may still have changed Atlas: no answer came (network, timeout), Atlas said
 * failed (5xx) after the request reached it, or Atlas said yes (2xx) with an answer that could not be read. Any other
 * answer from Atlas means it refused: nothing changed. A write is never retried either way; this only decides what the
 * person is told and what the history records.
 */
export function mayHaveReachedAtlas(e: unknown): boolean {
  if (!(e instanceof AtlasError)) return false;
  return (
    e.kind === 'network' ||
    e.kind === 'timeout' ||
    (e instanceof AtlasApiError && (e.status >= 500 || (e.status >= 200 && e.status < 300)))
  );
}

export interface WriteFailure {
  /** The write may have changed Atlas: the person must look before doing it again; the history records `unknown`. */
  mayHaveReached: boolean;
  /** What the history records about it. */
  outcome: 'unknown' | 'refused';
  /** One paragraph for the person: what happened and what to do. Never "try again" when it may have reached. */
  message: string;
}

export interface WriteDescription {
  /** What was being done, as a noun phrase: `the push to orders-rs (project 5f…)`, `the delete of …`. */
  what: string;
  /** How to look at what Atlas has now: `run atlas-backup diff FILE`, `refresh the Atlas Backup view`. */
  look: string;
}

const capitalized = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** What happened to a write that may have reached Atlas, without the error's own "try again" advice. */
function whatHappened(e: AtlasError): string {
  if (e instanceof AtlasApiError && e.status >= 200 && e.status < 300)
    return `Atlas accepted it (HTTP ${e.status}) but its answer could not be read`;
  if (e instanceof AtlasApiError) {
    const text = e.hint && e.message.endsWith(e.hint) ? e.message.slice(0, -e.hint.length).trim() : e.message;
    return `Atlas answered with an error after receiving it: ${text}`;
  }
  if (e.kind === 'timeout') return 'no answer came in time';
  const code = e instanceof AtlasNetworkError && e.code ? ` (${e.code})` : '';
  return `the connection ended before Atlas's answer came${code}`;
}

/**
 * The one way a failed write (push, delete, and every later one: restore, export, policy changes) is described: when
 * it may have reached Atlas, say so and ask the person to look before doing it again (it is never retried, by us or
 * by the client); otherwise Atlas refused it and nothing changed.
 */
export function describeWriteFailure(e: unknown, w: WriteDescription): WriteFailure {
  if (mayHaveReachedAtlas(e)) {
    return {
      mayHaveReached: true,
      outcome: 'unknown',
      message: `${capitalized(w.what)} may have reached Atlas: ${whatHappened(e as AtlasError)}. It was not retried. Look before trying again: ${w.look}.`,
    };
  }
  const why = e instanceof Error ? e.message : String(e);
  return {
    mayHaveReached: false,
    outcome: 'refused',
    message: `${capitalized(w.what)} failed; nothing changed in Atlas: ${why}`,
  };
}

/** Known Atlas error codes in plain words. Codes come from Atlas's error-code reference and the errors users report hitting. */
export const KNOWN_ERROR_CODES: Readonly<Record<string, string>> = {
  VALIDATION_ERROR: 'Atlas rejected a value in the request.',
  INVALID_ATTRIBUTE: 'Atlas rejected a value in the request.',
  INVALID_ENUM_VALUE: 'A value in the request is not one Atlas accepts.',
  INVALID_JSON: 'Atlas could not read the request body as JSON.',
  INVALID_BACKUP_POLICY: 'Atlas rejected the backup policy.',
  INVALID_SNAPSHOT_SCHEDULE: 'Atlas rejected the snapshot schedule.',
  INVALID_NUM_OF_POLICIES: 'A backup schedule must have exactly one policy.',
  INVALID_NUM_OF_POLICY_ITEMS: 'The backup policy needs at least one policy item.',
  INVALID_POLICY_ID:
    "The policy id is not this cluster's backup policy; reload the schedule from Atlas and apply the change again.",
  INVALID_POLICY_ITEM_ID:
    'A policy item id is not one Atlas has for this cluster; remove the id to add a new item, or reload the schedule from Atlas.',
  INVALID_FREQUENCY_TYPE_CHANGE:
    'An existing policy item cannot change its frequency type; delete it and add a new item with the other frequency instead.',
  INVALID_REFERENCE_TIME_OF_DAY_MISSING_FIELDS: 'Set both referenceHourOfDay and referenceMinuteOfHour, or neither.',
  INVALID_RESTORE_WINDOW:
    'The restore window (restoreWindowDays) must be a positive number of days, no longer than the hourly snapshot retention.',
  BACKUP_POLICY_NOT_MEETING_BACKUP_COMPLIANCE_POLICY_REQUIREMENTS:
    "The backup policy is weaker than the project's Backup Compliance Policy allows; keep every item at or above the compliance policy's frequency and retention.",
  BACKUP_POLICIES_NOT_MEETING_BACKUP_COMPLIANCE_POLICY_REQUIREMENTS:
    "The backup policy is weaker than the project's Backup Compliance Policy allows; keep every item at or above the compliance policy's frequency and retention.",
  CANNOT_DECREASE_SNAPSHOT_RETENTION_WITH_BACKUP_COMPLIANCE_POLICY:
    "The project's Backup Compliance Policy does not allow decreasing snapshot retention.",
  CANNOT_DECREASE_PIT_WINDOW_WITH_BACKUP_COMPLIANCE_POLICY:
    "The project's Backup Compliance Policy does not allow shortening the point-in-time restore window.",
  CANNOT_DELETE_SNAPSHOT_WITH_BACKUP_COMPLIANCE_POLICY:
    "The project's Backup Compliance Policy does not allow deleting snapshots; they expire on their own.",
  CANNOT_DELETE_COPY_SNAPSHOT_WITH_BACKUP_COMPLIANCE_POLICY_ENABLED:
    "The project's Backup Compliance Policy does not allow deleting snapshot copies in other regions.",
  CANNOT_DISABLE_CLOUD_BACKUP_WITH_BACKUP_COMPLIANCE_POLICY:
    "The project's Backup Compliance Policy does not allow turning Cloud Backup off.",
  SNAPSHOT_RETENTION_LESS_THAN_BACKUP_COMPLIANCE_POLICY:
    "The snapshot's retention would be shorter than the project's Backup Compliance Policy requires.",
  BACKUP_COMPLIANCE_POLICY_SETTINGS_INVALID: 'Atlas rejected the Backup Compliance Policy settings.',
  BACKUP_COMPLIANCE_POLICY_NOT_FOUND: 'The project has no Backup Compliance Policy.',
  CANNOT_DISABLE_BACKUP_COMPLIANCE_POLICY:
    'The Backup Compliance Policy cannot be disabled until MongoDB Support approves it; file a support ticket first.',
  BACKUP_JOB_NOT_FOUND: 'Cloud Backup is not enabled for this cluster; turn backup on in the cluster settings first.',
  INCORRECT_BACKUP_API_ENDPOINT:
    'That snapshot operation does not fit this cluster type (replica set vs sharded cluster).',
  UNFINISHED_ON_DEMAND_SNAPSHOT:
    'Another on-demand snapshot is still queued or in progress; wait until it completes before taking another.',
  BACKUP_SNAPSHOT_RETENTION_VALUE_INVALID: 'The snapshot retention value is not valid.',
  EXPIRATION_DATE_IN_PAST: 'That retention would make the snapshot expire in the past; choose a longer retention.',
  CANNOT_MODIFY_IN_PROGRESS_SNAPSHOT_RETENTION:
    'The retention of a snapshot still in progress cannot be changed; wait until it completes.',
  CANNOT_DELETE_IN_PROGRESS_SNAPSHOT: 'A snapshot still in progress cannot be deleted; wait until it completes.',
  INVALID_REFERENCE_HOUR_OF_DAY: 'referenceHourOfDay must be an hour from 0 to 23 (UTC).',
  INVALID_REFERENCE_MINUTE_OF_HOUR: 'referenceMinuteOfHour must be a minute from 0 to 59.',
  MISSING_POLICY_ITEM_PARAMETERS:
    'A policy item is missing frequencyType, frequencyInterval, retentionUnit or retentionValue.',
  INVALID_JSON_ATTRIBUTE: 'A value in the request has the wrong type or is not allowed there.',
  INVALID_EMAIL_ADDRESS: 'The email address is not valid.',
  CLUSTER_NAME_INVALID: 'The cluster name is not valid.',
  MISSING_QUERY_PARAMETER: 'A required query parameter is missing.',
  MUTUALLY_EXCLUSIVE_QUERY_PARAMETERS: 'Two query parameters that cannot be combined were given together.',
  METHOD_NOT_ALLOWED: 'Atlas does not allow that operation on this resource.',
  UNSUPPORTED_MEDIA_TYPE: 'Atlas did not accept the content type of the request; update the Atlas Backup extension.',
  RESOURCE_REQUIRES_ACCESS_LIST:
    "Atlas refused the request because it does not come from an IP address on the API key's access list.",
  RATE_LIMITED: 'Atlas is rate limiting requests from these credentials.',
  CLUSTER_NOT_FOUND: 'The cluster no longer exists in this project.',
  CLUSTER_NAME_NOT_FOUND: 'The cluster no longer exists in this project.',
  GROUP_NOT_FOUND: 'The project no longer exists, or these credentials cannot see it.',
  RESOURCE_NOT_FOUND: 'Atlas could not find that resource.',
  SNAPSHOT_NOT_FOUND: 'The snapshot no longer exists (it may have expired or been deleted).',
  VERSION_GONE: 'This version of the Atlas API has been retired; update the Atlas Backup extension.',
  INVALID_VERSION_DATE:
    'Atlas does not offer the API version this extension asked for; update the Atlas Backup extension.',
  MALFORMED_JSON: 'Atlas could not read the request body as JSON.',
  MISSING_ATTRIBUTE: 'A required value is missing from the request.',
  INVALID_PATH_PARAMETER: 'A project id, cluster name or snapshot id in the request is not valid.',
  INVALID_QUERY_PARAMETER: 'A query parameter of the request is not valid.',
  USER_UNAUTHORIZED: 'These credentials are not allowed to do this.',
  NO_CURRENT_USER: 'Atlas did not accept the credentials.',
  UNEXPECTED_ERROR: 'Atlas had an internal error.',
  SERVICE_UNAVAILABLE: 'Atlas is temporarily unavailable.',
};

const MAX_DETAIL = 500;

/** Replaces every known secret (and anything shaped like an Authorization value) with `[redacted]`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    if (s && s.length >= 4) out = out.split(s).join('[redacted]');
  }
  return out
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{16,}/g, '$1 [redacted]')
    .replace(/\bDigest\s+username=[^\n]*/g, 'Digest [redacted]');
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function asString(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v : undefined;
}

/** Parses an Atlas error body; tolerates anything (HTML from a proxy, empty, truncated JSON). */
export interface ParsedErrorBody {
  error?: number;
  errorCode?: string;
  detail?: string;
  reason?: string;
  parameters?: unknown[];
  badRequestDetail?: { fields: FieldViolation[] };
  /** A non-JSON body, tags stripped and shortened (a proxy's HTML page, a gateway's text). */
  raw?: string;
}

export function parseErrorBody(text: string): ParsedErrorBody {
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!isRecord(parsed)) {
    const raw = text
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    return raw ? { raw: raw.slice(0, MAX_DETAIL) } : {};
  }
  const fields =
    isRecord(parsed.badRequestDetail) && Array.isArray(parsed.badRequestDetail.fields)
      ? parsed.badRequestDetail.fields.filter(
          (f): f is FieldViolation => isRecord(f) && typeof f.field === 'string' && typeof f.description === 'string',
        )
      : undefined;
  // The OAuth token endpoint answers in RFC 6749 §5.2 shape: { error: "invalid_client", error_description }.
  const oauth = typeof parsed.error === 'string';
  return {
    error: typeof parsed.error === 'number' ? parsed.error : undefined,
    errorCode: asString(parsed.errorCode) ?? (oauth ? asString(parsed.error) : undefined),
    detail: asString(parsed.detail) ?? (oauth ? asString(parsed.error_description) : undefined),
    reason: asString(parsed.reason),
    parameters: Array.isArray(parsed.parameters) ? parsed.parameters : undefined,
    badRequestDetail: fields && fields.length ? { fields } : undefined,
  };
}

export interface ErrorContext {
  method: string;
  path: string;
  operation?: OperationSpec;
  retryAfterSeconds?: number;
  secrets: readonly string[];
}

function sentence(s: string): string {
  const t = s.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

/** The "what to do" part, by status and code. */
export function hintFor(
  status: number,
  errorCode: string,
  ctx: Pick<ErrorContext, 'operation' | 'retryAfterSeconds'>,
): string | undefined {
  if (errorCode === 'RESOURCE_REQUIRES_ACCESS_LIST') {
    return "Add this machine's public IP address to the API access list of the API key or service account (Atlas → Organization Access Manager → Applications).";
  }
  if (errorCode === 'VERSION_GONE') return undefined;
  if (status === 401)
    return 'Sign in again, or check that the credentials are correct and have not expired or been revoked.';
  if (status === 403) {
    const op = ctx.operation;
    return op
      ? `${op.action[0].toUpperCase()}${op.action.slice(1)} needs the ${op.role} role (or higher) on this project; ask a Project Owner to grant it.`
      : 'These credentials lack the role this needs on the project; ask a Project Owner to grant it.';
  }
  if (status === 404) {
    return 'The project or cluster may no longer exist, or these credentials cannot see it; refresh the Atlas Backup view.';
  }
  if (status === 429) {
    return ctx.retryAfterSeconds !== undefined
      ? `Atlas is rate limiting requests; retry after ${ctx.retryAfterSeconds} s.`
      : 'Atlas is rate limiting requests; wait a minute and retry.';
  }
  if (status >= 500) return 'This is on the Atlas side; try again in a few minutes.';
  return undefined;
}

function describeField(f: FieldViolation): string {
  return `field "${f.field}": ${f.description}`;
}

/** Builds the typed error for an HTTP error response. 401 → AtlasAuthError, everything else → AtlasApiError. */
export function apiErrorFromResponse(status: number, bodyText: string, ctx: ErrorContext): AtlasApiError {
  const body = parseErrorBody(bodyText);
  const clean = (s: string | undefined) => (s === undefined ? undefined : redact(s, ctx.secrets).slice(0, MAX_DETAIL));
  const errorCode = body.errorCode ?? '';
  const detail = clean(body.detail ?? body.raw);
  const reason = clean(body.reason);
  const hint = hintFor(status, errorCode, ctx);

  const known = errorCode ? KNOWN_ERROR_CODES[errorCode] : undefined;
  let text: string;
  if (known) {
    text = sentence(known);
    if (detail && !known.includes(detail)) text += ` Atlas says: ${sentence(detail)}`;
  } else if (detail) {
    text = sentence(detail);
  } else if (reason) {
    text = sentence(reason);
  } else {
    text = `Atlas answered ${ctx.method} ${ctx.path.split('?')[0]} with HTTP ${status}.`;
  }
  const fields = body.badRequestDetail?.fields;
  if (fields?.length) {
    text += ` Problem with ${fields
      .slice(0, 3)
      .map((f) => describeField({ field: clean(f.field)!, description: clean(f.description)! }))
      .join('; ')}.`;
  }
  text += errorCode ? ` (${errorCode}, HTTP ${status})` : ` (HTTP ${status})`;
  if (hint) text += ` ${hint}`;

  const init: AtlasApiErrorInit = {
    status,
    errorCode,
    detail,
    reason,
    parameters: body.parameters,
    badRequestDetail: body.badRequestDetail,
    retryAfterSeconds: ctx.retryAfterSeconds,
    method: ctx.method,
    path: ctx.path,
    hint,
  };
  return status === 401 ? new AtlasAuthError(text, init) : new AtlasApiError(text, init);
}

const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_UNTRUSTED',
  'EPROTO',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);

/** The errno-style code of a fetch failure: node-fetch v2 puts it on the error, undici's fetch on `cause`. */
export function networkErrorCode(e: unknown): string | undefined {
  for (let cur: unknown = e, depth = 0; isRecord(cur) || cur instanceof Error; depth++) {
    if (depth > 4) break;
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && code) return code;
    const msg = (cur as { message?: unknown }).message;
    if (typeof msg === 'string' && /socket hang up/i.test(msg)) return 'ECONNRESET';
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

export function networkError(e: unknown, host: string): AtlasNetworkError {
  const code = networkErrorCode(e);
  let message: string;
  if (code === 'ECONNREFUSED') {
    message = `Could not connect to ${host}: the connection was refused. Check the Atlas URL and that the service is reachable from this machine.`;
  } else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    message = `Could not resolve ${host}. Check the network connection, DNS and proxy settings.`;
  } else if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED') {
    message = `The connection to ${host} was dropped before Atlas answered. Check the network or proxy and try again.`;
  } else if (code === 'ETIMEDOUT' || code === 'ENETUNREACH' || code === 'EHOSTUNREACH') {
    message = `Could not reach ${host} (${code}). Check the network connection and proxy settings.`;
  } else if (code && TLS_CODES.has(code)) {
    message = `The TLS certificate of ${host} could not be verified (${code}). If a proxy inspects HTTPS traffic, make its CA certificate trusted (for example with NODE_EXTRA_CA_CERTS) or check VS Code's http.proxyStrictSSL setting.`;
  } else {
    message = `Could not reach ${host}${code ? ` (${code})` : ''}. Check the network connection and proxy settings.`;
  }
  return new AtlasNetworkError(message, { cause: e, code });
}
