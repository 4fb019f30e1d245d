// `atlas-backup restore <clusterName>`: a snapshot onto a cluster, a point in time onto a cluster, or a snapshot as
// files to download. The plan (src/core/restore) is built from what Atlas says and shown before anything is sent;
// a failed check refuses with nothing sent; --confirm must name the target; the create is sent once and never
// retried; --watch follows the job to its end.
import type { AtlasClient } from '../core/atlas/AtlasClient';
import { AtlasError, describeWriteFailure } from '../core/atlas/errors';
import type { ClusterDescription, CreateRestoreJobRequest, FlexCluster } from '../core/atlas/types';
import {
  buildRestorePlan,
  parsePointInTime,
  projectFlexRestoreJob,
  restoreClusterFacts,
  type PointInTime,
  type RestoreJobProjection,
  type RestoreCheckId,
  type RestorePlan,
} from '../core/restore';
import {
  AtlasFailure,
  EXIT,
  flagValue,
  parseArgs,
  RefusedError,
  UsageError,
  type CliContext,
  type Command,
  type ParsedArgs,
} from './args';
import { COMMAND_HELP } from './help';
import { checkClusterName, CONNECTION_FLAGS, projectIdFrom, withAtlas } from './atlas';
import {
  completedSnapshots,
  formatFrom,
  localWords,
  parseTarget,
  findClusterOrFlex,
  readSnapshot,
  readTarget,
  SNAPSHOT_ID,
} from './restoreRead';
import { COLLECTION_ONLY_FLAGS, runCollectionRestore } from './restoreCollection';
import { flexPlan, startFlex, watchFlexJob } from './restoreFlex';

export {
  completedSnapshots,
  formatFrom,
  localWords,
  parseTarget,
  readCluster,
  readTarget,
  sourceSnapshots,
} from './restoreRead';
import {
  describeJob,
  exitFor,
  EXIT_INTERRUPTED,
  interruptedWords,
  outcomeWords,
  succeeded,
  projectJob,
  restoresCommandLine,
  watchRestoreJob,
  type JobRef,
  type WatchResult,
} from './restoreWatch';

function sizeWords(bytes: number | null): string | null {
  if (bytes === null) return null;
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return i === 0 ? `${v} bytes` : `${v.toFixed(1)} ${units[i]}`;
}

const utc = (iso: string) => `${iso.slice(0, 19).replace('T', ' ')} UTC`;

/** The plan in words: source, target, what happens, and every check with its reason. */
export function formatPlan(plan: RestorePlan): string {
  const s = plan.source;
  const kind =
    plan.kind === 'download'
      ? 'download of a snapshot'
      : plan.kind === 'pointInTime'
        ? 'point-in-time restore'
        : 'restore of a snapshot';
  const lines = [`Restore plan (${kind}); nothing has been sent yet.`];
  lines.push(`  Source:  ${s.clusterName} (project ${s.projectName ? `${s.projectName}, ` : ''}${s.groupId})`);
  if (s.snapshot) {
    const facts = [
      s.snapshot.createdAt ? `taken ${utc(s.snapshot.createdAt)}` : null,
      s.snapshot.type,
      sizeWords(s.snapshot.sizeBytes),
    ].filter((x): x is string => !!x);
    lines.push(`           snapshot ${s.snapshot.id ?? 'unknown'}${facts.length ? `: ${facts.join(', ')}` : ''}`);
  }
  if (s.pointInTime) {
    const oplog = s.pointInTime.oplog ? ` (oplog ${s.pointInTime.oplog.ts}:${s.pointInTime.oplog.inc})` : '';
    lines.push(
      `           point in time ${utc(s.pointInTime.utc)}${oplog}, here ${localWords(s.pointInTime.epochSeconds * 1000)}`,
    );
  }
  if (plan.window) lines.push(`           restorable window ${utc(plan.window.from)} to ${utc(plan.window.to)}`);
  const t = plan.target;
  if (t) {
    const facts = [t.tier, t.mongoDBVersion ? `MongoDB ${t.mongoDBVersion}` : null, t.topology].filter(
      (x): x is string => !!x,
    );
    lines.push(
      `  Target:  ${t.clusterName} (project ${t.projectName ? `${t.projectName}, ` : ''}${t.groupId}): ${facts.join(', ')}`,
    );
  } else {
    lines.push('  Target:  files to download');
  }
  lines.push('  What happens:');
  for (const e of plan.effects) lines.push(`    - ${e}`);
  lines.push('  Checks:');
  for (const c of plan.checks) lines.push(`    ${c.passed ? 'passed' : 'FAILED'}  ${c.id}: ${c.reason}`);
  return `${lines.join('\n')}\n`;
}

