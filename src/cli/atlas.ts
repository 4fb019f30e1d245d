// What the commands that talk to Atlas share: credentials from the Atlas CLI's variables, the base URL and the
// project as the Atlas CLI names them, checked before anything is sent, a client, and the token revoked at the end.
import { version } from '../../package.json';
import { AtlasClient } from '../core/atlas/AtlasClient';
import { isLoopbackHost } from '../core/atlas/paths';
import { credentialsFromEnv } from '../core/atlas/credentials';
import type { BackupSchedule } from '../core/atlas/types';
import { getNodeValue, parseTree, type ParseError } from '../core/schedule/jsonc';
import { readScheduleTarget, type ScheduleFileTarget } from '../core/schedule/scheduleFile';
import { flagValue, InputError, UsageError, type CliContext, type ParsedArgs } from './args';
import { readText } from './lint';
import { baseUrlOf } from '../core/accounts/baseUrl';
import { MAX_TIMER_MS } from '../core/atlas/transport';

export const DEFAULT_BASE_URL = 'https://cloud.mongodb.com';
/** Flags every Atlas command accepts. */
export const CONNECTION_FLAGS = ['--base-url', '--projectId'] as const;

const GROUP_ID = /^[a-f0-9]{24}$/;
const CLUSTER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9-]*$/;

export function checkClusterName(name: string | undefined, what = 'the cluster name'): string {
  if (name === undefined || name === '') throw new UsageError(`${what} is missing`);
  if (!CLUSTER_NAME.test(name) || name.length > 64)
    throw new UsageError(
      `${what} "${name}" is not a valid Atlas cluster name (letters, digits and hyphens, starting with a letter or digit, at most 64)`,
    );
  return name;
}

export function checkProjectId(id: string | undefined, from: string): string {
  if (!id) throw new UsageError('no project: pass --projectId <id> or set MONGODB_ATLAS_PROJECT_ID');
  if (!GROUP_ID.test(id))
    throw new UsageError(`${from} "${id}" is not an Atlas project id (24 hexadecimal characters)`);
  return id;
}

/** The project from `--projectId` or MONGODB_ATLAS_PROJECT_ID. */
export function projectIdFrom(p: ParsedArgs, ctx: CliContext): string {
  const flag = flagValue(p, '--projectId');
  return flag !== undefined
    ? checkProjectId(flag, '--projectId')
    : checkProjectId(ctx.env.MONGODB_ATLAS_PROJECT_ID?.trim(), 'MONGODB_ATLAS_PROJECT_ID');
}

/**
 * `--base-url` or MONGODB_ATLAS_BASE_URL, else Atlas: the base URL with its path prefix, if any (see baseUrlOf).
 * https only; plain http only to this machine (a simulator).
 */
export function baseUrlFrom(p: ParsedArgs, ctx: CliContext): string {
  const given = flagValue(p, '--base-url');
  const raw = given ?? (ctx.env.MONGODB_ATLAS_BASE_URL?.trim() || DEFAULT_BASE_URL);
  const from = given !== undefined ? '--base-url' : 'MONGODB_ATLAS_BASE_URL';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`${from} "${raw}" is not a URL`);
  }
  if (url.username || url.password) throw new UsageError(`${from} must not carry a user name or password`);
  if (url.search || url.hash) throw new UsageError(`${from} must not contain a query or fragment`);
  if (url.protocol === 'https:') return baseUrlOf(url);
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return baseUrlOf(url);
  throw new UsageError(
    `${from} "${url.origin}" must use https (plain http only for this machine, such as a local simulator)`,
  );
}

/** The longest ATLAS_BACKUP_TIMEOUT_SECONDS, as for the extension's atlasBackup.requestTimeoutSeconds. */
export const MAX_TIMEOUT_SECONDS = 600;

/**
 * ATLAS_BACKUP_TIMEOUT_SECONDS, when set: seconds for one request, more than 0 and at most 600. Anything else is a
 * usage error naming the variable (Infinity used to become a timer Node fires after 1 ms, and "abc" silently 30 s).
 */
