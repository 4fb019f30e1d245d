// Watches started restores to their end: progress in a notification (its Cancel stops watching; the restore goes
// on), the state in the Restores row, the outcome in the restore history, and what to do next when it ends. Polling
// backs off (core/restore/restoreWatch.ts) and stops when nobody watches: a watch lives as long as its notification.
// On activation the restores this extension started and last saw running are picked up again: snapshot restore jobs
// here, collection and Flex jobs by their own commands (resumeOtherWith).
import * as vscode from 'vscode';
import { sleepUntilAborted } from '../../core/restore/restoreWatch';
import type { AtlasClient, RestoreJob } from '../../core/atlas';
import { originOf } from '../../core/accounts';
import {
  nextWatchDelay,
  projectSnapshotRestoreJob,
  restoreSucceeded,
  watchRestore,
  durationWords,
  type RestoreHistory,
  type RestoreHistoryEntry,
  type RestoreJobProjection,
} from '../../core/restore';
import { formatTime } from '../../core/time/formatTime';
import type { ExplorerModel } from '../../core/tree/explorerModel';
import { signalOf } from '../common/cancellation';
import type { Logger } from '../common/logger';
import type { GetClient } from '../tree/nodeCommands';

export interface RestoreWatcherDeps {
  explorer: ExplorerModel;
  getClient: GetClient;
  logger: Logger;
  history: RestoreHistory;
  /** Opens the tree at the cluster's Restores row. */
  showRestores(accountId: string, groupId: string, clusterName: string): Promise<void>;
}

export interface WatchRequest {
  accountId: string;
  entry: RestoreHistoryEntry;
  job: RestoreJob;
  /** The notification's title. */
  title: string;
  /** The first wait in ms (tests); then the usual back-off. */
  firstDelayMs?: number;
}

export interface WatchOutcome {
  job: RestoreJob;
  projection: RestoreJobProjection;
  /** The person stopped watching (or the extension ended): the restore goes on. */
  stopped: boolean;
  /** When the watch saw it end (ms). */
  endedAtMs: number;
}

/** A job's state as the history keeps it: a download whose links are there has done what was asked. */
function outcomeOf(p: RestoreJobProjection): RestoreHistoryEntry['outcome'] {
  return restoreSucceeded(p) ? 'completed' : p.state;
}

export class RestoreWatcher implements vscode.Disposable {
  private readonly watches = new Map<
    string,
    { controller: AbortController; done: Promise<WatchOutcome>; wake?: () => void }
  >();
  private readonly stopAll = new AbortController();

  constructor(private readonly deps: RestoreWatcherDeps) {}

  /** Restores being watched now (job ids). */
  get watching(): string[] {
    return [...this.watches.keys()];
  }

  /** Watches one job (joining a watch already running for it); resolves when it ends or nobody watches any more. */
  watch(r: WatchRequest): Promise<WatchOutcome> {
    const running = this.watches.get(r.entry.id);
    if (running) return running.done;
    const controller = new AbortController();
    const watch: { controller: AbortController; done: Promise<WatchOutcome>; wake?: () => void } = {
      controller,
      done: Promise.resolve() as unknown as Promise<WatchOutcome>,
    };
    this.watches.set(r.entry.id, watch);
    watch.done = this.run(r, controller, (wake) => (watch.wake = wake)).finally(() => this.watches.delete(r.entry.id));
    return watch.done;
  }

  /** Looks at a watched job now rather than after the current wait (it was just cancelled); false if none is watched. */
  lookNow(jobId: string): boolean {
    const w = this.watches.get(jobId);
    w?.wake?.();
    return !!w;
  }

