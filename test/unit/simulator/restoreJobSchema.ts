// The shapes of the v2 spec's restore-job answers (`DiskBackupSnapshotRestoreJob`, `PaginatedCloudBackupRestoreJobView`,
// `DiskBackupRestoreMember`, `ApiError`; collection restore jobs and Flex backups below), types, enums, patterns and minimums only, and a small checker. The tests
// must not read the spec at run time, so the part they check against lives here; a field the simulator answers
// that the spec does not declare is reported too, so a typo cannot pass as an extra.

export interface Schema {
  type: 'object' | 'array' | 'string' | 'integer' | 'boolean' | 'number';
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: readonly string[];
  pattern?: RegExp;
  format?: 'date-time';
  minimum?: number;
}

const HEX24 = /^([a-f0-9]{24})$/;
const CLUSTER = /^[a-zA-Z0-9][a-zA-Z0-9-]*$/;
const str: Schema = { type: 'string' };
const bool: Schema = { type: 'boolean' };
const dateTime: Schema = { type: 'string', format: 'date-time' };
const link: Schema = { type: 'object', properties: { href: str, rel: str } };
const links: Schema = { type: 'array', items: link };
const privateUrls: Schema = {
  type: 'array',
  items: {
    type: 'object',
    properties: { deliveryUrl: str, endpointId: { type: 'string', pattern: /^vpce-[0-9a-f]{17}$/ } },
  },
};

export const RESTORE_JOB: Schema = {
  type: 'object',
  required: ['deliveryType'],
  properties: {
    cancelled: bool,
    components: {
      type: 'array',
      items: {
        type: 'object',
        properties: { downloadUrl: str, privateDownloadDeliveryUrls: privateUrls, replicaSetName: str },
      },
    },
    deliveryType: { type: 'string', enum: ['automated', 'download', 'pointInTime'] },
    deliveryUrl: { type: 'array', items: str },
    desiredTimestamp: {
      type: 'object',
      properties: { date: dateTime, increment: { type: 'integer', minimum: 1199145600 } },
    },
    expired: bool,
    expiresAt: dateTime,
    failed: bool,
    finishedAt: dateTime,
    id: { type: 'string', pattern: HEX24 },
    links,
    oplogInc: { type: 'integer', minimum: 1 },
    oplogTs: { type: 'integer', minimum: 1199145600 },
    pointInTimeUTCSeconds: { type: 'integer', minimum: 1199145600 },
    privateDownloadDeliveryUrls: privateUrls,
    snapshotId: { type: 'string', pattern: HEX24 },
    targetClusterName: { type: 'string', pattern: CLUSTER },
    targetGroupId: { type: 'string', pattern: HEX24 },
    timestamp: dateTime,
  },
};

export const RESTORE_JOB_PAGE: Schema = {
  type: 'object',
  required: ['results'],
  properties: { links, results: { type: 'array', items: RESTORE_JOB }, totalCount: { type: 'integer', minimum: 0 } },
};

export const API_ERROR: Schema = {
  type: 'object',
  required: ['error', 'errorCode'],
  properties: {
    badRequestDetail: {
      type: 'object',
      properties: {
        fields: { type: 'array', items: { type: 'object', properties: { field: str, description: str } } },
      },
    },
    detail: str,
    error: { type: 'integer' },
    errorCode: str,
    // The spec declares objects; Atlas's documented bodies carry strings ("parameters": ["orders-rs"]): not checked.
    parameters: { type: 'array' },
    reason: str,
  },
};

// `ApiAtlasCollectionRestoreJobResponse`, `ApiAtlasCollectionRestoreCollectionStateResponse` and their pages (2025-03-12).
const namespaceView: Schema = {
  type: 'object',
  required: ['sourceNamespace'],
  properties: { sourceNamespace: str, targetNamespace: str },
};
const INDEX_STATES = ['NOT_STARTED', 'IN_PROGRESS', 'SUCCESSFUL', 'FAILED', 'NOT_RESTORED'] as const;
const count: Schema = { type: 'integer', minimum: 0 };