/** A plan's JSON form: checks as `[{ id, passed, reason }]`. */
function planJson(plan: RestorePlan): RestorePlan {
  return { ...plan, checks: plan.checks.map(({ id, passed, reason }) => ({ id, passed, reason })) };
}

/** The flag a failed check is about, so the refusal names what to change. */
function flagOfCheck(id: RestoreCheckId, r: Request): string {
  switch (id) {
    case 'snapshot-completed':
      return `--snapshot ${r.snapshotId}`;
    case 'continuous-backup':
    case 'restorable-window':
      return '--point-in-time';
    case 'target-not-source':
      return '--to (or --overwrite-source)';
    case 'mongodb-version':
    case 'topology':
    case 'encryption-at-rest':
      return `--to ${r.target?.groupId}/${r.target?.clusterName}`;
  }
}

type Kind = 'automated' | 'pointInTime' | 'download';

interface Request {
  kind: Kind;
  groupId: string;
  clusterName: string;
  snapshotId?: string;
  pointInTime?: PointInTime;
  target?: { groupId: string; clusterName: string };
  overwriteSource: boolean;
  watch: boolean;
  format: 'text' | 'json';
  parsed: ParsedArgs;
}

/** Every flag of `restore`, the collection restore's included: one parse, then the kind decides the rules. */
const RESTORE_FLAGS = {
  booleans: ['--download', '--watch', '--overwrite-source'],
  values: [
    ...CONNECTION_FLAGS,
    '--snapshot',
    '--point-in-time',
    '--to',
    '--confirm',
    '--format',
    ...COLLECTION_ONLY_FLAGS,
  ],
  repeatable: ['--collection', '--database'],
};

/** Every usage rule of a whole-snapshot restore, before any request. */
function readRequest(p: ParsedArgs, ctx: CliContext): Request {
  for (const f of COLLECTION_ONLY_FLAGS)
    if (p.flags.has(f)) throw new UsageError(`${f} goes with --collection or --database`);
  if (p.positionals.length > 1) throw new UsageError('restore takes one cluster name');
  const clusterName = checkClusterName(p.positionals[0]);
  const groupId = projectIdFrom(p, ctx);
  const format = formatFrom(flagValue(p, '--format'));
  const snapshotId = flagValue(p, '--snapshot');
  const pitText = flagValue(p, '--point-in-time');
  const download = p.flags.has('--download');
  const to = flagValue(p, '--to');
  const confirm = flagValue(p, '--confirm');
  const overwriteSource = p.flags.has('--overwrite-source');
  if (snapshotId !== undefined && pitText !== undefined)
    throw new UsageError('give --snapshot or --point-in-time, not both');
  if (snapshotId === undefined && pitText === undefined)
    throw new UsageError('restore needs --snapshot ID or --point-in-time TIME');
  if (snapshotId !== undefined && !SNAPSHOT_ID.test(snapshotId))
    throw new UsageError(`--snapshot "${snapshotId}" is not a snapshot id (24 lower-case hexadecimal characters)`);
  const base = { groupId, clusterName, overwriteSource, watch: p.flags.has('--watch'), format, parsed: p };
  if (download) {
    if (pitText !== undefined) throw new UsageError('--download takes --snapshot ID, not --point-in-time');
    if (to !== undefined) throw new UsageError('--download writes to files, not to a cluster: leave out --to');
    if (confirm !== undefined)
      throw new UsageError('--download changes no cluster and asks nothing: leave out --confirm');
    if (overwriteSource) throw new UsageError('--overwrite-source is for a restore onto the source cluster');
    return { ...base, kind: 'download', snapshotId };
  }
  if (to === undefined)
    throw new UsageError('restore needs --to <projectId>/<clusterName>, the cluster to restore onto (or --download)');
  const target = parseTarget(to);
  if (confirm === undefined)
    throw new UsageError(
      `restore needs --confirm ${target.clusterName}: every database on ${target.clusterName} is deleted and replaced, so repeat its name to say you mean it`,
    );
  if (confirm !== target.clusterName)
    throw new UsageError(`--confirm "${confirm}" does not name the target cluster "${target.clusterName}"`);
  if (pitText !== undefined) {
    const pit = parsePointInTime(pitText);
    if (!pit.ok) throw new UsageError(pit.error);
    return { ...base, kind: 'pointInTime', pointInTime: pit.value, target };
  }
  return { ...base, kind: 'automated', snapshotId, target };
}

