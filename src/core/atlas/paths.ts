// Path segments are validated before anything is sent. A cluster name comes from user-edited files and tree ids;
// a hostile one ("../", "%2F", unicode look-alikes) must never turn a request into one against another resource.
// The patterns are the spec's own; we still encodeURIComponent afterwards as a second fence.
import { brandClass } from '../common/crossBundle';

const HEX24 = /^[a-f0-9]{24}$/;
const CLUSTER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9-]*$/;

export class InvalidPathParameterError extends Error {
  readonly parameter: string;
  constructor(parameter: string, value: unknown, rule: string) {
    const shown =
      typeof value === 'string' ? JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value) : String(value);
    super(`Invalid ${parameter} ${shown}: it must ${rule}. Nothing was sent to Atlas.`);
    this.name = 'InvalidPathParameterError';
    this.parameter = parameter;
  }
}
brandClass(InvalidPathParameterError, 'InvalidPathParameterError');

function check(parameter: string, value: unknown, re: RegExp, rule: string): string {
  if (typeof value !== 'string' || !re.test(value)) throw new InvalidPathParameterError(parameter, value, rule);
  return encodeURIComponent(value);
}

export function groupIdSegment(groupId: unknown): string {
  return check('groupId', groupId, HEX24, 'be a 24-character lower-case hexadecimal project id');
}

export function snapshotIdSegment(snapshotId: unknown): string {
  return check('snapshotId', snapshotId, HEX24, 'be a 24-character lower-case hexadecimal snapshot id');
}

export function restoreJobIdSegment(restoreJobId: unknown): string {
  return check('restoreJobId', restoreJobId, HEX24, 'be a 24-character lower-case hexadecimal restore job id');
}

export function exportBucketIdSegment(exportBucketId: unknown): string {
  return check('exportBucketId', exportBucketId, HEX24, 'be a 24-character lower-case hexadecimal export bucket id');
}

export function exportIdSegment(exportId: unknown): string {
  return check('exportId', exportId, HEX24, 'be a 24-character lower-case hexadecimal export job id');
}

/**
 * MongoDB's own rule for database names on Atlas (no `/`, `\`, `.`, `"`, `$`, space or NUL, at most 64 bytes), so a name can never
 * add a path segment or climb one.
 */
export function databaseNameSegment(databaseName: unknown): string {
  const ok =
    typeof databaseName === 'string' &&
    /^[^/\\. "$\0]+$/.test(databaseName) &&
    Buffer.byteLength(databaseName, 'utf8') <= 64;
  if (!ok)
    throw new InvalidPathParameterError(
      'databaseName',
      databaseName,
      'be 1 to 64 bytes without / \\ . " $, spaces or NUL (MongoDB database name rules)',
    );
  return encodeURIComponent(databaseName);
}

/** Collection names may hold dots (`orders.archive`), but `.` and `..` alone would be read as path steps. */
export function collectionNameSegment(collectionName: unknown): string {
  const ok =
    typeof collectionName === 'string' &&
    collectionName !== '' &&
    collectionName !== '.' &&
    collectionName !== '..' &&
    !collectionName.includes('\0');
  if (!ok)
    throw new InvalidPathParameterError('collectionName', collectionName, 'be a non-empty collection name without NUL');
  return encodeURIComponent(collectionName);
}

export function clusterNameSegment(clusterName: unknown): string {
  return check(
    'clusterName',
    clusterName,
    CLUSTER_NAME,
    'start with an ASCII letter or digit and contain only ASCII letters, digits and hyphens',
  );
}

/** Validates the base URL: http(s) only, no embedded credentials, no query; returns it without a trailing slash. */
export function normalizeBaseUrl(baseUrl: string): string {
  let u: URL;
  try {
    u = new URL(baseUrl.trim());
  } catch {
    throw new Error(
      `Invalid Atlas base URL ${JSON.stringify(baseUrl)}: it must be an absolute http(s) URL such as https://cloud.mongodb.com.`,
    );
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') {
    throw new Error(`Invalid Atlas base URL: only http and https are supported, not ${u.protocol.replace(':', '')}.`);
  }
  if (u.protocol === 'http:' && !isLoopbackHost(u.hostname)) {
    throw new Error(
      `Invalid Atlas base URL: plain http is only for this machine (127.0.0.1, ::1, localhost); ${u.host} needs https.`,
    );
  }
  if (u.username || u.password) throw new Error('Invalid Atlas base URL: it must not contain a user name or password.');
  if (u.search || u.hash) throw new Error('Invalid Atlas base URL: it must not contain a query or fragment.');
  return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
}

/**
 * 127.0.0.0/8, ::1 and the name `localhost` itself: the only hosts a credential may be sent to over plain http.
 * `hostname` is a WHATWG URL's `hostname` (lower case; IPv4 literals such as `127.1` or `0x7f.1` already written as
 * `127.0.0.1`, IPv6 in brackets), and the URL requests go to is that same parsed URL, so an accepted literal is what
 * is connected to. Every other name is resolved by DNS and may point anywhere: `*.localhost` (a resolver may answer
 * what it likes for it), `localhost.` (a fully qualified name, looked up as such), IPv4-mapped `::ffff:127.0.0.1`.
 * One check for the CLI, the extension's settings and sign-in, and Atlas CLI profiles.
 */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  if (h === 'localhost') return true;
  if (h === '[::1]' || h === '::1') return true;
  const m = /^127\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})$/.exec(h);
  return !!m && m.slice(1).every((p) => Number(p) <= 255);
}
