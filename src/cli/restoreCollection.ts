// `atlas-backup restore <clusterName> … --collection DB.COLL[=DB2.COLL2]… | --database DB[=DB2]…`: a collection-level
// restore. The plan (src/core/restore/collectionRestorePlan.ts) is shown first; a failed check refuses with nothing
// sent; --confirm is required to overwrite and checked whenever given; the create is sent once and never retried;
// --watch follows restoredDocuments of totalDocuments to the end. A collection restore job cannot be cancelled.
import type { AtlasClient } from '../core/atlas/AtlasClient';
import { AtlasApiError, AtlasError, describeWriteFailure } from '../core/atlas/errors';
import type { CollectionRestoreJob, CreateCollectionRestoreJobRequest } from '../core/atlas/types';
import {
  buildCollectionRestorePlan,
  collectionDocumentsWords,
  collectionRestoreRequestFor,
  INDEX_STRATEGIES,
  isRestoreJobDone,
  parseNamespaceFlag,
  parsePointInTime,
  projectCollectionRestoreJob,
  restoreClusterFacts,
  readSnapshotHoldings,
  suffixProblem,
  WRITE_STRATEGIES,
  type CollectionRestoreCheckId,
  type CollectionRestorePlan,
  type IndexStrategy,
  type NamespaceKind,
  type NamespaceMapping,
  type PointInTime,
  type RestoreJobProjection,
  type WriteStrategy,
} from '../core/restore';
import { AtlasFailure, EXIT, flagValue, RefusedError, UsageError, type CliContext, type ParsedArgs } from './args';
import { checkClusterName, projectIdFrom, withAtlas } from './atlas';
import {
  completedSnapshots,
  formatFrom,
  localWords,
  findClusterOrFlex,
  parseTarget,
  readSnapshot,
  readTarget,
} from './restoreRead';
import {
  durationWords,
  EXIT_INTERRUPTED,
  exitFor,
  interruptedWords,
  restoresCommandLine,
  succeeded,
  watchJob,
  type JobRef,
} from './restoreWatch';

const SNAPSHOT_ID = /^[a-f0-9]{24}$/;
/** Atlas takes at most this many namespaces in one collection restore. */
export const MAX_NAMESPACES = 100;
/** Flags only a collection restore takes. */
export const COLLECTION_ONLY_FLAGS = [
  '--collection-suffix',
  '--database-suffix',
  '--write-strategy',
  '--index-strategy',
];

interface CollectionRequest {
  groupId: string;
  clusterName: string;
  snapshotId?: string;
  pointInTime?: PointInTime;
  target: { groupId: string; clusterName: string };
  namespaceKind: NamespaceKind;
  namespaces: NamespaceMapping[];
  writeStrategy: WriteStrategy;
  indexStrategy: IndexStrategy;
  databaseSuffix?: string;
  collectionSuffix?: string;
  overwriteSource: boolean;
  watch: boolean;
  format: 'text' | 'json';
}

function oneOf<T extends string>(flag: string, v: string | undefined, values: readonly T[], dflt: T): T {
  if (v === undefined) return dflt;
  if ((values as readonly string[]).includes(v)) return v as T;
  throw new UsageError(`${flag} "${v}" is not one of ${values.join(', ')}`);
}

