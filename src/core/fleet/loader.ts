// Loads every cluster's posture with the fewest requests the API allows, through the client (which keeps to its
// in-flight limit and rides out 429s with Retry-After and a shared pause). vscode-free; cancellable; reports progress
// and each row as soon as it is known.
//
// Requests, for P projects of which Q have clusters, C clusters of which B have backup on:
//   1 page per 500 projects       GET /api/atlas/v2/clusters (every cluster in every project; projects without
//                                 clusters are skipped from here on) — or, where that answers 404,
//                                 GET /groups (whose clusterCount lets empty projects be skipped just the same)
//   Q × ⌈clusters/500⌉            GET /groups/{id}/clusters (2024-08-05: tier, NVMe, zones, continuous backup —
//                                 the all-clusters rows carry none of them)
//   Q                             GET /groups/{id}/backupCompliancePolicy
//   B × 3                         GET …/backup/schedule, the newest snapshots (one short page, whose totalCount says
//                                 whether there are more) and the restore jobs (one page of 100: the last restore)
//   ≤ B × 2                       the oldest snapshots: the last page of the snapshot list (and the one before it when
//                                 the last holds no completed snapshot), only for replica sets with more snapshots
//                                 than the first page; sharded clusters' list comes whole
import { AtlasApiError, AtlasCancelledError, isCancelled } from '../atlas/errors';
import type { AtlasClient } from '../atlas/AtlasClient';
import { HostLimiter } from '../atlas/hostLimiter';
import type { Page } from '../atlas/AtlasClient';
import type { ClusterDescription, CompliancePolicy, ReplicaSetSnapshot, RestoreJob } from '../atlas/types';
import type { KnownRestore } from '../recovery/recoveryPosture';
import { knownRestoresOf, type KnownRestoreLookup } from '../recovery/knownRestores';
import { completedSpan, type SnapshotSpan } from '../restore/restorableWindow';
import {
  computePosture,
  malformedSchedule,
  readFailureKind,
  type ClusterFacts,
  type ClusterPosture,
  type ReadFailureKind,
  type RecoveryOptions,
} from './posture';

export type PostureClient = Pick<
  AtlasClient,
  | 'listAllClusters'
  | 'listProjects'
  | 'listClusters'
  | 'getCompliancePolicy'
  | 'getBackupSchedule'
  | 'listSnapshotsPage'
  | 'listShardedSnapshots'
  | 'listRestoreJobsPage'
>;

export interface PostureProgress {
  /** Requests (or request groups) finished and known so far; `total` grows as projects are discovered. */
  done: number;
  total: number;
  /** Clusters with a complete row. */
  clusters: number;
  message: string;
}

export interface PostureLoadOptions {
  /** Only these projects (ids); all projects the caller can see when absent or empty. */
  projectIds?: readonly string[];
  accountId?: string;
  signal?: AbortSignal;
  now?: () => number;
  /** How many requests the loader keeps queued at the client at once. Default 4: the client's in-flight limit. */
  concurrency?: number;
  /** Snapshots asked for per cluster to find the newest completed one (Atlas lists newest first). Default 10. */
  snapshotPageSize?: number;
  onProgress?: (p: PostureProgress) => void;
  onRow?: (row: ClusterPosture) => void;
  /** The recovery findings' thresholds (`--restore-age-days`, `--rpo-target`). */
  recovery?: RecoveryOptions;
  /** What our own restore history knows (start times, drills), by restore job id. */
  knownRestores?: ReadonlyMap<string, KnownRestore>;
  /** The same asked job by job, of the restore history when one exists (used when `knownRestores` is absent). */
  knownRestore?: KnownRestoreLookup;
}

export interface ProjectProblem {
  groupId: string;
  projectName: string;
  message: string;
  /** `role`: a 403 (not readable with these credentials' role); `failed`: anything else (the audit fails). */
  kind: ReadFailureKind;
}

export interface PostureReport {
  generatedAt: string;
  rows: ClusterPosture[];
  /** Projects whose clusters could not be listed (or that were asked for and not found). */
  problems: ProjectProblem[];
  /** How the projects were found. */
  listing: 'all-clusters' | 'projects';
  projects: number;
}

const PAGE = 500;
/** Restore jobs read per cluster for its last restore: Atlas's default page. */
const RESTORE_JOB_PAGE = 100;

async function settle<T>(p: Promise<T>): Promise<T | Error> {
  try {
    return await p;
  } catch (e) {
    if (isCancelled(e)) throw e;
    return e instanceof Error ? e : new Error(String(e));
  }
}

