// Adding an export bucket, as decisions: which of the project's cloud provider access roles can back a bucket of a
// provider (and what each is already used for), what the person is told when none can, and whether the bucket name
// or service URL they typed is one Atlas takes. The limits are the ones `exportBucketBody` enforces before a POST, so
// the input box refuses exactly what the client would. No `vscode`, no network.
import { azureContainerOf } from '../atlas/AtlasClient';
import type {
  CloudProviderAccessRole,
  CloudProviderAccessRoles,
  ExportBucket,
  ExportCloudProvider,
  ExportJob,
} from '../atlas/types';

export const EXPORT_PROVIDERS: readonly ExportCloudProvider[] = ['AWS', 'AZURE', 'GCP'];

/** "AWS S3", "Azure Blob Storage", "Google Cloud Storage". */
export function providerWord(p: ExportCloudProvider): string {
  return p === 'AWS' ? 'AWS S3' : p === 'AZURE' ? 'Azure Blob Storage' : 'Google Cloud Storage';
}

/** What the provider's access role is called in Atlas. */
function roleKind(p: ExportCloudProvider): string {
  return p === 'AWS' ? 'AWS IAM role' : p === 'AZURE' ? 'Azure service principal' : 'GCP service account';
}

/** The id a bucket request names the role by (`iamRoleId` or `roleId`): Azure's roles carry it as `_id`. */
export function roleIdOf(r: CloudProviderAccessRole): string | undefined {
  return r.providerName === 'AZURE' ? (r._id ?? r.roleId) : (r.roleId ?? r._id);
}

/**
 * Whether Atlas will take the role for a bucket: an AWS role once authorised (`authorizedDate`), a GCP service account
 * once provisioned (`status` COMPLETE); an Azure service principal is usable once registered.
 */
export function roleUsable(r: CloudProviderAccessRole): boolean {
  if (r.providerName === 'AWS') return !!r.authorizedDate;
  if (r.providerName === 'GCP') return r.status === undefined || r.status === 'COMPLETE';
  return true;
}

export function rolesOf(all: CloudProviderAccessRoles, p: ExportCloudProvider): CloudProviderAccessRole[] {
  const list = p === 'AWS' ? all.awsIamRoles : p === 'AZURE' ? all.azureServicePrincipals : all.gcpServiceAccounts;
  return (list ?? []).filter((r) => r.providerName === p || r.providerName === undefined);
}

/** The role as a person knows it: its ARN, service principal or service account, else its id. */
export function roleName(r: CloudProviderAccessRole): string {
  return r.iamAssumedRoleArn ?? r.servicePrincipalId ?? r.gcpServiceAccountForAtlas ?? roleIdOf(r) ?? '?';
}

const FEATURE_WORDS: Record<string, string> = {
  ATLAS_DATA_LAKE: 'Data Federation',
  ENCRYPTION_AT_REST: 'encryption at rest',
  EXPORT_SNAPSHOT: 'snapshot export',
  PUSH_BASED_LOG_EXPORT: 'log export',
  ATLAS_LOG_INTEGRATION: 'log integration',
};

/** "snapshot export to acme-atlas-exports, encryption at rest", or "not used yet". */
export function describeFeatureUsages(r: CloudProviderAccessRole, buckets: readonly ExportBucket[] = []): string {
  const uses = (r.featureUsages ?? []).map((u) => {
    const word = FEATURE_WORDS[u.featureType ?? ''] ?? u.featureType ?? 'unknown use';
    const id = u.featureId as { exportBucketId?: unknown } | undefined;
    const bucketId = typeof id?.exportBucketId === 'string' ? id.exportBucketId : undefined;
    if (u.featureType !== 'EXPORT_SNAPSHOT' || !bucketId) return word;
    return `${word} to ${buckets.find((b) => b._id === bucketId)?.bucketName ?? bucketId}`;
  });
  return uses.length ? uses.join(', ') : 'not used yet';
}

export interface RoleChoice {
  roleId: string;
  name: string;
  usages: string;
}

export type RoleChoices = { ok: true; roles: RoleChoice[] } | { ok: false; message: string };

/**
 * The roles a new bucket of `provider` may use, or what to do when there is none: Atlas refuses a bucket whose role
 * is not authorised, so roles registered but not yet authorised are named with the step that is missing.
 */