/** Every usage rule of a collection restore, before any request. */
export function readCollectionRequest(p: ParsedArgs, ctx: CliContext): CollectionRequest {
  const collections = p.lists.get('--collection') ?? [];
  const databases = p.lists.get('--database') ?? [];
  if (collections.length && databases.length) throw new UsageError('give --collection or --database, not both');
  const namespaceKind: NamespaceKind = collections.length ? 'collection' : 'database';
  const texts = collections.length ? collections : databases;
  if (p.positionals.length > 1) throw new UsageError('restore takes one cluster name');
  const clusterName = checkClusterName(p.positionals[0]);
  const groupId = projectIdFrom(p, ctx);
  const format = formatFrom(flagValue(p, '--format'));
  if (p.flags.has('--download'))
    throw new UsageError(`--download takes a whole snapshot: leave out --${namespaceKind}`);
  const snapshotId = flagValue(p, '--snapshot');
  const pitText = flagValue(p, '--point-in-time');
  if (snapshotId !== undefined && pitText !== undefined)
    throw new UsageError('give --snapshot or --point-in-time, not both');
  if (snapshotId === undefined && pitText === undefined)
    throw new UsageError('restore needs --snapshot ID or --point-in-time TIME');
  if (snapshotId !== undefined && !SNAPSHOT_ID.test(snapshotId))
    throw new UsageError(`--snapshot "${snapshotId}" is not a snapshot id (24 lower-case hexadecimal characters)`);
  const namespaces = texts.map((t) => {
    const r = parseNamespaceFlag(namespaceKind, t);
    if (!r.ok) throw new UsageError(r.error);
    return r.value;
  });
  if (namespaces.length > MAX_NAMESPACES)
    throw new UsageError(
      `--${namespaceKind} is given ${namespaces.length} times; Atlas restores at most ${MAX_NAMESPACES} in one job`,
    );
  const seen = new Set<string>();
  for (const m of namespaces) {
    if (seen.has(m.source)) throw new UsageError(`--${namespaceKind} names ${m.source} twice`);
    seen.add(m.source);
  }
  const suffix = (flag: string) => {
    const v = flagValue(p, flag);
    const problem = v === undefined ? undefined : suffixProblem(flag, v);
    if (problem) throw new UsageError(problem);
    return v;
  };
  const databaseSuffix = suffix('--database-suffix');
  const collectionSuffix = suffix('--collection-suffix');
  const writeStrategy = oneOf('--write-strategy', flagValue(p, '--write-strategy'), WRITE_STRATEGIES, 'create-new');
  const indexStrategy = oneOf('--index-strategy', flagValue(p, '--index-strategy'), INDEX_STRATEGIES, 'all');
  const to = flagValue(p, '--to');
  if (to === undefined)
    throw new UsageError('restore needs --to <projectId>/<clusterName>, the cluster to restore the namespaces onto');
  const target = parseTarget(to);
  const confirm = flagValue(p, '--confirm');
  if (writeStrategy === 'overwrite' && confirm === undefined)
    throw new UsageError(
      `--write-strategy overwrite needs --confirm ${target.clusterName}: collections of the same name on ${target.clusterName} are replaced, so repeat its name to say you mean it`,
    );
  if (confirm !== undefined && confirm !== target.clusterName)
    throw new UsageError(`--confirm "${confirm}" does not name the target cluster "${target.clusterName}"`);
  let pointInTime: PointInTime | undefined;
  if (pitText !== undefined) {
    const pit = parsePointInTime(pitText);
    if (!pit.ok) throw new UsageError(pit.error);
    pointInTime = pit.value;
  }
  return {
    groupId,
    clusterName,
    snapshotId,
    pointInTime,
    target,
    namespaceKind,
    namespaces,
    writeStrategy,
    indexStrategy,
    databaseSuffix,
    collectionSuffix,
    overwriteSource: p.flags.has('--overwrite-source'),
    watch: p.flags.has('--watch'),
    format,
  };
}

/**
 * What the snapshot holds of the databases the request names (and the list of its databases), or undefined when the
 * account may not browse snapshots (403: a Recovery Operator without Backup Manager): Atlas then checks the names.
 */
function heldBy(client: AtlasClient, r: CollectionRequest, snapshotId: string) {
  return readSnapshotHoldings(
    client,
    { groupId: r.groupId, clusterName: r.clusterName, snapshotId },
    r.namespaceKind,
    r.namespaces,
    (e) => e instanceof AtlasApiError && e.status === 403,
  );
}

async function collectionPlan(client: AtlasClient, r: CollectionRequest, nowMs: number) {
  const found = await findClusterOrFlex(client, r.groupId, r.clusterName);
  if (found.kind === 'flex')
    throw new RefusedError(
      `--${r.namespaceKind}: ${r.clusterName} is a Flex cluster, whose backups Atlas restores only whole: restore a snapshot with --snapshot ID --to … (without --${r.namespaceKind}). Nothing was sent.`,
    );
  let source = restoreClusterFacts(found.cluster, { groupId: r.groupId });
  const target = await readTarget(client, r.target);
  const common = {
    target,
    namespaceKind: r.namespaceKind,
    namespaces: r.namespaces,
    writeStrategy: r.writeStrategy,
    indexStrategy: r.indexStrategy,
    databaseSuffix: r.databaseSuffix,
    collectionSuffix: r.collectionSuffix,
    nowMs,
    allowSourceAsTarget: r.overwriteSource,
  };
  if (r.snapshotId !== undefined) {
    const snapshot = await readSnapshot(client, source, r.snapshotId);
    // Atlas lists a snapshot's contents only once it is completed; the plan refuses an unfinished one anyway.
    const held = snapshot.status === 'completed' ? await heldBy(client, r, r.snapshotId) : undefined;
    const plan = buildCollectionRestorePlan({ ...common, source, snapshot, held });
    if (snapshot.status === 'completed' && !held)
      plan.effects.push(
        'The names were not checked against the snapshot (this account may not browse it): Atlas checks them.',
      );
    return plan;
  }
  let sourceSnapshots;
  if (source.continuousBackup) {
    const schedule = await client.getBackupSchedule(r.groupId, r.clusterName);
    source = { ...source, restoreWindowDays: schedule.restoreWindowDays };
    sourceSnapshots = await completedSnapshots(client, source);
  }
  return buildCollectionRestorePlan({ ...common, source, pointInTime: r.pointInTime, sourceSnapshots });
}

