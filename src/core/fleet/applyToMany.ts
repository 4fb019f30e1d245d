// One schedule applied to many clusters: each target gets the source's policy items, reference time, restore window
// and extra retention, with the target's OWN item ids (matched by frequency; never the source's) and the target's own
// copy settings and export (they name the target's zones and buckets). Each target is linted with its own context
// (NVMe, continuous backup, zones, its project's compliance policy) and refused on any error; pushes run one at a
// time, each after its own history entry, and one failure leaves the others' results as they are. vscode-free.
import type { AtlasClient } from '../atlas/AtlasClient';
import { describeWriteFailure, isCancelled } from '../atlas/errors';
import { answerDiffers, describeAnswerDiffers, recheckRemote, RemoteMovedError } from '../push/pushCore';
import type { BackupSchedule, CompliancePolicy, PolicyItem } from '../atlas/types';
import { checkSchedule } from '../schedule/checkSchedule';
import { scheduleContextFrom } from '../schedule/contextFromAtlas';
import { diffSchedules, matchItems, type Change } from '../schedule/diff';
import type { HistoryEntry, ScheduleHistory } from '../schedule/history';
import type { Problem } from '../schedule/types';

export type ApplyClient = Pick<
  AtlasClient,
  'getCluster' | 'getCompliancePolicy' | 'getBackupSchedule' | 'updateBackupSchedule'
>;

export interface ApplyTarget {
  groupId: string;
  clusterName: string;
  projectName?: string;
}

export interface TargetPlan {
  target: ApplyTarget;
  /** ready: will change · nothing: already has it · refused: errors for this cluster · unreadable: Atlas could not be read. */
  status: 'ready' | 'nothing' | 'refused' | 'unreadable';
  /** What would be sent (the target's ids), and what Atlas has now. */
  schedule?: BackupSchedule;
  remote?: BackupSchedule;
  changes: Change[];
  /** The rules' errors with this target's context (why it is refused). */
  errors: Problem[];
  message?: string;
}

/** Fields applied from the source; everything else stays the target's own. */
const APPLIED = ['referenceHourOfDay', 'referenceMinuteOfHour', 'restoreWindowDays', 'extraRetentionSettings'] as const;

/**
 * The schedule to send to a target: the source's items with the target's own ids where a target item has the same
 * frequency type and interval (else none: Atlas creates the item), the target's policy id, the source's reference
 * time, restore window and extra retention, and the target's copy settings, export and flags.
 */
export function adaptToTarget(source: BackupSchedule, remote: BackupSchedule): BackupSchedule {
  const srcItems: PolicyItem[] = (source.policies?.[0]?.policyItems ?? []).map((i) => ({
    frequencyType: i.frequencyType,
    frequencyInterval: i.frequencyInterval,
    retentionUnit: i.retentionUnit,
    retentionValue: i.retentionValue,
  }));
  const remoteItems = remote.policies?.[0]?.policyItems ?? [];
  // Match on frequency only: the source's ids mean nothing on another cluster.
  const { pairs } = matchItems(
    remoteItems.map((i) => ({ ...i })),
    srcItems,
  );
  const items = srcItems.map((item, j) => {
    const pair = pairs.find(([, a]) => a === j);
    const id = pair ? remoteItems[pair[0]]?.id : undefined;
    return id && remoteItems[pair![0]].frequencyType === item.frequencyType ? { id, ...item } : item;
  });
  const { links: _l, nextSnapshot: _n, clusterId: _c, clusterName: _cn, ...own } = remote;
  const out: BackupSchedule = { ...(JSON.parse(JSON.stringify(own)) as BackupSchedule) };
  for (const k of APPLIED) {
    if (source[k] !== undefined) (out as Record<string, unknown>)[k] = JSON.parse(JSON.stringify(source[k]));
    else delete (out as Record<string, unknown>)[k];
  }
  const policyId = remote.policies?.[0]?.id;
  out.policies = [{ ...(policyId ? { id: policyId } : {}), policyItems: items }];
  return out;
}

export interface PlanOptions {
  signal?: AbortSignal;
  onPlanned?: (p: TargetPlan, done: number, total: number) => void;
}