function isSharded(c: ClusterDescription): boolean {
  return c.clusterType === 'SHARDED' || c.clusterType === 'GEOSHARDED';
}

type SnapshotLike = { status?: string; createdAt?: string };

function newestCompleted(snaps: readonly SnapshotLike[]): string | null {
  let best: string | null = null;
  for (const s of snaps) {
    if (s.status !== 'completed' || !s.createdAt) continue;
    if (best === null || Date.parse(s.createdAt) > Date.parse(best)) best = s.createdAt;
  }
  return best;
}

interface SnapshotFacts {
  newest: string | null;
  span: SnapshotSpan | null;
}

/** The newest completed snapshot and the span of the completed ones, from a whole list. */
function wholeList(snaps: readonly SnapshotLike[]): SnapshotFacts {
  return { newest: newestCompleted(snaps), span: completedSpan(snaps) ?? null };
}

/**
 * The newest snapshots (Atlas lists newest first) and, when there are more than one page, the oldest: the last page
 * by `totalCount`, and the page before it when the last holds no completed snapshot (at most two more requests).
 * Restore points: `totalCount` less the snapshots seen not completed (one failed in the unread middle of a long
 * history would be counted). Without a `totalCount` (Atlas sends one unless asked not to) the window starts at the
 * first page's oldest: shorter than the truth, never longer.
 */
async function replicaSetSnapshots(
  fetchPage: (pageNum: number) => Promise<Page<ReplicaSetSnapshot>>,
  pageSize: number,
): Promise<SnapshotFacts> {
  const first = await fetchPage(1);
  const newest = newestCompleted(first.results);
  const total = first.totalCount;
  if (!first.hasNext || total === undefined || total <= first.results.length) return wholeList(first.results);
  const lastPage = Math.ceil(total / pageSize);
  const seen = [...first.results];
  for (let pageNum = lastPage; pageNum > 1 && pageNum >= lastPage - 1; pageNum--) {
    const pg = await fetchPage(pageNum);
    seen.push(...pg.results);
    if (pg.results.some((s) => s.status === 'completed')) break;
  }
  const span = completedSpan(seen);
  if (!span) return { newest, span: null };
  const notCompleted = new Set(seen.filter((s) => s.status !== 'completed').map((s, i) => s.id ?? i)).size;
  return { newest, span: { ...span, count: Math.max(span.count, total - notCompleted) } };
}