export function roleChoices(
  all: CloudProviderAccessRoles,
  provider: ExportCloudProvider,
  buckets: readonly ExportBucket[] = [],
): RoleChoices {
  const roles = rolesOf(all, provider);
  const usable = roles.filter((r) => roleUsable(r) && roleIdOf(r));
  if (usable.length)
    return {
      ok: true,
      roles: usable.map((r) => ({
        roleId: roleIdOf(r)!,
        name: roleName(r),
        usages: describeFeatureUsages(r, buckets),
      })),
    };
  const pending = roles.length - usable.length;
  const how =
    provider === 'AWS'
      ? 'create the IAM role in AWS with the trust policy Atlas gives, then authorise it'
      : provider === 'AZURE'
        ? 'register the service principal of the Atlas application in your Azure tenant'
        : 'let Atlas create its service account, then grant it access to the bucket';
  return {
    ok: false,
    message:
      `The project has no authorised ${roleKind(provider)}${pending ? ` (${pending} registered but not authorised yet)` : ''}, and Atlas needs one to write to ${providerWord(provider)}. ` +
      `In Atlas, open Project Settings → Integrations → Cloud Provider Access, ${how}; then add the bucket again.`,
  };
}

/** What the third step asks for: the bucket name (AWS, GCP) or the storage account's service URL (Azure). */
export function bucketInputWord(p: ExportCloudProvider): string {
  return p === 'AZURE' ? 'service URL' : 'bucket name';
}

/**
 * Why Atlas would refuse what was typed as the bucket name (AWS, GCP) or service URL (Azure), or undefined when it
 * takes it. The spec's limits: a bucket name of 3 to 63 characters; an https service URL on a standard endpoint
 * (`….blob.core.windows.net`) of 33 to 2048 characters. The URL must name the container here, since the form asks
 * for nothing else.
 */
export function bucketInputProblem(p: ExportCloudProvider, value: string): string | undefined {
  // The box is labelled "bucket name" or "service URL": its messages use those words, not the JSON fields.
  if (p !== 'AZURE') {
    if (value.length < 3 || value.length > 63)
      return `The bucket name must be 3 to 63 characters (it is ${value.length}).`;
    if (value.trim() !== value) return 'The bucket name must not start or end with a space.';
    return undefined;
  }
  // The scheme first: "account.blob.core.windows.net/c" is short because https:// is missing, and says so.
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value.trim()))
    return 'The service URL must start with https://, e.g. https://account.blob.core.windows.net/container.';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'The service URL must be a URL, e.g. https://account.blob.core.windows.net/container.';
  }
  if (url.protocol !== 'https:') return 'The service URL must start with https://.';
  if (!url.hostname.endsWith('.blob.core.windows.net'))
    return 'The service URL must be a standard Azure storage endpoint (….blob.core.windows.net).';
  const container = azureContainerOf(value);
  if (!container)
    return 'The service URL must name the storage container: https://account.blob.core.windows.net/<container>.';
  if (container.length < 3 || container.length > 63)
    return `The container name in the service URL must be 3 to 63 characters (it is ${container.length}).`;
  // Azure's naming rule for containers; Atlas passes the name on and Azure refuses it only later, when exporting.
  const rule =
    'lowercase letters, digits and hyphens, starting and ending with a letter or digit, with no two hyphens in a row';
  if (!/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/.test(container) || container.includes('--'))
    return `The container name in the service URL, ${JSON.stringify(container)}, must be ${rule} (Azure's rule for container names).`;
  if (value.length < 33 || value.length > 2048)
    return `The service URL must be 33 to 2048 characters (it is ${value.length}), e.g. https://account.blob.core.windows.net/container.`;
  return undefined;
}

/** The bucket's role id, whichever field its provider uses. */
export function bucketRoleId(b: ExportBucket): string | undefined {
  return b.cloudProvider === 'AWS' ? (b.iamRoleId ?? b.roleId) : (b.roleId ?? b.iamRoleId);
}

/** "AWS S3 · role arn:… · private networking" — a bucket row's description and a pick's detail. */
export function describeBucketFacts(b: ExportBucket, roles?: CloudProviderAccessRoles): string {
  const roleId = bucketRoleId(b);
  const role = roles && roleId ? rolesOf(roles, b.cloudProvider).find((r) => roleIdOf(r) === roleId) : undefined;
  return [
    providerWord(b.cloudProvider),
    b.cloudProvider === 'AZURE' && b.serviceUrl ? b.serviceUrl : undefined,
    roleId ? `role ${role ? roleName(role) : roleId}` : undefined,
    b.cloudProvider === 'AWS' ? (b.requirePrivateNetworking ? 'private networking' : 'public network') : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** The clusters' export jobs, newest first (Atlas's order is not promised). */
export function newestFirst(jobs: readonly ExportJob[]): ExportJob[] {
  return [...jobs].sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''));
}