export const COLLECTION_RESTORE_JOB: Schema = {
  type: 'object',
  properties: {
    collectionSuffix: str,
    collections: { type: 'array', items: namespaceView },
    createdAt: dateTime,
    databaseSuffix: str,
    databases: { type: 'array', items: namespaceView },
    errorMessage: str,
    finishedAt: dateTime,
    id: { type: 'string', pattern: HEX24 },
    indexStatus: {
      type: 'object',
      properties: { failedCollectionCount: count, state: { type: 'string', enum: INDEX_STATES } },
    },
    indexStrategy: { type: 'string', enum: ['ALL', 'NONE', 'ALL_EXCEPT_TTL'] },
    oplogInc: { type: 'integer' },
    oplogTs: { type: 'integer' },
    pointInTimeUtcSeconds: { type: 'integer' },
    restoredDocuments: count,
    snapshotId: { type: 'string', pattern: HEX24 },
    state: {
      type: 'string',
      enum: ['INITIALIZING', 'IN_PROGRESS', 'FINALIZING', 'SUCCESSFUL', 'CANCELED', 'FAILED'],
    },
    targetClusterName: str,
    targetGroupId: { type: 'string', pattern: HEX24 },
    totalDocuments: count,
    writeStrategy: { type: 'string', enum: ['CREATE_NEW', 'OVERWRITE_EXISTING'] },
  },
};

export const COLLECTION_RESTORE_STATE: Schema = {
  type: 'object',
  properties: {
    effectiveTargetNamespace: str,
    indexStatus: {
      type: 'object',
      properties: {
        errorMessage: str,
        failedIndexes: { type: 'array', items: { type: 'object', properties: {} } },
        state: { type: 'string', enum: INDEX_STATES },
      },
    },
    restoredDocuments: { type: 'integer' },
    sourceNamespace: str,
    state: {
      type: 'string',
      enum: [
        'NOT_STARTED',
        'IN_PROGRESS',
        'FINALIZING',
        'NOT_FOUND',
        'UNSUPPORTED',
        'SUCCESSFUL',
        'ROLLBACK',
        'NOT_RESTORED',
        'FAILED',
        'INDEX_BUILD_FAILED',
      ],
    },
    targetNamespace: str,
    totalDocuments: { type: 'integer' },
  },
};

const pageOf = (item: Schema): Schema => ({
  type: 'object',
  required: ['results'],
  properties: { links, results: { type: 'array', items: item }, totalCount: count },
});
export const COLLECTION_RESTORE_JOB_PAGE = pageOf(COLLECTION_RESTORE_JOB);
export const COLLECTION_RESTORE_STATE_PAGE = pageOf(COLLECTION_RESTORE_STATE);

// Flex clusters and their backups (2024-11-13): `FlexClusterDescription20241113`, `FlexBackupSnapshot20241113`,
// `FlexBackupRestoreJob20241113` and their pages.
const FLEX_STATUS = ['PENDING', 'QUEUED', 'RUNNING', 'FAILED', 'COMPLETED'] as const;

export const FLEX_CLUSTER: Schema = {
  type: 'object',
  required: ['providerSettings'],
  properties: {
    backupSettings: { type: 'object', properties: { enabled: bool } },
    clusterType: { type: 'string', enum: ['REPLICASET'] },
    connectionStrings: { type: 'object', properties: { standard: str, standardSrv: str } },
    createDate: dateTime,
    groupId: { type: 'string', pattern: HEX24 },
    id: { type: 'string', pattern: HEX24 },
    links,
    mongoDBVersion: { type: 'string', pattern: /([\d]+\.[\d]+\.[\d]+)/ },
    name: { type: 'string', pattern: CLUSTER },
    providerSettings: {
      type: 'object',
      properties: {
        backingProviderName: { type: 'string', enum: ['AWS', 'AZURE', 'GCP'] },
        diskSizeGB: { type: 'number' },
        providerName: { type: 'string', enum: ['FLEX'] },
        regionName: str,
      },
    },
    stateName: { type: 'string', enum: ['IDLE', 'CREATING', 'UPDATING', 'DELETING', 'REPAIRING'] },
    tags: {
      type: 'array',
      items: { type: 'object', required: ['key', 'value'], properties: { key: str, value: str } },
    },
    terminationProtectionEnabled: bool,
    versionReleaseSystem: { type: 'string', enum: ['LTS'] },
  },
};