export async function loadPosture(client: PostureClient, opts: PostureLoadOptions = {}): Promise<PostureReport> {
  const { signal } = opts;
  const now = opts.now ?? Date.now;
  // The same limiter the client keeps per host, with this load's signal: cancelling the load cancels every waiter.
  const pageSize = opts.snapshotPageSize ?? 10;
  const limiter = new HostLimiter(Math.max(1, Math.floor(opts.concurrency ?? 4)));
  const wanted = opts.projectIds?.length ? new Set(opts.projectIds) : undefined;
  const rows: ClusterPosture[] = [];
  const problems: ProjectProblem[] = [];
  let done = 0,
    total = 1;
  const progress = (message: string) => opts.onProgress?.({ done, total, clusters: rows.length, message });
  const check = () => {
    if (signal?.aborted) throw new AtlasCancelledError();
  };

  // 1. Which projects have clusters.
  progress('Listing projects and clusters…');
  let listing: PostureReport['listing'] = 'all-clusters';
  let projects: { groupId: string; name: string; clusterCount?: number }[] = [];
  try {
    for await (const g of client.listAllClusters({ itemsPerPage: PAGE, signal })) {
      if (g.groupId)
        projects.push({ groupId: g.groupId, name: g.groupName ?? g.groupId, clusterCount: g.clusters?.length ?? 0 });
    }
  } catch (e) {
    if (!(e instanceof AtlasApiError && e.status === 404)) throw e;
    listing = 'projects';
    projects = [];
    for await (const g of client.listProjects({ itemsPerPage: PAGE, signal })) {
      if (g.id)
        projects.push({
          groupId: g.id,
          name: g.name,
          clusterCount: typeof g.clusterCount === 'number' ? g.clusterCount : undefined,
        });
    }
  }
  check();
  if (wanted) {
    for (const id of wanted) {
      if (!projects.some((p) => p.groupId === id))
        problems.push({
          groupId: id,
          projectName: id,
          message: `No project with ID ${id} is visible to these credentials.`,
          kind: 'failed',
        });
    }
    projects = projects.filter((p) => wanted.has(p.groupId));
  }
  const busy = projects.filter((p) => p.clusterCount === undefined || p.clusterCount > 0);
  done = 1;
  total = 1 + busy.length;
  progress(`${busy.length} projects with clusters`);

  // 2. Each project's clusters and policy, then each cluster's schedule and newest snapshot.
  const clusterTasks: Promise<void>[] = [];
  const projectTasks = busy.map(async (p) => {
    let clusters: ClusterDescription[];
    let policy: CompliancePolicy | undefined | Error;
    try {
      const [list, bcp] = await Promise.all([
        limiter.run(async () => {
          const out: ClusterDescription[] = [];
          for await (const c of client.listClusters(p.groupId, { itemsPerPage: PAGE, signal })) out.push(c);
          return out;
        }, signal),
        limiter.run(() => settle(client.getCompliancePolicy(p.groupId, { signal })), signal),
      ]);
      clusters = list;
      policy = bcp;
    } catch (e) {
      if (isCancelled(e)) throw e;
      const err = e instanceof Error ? e : new Error(String(e));
      problems.push({ groupId: p.groupId, projectName: p.name, message: err.message, kind: readFailureKind(err) });
      done++;
      progress(`${p.name}: clusters could not be listed`);
      return;
    }
    done++;
    total += clusters.length;
    progress(`${p.name}: ${clusters.length} clusters`);
    for (const cluster of clusters) {
      clusterTasks.push(
        (async () => {
          const facts: ClusterFacts = {
            accountId: opts.accountId,
            groupId: p.groupId,
            projectName: p.name,
            cluster,
            compliance: policy,
          };
          const name = cluster.name ?? '';
          if (cluster.backupEnabled) {
            const [schedule, snaps, jobs] = await Promise.all([
              limiter.run(() => settle(client.getBackupSchedule(p.groupId, name, { signal })), signal),
              settle(
                isSharded(cluster)
                  ? limiter
                      .run(() => client.listShardedSnapshots(p.groupId, name, { signal }), signal)
                      .then((pg) => wholeList(pg.results))
                  : replicaSetSnapshots(
                      // Each page waits its turn at the limiter, the oldest after the newest.
                      (pageNum) =>
                        limiter.run(
                          () => client.listSnapshotsPage(p.groupId, name, { itemsPerPage: pageSize, pageNum, signal }),
                          signal,
                        ),
                      pageSize,
                    ),
              ),
              limiter.run(
                () =>
                  settle(
                    client
                      .listRestoreJobsPage(p.groupId, name, { itemsPerPage: RESTORE_JOB_PAGE, signal })
                      .then((pg): RestoreJob[] => pg.results),
                  ),
                signal,
              ),
            ]);
            const bad = schedule instanceof Error ? undefined : malformedSchedule(schedule);
            facts.schedule = bad ? new Error(`Atlas's answer is not a backup schedule: ${bad}.`) : schedule;
            facts.newestSnapshot = snaps instanceof Error ? snaps : snaps.newest;
            if (!(snaps instanceof Error)) facts.snapshotSpan = snaps.span;
            facts.restoreJobs = jobs;
            facts.knownRestores =
              opts.knownRestores ?? (Array.isArray(jobs) ? knownRestoresOf(jobs, opts.knownRestore) : undefined);
          }
          check();
          let row: ClusterPosture;
          try {
            row = computePosture(facts, now(), opts.recovery);
          } catch (e) {
            // An answer the rules could not read is this cluster's finding, not the end of the audit.
            row = computePosture(
              {
                ...facts,
                schedule: new Error(
                  `Atlas's answer could not be read as a backup schedule (${e instanceof Error ? e.message : String(e)}).`,
                ),
              },
              now(),
              opts.recovery,
            );
          }
          rows.push(row);
          done++;
          opts.onRow?.(row);
          progress(`${p.name} / ${name}`);
        })(),
      );
    }
  });
  // Wait for every project (which schedules its clusters) and then every cluster; the first cancellation wins.
  const projectResults = await Promise.allSettled(projectTasks);
  const clusterResults = await Promise.allSettled(clusterTasks);
  for (const r of [...projectResults, ...clusterResults]) if (r.status === 'rejected') throw r.reason;
  check();
  return { generatedAt: new Date(now()).toISOString(), rows, problems, listing, projects: projects.length };
}
