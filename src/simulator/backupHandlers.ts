// Cloud Backup endpoints (as the v2 spec and real Atlas answer them; README.md lists the sources): schedule, cloud snapshots (replica set and sharded),
// legacy snapshots, Backup Compliance Policy.
import { Errors, SimApiError } from './apiError';
import {
  activePolicy,
  checkScheduleChange,
  clusterShortfalls,
  complianceErrors,
  notMeeting,
  loosenings,
  notMeetingCluster,
  POLICY_SETTLE_MS,
  raiseToPolicy,
} from './compliance';
import {
  addRetention,
  nextId,
  retentionDays,
  type Cluster,
  type CompliancePolicy,
  type PolicyItem,
  type RetentionUnit,
  type Snapshot,
} from './model';
import { boolParam, page, pageParams } from './paging';
import {
  renderCompliance,
  renderLegacySnapshot,
  renderReplicaSnapshot,
  renderSchedule,
  renderShardedSnapshot,
  snapshotStatus,
} from './render';
import { findCluster, findProject, type RequestContext, type Route } from './routes';
import { patchSchedule } from './scheduleValidator';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

const SCHEDULE = '/groups/{groupId}/clusters/{clusterName}/backup/schedule';
const SNAPSHOTS = '/groups/{groupId}/clusters/{clusterName}/backup/snapshots';
const SCHEDULE_VERSIONS = ['2023-01-01', '2024-08-05'];
const V2023 = ['2023-01-01'];

/** Atlas's documented answer for backup calls on a cluster whose backup is off (code name is Atlas's). */
function backupNotEnabled(): SimApiError {
  return new SimApiError(400, 'BACKUP_JOB_NOT_FOUND', 'Backups are not enabled for this cluster.');
}

function backedUp(ctx: RequestContext): Cluster {
  const c = findCluster(ctx);
  if (!c.backupEnabled || !c.schedule) throw backupNotEnabled();
  return c;
}

const sharded = (c: Cluster) => c.clusterType !== 'REPLICASET';

function wrongEndpoint(c: Cluster, ctx: RequestContext, want: 'replicaSet' | 'sharded'): SimApiError {
  const path =
    want === 'sharded'
      ? `/api/atlas/v2/groups/${c.groupId}/clusters/${c.name}/backup/snapshots/shardedClusters`
      : `/api/atlas/v2/groups/${c.groupId}/clusters/${c.name}/backup/snapshots`;
  return new SimApiError(
    400,
    'INCORRECT_BACKUP_API_ENDPOINT',
    `Incorrect Public API endpoint for Cloud Backups. Please use the following end point: (${ctx.base}${path}).`,
    { parameters: [path] },
  );
}

function live(c: Cluster, nowMs: number): Snapshot[] {
  // Expiry is derived from the clock at read time, so advancing a fake clock ages snapshots out.
  c.snapshots = c.snapshots.filter((s) => s.expiresAtMs > nowMs);
  return c.snapshots;
}

function findSnapshot(c: Cluster, ctx: RequestContext): Snapshot {
  const s = live(c, ctx.nowMs).find((x) => x.id === ctx.params.snapshotId);
  if (!s) throw Errors.snapshotNotFound(ctx.params.snapshotId, c.name);
  return s;
}

function renderSnapshot(c: Cluster, s: Snapshot, ctx: RequestContext): unknown {
  return sharded(c)
    ? renderShardedSnapshot(c, s, ctx.nowMs, ctx.base)
    : renderReplicaSnapshot(c, s, ctx.nowMs, ctx.base);
}

function int64Param(ctx: RequestContext, name: string): number | undefined {
  const raw = ctx.query.get(name);
  if (raw === null) return undefined;
  if (!/^\d+$/.test(raw)) throw Errors.invalidQueryParameter(name, 'must be a non-negative integer');
  return Number(raw);
}