const utc = (iso: string) => `${iso.slice(0, 19).replace('T', ' ')} UTC`;

/** The plan in words: source, target, the namespaces and where they go, what happens, every check. */
export function formatCollectionPlan(plan: CollectionRestorePlan): string {
  const s = plan.source;
  const t = plan.target!;
  const lines = [`Restore plan (${plan.namespaceKind} restore); nothing has been sent yet.`];
  lines.push(`  Source:  ${s.clusterName} (project ${s.projectName ? `${s.projectName}, ` : ''}${s.groupId})`);
  if (s.snapshot)
    lines.push(
      `           snapshot ${s.snapshot.id ?? 'unknown'}${s.snapshot.createdAt ? `: taken ${utc(s.snapshot.createdAt)}` : ''}`,
    );
  if (s.pointInTime) {
    const oplog = s.pointInTime.oplog ? ` (oplog ${s.pointInTime.oplog.ts}:${s.pointInTime.oplog.inc})` : '';
    lines.push(
      `           point in time ${utc(s.pointInTime.utc)}${oplog}, here ${localWords(s.pointInTime.epochSeconds * 1000)}`,
    );
  }
  if (plan.window) lines.push(`           restorable window ${utc(plan.window.from)} to ${utc(plan.window.to)}`);
  lines.push(`  Target:  ${t.clusterName} (project ${t.projectName ? `${t.projectName}, ` : ''}${t.groupId})`);
  lines.push(`  ${plan.namespaceKind === 'database' ? 'Databases' : 'Collections'} (source -> target):`);
  for (const n of plan.namespaces) lines.push(`    ${n.source} -> ${n.target}`);
  lines.push(`  Write strategy: ${plan.writeStrategy}; index strategy: ${plan.indexStrategy}`);
  lines.push('  What happens:');
  for (const e of plan.effects) lines.push(`    - ${e}`);
  lines.push('  Checks:');
  for (const c of plan.checks) lines.push(`    ${c.passed ? 'passed' : 'FAILED'}  ${c.id}: ${c.reason}`);
  return `${lines.join('\n')}\n`;
}

function flagOfCheck(id: CollectionRestoreCheckId, r: CollectionRequest): string {
  switch (id) {
    case 'snapshot-completed':
      return `--snapshot ${r.snapshotId}`;
    case 'namespaces-in-snapshot':
      return `--${r.namespaceKind}`;
    case 'continuous-backup':
    case 'restorable-window':
      return '--point-in-time';
    case 'target-not-source':
      return '--to (or --overwrite-source)';
    case 'mongodb-version':
    case 'topology':
    case 'encryption-at-rest':
      return `--to ${r.target.groupId}/${r.target.clusterName}`;
  }
}

function createRequest(r: CollectionRequest): CreateCollectionRestoreJobRequest {
  return collectionRestoreRequestFor(r);
}

/** `restoredDocuments of totalDocuments`, when Atlas says them. */
export function documentsWords(j: Pick<CollectionRestoreJob, 'restoredDocuments' | 'totalDocuments' | 'state'>) {
  return collectionDocumentsWords(j);
}

const utcOrNull = (iso: string | null) => (iso ? utc(iso) : null);

/** One collection restore job in a few lines: id, state, what was restored onto where, documents, times. */
export function describeCollectionJob(job: CollectionRestoreJob): string {
  const j = projectCollectionRestoreJob(job);
  const names = [...(job.collections ?? []), ...(job.databases ?? [])].map((x) => x.sourceNamespace);
  const from = j.pointInTimeUtc ? ` to ${utc(j.pointInTimeUtc)}` : j.snapshotId ? ` of snapshot ${j.snapshotId}` : '';
  const lines = [
    `${j.id}  ${j.state}  collection restore (${j.deliveryType})${from} onto ${j.targetClusterName ?? 'an unknown target'} (project ${j.targetGroupId ?? 'unknown'})`,
  ];
  if (names.length) lines.push(`    ${names.join(', ')}: ${documentsWords(job)}`);
  const times: string[] = [];
  if (j.createdAt) times.push(`started ${utcOrNull(j.createdAt)}`);
  if (j.finishedAt) times.push(`finished ${utcOrNull(j.finishedAt)}`);
  if (j.createdAt && j.finishedAt)
    times.push(`took ${durationWords(Date.parse(j.finishedAt) - Date.parse(j.createdAt))}`);
  if (times.length) lines.push(`    ${times.join(', ')}`);
  if (job.errorMessage) lines.push(`    error: ${job.errorMessage}`);
  return lines.join('\n');
}

