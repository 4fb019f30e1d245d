// The shapes of the v2 spec's export answers (`DiskBackupSnapshotExportBucketResponse` by provider in 2024-05-30, the
// AWS-only 2023-01-01 one, `CloudProviderAccessRoles`, `DiskBackupExportJob` and their pages): types, enums and
// patterns only. Tests must not read the spec at run time, so the part they check against lives here.
import type { Schema } from './restoreJobSchema';

const HEX24 = /^([a-f0-9]{24})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const str: Schema = { type: 'string' };
const hex: Schema = { type: 'string', pattern: HEX24 };
const uuid: Schema = { type: 'string', pattern: UUID };
const bool: Schema = { type: 'boolean' };
const int: Schema = { type: 'integer' };
const dateTime: Schema = { type: 'string', format: 'date-time' };
const links: Schema = { type: 'array', items: { type: 'object', properties: { href: str, rel: str } } };
const provider: Schema = { type: 'string', enum: ['AWS', 'AZURE', 'GCP'] };
const bucketName: Schema = { type: 'string', pattern: /^.{3,63}$/ };

const bucketBase = { _id: hex, bucketName, cloudProvider: provider, links };
export const AWS_BUCKET: Schema = {
  type: 'object',
  required: ['_id', 'bucketName', 'cloudProvider', 'iamRoleId'],
  properties: { ...bucketBase, iamRoleId: hex, region: str, requirePrivateNetworking: bool },
};
export const AZURE_BUCKET: Schema = {
  type: 'object',
  required: ['_id', 'bucketName', 'cloudProvider', 'roleId', 'serviceUrl', 'tenantId'],
  properties: { ...bucketBase, roleId: hex, serviceUrl: { type: 'string', pattern: /^.{33,2048}$/ }, tenantId: uuid },
};
export const GCP_BUCKET: Schema = {
  type: 'object',
  required: ['_id', 'bucketName', 'cloudProvider', 'roleId'],
  properties: { ...bucketBase, roleId: hex },
};

/** The discriminator: the schema of a bucket answer is chosen by its `cloudProvider`. */
export function bucketSchema(b: { cloudProvider?: unknown }): Schema {
  return b.cloudProvider === 'AZURE' ? AZURE_BUCKET : b.cloudProvider === 'GCP' ? GCP_BUCKET : AWS_BUCKET;
}

const featureUsages: Schema = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      featureType: {
        type: 'string',
        enum: [
          'ATLAS_DATA_LAKE',
          'ENCRYPTION_AT_REST',
          'EXPORT_SNAPSHOT',
          'PUSH_BASED_LOG_EXPORT',
          'ATLAS_LOG_INTEGRATION',
        ],
      },
      featureId: { type: 'object', properties: { exportBucketId: hex, groupId: hex } },
    },
  },
};
export const ACCESS_ROLES: Schema = {
  type: 'object',
  properties: {
    awsIamRoles: {
      type: 'array',
      items: {
        type: 'object',
        required: ['providerName'],
        properties: {
          providerName: provider,
          atlasAWSAccountArn: { type: 'string', pattern: /^.{20,2048}$/ },
          atlasAssumedRoleExternalId: uuid,
          authorizedDate: dateTime,
          createdDate: dateTime,
          featureUsages,
          iamAssumedRoleArn: { type: 'string', pattern: /^.{20,2048}$/ },
          roleId: hex,
        },
      },
    },
    azureServicePrincipals: {
      type: 'array',
      items: {
        type: 'object',
        required: ['providerName'],
        properties: {
          providerName: provider,
          _id: hex,
          atlasAzureAppId: uuid,
          createdDate: dateTime,
          featureUsages,
          lastUpdatedDate: dateTime,
          servicePrincipalId: uuid,
          tenantId: uuid,
        },
      },
    },
    gcpServiceAccounts: {
      type: 'array',
      items: {
        type: 'object',
        required: ['providerName'],
        properties: {
          providerName: provider,
          createdDate: dateTime,
          featureUsages,
          gcpServiceAccountForAtlas: {
            type: 'string',
            pattern: /^mongodb-atlas-[0-9a-z]{16}@p-[0-9a-z]{24}.iam.gserviceaccount.com$/,
          },
          roleId: hex,
          status: { type: 'string', enum: ['IN_PROGRESS', 'COMPLETE', 'FAILED', 'NOT_INITIATED'] },
        },
      },
    },
  },
};

export const EXPORT_JOB: Schema = {
  type: 'object',
  required: ['exportBucketId'],
  properties: {
    components: { type: 'array', items: { type: 'object', properties: { exportId: hex, replicaSetName: str } } },
    createdAt: dateTime,
    customData: { type: 'array', items: { type: 'object', properties: { key: str, value: str } } },
    exportBucketId: hex,
    exportStatus: { type: 'object', properties: { exportedCollections: int, totalCollections: int } },
    finishedAt: dateTime,
    id: hex,
    links,
    // The spec's pattern is a template (`/exported_snapshots/{ORG-NAME}/{PROJECT-NAME}/{CLUSTER-NAME}/
    // {SNAPSHOT-INITIATION-DATE}/{TIMESTAMP}`), written here as the regular expression it describes.
    prefix: { type: 'string', pattern: /^\/exported_snapshots\/[^/]+\/[^/]+\/[^/]+\/[^/]+\/\d+$/ },
    snapshotId: hex,
    state: { type: 'string', enum: ['Cancelled', 'Failed', 'InProgress', 'Queued', 'Successful'] },
    stateReason: { type: 'object', properties: { errorCode: str, message: str } },
  },
};

const pageOf = (items: Schema): Schema => ({
  type: 'object',
  required: ['results'],
  properties: { links, results: { type: 'array', items }, totalCount: { type: 'integer', minimum: 0 } },
});
export const EXPORT_JOB_PAGE = pageOf(EXPORT_JOB);
/** 2023-01-01's page: the AWS shape only. */
export const AWS_BUCKET_PAGE = pageOf(AWS_BUCKET);