export function timeoutSecondsFrom(env: Record<string, string | undefined>): number | undefined {
  const raw = env.ATLAS_BACKUP_TIMEOUT_SECONDS?.trim();
  if (raw === undefined || raw === '') return undefined;
  const n = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : NaN;
  if (!(n > 0 && n <= MAX_TIMEOUT_SECONDS && n * 1000 <= MAX_TIMER_MS))
    throw new UsageError(
      `ATLAS_BACKUP_TIMEOUT_SECONDS must be a number of seconds greater than 0 and at most ${MAX_TIMEOUT_SECONDS}, not ${JSON.stringify(raw.slice(0, 40))}`,
    );
  return n;
}

export interface Connection {
  client: AtlasClient;
  /** The base URL, with its path prefix if any: what files record as `pulled.from` (as the extension does). */
  origin: string;
  /** Revokes the service account's token when the client can; never fails the command. */
  close(): Promise<void>;
}

export function connect(p: ParsedArgs, ctx: CliContext): Connection {
  const origin = baseUrlFrom(p, ctx);
  const credentials = credentialsFromEnv(ctx.env);
  if (!credentials) {
    throw new UsageError(
      'no credentials: set MONGODB_ATLAS_CLIENT_ID and MONGODB_ATLAS_CLIENT_SECRET (a service account), or MONGODB_ATLAS_PUBLIC_API_KEY and MONGODB_ATLAS_PRIVATE_API_KEY',
    );
  }
  const timeout = timeoutSecondsFrom(ctx.env);
  const client = new AtlasClient({
    baseUrl: origin,
    credentials,
    userAgent: `atlas-backup-cli/${version} (node ${process.versions.node}; ${process.platform})`,
    ...(timeout !== undefined ? { timeoutMs: timeout * 1000 } : {}),
  });
  return {
    client,
    origin,
    async close() {
      // The service account's token is revoked when the command ends (a no-op for API keys), so nothing usable
      // outlives the run; a
      // failed revocation never changes the command's outcome (the token expires within the hour anyway).
      await client.revokeToken().catch(() => undefined);
    },
  };
}

/** Runs `body` with a connection and closes it (revoking the token) whatever happens. */
export async function withAtlas<T>(p: ParsedArgs, ctx: CliContext, body: (c: Connection) => Promise<T>): Promise<T> {
  const c = connect(p, ctx);
  try {
    return await body(c);
  } finally {
    await c.close();
  }
}

export interface ScheduleFile {
  file: string;
  text: string;
  schedule: BackupSchedule;
  target: ScheduleFileTarget;
}

/** Reads a schedule file that names its cluster (`atlas.groupId`, `atlas.clusterName`); anything else is exit 2. */
export function readScheduleFile(file: string | undefined): ScheduleFile {
  if (!file) throw new UsageError('no schedule file given');
  const text = readText(file);
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const value: unknown = root && !errors.length ? getNodeValue(root) : undefined;
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new InputError(`${file} is not a schedule file: expected a JSON object (run atlas-backup lint ${file})`);
  const target = readScheduleTarget(text);
  if (!target)
    throw new InputError(
      `${file} does not say which cluster it is for: it needs "atlas": { "groupId", "clusterName" } (write one with atlas-backup pull <clusterName> --projectId <id> --out ${file})`,
    );
  checkProjectId(target.groupId, `${file}: atlas.groupId`);
  checkClusterName(target.clusterName, `${file}: atlas.clusterName`);
  return { file, text, schedule: value, target };
}

/** Refuses when a file pulled from one Atlas is about to be compared with another. */
export function checkOrigin(f: ScheduleFile, origin: string): void {
  if (f.target.pulled && f.target.pulled.from !== origin) {
    throw new UsageError(
      `${f.file} was pulled from ${f.target.pulled.from}, not ${origin}: pass --base-url ${f.target.pulled.from} (or pull it again from ${origin})`,
    );
  }
}
