// Demo credentials. They are deliberately fake-looking (no `mdb_sa_sk_` prefix, nothing shaped
// like a real Atlas secret) so nobody mistakes them for, or pastes over them, real ones.
import type { Role } from './model';

export const DEMO_CREDENTIALS = {
  serviceAccount: { clientId: 'demo-sa-owner', clientSecret: 'demo-sa-owner-secret-not-real' },
  apiKey: { publicKey: 'demoowner', privateKey: 'demo-owner-private-key-not-real' },
  readOnlyApiKey: { publicKey: 'demoreadonly', privateKey: 'demo-readonly-private-key-not-real' },
  backupManagerServiceAccount: {
    clientId: 'demo-sa-backup-manager',
    clientSecret: 'demo-sa-backup-manager-secret-not-real',
  },
} as const;

export type DemoCredentials = typeof DEMO_CREDENTIALS;

export interface Principal {
  /** Rate-limit and log key; never a secret. */
  id: string;
  kind: 'serviceAccount' | 'apiKey';
  role: Role;
}

export const SERVICE_ACCOUNTS: ReadonlyMap<string, { secret: string; principal: Principal }> = new Map([
  [
    DEMO_CREDENTIALS.serviceAccount.clientId,
    {
      secret: DEMO_CREDENTIALS.serviceAccount.clientSecret,
      principal: { id: `sa:${DEMO_CREDENTIALS.serviceAccount.clientId}`, kind: 'serviceAccount', role: 'owner' },
    },
  ],
  [
    DEMO_CREDENTIALS.backupManagerServiceAccount.clientId,
    {
      secret: DEMO_CREDENTIALS.backupManagerServiceAccount.clientSecret,
      principal: {
        id: `sa:${DEMO_CREDENTIALS.backupManagerServiceAccount.clientId}`,
        kind: 'serviceAccount',
        role: 'backupManager',
      },
    },
  ],
]);

export const API_KEYS: ReadonlyMap<string, { secret: string; principal: Principal }> = new Map([
  [
    DEMO_CREDENTIALS.apiKey.publicKey,
    {
      secret: DEMO_CREDENTIALS.apiKey.privateKey,
      principal: { id: `key:${DEMO_CREDENTIALS.apiKey.publicKey}`, kind: 'apiKey', role: 'owner' },
    },
  ],
  [
    DEMO_CREDENTIALS.readOnlyApiKey.publicKey,
    {
      secret: DEMO_CREDENTIALS.readOnlyApiKey.privateKey,
      principal: { id: `key:${DEMO_CREDENTIALS.readOnlyApiKey.publicKey}`, kind: 'apiKey', role: 'readOnly' },
    },
  ],
]);

/** What each operation needs (the v2 spec's `x-rolesRequirements`), and which demo roles satisfy it. */
export type Permission =
  | 'read'
  | 'scheduleWrite'
  | 'snapshotCreate'
  | 'snapshotWrite'
  | 'compliance'
  | 'restoreRead'
  | 'restoreWrite'
  | 'bucketWrite'
  | 'exportRead'
  | 'exportWrite';

const GRANTS: Record<Role, ReadonlySet<Permission>> = {
  owner: new Set<Permission>([
    'read',
    'scheduleWrite',
    'snapshotCreate',
    'snapshotWrite',
    'compliance',
    'restoreRead',
    'restoreWrite',
    'bucketWrite',
    'exportRead',
    'exportWrite',
  ]),
  // Project Backup Manager includes Project Backup Creator; neither may see the compliance policy
  // (the spec requires Project Owner for every Backup Compliance Policy operation). Listing restore jobs needs
  // Backup Manager; creating or cancelling one needs Backup Export or Recovery Operator, which the spec lists
  // apart from Backup Manager, so the demo Backup Manager may watch restores but not start them.
  // Exports likewise: Backup Manager adds and removes buckets and reads export jobs; starting an export needs Backup
  // Export Operator.
  backupManager: new Set<Permission>([
    'read',
    'scheduleWrite',
    'snapshotCreate',
    'snapshotWrite',
    'restoreRead',
    'bucketWrite',
    'exportRead',
  ]),
  readOnly: new Set<Permission>(['read']),
};

export function allows(role: Role, p: Permission): boolean {
  return GRANTS[role].has(p);
}