function listSnapshots(ctx: RequestContext, want: 'replicaSet' | 'sharded') {
  const c = findCluster(ctx);
  if (sharded(c) !== (want === 'sharded')) throw wrongEndpoint(c, ctx, sharded(c) ? 'sharded' : 'replicaSet');
  const p = pageParams(ctx.query);
  let all = live(c, ctx.nowMs);
  if (want === 'replicaSet') {
    const pit = int64Param(ctx, 'pointInTimeUtcSeconds');
    const ts = int64Param(ctx, 'oplogTs');
    const inc = int64Param(ctx, 'oplogInc');
    if (pit !== undefined && (ts !== undefined || inc !== undefined)) {
      throw new SimApiError(
        400,
        'MUTUALLY_EXCLUSIVE_QUERY_PARAMETERS',
        'Either the pointInTimeUtcSeconds query parameter or the oplogTs query parameter but not both should be specified.',
      );
    }
    if ((ts === undefined) !== (inc === undefined)) {
      const missing = ts === undefined ? 'oplogTs' : 'oplogInc';
      throw new SimApiError(
        400,
        'MISSING_QUERY_PARAMETER',
        `The required query parameter ${missing} was not specified.`,
        { parameters: [missing] },
      );
    }
    const at = pit ?? ts;
    if (at !== undefined) {
      // "returns the closest snapshot created before that point in time"
      const hit = all.find((s) => s.createdAtMs <= at * 1000 && snapshotStatus(s, ctx.nowMs) === 'completed');
      all = hit ? [hit] : [];
    }
  }
  return { status: 200, body: page(all, p, ctx.url, (s) => renderSnapshot(c, s, ctx)) };
}

function parseRetentionItem(v: unknown, field: string, onDemand: boolean): PolicyItem {
  if (!isObj(v))
    throw new SimApiError(
      400,
      'INVALID_JSON_ATTRIBUTE',
      `Received JSON for the ${field} attribute does not match expected format.`,
    );
  const missing = ['frequencyInterval', 'frequencyType', 'retentionUnit', 'retentionValue'].filter(
    (k) => v[k] === undefined,
  );
  if (missing.length) {
    throw new SimApiError(400, 'MISSING_POLICY_ITEM_PARAMETERS', 'Each policy item must contain all required fields.', {
      fields: missing.map((k) => ({ field: `${field}.${k}`, description: 'must be specified' })),
    });
  }
  const types = onDemand ? ['ondemand'] : ['hourly', 'daily', 'weekly', 'monthly', 'yearly'];
  if (typeof v.frequencyType !== 'string' || !types.includes(v.frequencyType))
    throw Errors.invalidEnum(`${field}.frequencyType`, v.frequencyType, types);
  const units = ['days', 'weeks', 'months', 'years'];
  if (typeof v.retentionUnit !== 'string' || !units.includes(v.retentionUnit))
    throw Errors.invalidEnum(`${field}.retentionUnit`, v.retentionUnit, units);
  if (!isInt(v.frequencyInterval) || !isInt(v.retentionValue) || v.retentionValue <= 0) {
    throw new SimApiError(
      400,
      'BACKUP_COMPLIANCE_POLICY_SETTINGS_INVALID',
      'The Backup Compliance Policy has invalid settings.',
      { fields: [{ field, description: 'frequencyInterval and a positive retentionValue must be integers' }] },
    );
  }
  return {
    id: '',
    frequencyType: v.frequencyType as PolicyItem['frequencyType'],
    frequencyInterval: v.frequencyInterval,
    retentionUnit: v.retentionUnit as RetentionUnit,
    retentionValue: v.retentionValue,
  };
}