export const FLEX_SNAPSHOT: Schema = {
  type: 'object',
  properties: {
    expiration: dateTime,
    finishTime: dateTime,
    id: { type: 'string', pattern: HEX24 },
    links,
    mongoDBVersion: str,
    scheduledTime: dateTime,
    startTime: dateTime,
    status: { type: 'string', enum: FLEX_STATUS },
  },
};

export const FLEX_RESTORE_JOB: Schema = {
  type: 'object',
  properties: {
    deliveryType: { type: 'string', enum: ['RESTORE', 'DOWNLOAD'] },
    expirationDate: dateTime,
    id: { type: 'string', pattern: HEX24 },
    instanceName: { type: 'string', pattern: CLUSTER },
    links,
    projectId: { type: 'string', pattern: HEX24 },
    restoreFinishedDate: dateTime,
    restoreScheduledDate: dateTime,
    snapshotFinishedDate: dateTime,
    snapshotId: { type: 'string', pattern: HEX24 },
    snapshotUrl: str,
    status: { type: 'string', enum: FLEX_STATUS },
    targetDeploymentItemName: { type: 'string', pattern: /^[\p{L}\p{N}\-_.(),:&@+']{1,64}$/u },
    targetProjectId: { type: 'string', pattern: HEX24 },
  },
};

export const FLEX_CLUSTER_PAGE = pageOf(FLEX_CLUSTER);
export const FLEX_SNAPSHOT_PAGE = pageOf(FLEX_SNAPSHOT);
export const FLEX_RESTORE_JOB_PAGE = pageOf(FLEX_RESTORE_JOB);

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Every way `value` departs from `schema`, as `path: problem` lines; empty when it conforms. */
export function violations(value: unknown, schema: Schema, path = '$'): string[] {
  const out: string[] = [];
  switch (schema.type) {
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${path}: not an object`];
      const o = value as Record<string, unknown>;
      for (const r of schema.required ?? []) if (o[r] === undefined) out.push(`${path}.${r}: required`);
      for (const [k, v] of Object.entries(o)) {
        const sub = schema.properties?.[k];
        if (!sub) out.push(`${path}.${k}: not in the spec`);
        else out.push(...violations(v, sub, `${path}.${k}`));
      }
      return out;
    }
    case 'array': {
      if (!Array.isArray(value)) return [`${path}: not an array`];
      const items = schema.items;
      if (items) value.forEach((v, i) => out.push(...violations(v, items, `${path}[${i}]`)));
      return out;
    }
    case 'string':
      if (typeof value !== 'string') return [`${path}: not a string`];
      if (schema.enum && !schema.enum.includes(value)) out.push(`${path}: ${value} not in ${schema.enum.join('|')}`);
      if (schema.pattern && !schema.pattern.test(value)) out.push(`${path}: ${value} does not match ${schema.pattern}`);
      if (schema.format === 'date-time' && !(DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))))
        out.push(`${path}: ${value} is not an ISO 8601 date-time`);
      return out;
    case 'integer':
    case 'number':
      if (typeof value !== 'number' || (schema.type === 'integer' && !Number.isInteger(value)))
        return [`${path}: not an ${schema.type}`];
      if (schema.minimum !== undefined && value < schema.minimum) out.push(`${path}: below ${schema.minimum}`);
      return out;
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${path}: not a boolean`];
  }
}
