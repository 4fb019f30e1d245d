// `atlas-backup drill <clusterName>`: proves that a backup restores and measures how long it takes. The newest
// completed snapshot (or --point-in-time) is restored onto a scratch cluster through the restore plan and its checks
// (never onto its source, whatever the flags), watched to its end, and reported (src/core/restore/drillReport.ts).
// A refused or failed drill still prints its report and writes --out: it is evidence too. The start is sent once
// and never retried, as with `restore`.
import type { AtlasClient } from '../core/atlas/AtlasClient';
import { AtlasError, describeWriteFailure } from '../core/atlas/errors';
import type { CreateRestoreJobRequest, RestoreJob } from '../core/atlas/types';
import {
  buildDrillReport,
  buildRestorePlan,
  drillExitCode,
  parsePointInTime,
  renderDrillReport,
  type DrillReport,
  type DrillReportInput,
  type PointInTime,
  type RestoreClusterFacts,
  type RestorePlan,
  type RestoreSnapshotFacts,
} from '../core/restore';
import {
  AtlasFailure,
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
import { newestCompletedSnapshot } from '../core/restore/restoreTargets';
import { writeOutFile } from './outFile';
import { terminalText } from './terminal';
import { completedSnapshots, formatPlan, parseTarget, readCluster, readTarget, sourceSnapshots } from './restore';
import { EXIT_INTERRUPTED, interruptedWords, projectJob, restoresCommandLine, watchRestoreJob } from './restoreWatch';
import { cliAtlasMessage, inCommandLineWords } from './words';

type Format = 'text' | 'json' | 'markdown';

function drillFormat(v: string | undefined): Format {
  if (v === undefined || v === 'text' || v === 'json' || v === 'markdown') return v ?? 'text';
  throw new UsageError(`--format "${v}" is not one of text, json, markdown`);
}

interface DrillRequest {
  groupId: string;
  clusterName: string;
  target: { groupId: string; clusterName: string };
  pointInTime?: PointInTime;
  format: Format;
  out?: string;
  parsed: ParsedArgs;
}

/** Every usage rule, before any request (exit 2, no report: nothing was tried). */
function readRequest(args: string[], ctx: CliContext): DrillRequest {
  const p = parseArgs(args, {
    booleans: [],
    values: [...CONNECTION_FLAGS, '--to', '--confirm', '--point-in-time', '--format', '--out'],
  });
  if (p.positionals.length > 1) throw new UsageError('drill takes one cluster name');
  const clusterName = checkClusterName(p.positionals[0]);
  const groupId = projectIdFrom(p, ctx);
  const format = drillFormat(flagValue(p, '--format'));
  const to = flagValue(p, '--to');
  if (to === undefined)
    throw new UsageError('drill needs --to <projectId>/<scratchCluster>, the scratch cluster to restore onto');
  const target = parseTarget(to);
  const confirm = flagValue(p, '--confirm');
  if (confirm === undefined)
    throw new UsageError(
      `drill needs --confirm ${target.clusterName}: every database on ${target.clusterName} is deleted and replaced, so repeat its name to say you mean it`,
    );
  if (confirm !== target.clusterName)
    throw new UsageError(`--confirm "${confirm}" does not name the scratch cluster "${target.clusterName}"`);
  const pitText = flagValue(p, '--point-in-time');
  let pointInTime: PointInTime | undefined;
  if (pitText !== undefined) {
    const pit = parsePointInTime(pitText);
    if (!pit.ok) throw new UsageError(pit.error);
    pointInTime = pit.value;
  }
  return { groupId, clusterName, target, pointInTime, format, out: flagValue(p, '--out'), parsed: p };
}

/** The newest completed snapshot of the source, or undefined when it has none. */
async function newestCompleted(
  client: AtlasClient,
  source: RestoreClusterFacts,
): Promise<RestoreSnapshotFacts | undefined> {
  return newestCompletedSnapshot(await sourceSnapshots(client, source));
}

/** The plan with the source-as-target refusal in a drill's words: no flag allows it. */
function drillPlan(plan: RestorePlan): RestorePlan {
  const checks = plan.checks.map((c) =>
    c.id === 'target-not-source' && !c.passed
      ? {
          ...c,
          reason: `The target is ${plan.source.clusterName} itself: a drill never restores onto its source; name a scratch cluster with --to.`,
        }
      : c,
  );
  return { ...plan, checks };
}

type Planned = { plan: RestorePlan; request: CreateRestoreJobRequest } | { refused: string; snapshotId?: string };

/** The plan for the drill; a drill never allows its source as the target. */
async function planDrill(client: AtlasClient, r: DrillRequest, nowMs: number): Promise<Planned> {
  let source = await readCluster(client, r.groupId, r.clusterName);
  const target = await readTarget(client, r.target);
  const onto = { targetGroupId: r.target.groupId, targetClusterName: r.target.clusterName };
  if (r.pointInTime) {
    let sourceSnapshots;
    if (source.continuousBackup) {
      const schedule = await client.getBackupSchedule(r.groupId, r.clusterName);
      source = { ...source, restoreWindowDays: schedule.restoreWindowDays };
      sourceSnapshots = await completedSnapshots(client, source);
    }
    const pit = r.pointInTime;
    const plan = buildRestorePlan({
      kind: 'pointInTime',
      source,
      target,
      pointInTime: pit,
      sourceSnapshots,
      nowMs,
      allowSourceAsTarget: false,
    });
    const request: CreateRestoreJobRequest =
      pit.kind === 'oplog'
        ? { deliveryType: 'pointInTime', ...onto, oplogTs: pit.ts, oplogInc: pit.inc }
        : { deliveryType: 'pointInTime', ...onto, pointInTimeUTCSeconds: pit.epochSeconds };
    return { plan: drillPlan(plan), request };
  }
  const snapshot = await newestCompleted(client, source);
  if (!snapshot)
    return {
      refused: `${r.clusterName} (project ${r.groupId}) has no completed snapshot to restore. Nothing was sent.`,
    };
  const plan = buildRestorePlan({ kind: 'automated', source, snapshot, target, nowMs, allowSourceAsTarget: false });
  return { plan: drillPlan(plan), request: { deliveryType: 'automated', snapshotId: snapshot.id!, ...onto } };
}

function atlasWords(e: unknown): string | undefined {
  if (e instanceof AtlasFailure) return inCommandLineWords(e.message);
  if (e instanceof AtlasError) return cliAtlasMessage(e);
  return undefined;
}

export const drillCommand: Command = {
  ...COMMAND_HELP['drill'],
  async run(args, ctx) {
    const r = readRequest(args, ctx);
    const base: Pick<DrillReportInput, 'source' | 'target'> = {
      source: { groupId: r.groupId, clusterName: r.clusterName },
      target: r.target,
    };
    /** Prints the report on stdout, writes --out, and gives the exit status. */
    const finish = (report: DrillReport, code?: number): number => {
      // The file gets what the terminal shows (control characters from Atlas's messages escaped): an auditor who later
      // `cat`s the evidence must not have their terminal rewritten by it.
      const text = terminalText(renderDrillReport(report, r.format));
      ctx.out(text);
      if (r.out !== undefined) {
        const created = writeOutFile(r.out, text);
        ctx.err(`Wrote the drill report to ${r.out}${created ? ` (created ${created})` : ''}.\n`);
      }
      return code ?? drillExitCode(report);
    };
    // Everything but the report goes to stderr, so stdout (or --out) is the report alone in every format.
    const say = (s: string) => ctx.err(s);
    const ref = { groupId: r.groupId, clusterName: r.clusterName };
    // One connection (one token, revoked at the end) for the plan, the start and the watch.
    return withAtlas(r.parsed, ctx, async ({ client }) => {
      let planned: Planned;
      try {
        planned = await planDrill(client, r, ctx.now());
      } catch (e) {
        if (e instanceof RefusedError) {
          ctx.err(`atlas-backup: ${e.message}\n`);
          return finish(buildDrillReport({ ...base, refused: e.message }));
        }
        const words = atlasWords(e);
        if (words === undefined) throw e;
        ctx.err(`atlas-backup: ${words}\n`);
        return finish(buildDrillReport({ ...base, error: words }));
      }
      if ('refused' in planned) {
        ctx.err(`atlas-backup: ${planned.refused}\n`);
        return finish(buildDrillReport({ ...base, refused: planned.refused }));
      }
      const { plan, request } = planned;
      const chosen = {
        snapshotId: plan.source.snapshot?.id ?? null,
        pointInTimeUtc: plan.source.pointInTime?.utc ?? null,
        checks: plan.checks,
      };
      say(formatPlan(plan));
      if (!plan.ok) {
        const why = `refusing the drill, nothing was sent: ${plan.checks
          .filter((c) => !c.passed)
          .map((c) => `${c.id}: ${c.reason}`)
          .join(' ')}`;
        ctx.err(`atlas-backup: ${why}\n`);
        return finish(buildDrillReport({ ...base, ...chosen, refused: why }));
      }
      const startedAtMs = ctx.now();
      let job: RestoreJob;
      try {
        // Sent once: the client never retries a create, and neither does the drill.
        job = await client.createRestoreJob(r.groupId, r.clusterName, request);
      } catch (e) {
        if (!(e instanceof AtlasError)) throw e;
        const words = inCommandLineWords(
          describeWriteFailure(e, {
            what: `the start of the drill's restore of ${r.clusterName} (project ${r.groupId})`,
            look: `run ${restoresCommandLine(ref)}`,
          }).message,
        );
        ctx.err(`atlas-backup: ${words}\n`);
        return finish(buildDrillReport({ ...base, ...chosen, startedAtMs, error: words }));
      }
      const jobRef = { ...ref, jobId: job.id ?? '' };
      say(`Started restore job ${jobRef.jobId}.\n`);
      let interrupted: boolean;
      try {
        const w = await watchRestoreJob(client, jobRef, ctx, {
          first: job,
          startedAtMs,
          announce: () => say('Watching it to its end (Ctrl-C stops watching; the restore goes on)…\n'),
        });
        job = w.job;
        interrupted = w.interrupted;
      } catch (e) {
        const words = atlasWords(e);
        if (words === undefined) throw e;
        ctx.err(`atlas-backup: ${words}\n`);
        return finish(
          buildDrillReport({ ...base, ...chosen, startedAtMs, job: projectJob(job, startedAtMs), error: words }),
        );
      }
      const projection = projectJob(job, startedAtMs);
      const report = buildDrillReport({ ...base, ...chosen, startedAtMs, job: projection, endedAtMs: ctx.now() });
      if (interrupted) {
        ctx.err(`${interruptedWords(jobRef)}\n`);
        return finish(report, EXIT_INTERRUPTED);
      }
      if (report.state === 'completed')
        say(`Drill passed: ${r.target.clusterName} holds the restored data (job ${jobRef.jobId}).\n`);
      else ctx.err(`atlas-backup: the drill's restore job ${jobRef.jobId} ended ${report.state}.\n`);
      return finish(report);
    });
  },
};
