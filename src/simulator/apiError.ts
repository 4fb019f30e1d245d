// Atlas's error body (`ApiError` in the v2 spec) and the codes the simulator answers with.
// Codes and messages come from the "Atlas Administration API Error Codes" docs page unless a
// comment says GUESS; see README.md for the sources.

// The body's type is the client's (the spec's ApiError): one declaration, so the two cannot drift apart again.
import type { ApiErrorBody, FieldViolation } from '../core/atlas/types';

export type { ApiErrorBody, FieldViolation };

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  410: 'Gone',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function reasonFor(status: number): string {
  return REASONS[status] ?? 'Error';
}

/** Thrown by handlers and validators; the server turns it into an Atlas error response. */
export class SimApiError extends Error {
  readonly body: ApiErrorBody;
  readonly headers: Record<string, string>;
  constructor(
    status: number,
    errorCode: string,
    detail: string,
    opts: { parameters?: unknown[]; fields?: FieldViolation[]; headers?: Record<string, string> } = {},
  ) {
    super(`${status} ${errorCode}: ${detail}`);
    this.body = { error: status, errorCode, detail, reason: reasonFor(status), parameters: opts.parameters ?? [] };
    if (opts.fields && opts.fields.length) this.body.badRequestDetail = { fields: opts.fields };
    this.headers = opts.headers ?? {};
  }
  get status(): number {
    return this.body.error;
  }
}

export function errorBody(status: number, errorCode: string, detail: string, parameters: unknown[] = []): ApiErrorBody {
  return { error: status, errorCode, detail, reason: reasonFor(status), parameters };
}

// Frequently used errors, kept in one place so the wording is identical everywhere.
export const Errors = {
  groupNotFound: (groupId: string) =>
    new SimApiError(404, 'GROUP_NOT_FOUND', `No group with ID ${groupId} exists.`, { parameters: [groupId] }),
  clusterNotFound: (name: string, groupId: string) =>
    new SimApiError(404, 'CLUSTER_NOT_FOUND', `No cluster named ${name} exists in group ${groupId}.`, {
      parameters: [name, groupId],
    }),
  snapshotNotFound: (id: string, cluster: string) =>
    new SimApiError(404, 'SNAPSHOT_NOT_FOUND', `No snapshot with ID ${id} exists for cluster ${cluster}.`, {
      parameters: [id, cluster],
    }),
  resourceNotFound: (path: string) =>
    new SimApiError(404, 'RESOURCE_NOT_FOUND', `Cannot find resource ${path}.`, { parameters: [path] }),
  invalidPathParameter: (name: string, value: string) =>
    new SimApiError(400, 'INVALID_PATH_PARAMETER', `Invalid path parameter ${name} specified.`, {
      parameters: [name],
      fields: [{ field: name, description: `${JSON.stringify(value)} does not match the pattern the API requires.` }],
    }),
  invalidQueryParameter: (name: string, why: string) =>
    new SimApiError(400, 'INVALID_QUERY_PARAMETER', `Invalid query parameter ${name} specified.`, {
      parameters: [name],
      fields: [{ field: name, description: why }],
    }),
  missingAttribute: (field: string) =>
    new SimApiError(400, 'MISSING_ATTRIBUTE', `The required attribute ${field} was not specified.`, {
      parameters: [field],
      fields: [{ field, description: 'must be specified' }],
    }),
  invalidEnum: (field: string, value: unknown, allowed: readonly string[]) =>
    new SimApiError(400, 'INVALID_ENUM_VALUE', `An invalid enumeration value ${String(value)} was specified.`, {
      parameters: [String(value)],
      fields: [{ field, description: `must be one of ${allowed.join(', ')}` }],
    }),
  validation: (field: string, description: string) =>
    new SimApiError(
      400,
      'VALIDATION_ERROR',
      `The request content produced the validation error: ${field} ${description}.`,
      { fields: [{ field, description }] },
    ),
  forbidden: () =>
    // Atlas's docs page lists USER_UNAUTHORIZED with 401; the v2 spec declares 403 for a caller
    // without the operation's role, so the simulator answers 403 with that code. See README.md.
    new SimApiError(403, 'USER_UNAUTHORIZED', 'Current user is not authorized to perform this action.'),
  malformedJson: () => new SimApiError(400, 'MALFORMED_JSON', 'Received JSON is malformed.'),
  invalidVersion: () => new SimApiError(406, 'INVALID_VERSION_DATE', 'Invalid accept header or version date.'),
} as const;