async function planFor(
  client: AtlasClient,
  r: Request,
  nowMs: number,
  cluster: ClusterDescription,
): Promise<RestorePlan> {
  let source = restoreClusterFacts(cluster, { groupId: r.groupId });
  if (r.kind === 'download')
    return buildRestorePlan({
      kind: 'download',
      source,
      snapshot: await readSnapshot(client, source, r.snapshotId!),
      nowMs,
    });
  const target = await readTarget(client, r.target!);
  const allowSourceAsTarget = r.overwriteSource;
  if (r.kind === 'automated') {
    const snapshot = await readSnapshot(client, source, r.snapshotId!);
    return buildRestorePlan({ kind: 'automated', source, snapshot, target, nowMs, allowSourceAsTarget });
  }
  // Without continuous backup the plan refuses on that alone; the window's facts are read only when it can matter.
  let sourceSnapshots;
  if (source.continuousBackup) {
    const schedule = await client.getBackupSchedule(r.groupId, r.clusterName);
    source = { ...source, restoreWindowDays: schedule.restoreWindowDays };
    sourceSnapshots = await completedSnapshots(client, source);
  }
  return buildRestorePlan({
    kind: 'pointInTime',
    source,
    target,
    pointInTime: r.pointInTime!,
    sourceSnapshots,
    nowMs,
    allowSourceAsTarget,
  });
}

function createRequest(r: Request): CreateRestoreJobRequest {
  if (r.kind === 'download') return { deliveryType: 'download', snapshotId: r.snapshotId! };
  const target = { targetGroupId: r.target!.groupId, targetClusterName: r.target!.clusterName };
  if (r.kind === 'automated') return { deliveryType: 'automated', snapshotId: r.snapshotId!, ...target };
  const pit = r.pointInTime!;
  return pit.kind === 'oplog'
    ? { deliveryType: 'pointInTime', ...target, oplogTs: pit.ts, oplogInc: pit.inc }
    : { deliveryType: 'pointInTime', ...target, pointInTimeUTCSeconds: pit.epochSeconds };
}

/** How one kind of restore job is started, projected and watched: the rest of a restore is the same for each. */
interface Starter<T> {
  start: () => Promise<T & { id?: string }>;
  project: (job: T) => RestoreJobProjection;
  watch: (ref: JobRef, o: { first: T; startedAtMs: number; announce: () => void }) => Promise<WatchResult<T>>;
  startedAtMs: number;
  /** "restore" or "Flex restore", in what is said. */
  what?: string;
}

/**
 * The plan shown, a refusal when a check failed (nothing sent), the start sent once (never retried: a lost answer
 * says to look at `restores` first), then the job, watched when asked.
 */