function putCompliance(ctx: RequestContext) {
  const project = findProject(ctx);
  const overwrite = boolParam(ctx.query, 'overwriteBackupPolicies', true);
  const body = ctx.body();
  if (!isObj(body)) throw new SimApiError(400, 'INVALID_JSON', 'Received JSON does not match expected format.');
  const required =
    ctx.version >= '2023-10-01'
      ? ['authorizedEmail', 'authorizedUserFirstName', 'authorizedUserLastName']
      : ['authorizedEmail'];
  for (const k of required) if (typeof body[k] !== 'string' || !body[k].trim()) throw Errors.missingAttribute(k);
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(body.authorizedEmail as string)) {
    throw new SimApiError(400, 'INVALID_EMAIL_ADDRESS', 'An invalid email address was specified.', {
      fields: [{ field: 'authorizedEmail', description: 'must be an email address' }],
    });
  }
  const flags = {} as Record<'copyProtectionEnabled' | 'encryptionAtRestEnabled' | 'pitEnabled', boolean>;
  for (const k of ['copyProtectionEnabled', 'encryptionAtRestEnabled', 'pitEnabled'] as const) {
    if (body[k] !== undefined && typeof body[k] !== 'boolean')
      throw new SimApiError(
        400,
        'INVALID_JSON_ATTRIBUTE',
        `Received JSON for the ${k} attribute does not match expected format.`,
      );
    flags[k] = body[k] === true;
  }
  if (body.restoreWindowDays !== undefined && (!isInt(body.restoreWindowDays) || body.restoreWindowDays <= 0)) {
    throw new SimApiError(400, 'INVALID_RESTORE_WINDOW', 'The restore window days should be a positive number.', {
      fields: [{ field: 'restoreWindowDays', description: 'must be a positive integer' }],
    });
  }
  const raw = body.scheduledPolicyItems ?? [];
  if (!Array.isArray(raw))
    throw new SimApiError(
      400,
      'INVALID_JSON_ATTRIBUTE',
      'Received JSON for the scheduledPolicyItems attribute does not match expected format.',
    );
  const scheduled = raw.map((r, i) => ({
    ...parseRetentionItem(r, `scheduledPolicyItems[${i}]`, false),
    id: nextId(ctx.state, 'bcpItem'),
  }));
  for (const t of ['hourly', 'daily', 'weekly', 'monthly', 'yearly']) {
    if (scheduled.filter((x) => x.frequencyType === t).length > 1) {
      throw new SimApiError(
        400,
        'BACKUP_COMPLIANCE_POLICY_SETTINGS_INVALID',
        'The Backup Compliance Policy has invalid settings.',
        { fields: [{ field: 'scheduledPolicyItems', description: `has more than one ${t} item` }] },
      );
    }
  }
  const onDemand =
    body.onDemandPolicyItem === undefined
      ? undefined
      : {
          ...parseRetentionItem(body.onDemandPolicyItem, 'onDemandPolicyItem', true),
          id: nextId(ctx.state, 'bcpItem'),
        };
  const policy: CompliancePolicy = {
    authorizedEmail: body.authorizedEmail as string,
    authorizedUserFirstName: typeof body.authorizedUserFirstName === 'string' ? body.authorizedUserFirstName : '',
    authorizedUserLastName: typeof body.authorizedUserLastName === 'string' ? body.authorizedUserLastName : '',
    ...flags,
    deletable: project.compliance?.deletable ?? false,
    onDemandPolicyItem: onDemand,
    restoreWindowDays: body.restoreWindowDays,
    scheduledPolicyItems: scheduled,
    // A new policy is ENABLING, a changed one UPDATING, until the clock passes activeAtMs.
    state: project.compliance ? 'UPDATING' : 'ENABLING',
    activeAtMs: ctx.nowMs + POLICY_SETTLE_MS,
    updatedDateMs: ctx.nowMs,
    updatedUser: 'demo-owner@example.com',
  };
  // A policy may only be tightened; loosening it takes MongoDB Support (GUESS: the code; the rule is documented).
  const prev = activePolicy(project);
  const looser = prev ? loosenings(prev, policy) : [];
  if (looser.length)
    throw new SimApiError(
      400,
      'BACKUP_COMPLIANCE_POLICY_SETTINGS_INVALID',
      'The Backup Compliance Policy can only be made stricter; loosening it requires MongoDB Support.',
      { fields: looser },
    );
  const clusters = [...ctx.state.clusters.values()].filter(
    (c) => c.groupId === project.id && c.backupEnabled && c.schedule,
  );
  if (!overwrite) {
    // Every cluster is checked before anything changes: the refusal leaves the whole project as it was.
    for (const c of clusters) {
      const why = clusterShortfalls(c, policy);
      if (why.length) throw notMeetingCluster(c.name, why);
    }
  } else {
    for (const c of clusters) {
      // Requiring point-in-time restore turns continuous cloud backup on where it was off (GUESS: 7 days, Atlas's
      // default window, when the policy sets none).
      if (policy.pitEnabled && !c.pitEnabled) {
        c.pitEnabled = true;
        c.schedule = { ...c.schedule!, restoreWindowDays: policy.restoreWindowDays ?? 7 };
      }
      c.schedule = raiseToPolicy(c.schedule!, c, policy, () => nextId(ctx.state, 'policyItem'));
    }
  }
  project.compliance = policy;
  return { status: 200, body: renderCompliance(project.id, policy, ctx.nowMs) };
}

