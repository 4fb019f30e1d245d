// `atlas-backup restore <clusterName>`: a snapshot onto a cluster, a point in time onto a cluster, or a snapshot as
// files to download. The plan (src/core/restore) is built from what Atlas says and shown before anything is sent;
// a failed check refuses with nothing sent; --confirm must name the target; the create is sent once and never
// retried; --watch follows the job to its end.
import type { AtlasClient } from '../core/atlas/AtlasClient';
import { AtlasApiError, AtlasError, describeWriteFailure } from '../core/atlas/errors';
import type { CreateRestoreJobRequest, RestoreJob } from '../core/atlas/types';
import {
  buildRestorePlan,
  completedSpan,
  parsePointInTime,
  restoreClusterFacts,
  type PointInTime,
  type RestoreCheckId,
  type RestoreClusterFacts,
  type RestorePlan,
  type RestoreSnapshotFacts,
} from '../core/restore';
import { listSourceSnapshots } from '../core/restore/restoreTargets';
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
import { checkClusterName, checkProjectId, CONNECTION_FLAGS, projectIdFrom, withAtlas } from './atlas';
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
} from './restoreWatch';

const SNAPSHOT_ID = /^[a-f0-9]{24}$/;

/** `--format text|json`: a usage error names the flag. */
export function formatFrom(v: string | undefined): 'text' | 'json' {
  if (v === undefined || v === 'text') return 'text';
  if (v === 'json') return 'json';
  throw new UsageError(`--format "${v}" is not one of text, json`);
}

/** `--to <projectId>/<clusterName>`. */
export function parseTarget(v: string): { groupId: string; clusterName: string } {
  const slash = v.indexOf('/');
  if (slash < 0) throw new UsageError(`--to "${v}" must be <projectId>/<clusterName>`);
  return {
    groupId: checkProjectId(v.slice(0, slash), '--to: the project id'),
    clusterName: checkClusterName(v.slice(slash + 1), '--to: the cluster name'),
  };
}

const sharded = (f: RestoreClusterFacts) => f.topology.kind === 'sharded';

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