async function proceed<T>(ctx: CliContext, r: Request, plan: RestorePlan, s: Starter<T>): Promise<number> {
  const say = (x: string) => (r.format === 'json' ? ctx.err(x) : ctx.out(x));
  const what = s.what ?? 'restore';
  say(formatPlan(plan));
  if (!plan.ok)
    throw new RefusedError(
      `refusing to restore, nothing was sent: ${plan.checks
        .filter((c) => !c.passed)
        .map((c) => `${flagOfCheck(c.id, r)}: ${c.reason}`)
        .join(' ')}`,
    );
  const ref = { groupId: r.groupId, clusterName: r.clusterName };
  let job: T & { id?: string };
  try {
    job = await s.start();
  } catch (e) {
    if (!(e instanceof AtlasError)) throw e;
    throw new AtlasFailure(
      describeWriteFailure(e, {
        what: `the start of the ${what} of ${r.clusterName} (project ${r.groupId})`,
        look: `run ${restoresCommandLine(ref)}`,
      }).message,
    );
  }
  const jobRef = { ...ref, jobId: job.id ?? '' };
  say(`Started ${what} job ${jobRef.jobId}.\n`);
  let last: T = job;
  let interrupted = false;
  if (r.watch) {
    const w = await s.watch(jobRef, {
      first: job,
      startedAtMs: s.startedAtMs,
      announce: () => say('Watching it (Ctrl-C stops watching; the restore goes on)…\n'),
    });
    last = w.job;
    interrupted = w.interrupted;
  }
  const projection = s.project(last);
  if (r.format === 'json') ctx.out(`${JSON.stringify({ ...projection, plan: planJson(plan) }, null, 2)}\n`);
  else if (r.watch) ctx.out(`${describeJob(projection, ctx.now())}\n`);
  if (interrupted) {
    ctx.err(`${interruptedWords(jobRef)}\n`);
    return EXIT_INTERRUPTED;
  }
  if (!r.watch) {
    if (r.format === 'text' && projection.deliveryUrl) ctx.out(`${describeJob(projection, ctx.now())}\n`);
    say(`It goes on in Atlas; follow it with ${restoresCommandLine(ref, jobRef.jobId)}\n`);
    return EXIT.ok;
  }
  const words = outcomeWords(projection, jobRef);
  if (succeeded(projection)) say(`${words}\n`);
  else ctx.err(`atlas-backup: ${words}\n`);
  return exitFor(projection);
}

/** A Flex cluster's snapshot onto a cluster or as a download; it has no point in time to restore. */
async function runFlex(client: AtlasClient, r: Request, flex: FlexCluster, ctx: CliContext): Promise<number> {
  if (r.kind === 'pointInTime')
    throw new RefusedError(
      `--point-in-time: ${r.clusterName} is a Flex cluster, which has no continuous backup: restore one of its snapshots with --snapshot ID. Nothing was sent.`,
    );
  const fr = { ...r, kind: r.kind, snapshotId: r.snapshotId! };
  (r.format === 'json' ? ctx.err : ctx.out)(`${r.clusterName} is a Flex cluster.\n`);
  const plan = await flexPlan(client, fr, flex, ctx.now());
  return proceed(ctx, r, plan, {
    start: () => startFlex(client, fr),
    project: projectFlexRestoreJob,
    watch: (jobRef, o) => watchFlexJob(client, jobRef, ctx, o),
    startedAtMs: ctx.now(),
    what: r.kind === 'download' ? 'Flex download' : 'Flex restore',
  });
}

export const restoreCommand: Command = {
  ...COMMAND_HELP['restore'],
  async run(args, ctx) {
    const p = parseArgs(args, RESTORE_FLAGS);
    if (p.lists.has('--collection') || p.lists.has('--database')) return runCollectionRestore(p, ctx);
    const r = readRequest(p, ctx);
    return withAtlas(r.parsed, ctx, async ({ client }) => {
      const found = await findClusterOrFlex(client, r.groupId, r.clusterName);
      if (found.kind === 'flex') return runFlex(client, r, found.cluster, ctx);
      const plan = await planFor(client, r, ctx.now(), found.cluster);
      const startedAtMs = ctx.now();
      return proceed(ctx, r, plan, {
        start: () => client.createRestoreJob(r.groupId, r.clusterName, createRequest(r)),
        project: (j) => projectJob(j, startedAtMs),
        watch: (jobRef, o) => watchRestoreJob(client, jobRef, ctx, o),
        startedAtMs,
      });
    });
  },
};