/** What to say when a watched collection restore ended. */
export function collectionOutcomeWords(job: CollectionRestoreJob, ref: JobRef): string {
  const j = projectCollectionRestoreJob(job);
  const target = `${j.targetClusterName} (project ${j.targetGroupId})`;
  switch (j.state) {
    case 'completed':
      return `Collection restore finished: ${job.restoredDocuments ?? 0} documents restored onto ${target} (job ${j.id}).`;
    case 'failed':
      return `Collection restore job ${j.id} failed${job.errorMessage ? `: ${job.errorMessage}` : ''}; ${target} may hold partial data.`;
    case 'cancelled':
      return `Collection restore job ${j.id} was cancelled; ${target} may hold partial data.`;
    case 'expired':
    case 'in-progress':
      return `Collection restore job ${j.id} is still ${j.state}: ${restoresCommandLine(ref, j.id)}`;
  }
}

/** Watches a collection restore job to its end, its progress in documents. */
export function watchCollectionJob(
  client: AtlasClient,
  ref: JobRef,
  ctx: CliContext,
  o: { first: CollectionRestoreJob; startedAtMs?: number; announce?: () => void },
) {
  return watchJob(ref, ctx, {
    ...o,
    read: (signal) => client.getCollectionRestoreJob(ref.groupId, ref.clusterName, ref.jobId, { signal }),
    ends: (j) => isRestoreJobDone(projectCollectionRestoreJob(j).state),
    progress: documentsWords,
  });
}

/** Ends a watch of a collection job: the job printed, the outcome said, the exit code. */
export function finishCollectionWatch(
  ctx: CliContext,
  format: 'text' | 'json',
  ref: JobRef,
  w: { job: CollectionRestoreJob; interrupted: boolean },
  extra: Record<string, unknown> = {},
): number {
  const projection: RestoreJobProjection = projectCollectionRestoreJob(w.job);
  if (format === 'json') ctx.out(`${JSON.stringify({ ...projection, ...extra }, null, 2)}\n`);
  else ctx.out(`${describeCollectionJob(w.job)}\n`);
  if (w.interrupted) {
    ctx.err(`${interruptedWords(ref)}\n`);
    return EXIT_INTERRUPTED;
  }
  const words = collectionOutcomeWords(w.job, ref);
  if (!succeeded(projection)) ctx.err(`atlas-backup: ${words}\n`);
  else if (format === 'text') ctx.out(`${words}\n`);
  return exitFor(projection);
}

/** Runs a collection restore: plan, refusal or create (once), and an optional watch. */
export async function runCollectionRestore(p: ParsedArgs, ctx: CliContext): Promise<number> {
  const r = readCollectionRequest(p, ctx);
  const say = (s: string) => (r.format === 'json' ? ctx.err(s) : ctx.out(s));
  return withAtlas(p, ctx, async ({ client }) => {
    const plan = await collectionPlan(client, r, ctx.now());
    say(formatCollectionPlan(plan));
    if (!plan.ok)
      throw new RefusedError(
        `refusing to restore, nothing was sent: ${plan.checks
          .filter((c) => !c.passed)
          .map((c) => `${flagOfCheck(c.id, r)}: ${c.reason}`)
          .join(' ')}`,
      );
    const ref = { groupId: r.groupId, clusterName: r.clusterName };
    const startedAtMs = ctx.now();
    let job: CollectionRestoreJob;
    try {
      job = await client.createCollectionRestoreJob(r.groupId, r.clusterName, createRequest(r));
    } catch (e) {
      if (!(e instanceof AtlasError)) throw e;
      throw new AtlasFailure(
        describeWriteFailure(e, {
          what: `the start of the ${r.namespaceKind} restore from ${r.clusterName} (project ${r.groupId})`,
          look: `run ${restoresCommandLine(ref)}`,
        }).message,
      );
    }
    const jobRef = { ...ref, jobId: job.id ?? '' };
    say(`Started collection restore job ${jobRef.jobId}.\n`);
    const planOut = {
      plan: { ...plan, checks: plan.checks.map(({ id, passed, reason }) => ({ id, passed, reason })) },
    };
    if (!r.watch) {
      if (r.format === 'json')
        ctx.out(`${JSON.stringify({ ...projectCollectionRestoreJob(job), ...planOut }, null, 2)}\n`);
      say(`It goes on in Atlas and cannot be cancelled; follow it with ${restoresCommandLine(ref, jobRef.jobId)}\n`);
      return EXIT.ok;
    }
    const w = await watchCollectionJob(client, jobRef, ctx, {
      first: job,
      startedAtMs,
      announce: () => say('Watching it (Ctrl-C stops watching; the restore goes on)…\n'),
    });
    return finishCollectionWatch(ctx, r.format, jobRef, w, planOut);
  });
}