/** A UTC instant in this machine's time zone, with its offset: `2026-11-20 11:00:00 +01:00`. */
export function localWords(ms: number): string {
  const d = new Date(ms);
  const off = -d.getTimezoneOffset();
  const p = (n: number) => String(Math.trunc(Math.abs(n))).padStart(2, '0');
  const zone = `${off < 0 ? '-' : '+'}${p(off / 60)}:${p(off % 60)}`;
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())} ${zone}`;
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

/** Every usage rule, before any request. */
function readRequest(args: string[], ctx: CliContext): Request {
  const p = parseArgs(args, {
    booleans: ['--download', '--watch', '--overwrite-source'],
    values: [...CONNECTION_FLAGS, '--snapshot', '--point-in-time', '--to', '--confirm', '--format'],
    repeatable: ['--collection', '--database'],
  });
  for (const f of ['--collection', '--database'])
    if (p.lists.has(f))
      throw new UsageError(
        `${f} is not supported yet: restore takes a whole snapshot or point in time (collection restores come later)`,
      );
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

/**
 * A 404 (or, for a project, a 403) about something the person named becomes a refusal naming the flag; anything else
 * (wrong credentials, a missing role on the source, the network) stays exit 3.
 */
function refuseUnseen(
  e: unknown,
  flag: string,
  statuses: readonly number[],
  words: (code: string) => string | undefined,
): never {
  if (e instanceof AtlasApiError && statuses.includes(e.status)) {
    const w = words(e.errorCode);
    if (w) throw new RefusedError(`${flag}: ${w} Nothing was sent.`);
  }
  throw e;
}

export async function readCluster(
  client: AtlasClient,
  groupId: string,
  clusterName: string,
): Promise<RestoreClusterFacts> {
  return restoreClusterFacts(await client.getCluster(groupId, clusterName), { groupId });
}

async function readSnapshot(
  client: AtlasClient,
  source: RestoreClusterFacts,
  snapshotId: string,
): Promise<RestoreSnapshotFacts> {
  try {
    return sharded(source)
      ? await client.getShardedSnapshot(source.groupId, source.name, snapshotId)
      : await client.getSnapshot(source.groupId, source.name, snapshotId);
  } catch (e) {
    return refuseUnseen(e, `--snapshot ${snapshotId}`, [404], (code) =>
      code === 'SNAPSHOT_NOT_FOUND' || code === 'RESOURCE_NOT_FOUND' || code === ''
        ? `${source.name} (project ${source.groupId}) has no snapshot with this id.`
        : undefined,
    );
  }
}

export async function readTarget(client: AtlasClient, t: { groupId: string; clusterName: string }) {
  try {
    return await readCluster(client, t.groupId, t.clusterName);
  } catch (e) {
    // The credentials already read the source, so a 403 here is about the target's project, not the credentials.
    return refuseUnseen(e, `--to ${t.groupId}/${t.clusterName}`, [404, 403], (code) =>
      code === 'CLUSTER_NOT_FOUND'
        ? `project ${t.groupId} has no cluster named ${t.clusterName}.`
        : `project ${t.groupId} is not one this account can see (${e instanceof AtlasApiError ? `${e.status} ${code || 'no code'}` : code}).`,
    );
  }
}

/** Every snapshot of the source (the core's listing, shared with the extension). */
export async function sourceSnapshots(client: AtlasClient, source: RestoreClusterFacts) {
  return listSourceSnapshots(client, source);
}

/** The span of the source's completed snapshots: where a point-in-time window starts. */
export async function completedSnapshots(client: AtlasClient, source: RestoreClusterFacts) {
  return completedSpan(await sourceSnapshots(client, source));
}

async function planFor(client: AtlasClient, r: Request, nowMs: number): Promise<RestorePlan> {
  let source = await readCluster(client, r.groupId, r.clusterName);
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

export const restoreCommand: Command = {
  ...COMMAND_HELP['restore'],
  async run(args, ctx) {
    const r = readRequest(args, ctx);
    const say = (s: string) => (r.format === 'json' ? ctx.err(s) : ctx.out(s));
    return withAtlas(r.parsed, ctx, async ({ client }) => {
      const plan = await planFor(client, r, ctx.now());
      say(formatPlan(plan));
      if (!plan.ok)
        throw new RefusedError(
          `refusing to restore, nothing was sent: ${plan.checks
            .filter((c) => !c.passed)
            .map((c) => `${flagOfCheck(c.id, r)}: ${c.reason}`)
            .join(' ')}`,
        );
      const ref = { groupId: r.groupId, clusterName: r.clusterName };
      const startedAtMs = ctx.now();
      let job: RestoreJob;
      try {
        job = await client.createRestoreJob(r.groupId, r.clusterName, createRequest(r));
      } catch (e) {
        if (!(e instanceof AtlasError)) throw e;
        throw new AtlasFailure(
          describeWriteFailure(e, {
            what: `the start of the restore of ${r.clusterName} (project ${r.groupId})`,
            look: `run ${restoresCommandLine(ref)}`,
          }).message,
        );
      }
      const jobRef = { ...ref, jobId: job.id ?? '' };
      say(`Started restore job ${jobRef.jobId}.\n`);
      let interrupted = false;
      if (r.watch) {
        const w = await watchRestoreJob(client, jobRef, ctx, {
          first: job,
          startedAtMs,
          announce: () => say('Watching it (Ctrl-C stops watching; the restore goes on)…\n'),
        });
        job = w.job;
        interrupted = w.interrupted;
      }
      const projection = projectJob(job, startedAtMs);
      if (r.format === 'json') ctx.out(`${JSON.stringify({ ...projection, plan: planJson(plan) }, null, 2)}\n`);
      else if (r.watch) ctx.out(`${describeJob(projection, ctx.now())}\n`);
      if (interrupted) {
        ctx.err(`${interruptedWords(jobRef)}\n`);
        return EXIT_INTERRUPTED;
      }
      if (!r.watch) {
        say(`It goes on in Atlas; follow it with ${restoresCommandLine(ref, jobRef.jobId)}\n`);
        return EXIT.ok;
      }
      const words = outcomeWords(projection, jobRef);
      if (succeeded(projection)) say(`${words}\n`);
      else ctx.err(`atlas-backup: ${words}\n`);
      return exitFor(projection);
    });
  },
};