/** Reads each target (cluster, its project's policy once, its schedule), adapts, lints and diffs. Reads only. */
export async function planApply(
  client: ApplyClient,
  source: BackupSchedule,
  targets: readonly ApplyTarget[],
  opts: PlanOptions = {},
): Promise<TargetPlan[]> {
  const policies = new Map<string, Promise<CompliancePolicy | undefined>>();
  const policyOf = (groupId: string) => {
    let p = policies.get(groupId);
    // A policy that cannot be read (Project Owner) is unknown: Atlas itself still enforces it on the PATCH.
    if (!p) {
      p = client.getCompliancePolicy(groupId, { signal: opts.signal }).catch((e) => {
        if (isCancelled(e)) throw e;
        return undefined;
      });
      policies.set(groupId, p);
    }
    return p;
  };
  let done = 0;
  return Promise.all(
    targets.map(async (target): Promise<TargetPlan> => {
      let plan: TargetPlan;
      try {
        const [cluster, compliance, remote] = await Promise.all([
          client.getCluster(target.groupId, target.clusterName, { signal: opts.signal }),
          policyOf(target.groupId),
          client.getBackupSchedule(target.groupId, target.clusterName, { signal: opts.signal }),
        ]);
        const schedule = adaptToTarget(source, remote);
        const ctx = scheduleContextFrom({ cluster, compliance, schedule: remote });
        const errors = checkSchedule(JSON.stringify(schedule, null, 2), ctx).filter((p) => p.severity === 'error');
        const changes = diffSchedules(remote, schedule);
        plan = errors.length
          ? {
              target,
              status: 'refused',
              schedule,
              remote,
              changes,
              errors,
              message: errors.map((e) => `${e.message} (${e.ruleId})`).join('; '),
            }
          : { target, status: changes.length ? 'ready' : 'nothing', schedule, remote, changes, errors: [] };
      } catch (e) {
        if (isCancelled(e)) throw e;
        plan = {
          target,
          status: 'unreadable',
          changes: [],
          errors: [],
          message: e instanceof Error ? e.message : String(e),
        };
      }
      opts.onPlanned?.(plan, ++done, targets.length);
      return plan;
    }),
  );
}

export interface ApplyResult {
  target: ApplyTarget;
  /** moved: Atlas's schedule changed after it was read (nothing was sent to that cluster). */
  outcome: 'pushed' | 'failed' | 'skipped' | 'moved';
  message: string;
}

export interface ApplyOptions {
  /** Keeps Atlas's schedule before each push and then what came of it (the push flow's history). */
  history?: Pick<ScheduleHistory, 'record' | 'settle'>;
  origin: string;
  signIn: { label: string; accountId?: string };
  /** Called before each push and with each result, in order. */
  onStart?: (p: TargetPlan, index: number, total: number) => void;
  onResult?: (r: ApplyResult, index: number, total: number) => void;
  /** Stops before the next push (never during one: a PATCH in flight may reach Atlas). */
  signal?: AbortSignal;
}

/** Pushes the ready plans one at a time. A failure is that target's result; the others go on. */
export async function applyPlans(
  client: ApplyClient,
  plans: readonly TargetPlan[],
  opts: ApplyOptions,
): Promise<ApplyResult[]> {
  const ready = plans.filter((p) => p.status === 'ready');
  const results: ApplyResult[] = [];
  for (const [i, p] of ready.entries()) {
    const name = `${p.target.clusterName}${p.target.projectName ? ` (${p.target.projectName})` : ''}`;
    if (opts.signal?.aborted) {
      const r: ApplyResult = {
        target: p.target,
        outcome: 'skipped',
        message: `${name}: not pushed (stopped before it)`,
      };
      results.push(r);
      opts.onResult?.(r, i, ready.length);
      continue;
    }
    opts.onStart?.(p, i, ready.length);
    let r: ApplyResult;
    let kept: HistoryEntry | undefined;
    try {
      // Atlas has no ETag: read the target again right before its PATCH (the plan may be minutes old by now).
      await recheckRemote(client, p.target, p.remote!, { what: name });
    } catch (e) {
      if (isCancelled(e)) throw e;
      r =
        e instanceof RemoteMovedError
          ? { target: p.target, outcome: 'moved', message: `${name}: not pushed. ${e.message}` }
          : {
              target: p.target,
              outcome: 'failed',
              message: `${name}: not pushed, it could not be read again: ${e instanceof Error ? e.message : String(e)} Nothing was sent.`,
            };
      results.push(r);
      opts.onResult?.(r, i, ready.length);
      continue;
    }
    try {
      kept = await opts.history?.record({
        action: 'push',
        origin: opts.origin,
        groupId: p.target.groupId,
        clusterName: p.target.clusterName,
        ...(p.target.projectName ? { projectName: p.target.projectName } : {}),
        signIn: opts.signIn,
        schedule: p.remote!,
      });
    } catch (e) {
      r = {
        target: p.target,
        outcome: 'failed',
        message: `${name}: not pushed, the schedule history could not be written (${e instanceof Error ? e.message : String(e)}). Nothing was sent.`,
      };
      results.push(r);
      opts.onResult?.(r, i, ready.length);
      continue;
    }
    try {
      // No signal: once sent, a PATCH is never abandoned halfway (and never retried).
      const answer = await client.updateBackupSchedule(p.target.groupId, p.target.clusterName, p.schedule!, {
        current: p.remote,
      });
      const differs = describeAnswerDiffers(answerDiffers(p.schedule!, answer ?? {}), name);
      r = {
        target: p.target,
        outcome: 'pushed',
        message: `${name}: pushed ${p.changes.length} change${p.changes.length === 1 ? '' : 's'}${differs ? `. ${differs}` : ''}`,
      };
      if (kept) await opts.history?.settle(kept, 'applied').catch(() => undefined);
    } catch (e) {
      const failure = describeWriteFailure(e, { what: `the push to ${name}`, look: 'compare it with Atlas' });
      if (kept) await opts.history?.settle(kept, failure.outcome).catch(() => undefined);
      r = { target: p.target, outcome: 'failed', message: `${name}: ${failure.message}` };
    }
    results.push(r);
    opts.onResult?.(r, i, ready.length);
  }
  return results;
}