  private async run(
    r: WatchRequest,
    controller: AbortController,
    onWake: (wake: () => void) => void,
  ): Promise<WatchOutcome> {
    const { entry } = r;
    const client = this.deps.getClient(r.accountId);
    const startedMs = Date.parse(entry.at);
    const seen = (job: RestoreJob) => {
      this.deps.explorer.restoreJobSeen(r.accountId, entry.groupId, entry.clusterName, job, entry.at);
    };
    seen(r.job);
    const stopOnDispose = () => controller.abort();
    this.stopAll.signal.addEventListener('abort', stopOnDispose, { once: true });
    try {
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: r.title, cancellable: true },
        async (progress, token) => {
          const cancel = signalOf(token, controller);
          try {
            progress.report({ message: 'in progress (Cancel stops watching; the restore goes on)' });
            if (!client) return { job: r.job, stopped: true };
            return await watchRestore({
              first: r.job,
              signal: cancel.signal,
              sleep: (ms, signal) =>
                new Promise<void>((resolve) => {
                  onWake(resolve);
                  void sleepUntilAborted(ms, signal).then(resolve);
                }),
              getJob: (signal) => client.getRestoreJob(entry.groupId, entry.clusterName, entry.id, { signal }),
              nextDelay: (prev) =>
                prev === undefined && r.firstDelayMs !== undefined ? r.firstDelayMs : nextWatchDelay(prev),
              onJob: (job) => {
                seen(job);
                progress.report({
                  message: `in progress, ${durationWords(Date.now() - startedMs)} so far (Cancel stops watching; the restore goes on)`,
                });
              },
            });
          } finally {
            cancel.dispose();
          }
        },
      );
      const projection = projectSnapshotRestoreJob(result.job, { createdAt: entry.at });
      const endedAtMs = Date.now();
      seen(result.job);
      if (!result.stopped) {
        await this.deps.history
          .update(entry.origin, entry.id, {
            outcome: outcomeOf(projection),
            finishedAt: projection.finishedAt ?? new Date(endedAtMs).toISOString(),
            ...(projection.deliveryUrl ? { deliveryUrl: projection.deliveryUrl } : {}),
            ...(projection.expiresAt ? { expiresAt: projection.expiresAt } : {}),
          })
          .catch((e: unknown) => this.deps.logger.error('Could not record the restore in the restore history', e));
        // The Restores row lists the end as Atlas says it.
        const restores = this.deps.explorer.restoresNodeOf(r.accountId, entry.groupId, entry.clusterName);
        if (restores) this.deps.explorer.refreshNode(restores);
      }
      return { job: result.job, projection, stopped: result.stopped, endedAtMs };
    } catch (e) {
      // A read failed (the client already retried what can be retried): the restore goes on in Atlas.
      this.deps.logger.error(`Lost track of restore job ${entry.id}`, e);
      void vscode.window
        .showWarningMessage(
          `Lost track of restore job ${entry.id} of ${entry.clusterName}: ${e instanceof Error ? e.message : String(e)} The restore goes on in Atlas; its state is in the Restores row.`,
          'Show Restores',
        )
        .then((pick) => {
          if (pick) void this.deps.showRestores(r.accountId, entry.groupId, entry.clusterName);
        });
      const projection = projectSnapshotRestoreJob(r.job, { createdAt: entry.at });
      return { job: r.job, projection, stopped: true, endedAtMs: Date.now() };
    } finally {
      this.stopAll.signal.removeEventListener('abort', stopOnDispose);
    }
  }

  /** Says how a watched restore ended and what to do next. */
  tell(r: Pick<WatchRequest, 'accountId' | 'entry'>, o: WatchOutcome): void {
    const { entry } = r;
    const p = o.projection;
    const target = p.targetClusterName ?? entry.plan.target?.clusterName;
    const showRestores = () => this.deps.showRestores(r.accountId, entry.groupId, entry.clusterName);
    if (o.stopped) {
      void vscode.window
        .showInformationMessage(
          `Stopped watching restore job ${entry.id}; the restore goes on in Atlas. Its state is in ${entry.clusterName}'s Restores row.`,
          'Show Restores',
        )
        .then((pick) => pick && showRestores());
      return;
    }
    if (restoreSucceeded(p) && p.deliveryType === 'download') {
      const links = p.deliveryUrl ?? [];
      // One link (a replica set) "works", one per shard "work".
      const expiry = p.expiresAt
        ? ` ${links.length === 1 ? 'It works' : 'They work'} until ${formatTime(p.expiresAt, { local: true })}.`
        : '';
      void vscode.window
        .showInformationMessage(
          `Download ready: ${links.length === 1 ? 'the link' : `${links.length} links (one per shard)`} to the snapshot of ${entry.clusterName}.${expiry}`,
          'Copy Link',
          'Show Restores',
        )
        .then(async (pick) => {
          if (pick === 'Copy Link' && links.length) {
            await vscode.env.clipboard.writeText(links.join('\n'));
            vscode.window.setStatusBarMessage('Copied the download link', 3000);
          } else if (pick === 'Show Restores') await showRestores();
        });
      return;
    }
    const took =
      p.createdAt && p.finishedAt
        ? ` It took ${durationWords(Date.parse(p.finishedAt) - Date.parse(p.createdAt))}.`
        : '';
    let words: string;
    let error = true;
    switch (p.state) {
      case 'completed':
        words = `Restore finished: ${target} now holds the data of ${entry.clusterName}'s backup.${took} Connect to ${target} to check it.`;
        error = false;
        break;
      case 'failed':
        words = `The restore onto ${target ?? 'the target'} failed; ${target ?? 'it'} may hold partial data. The job does not say why: look at the project's activity feed in Atlas, then start a new restore.`;
        break;
      case 'cancelled':
        words = `The restore onto ${target ?? 'the target'} was cancelled; ${target ?? 'it'} may hold partial data.`;
        break;
      case 'expired':
        words = `Restore job ${entry.id} expired before it finished; start a new restore.`;
        break;
      case 'in-progress':
        words = `Restore job ${entry.id} is still in progress.`;
        error = false;
        break;
    }
    const show = error ? vscode.window.showErrorMessage : vscode.window.showInformationMessage;
    void show(words, 'Show Restores').then((pick) => pick && showRestores());
  }

  /** Picks up the restores this extension started and last saw running (after a restart). */
  async resume(accounts: readonly { id: string; baseUrl: string }[]): Promise<void> {
    for (const a of accounts) {
      const origin = originOf(a.baseUrl);
      // With one account the tree shows it flat, under the explorer's DEFAULT_ACCOUNT_ID ('default'), and restores
      // started from it were recorded under that id.
      const treeId = accounts.length <= 1 ? 'default' : a.id;
      const client = this.deps.getClient(treeId);
      if (!origin || !client) continue;
      let running: RestoreHistoryEntry[];
      try {
        running = (await this.deps.history.running(origin)).filter(
          (e) => !e.accountId || e.accountId === a.id || e.accountId === 'default',
        );
      } catch (e) {
        this.deps.logger.error('Could not read the restore history', e);
        continue;
      }
      for (const entry of running) {
        if (this.watches.has(entry.id)) continue;
        if (entry.kind === 'collection' || entry.flex) {
          // Collection and Flex jobs are read through their own APIs, and watched by their own commands.
          this.resumeOther(treeId, entry, client);
          continue;
        }
        let job: RestoreJob;
        try {
          job = await client.getRestoreJob(entry.groupId, entry.clusterName, entry.id);
        } catch (e) {
          this.deps.logger.warn(
            `Could not look at restore job ${entry.id} again: ${e instanceof Error ? e.message : String(e)}`,
          );
          continue;
        }
        const request = {
          accountId: treeId,
          entry,
          job,
          title: `Restore of ${entry.clusterName}${entry.plan.target ? ` onto ${entry.plan.target.clusterName}` : ' (download)'}, picked up again`,
        };
        void this.watch(request).then((o) => this.tell(request, o));
      }
    }
  }

  /**
   * Set by the feature: watches a collection or Flex restore job again to its end (its own API, its own progress and
   * words); rejects when the job cannot be read.
   */
  resumeOtherWith?: (accountId: string, entry: RestoreHistoryEntry, client: AtlasClient) => Promise<unknown>;
  /** Collection and Flex jobs picked up again and still watched (so a second resume does not watch them twice). */
  private readonly othersWatched = new Set<string>();

  private resumeOther(accountId: string, entry: RestoreHistoryEntry, client: AtlasClient): void {
    if (!this.resumeOtherWith || this.othersWatched.has(entry.id)) return;
    this.othersWatched.add(entry.id);
    this.resumeOtherWith(accountId, entry, client)
      .catch((e: unknown) =>
        this.deps.logger.warn(
          `Could not look at restore job ${entry.id} again: ${e instanceof Error ? e.message : String(e)}`,
        ),
      )
      .finally(() => this.othersWatched.delete(entry.id));
  }

  dispose(): void {
    this.stopAll.abort();
  }
}