export const backupRoutes: Route[] = [
  // ---- schedule ----
  {
    method: 'GET',
    pattern: SCHEDULE,
    versions: SCHEDULE_VERSIONS,
    permission: 'read',
    handler: (ctx) => {
      const c = backedUp(ctx);
      return { status: 200, body: renderSchedule(c, c.schedule!, ctx.version, ctx.nowMs, ctx.base, ctx.api) };
    },
  },
  {
    method: 'PATCH',
    pattern: SCHEDULE,
    versions: SCHEDULE_VERSIONS,
    permission: 'scheduleWrite',
    handler: (ctx) => {
      const project = findProject(ctx);
      const c = backedUp(ctx);
      const prev = c.schedule!;
      const { next, updateSnapshots } = patchSchedule(ctx.body(), c, prev, ctx.version, ctx.state);
      const policy = activePolicy(project);
      if (policy) checkScheduleChange(prev, next, c, policy);
      c.schedule = next;
      if (updateSnapshots) {
        // "apply the retention changes in the updated backup policy to Snapshots … taken previously"
        for (const s of c.snapshots) {
          // The item a snapshot is labelled with (the longest-kept of those that fired at that time).
          const item = next.items.find((i) => s.policyItems.includes(i.id) && i.frequencyType === s.frequencyType);
          if (s.snapshotType === 'scheduled' && item)
            s.expiresAtMs = addRetention(s.createdAtMs, item.retentionUnit, item.retentionValue);
        }
      }
      return { status: 200, body: renderSchedule(c, next, ctx.version, ctx.nowMs, ctx.base, ctx.api) };
    },
  },
  {
    method: 'DELETE',
    pattern: SCHEDULE,
    versions: SCHEDULE_VERSIONS,
    permission: 'scheduleWrite',
    handler: (ctx) => {
      const project = findProject(ctx);
      const c = backedUp(ctx);
      const policy = activePolicy(project);
      if (policy) throw notMeeting(policy.scheduledPolicyItems);
      // "Remove All Cloud Backup Schedules": the policy stays (same id) with no items.
      c.schedule = { ...c.schedule!, items: [] };
      return { status: 200, body: renderSchedule(c, c.schedule, ctx.version, ctx.nowMs, ctx.base, ctx.api) };
    },
  },

  // ---- cloud snapshots: sharded routes first so `shardedClusters` is not read as a snapshot id ----
  {
    method: 'GET',
    pattern: `${SNAPSHOTS}/shardedClusters`,
    versions: V2023,
    permission: 'read',
    handler: (ctx) => listSnapshots(ctx, 'sharded'),
  },
  {
    method: 'GET',
    pattern: `${SNAPSHOTS}/shardedCluster/{snapshotId}`,
    versions: V2023,
    permission: 'read',
    handler: (ctx) => {
      const c = findCluster(ctx);
      if (!sharded(c)) throw wrongEndpoint(c, ctx, 'replicaSet');
      return { status: 200, body: renderShardedSnapshot(c, findSnapshot(c, ctx), ctx.nowMs, ctx.base) };
    },
  },
  {
    method: 'DELETE',
    pattern: `${SNAPSHOTS}/shardedCluster/{snapshotId}`,
    versions: V2023,
    permission: 'snapshotWrite',
    handler: (ctx) => deleteSnapshot(ctx, 'sharded'),
  },
  {
    method: 'GET',
    pattern: SNAPSHOTS,
    versions: V2023,
    permission: 'read',
    handler: (ctx) => listSnapshots(ctx, 'replicaSet'),
  },
  {
    method: 'POST',
    pattern: SNAPSHOTS,
    versions: V2023,
    permission: 'snapshotCreate',
    handler: (ctx) => {
      const project = findProject(ctx);
      const c = backedUp(ctx);
      const body = ctx.body();
      if (!isObj(body)) throw new SimApiError(400, 'INVALID_JSON', 'Received JSON does not match expected format.');
      if (body.description !== undefined && typeof body.description !== 'string') {
        throw new SimApiError(
          400,
          'INVALID_JSON_ATTRIBUTE',
          'Received JSON for the description attribute does not match expected format.',
        );
      }
      if (body.retentionInDays === undefined) throw Errors.missingAttribute('retentionInDays');
      if (!isInt(body.retentionInDays) || body.retentionInDays < 1) {
        throw new SimApiError(
          400,
          'BACKUP_SNAPSHOT_RETENTION_VALUE_INVALID',
          'Retention value of snapshot is invalid.',
          { fields: [{ field: 'retentionInDays', description: 'must be at least 1' }] },
        );
      }
      if (
        live(c, ctx.nowMs).some((s) => s.snapshotType === 'onDemand' && snapshotStatus(s, ctx.nowMs) !== 'completed')
      ) {
        throw new SimApiError(
          400,
          'UNFINISHED_ON_DEMAND_SNAPSHOT',
          'Another on-demand snapshot is queued or in progress.',
        );
      }
      const min = activePolicy(project)?.onDemandPolicyItem;
      if (min && body.retentionInDays < retentionDays(min.retentionUnit, min.retentionValue))
        throw complianceErrors.onDemandRetention(min);
      const shards = c.zones.flatMap((z) => z.shardSpecIds).length;
      const snap: Snapshot = {
        id: nextId(ctx.state, 'snapshot'),
        createdAtMs: ctx.nowMs,
        expiresAtMs: addRetention(ctx.nowMs, 'days', body.retentionInDays),
        snapshotType: 'onDemand',
        policyItems: [],
        description: typeof body.description === 'string' ? body.description : undefined,
        storageSizeBytes: c.snapshots[0]?.storageSizeBytes ?? 1_073_741_824,
        mongodVersion: c.mongoDBVersion,
        memberIds: sharded(c) ? Array.from({ length: shards + 1 }, () => nextId(ctx.state, 'member')) : undefined,
      };
      c.snapshots.unshift(snap);
      return { status: 200, body: renderSnapshot(c, snap, ctx) };
    },
  },
  {
    method: 'GET',
    pattern: `${SNAPSHOTS}/{snapshotId}`,
    versions: V2023,
    permission: 'read',
    handler: (ctx) => {
      const c = findCluster(ctx);
      if (sharded(c)) throw wrongEndpoint(c, ctx, 'sharded');
      return { status: 200, body: renderReplicaSnapshot(c, findSnapshot(c, ctx), ctx.nowMs, ctx.base) };
    },
  },
  {
    method: 'PATCH',
    pattern: `${SNAPSHOTS}/{snapshotId}`,
    versions: V2023,
    permission: 'snapshotWrite',
    handler: (ctx) => {
      const project = findProject(ctx);
      const c = findCluster(ctx);
      const s = findSnapshot(c, ctx);
      const body = ctx.body();
      if (!isObj(body)) throw new SimApiError(400, 'INVALID_JSON', 'Received JSON does not match expected format.');
      for (const k of ['retentionUnit', 'retentionValue']) if (body[k] === undefined) throw Errors.missingAttribute(k);
      const units = ['DAYS', 'WEEKS', 'MONTHS', 'YEARS'];
      if (typeof body.retentionUnit !== 'string' || !units.includes(body.retentionUnit))
        throw Errors.invalidEnum('retentionUnit', body.retentionUnit, units);
      if (!isInt(body.retentionValue) || body.retentionValue <= 0) {
        throw new SimApiError(
          400,
          'BACKUP_SNAPSHOT_RETENTION_VALUE_INVALID',
          'Retention value of snapshot is invalid.',
          { fields: [{ field: 'retentionValue', description: 'must be a positive integer' }] },
        );
      }
      if (snapshotStatus(s, ctx.nowMs) !== 'completed')
        throw new SimApiError(
          400,
          'CANNOT_MODIFY_IN_PROGRESS_SNAPSHOT_RETENTION',
          'Snapshot retention can only be modified once it is completed.',
        );
      const expires = addRetention(s.createdAtMs, body.retentionUnit, body.retentionValue);
      if (expires <= ctx.nowMs) {
        throw new SimApiError(400, 'EXPIRATION_DATE_IN_PAST', 'The specified expiration date must be in the future.', {
          fields: [{ field: 'retentionValue', description: 'the snapshot would already have expired' }],
        });
      }
      if (activePolicy(project) && expires < s.expiresAtMs) throw complianceErrors.decreaseRetention();
      s.expiresAtMs = expires;
      return { status: 200, body: renderSnapshot(c, s, ctx) };
    },
  },
  {
    method: 'DELETE',
    pattern: `${SNAPSHOTS}/{snapshotId}`,
    versions: V2023,
    permission: 'snapshotWrite',
    handler: (ctx) => deleteSnapshot(ctx, 'replicaSet'),
  },

  // ---- legacy backup snapshots (deprecated) ----
  {
    method: 'GET',
    pattern: '/groups/{groupId}/clusters/{clusterName}/snapshots',
    versions: V2023,
    permission: 'read',
    handler: (ctx) => {
      const c = findCluster(ctx);
      const p = pageParams(ctx.query);
      const completed = ctx.query.get('completed') ?? 'true';
      if (!['all', 'true', 'false'].includes(completed))
        throw Errors.invalidQueryParameter('completed', 'must be all, true or false');
      const all = [...c.legacySnapshots]
        .sort((a, b) => b.createdMs - a.createdMs)
        .filter((s) => completed === 'all' || s.complete === (completed === 'true'));
      return { status: 200, body: page(all, p, ctx.url, (s) => renderLegacySnapshot(c, s, ctx.base)) };
    },
  },
  {
    method: 'GET',
    pattern: '/groups/{groupId}/clusters/{clusterName}/snapshots/{snapshotId}',
    versions: V2023,
    permission: 'read',
    handler: (ctx) => {
      const c = findCluster(ctx);
      const s = c.legacySnapshots.find((x) => x.id === ctx.params.snapshotId);
      if (!s) throw Errors.snapshotNotFound(ctx.params.snapshotId, c.name);
      return { status: 200, body: renderLegacySnapshot(c, s, ctx.base) };
    },
  },

  // ---- Backup Compliance Policy (Project Owner only) ----
  {
    method: 'GET',
    pattern: '/groups/{groupId}/backupCompliancePolicy',
    versions: ['2023-01-01', '2023-10-01'],
    permission: 'compliance',
    handler: (ctx) => {
      const p = findProject(ctx);
      // A project without a policy answers 200 with an empty document (README.md: sources).
      return { status: 200, body: p.compliance ? renderCompliance(p.id, p.compliance, ctx.nowMs) : {} };
    },
  },
  {
    method: 'PUT',
    pattern: '/groups/{groupId}/backupCompliancePolicy',
    versions: ['2023-01-01', '2023-10-01'],
    permission: 'compliance',
    handler: putCompliance,
  },
  {
    method: 'DELETE',
    pattern: '/groups/{groupId}/backupCompliancePolicy',
    versions: ['2024-11-13'],
    permission: 'compliance',
    handler: (ctx) => {
      const p = findProject(ctx);
      // GUESS: codes for "no policy" and "not deletable" (the latter's name is used by MongoDB's
      // CloudFormation resources).
      if (!p.compliance)
        throw new SimApiError(
          404,
          'BACKUP_COMPLIANCE_POLICY_NOT_FOUND',
          `No Backup Compliance Policy exists for group ${p.id}.`,
          { parameters: [p.id] },
        );
      if (!p.compliance.deletable) {
        throw new SimApiError(
          400,
          'CANNOT_DISABLE_BACKUP_COMPLIANCE_POLICY',
          'The Backup Compliance Policy cannot be disabled until MongoDB Support marks it deletable; file a support ticket first.',
        );
      }
      p.compliance = undefined;
      return { status: 204 };
    },
  },
];

function deleteSnapshot(ctx: RequestContext, want: 'replicaSet' | 'sharded') {
  const project = findProject(ctx);
  const c = findCluster(ctx);
  if (sharded(c) !== (want === 'sharded')) throw wrongEndpoint(c, ctx, sharded(c) ? 'sharded' : 'replicaSet');
  const s = findSnapshot(c, ctx);
  if (snapshotStatus(s, ctx.nowMs) !== 'completed')
    throw new SimApiError(400, 'CANNOT_DELETE_IN_PROGRESS_SNAPSHOT', `Cannot delete an in progress snapshot ${s.id}.`, {
      parameters: [s.id],
    });
  if (activePolicy(project)) throw complianceErrors.deleteSnapshot();
  c.snapshots = c.snapshots.filter((x) => x !== s);
  return { status: 204 };
}
