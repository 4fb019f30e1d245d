// Restore Collection… and Restore Database… on a snapshot's Databases, database and collection rows: the target
// cluster (picked as Restore… picks it), where the namespaces go (same names, a suffix or a new name, checked with the
// core's naming rules), the write and index strategies, the plan (buildCollectionRestorePlan) as a read-only Markdown
// preview, then the typed target name for overwrite or a modal for create-new. One POST, never retried; the job is
// watched with restored/total documents in the notification and kept in the restore history (kind collection).
import * as vscode from 'vscode';
import { sleepUntilAborted } from '../../core/restore/restoreWatch';
import { originOf } from '../../core/accounts';
import type { AtlasClient, CollectionRestoreJob } from '../../core/atlas';
import { escapeIcons } from '../../core/common/markdown';
import {
  buildCollectionRestorePlan,
  collectionDocumentsWords,
  collectionRestorePlanMarkdown,
  collectionRestoreRequestFor,
  collectionTargetInputProblem,
  completedSpan,
  epochSecondsOf,
  isRestoreJobDone,
  nextWatchDelay,
  projectCollectionRestoreJob,
  parseTypedNamespaces,
  readSnapshotHoldings,
  snapshotAtOrBefore,
  watchJobUntilEnd,
  type CollectionRestorePlan,
  type CollectionRestorePlanInput,
  type IndexStrategy,
  type NamespaceKind,
  type NamespaceMapping,
  type PointInTime,
  type RestoreClusterFacts,
  type RestoreHistoryEntry,
  type RestoreJobProjection,
  type RestoreSnapshotFacts,
  type WriteStrategy,
} from '../../core/restore';
import { formatTime } from '../../core/time/formatTime';
import type { ExplorerNode } from '../../core/tree/explorerModel';
import { signalOf } from '../common/cancellation';
import type { RestoreCommands, RestoreDeps, RestoreRunOptions } from './restoreCommands';

/** What a collection restore command did: its plan, and a started restore's watch. */
export interface CollectionRunResult {
  outcome: 'started' | 'refused' | 'aborted' | 'failed';
  jobId?: string;
  plan?: CollectionRestorePlan;
  /** Resolves when the watch ends: the job as last seen, and whether the person stopped watching. */
  done?: Promise<{ job: CollectionRestoreJob; projection: RestoreJobProjection; stopped: boolean }>;
}

interface SnapshotRef {
  accountId: string;
  groupId: string;
  clusterName: string;
  snapshotId: string;
}

const ABORTED: CollectionRunResult = { outcome: 'aborted' };

const WRITE_ITEMS: (vscode.QuickPickItem & { value: WriteStrategy })[] = [
  {
    label: 'Create new',
    description: 'create-new',
    detail:
      'Each collection is written as a new one; a collection of the same name already on the target is left alone.',
    value: 'create-new',
  },
  {
    label: 'Overwrite existing',
    description: 'overwrite',
    detail:
      "A collection of the same name on the target is replaced: its documents are deleted first. You type the target's name.",
    value: 'overwrite',
  },
];

const INDEX_ITEMS: (vscode.QuickPickItem & { value: IndexStrategy })[] = [
  { label: 'All indexes', description: 'all', detail: 'Rebuilt from the backup after the documents.', value: 'all' },
  {
    label: 'All indexes except TTL',
    description: 'all-except-ttl',
    detail: 'So no document expires right after the restore.',
    value: 'all-except-ttl',
  },
  {
    label: 'No indexes',
    description: 'none',
    detail: 'Only _id: build the indexes you need afterwards.',
    value: 'none',
  },
];

export class CollectionRestoreCommands {
  constructor(
    private readonly deps: RestoreDeps,
    private readonly restore: RestoreCommands,
  ) {}

  /** Restore Collection…: a collection row, or on the Databases or a database row, collections picked. */
  restoreCollection(node?: unknown, o: RestoreRunOptions = {}): Promise<CollectionRunResult> {
    return this.run('collection', node, o);
  }

  /** Restore Database…: a database row, or on the Databases row, databases picked. */
  restoreDatabase(node?: unknown, o: RestoreRunOptions = {}): Promise<CollectionRunResult> {
    return this.run('database', node, o);
  }

  private async run(kind: NamespaceKind, node: unknown, o: RestoreRunOptions): Promise<CollectionRunResult> {
    const n = node as ExplorerNode | undefined;
    if (n?.kind !== 'snapshotDatabases' && n?.kind !== 'snapshotDatabase' && n?.kind !== 'snapshotCollection') {
      void vscode.window.showInformationMessage(
        `Open a snapshot's Databases row in the Projects tree and use Restore ${kind === 'database' ? 'Database' : 'Collection'}… on it.`,
      );
      return ABORTED;
    }
    const ref: SnapshotRef = n;
    const client = this.restore.clientFor(ref.accountId);
    if (!client) return ABORTED;
    const names = await this.namespacesOf(client, kind, n);
    if (!names?.length) return ABORTED;
    const what = kind === 'database' ? 'database' : 'collection';
    const title = `Restore ${names.length === 1 ? names[0] : `${names.length} ${what}s`} from ${ref.clusterName}`;
    const source = await this.restore.sourceFacts(client, ref);
    const snapshot = await this.snapshotFacts(client, source, ref.snapshotId);
    const held = await readSnapshotHoldings(
      client,
      ref,
      kind,
      names.map((s) => ({ source: s, target: null })),
      (e) => this.deps.statusOf(e) === 403,
    );
    return this.finish(client, ref, { source, snapshot, held, namespaceKind: kind }, names, title, o);
  }

  /**
   * Restore Collection… / Restore Database… from a point in time, handed over by Restore to a Point in Time… once the
   * time is read: the names picked from the newest snapshot taken before it (or typed), then the same target, names,
   * strategies, plan (with the restorable window's checks) and confirmation as from a snapshot.
   */
  async restoreAtPointInTime(
    kind: NamespaceKind,
    a: {
      ref: { accountId: string; groupId: string; clusterName: string };
      client: AtlasClient;
      source: RestoreClusterFacts;
      pointInTime: PointInTime;
      snapshots: readonly RestoreSnapshotFacts[];
    },
    o: RestoreRunOptions = {},
  ): Promise<CollectionRunResult> {
    const { ref, client, source, pointInTime } = a;
    const atMs = epochSecondsOf(pointInTime) * 1000;
    const near = snapshotAtOrBefore(a.snapshots, atMs);
    const names = await this.namesAtPointInTime(client, kind, ref, near, atMs);
    if (!names?.length) return ABORTED;
    const what = kind === 'database' ? 'database' : 'collection';
    const title = `Restore ${names.length === 1 ? names[0] : `${names.length} ${what}s`} of ${ref.clusterName} as of ${formatTime(atMs, { seconds: true, local: true })}`;
    const base = { source, pointInTime, sourceSnapshots: completedSpan(a.snapshots), namespaceKind: kind };
    return this.finish(client, { ...ref, snapshotId: '' }, base, names, title, o);
  }

  /** The names at a point in time: picked from the snapshot taken before it when Atlas lists it, else typed. */
  private async namesAtPointInTime(
    client: AtlasClient,
    kind: NamespaceKind,
    ref: { groupId: string; clusterName: string },
    near: RestoreSnapshotFacts | undefined,
    atMs: number,
  ): Promise<string[] | undefined> {
    if (near?.id) {
      const row = { kind: 'snapshotDatabases' as const, ...ref, snapshotId: near.id };
      try {
        // Read first, so a snapshot whose contents cannot be listed (a role short of Backup Manager) falls back to typing.
        const listed = client.listSnapshotDatabases(ref.groupId, ref.clusterName, near.id, { itemsPerPage: 1 });
        await listed[Symbol.asyncIterator]().next();
        const taken = near.createdAt ? ` (as in the snapshot of ${formatTime(near.createdAt, { local: true })})` : '';
        return await this.namespacesOf(client, kind, row, taken);
      } catch (e) {
        this.deps.logger.warn(
          `Could not list what snapshot ${near.id} holds: ${e instanceof Error ? e.message : String(e)}`,
        );
      }
    }
    const field = kind === 'collection' ? 'Collections' : 'Databases';
    const check = (v: string) => {
      const r = parseTypedNamespaces(kind, v, field);
      return r.ok ? undefined : r.error;
    };
    const text = await vscode.window.showInputBox({
      title: `Restore ${kind === 'collection' ? 'collections' : 'databases'} of ${ref.clusterName} as of ${formatTime(atMs, { seconds: true, local: true })}`,
      prompt: `${near ? 'The snapshot before that time cannot be listed' : 'No snapshot was taken before that time'}: type the ${kind === 'collection' ? 'DB.COLLECTION names' : 'database names'}, separated by commas.`,
      placeHolder: kind === 'collection' ? 'shop.orders, shop.carts' : 'shop, billing',
      validateInput: check,
      ignoreFocusOut: true,
    });
    if (text === undefined || check(text)) return undefined;
    const r = parseTypedNamespaces(kind, text, field);
    return r.ok ? r.names : undefined;
  }

  /** From the names on: target, where they go, strategies, the plan, confirmation, the POST and the watch. */
  private async finish(
    client: AtlasClient,
    ref: SnapshotRef,
    base: Pick<
      CollectionRestorePlanInput,
      'source' | 'snapshot' | 'held' | 'pointInTime' | 'sourceSnapshots' | 'namespaceKind'
    >,
    names: string[],
    title: string,
    o: RestoreRunOptions,
  ): Promise<CollectionRunResult> {
    const { source, snapshot } = base;
    const kind = base.namespaceKind;
    const what = kind === 'database' ? 'database' : 'collection';
    const draft = (target: RestoreClusterFacts) =>
      buildCollectionRestorePlan({
        ...base,
        target,
        namespaces: names.map((s) => ({ source: s, target: null })),
        writeStrategy: 'create-new',
        indexStrategy: 'all',
        nowMs: Date.now(),
      });
    const choice = await this.restore.pickTarget(client, `${title}: onto which cluster?`, source, draft, {
      placeHolder: `The cluster to copy the ${what}s onto; the rest of it stays online and unchanged.`,
    });
    if (!choice) return ABORTED;
    const where = await this.whereTo(kind, names, title);
    if (!where) return ABORTED;
    const write = await vscode.window.showQuickPick(WRITE_ITEMS, {
      title: `${title}: write strategy`,
      placeHolder: `What happens to a collection of the same name already on ${choice.target.name}`,
      ignoreFocusOut: true,
    });
    if (!write) return ABORTED;
    const index = await vscode.window.showQuickPick(INDEX_ITEMS, {
      title: `${title}: index strategy`,
      placeHolder: 'Which indexes are rebuilt after the documents are copied',
      ignoreFocusOut: true,
    });
    if (!index) return ABORTED;
    const plan = buildCollectionRestorePlan({
      ...base,
      target: choice.target,
      namespaces: where.namespaces,
      writeStrategy: write.value,
      indexStrategy: index.value,
      databaseSuffix: where.databaseSuffix,
      collectionSuffix: where.collectionSuffix,
      nowMs: Date.now(),
    });
    await this.deps.documents.show(
      `Restore plan: ${what}s of ${ref.clusterName} onto ${choice.target.name}`,
      collectionRestorePlanMarkdown(plan),
    );
    if (!plan.ok) {
      void vscode.window.showWarningMessage(
        `Refused, nothing was sent: ${plan.checks
          .filter((c) => !c.passed)
          .map((c) => `${c.id}: ${c.reason}`)
          .join(' ')}`,
      );
      return { outcome: 'refused', plan };
    }
    const onto = choice.target.name;
    if (write.value === 'overwrite') {
      const ok = await this.restore.confirmTyped(
        `${title} onto ${onto}, overwriting`,
        onto,
        `Collections of the same name on ${onto} are replaced (their documents deleted first).`,
      );
      if (!ok) return ABORTED;
    } else {
      const go = await vscode.window.showWarningMessage(
        `${title} onto ${onto}?`,
        {
          modal: true,
          detail: `${plan.namespaces.map((x) => `${x.source} → ${x.target}`).join('\n')}\nCreate new: nothing already on ${onto} is changed. A collection restore cannot be cancelled once started.`,
        },
        'Restore',
      );
      if (go !== 'Restore') return ABORTED;
    }
    const from = snapshot ? { snapshotId: snapshot.id } : { pointInTime: base.pointInTime };
    return this.start(client, ref, plan, from, where, o, title);
  }

  /** The namespaces: the row's own, or picked from the snapshot's list on the Databases or a database row. */
  private async namespacesOf(
    client: AtlasClient,
    kind: NamespaceKind,
    n:
      | Extract<ExplorerNode, { kind: 'snapshotDatabase' | 'snapshotCollection' }>
      | { kind: 'snapshotDatabases'; groupId: string; clusterName: string; snapshotId: string },
    note = '',
  ): Promise<string[] | undefined> {
    if (n.kind === 'snapshotCollection')
      return kind === 'collection' ? [`${n.databaseName}.${n.collectionName}`] : [n.databaseName];
    if (n.kind === 'snapshotDatabase' && kind === 'database') return [n.databaseName];
    type Item = vscode.QuickPickItem & { name: string };
    const itemsOf = (xs: string[]): Item[] => xs.map((x) => ({ label: escapeIcons(x), name: x }));
    const list = async (db?: string): Promise<string[]> => {
      const out: string[] = [];
      const items = db
        ? client.listSnapshotCollections(n.groupId, n.clusterName, n.snapshotId, db, { itemsPerPage: 500 })
        : client.listSnapshotDatabases(n.groupId, n.clusterName, n.snapshotId, { itemsPerPage: 500 });
      for await (const x of items) out.push(x.name);
      return out.sort((a, b) => a.localeCompare(b));
    };
    let db = n.kind === 'snapshotDatabase' ? n.databaseName : undefined;
    if (kind === 'collection' && !db) {
      const dbItems: Promise<Item[]> = list().then(itemsOf);
      const pick = await vscode.window.showQuickPick(dbItems, {
        title: `Restore collections: from which database?${note}`,
        ignoreFocusOut: true,
      });
      if (!pick) return undefined;
      db = pick.name;
    }
    const nsItems: Promise<Item[]> = list(kind === 'collection' ? db : undefined).then(itemsOf);
    const picked = await vscode.window.showQuickPick(nsItems, {
      title:
        kind === 'collection'
          ? `Restore collections of ${db}: which ones?${note}`
          : `Restore databases: which ones?${note}`,
      canPickMany: true,
      ignoreFocusOut: true,
    });
    if (!picked?.length) return undefined;
    return picked.map((p) => (kind === 'collection' ? `${db}.${p.name}` : p.name));
  }

  /** Same names, a suffix, or (one namespace) a new name; the box checks with the core's naming rules. */
  private async whereTo(
    kind: NamespaceKind,
    names: string[],
    title: string,
  ): Promise<{ namespaces: NamespaceMapping[]; databaseSuffix?: string; collectionSuffix?: string } | undefined> {
    const same = names.map((s) => ({ source: s, target: null }));
    const items: (vscode.QuickPickItem & { how: 'same' | 'suffix' | 'rename' })[] = [
      {
        label: 'Same names',
        detail: `Written as ${escapeIcons(names[0])}${names.length > 1 ? ', …' : ''}`,
        how: 'same',
      },
      {
        label: 'Add a suffix…',
        detail: `To each ${kind === 'database' ? 'database' : 'collection'} name, e.g. ${escapeIcons(names[0])}_restored`,
        how: 'suffix',
      },
    ];
    if (names.length === 1)
      items.push({ label: 'A new name…', detail: `Instead of ${escapeIcons(names[0])}`, how: 'rename' });
    const how = await vscode.window.showQuickPick(items, {
      title: `${title}: target ${kind === 'database' ? 'database' : 'namespace'}`,
      placeHolder: 'Where the restored data is written on the target',
      ignoreFocusOut: true,
    });
    if (!how) return undefined;
    if (how.how === 'same') return { namespaces: same };
    const field = how.how === 'suffix' ? 'Suffix' : 'New name';
    const check = (v: string) => collectionTargetInputProblem(how.how as 'suffix' | 'rename', kind, v, field);
    const text = await vscode.window.showInputBox({
      title: `${title}: ${how.how === 'suffix' ? 'suffix' : 'new name'}`,
      prompt:
        how.how === 'suffix'
          ? `Appended to each ${kind} name on the target`
          : kind === 'collection'
            ? 'DB.COLLECTION on the target'
            : 'The database name on the target',
      placeHolder:
        how.how === 'suffix' ? '_restored' : kind === 'collection' ? `${names[0]}_restored` : `${names[0]}_restored`,
      validateInput: (v) => check(v),
      ignoreFocusOut: true,
    });
    if (text === undefined || check(text)) return undefined;
    if (how.how === 'rename') return { namespaces: [{ source: names[0], target: text.trim() }] };
    return kind === 'database'
      ? { namespaces: same, databaseSuffix: text }
      : { namespaces: same, collectionSuffix: text };
  }

  private async snapshotFacts(
    client: AtlasClient,
    source: RestoreClusterFacts,
    snapshotId: string,
  ): Promise<RestoreSnapshotFacts> {
    return source.topology.kind === 'sharded'
      ? client.getShardedSnapshot(source.groupId, source.name, snapshotId)
      : client.getSnapshot(source.groupId, source.name, snapshotId);
  }

  /** The one POST (never retried), the history entry, and the watch. */
  private async start(
    client: AtlasClient,
    ref: SnapshotRef,
    plan: CollectionRestorePlan,
    from: { snapshotId?: string; pointInTime?: PointInTime },
    where: { namespaces: NamespaceMapping[]; databaseSuffix?: string; collectionSuffix?: string },
    o: RestoreRunOptions,
    title: string,
  ): Promise<CollectionRunResult> {
    const origin = originOf(client.baseUrl) ?? client.baseUrl;
    const at = new Date().toISOString();
    const entryBase = {
      at,
      origin,
      ...(ref.accountId ? { accountId: ref.accountId } : {}),
      groupId: ref.groupId,
      clusterName: ref.clusterName,
      kind: 'collection' as const,
      drill: false,
      plan,
    };
    const target = { groupId: plan.target!.groupId, clusterName: plan.target!.clusterName };
    let job: CollectionRestoreJob;
    try {
      job = await client.createCollectionRestoreJob(
        ref.groupId,
        ref.clusterName,
        collectionRestoreRequestFor({
          ...from,
          target,
          namespaceKind: plan.namespaceKind,
          namespaces: where.namespaces,
          writeStrategy: plan.writeStrategy,
          indexStrategy: plan.indexStrategy,
          databaseSuffix: where.databaseSuffix,
          collectionSuffix: where.collectionSuffix,
        }),
      );
    } catch (e) {
      const f = this.deps.describeWriteFailure(e, {
        what: `the start of the ${plan.namespaceKind} restore from ${ref.clusterName}`,
        look: `open ${ref.clusterName}'s Restores row`,
      });
      this.deps.logger.error(`Collection restore of ${ref.clusterName} not started`, e);
      if (f.mayHaveReached)
        await this.deps.history.record({ ...entryBase, id: `unsent-${at}`, outcome: 'unknown' }).catch(() => undefined);
      void vscode.window.showErrorMessage(f.message);
      return { outcome: 'failed', plan };
    }
    const entry = await this.deps.history.record({
      ...entryBase,
      id: job.id ?? `unknown-${at}`,
      outcome: 'in-progress',
    });
    this.deps.logger.info(`Collection restore job ${entry.id} of ${ref.clusterName} started.`);
    this.refreshRestores(ref);
    const done = this.watch(client, ref, entry, job, `${title} onto ${target.clusterName}`, o);
    return { outcome: 'started', jobId: entry.id, plan, done };
  }

  /**
   * Watches a collection restore job this extension started and last saw running (after a restart), to its end,
   * recorded in the restore history as a watch from the start would.
   */
  async resumeWatch(
    accountId: string,
    entry: RestoreHistoryEntry,
    client: AtlasClient,
  ): Promise<{ job: CollectionRestoreJob; projection: RestoreJobProjection; stopped: boolean }> {
    const job = await client.getCollectionRestoreJob(entry.groupId, entry.clusterName, entry.id);
    const ref = { accountId, groupId: entry.groupId, clusterName: entry.clusterName };
    const onto = entry.plan.target ? ` onto ${entry.plan.target.clusterName}` : '';
    return this.watch(
      client,
      ref,
      entry,
      job,
      `Collection restore of ${entry.clusterName}${onto}, picked up again`,
      {},
    );
  }

  private refreshRestores(ref: Omit<SnapshotRef, 'snapshotId'>): void {
    const restores = this.deps.explorer.restoresNodeOf(ref.accountId, ref.groupId, ref.clusterName);
    if (restores) this.deps.explorer.refreshNode(restores);
  }

  /** Watches to the end: documents restored of the total in the notification; its Cancel stops only the watch. */
  private async watch(
    client: AtlasClient,
    ref: Omit<SnapshotRef, 'snapshotId'>,
    entry: RestoreHistoryEntry,
    first: CollectionRestoreJob,
    title: string,
    o: RestoreRunOptions,
  ): Promise<{ job: CollectionRestoreJob; projection: RestoreJobProjection; stopped: boolean }> {
    const ends = (j: CollectionRestoreJob) => isRestoreJobDone(projectCollectionRestoreJob(j).state);
    let result: { job: CollectionRestoreJob; stopped: boolean };
    try {
      result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title, cancellable: true },
        async (progress, token) => {
          const cancel = signalOf(token);
          try {
            progress.report({
              message: `${collectionDocumentsWords(first)} (Cancel stops watching; the restore goes on)`,
            });
            return await watchJobUntilEnd({
              first,
              signal: cancel.signal,
              getJob: (signal) => client.getCollectionRestoreJob(ref.groupId, ref.clusterName, entry.id, { signal }),
              ends,
              sleep: sleepUntilAborted,
              nextDelay: (prev) =>
                prev === undefined && o.firstDelayMs !== undefined ? o.firstDelayMs : nextWatchDelay(prev),
              onJob: (j) =>
                progress.report({
                  message: `${collectionDocumentsWords(j)} (Cancel stops watching; the restore goes on)`,
                }),
            });
          } finally {
            cancel.dispose();
          }
        },
      );
    } catch (e) {
      this.deps.logger.error(`Lost track of collection restore job ${entry.id}`, e);
      void vscode.window.showWarningMessage(
        `Lost track of collection restore job ${entry.id} of ${ref.clusterName}: ${e instanceof Error ? e.message : String(e)} The restore goes on in Atlas; its state is in the Restores row.`,
      );
      return { job: first, projection: projectCollectionRestoreJob(first), stopped: true };
    }
    const projection = projectCollectionRestoreJob(result.job);
    if (result.stopped) {
      void vscode.window.showInformationMessage(
        `Stopped watching collection restore job ${entry.id}; it goes on in Atlas (it cannot be cancelled). Its state is in ${ref.clusterName}'s Restores row.`,
      );
      return { ...result, projection };
    }
    await this.deps.history
      .update(entry.origin, entry.id, {
        outcome: projection.state,
        finishedAt: projection.finishedAt ?? new Date().toISOString(),
      })
      .catch((e: unknown) => this.deps.logger.error('Could not record the restore in the restore history', e));
    this.refreshRestores(ref);
    const target = projection.targetClusterName ?? entry.plan.target?.clusterName ?? 'the target';
    if (projection.state === 'completed')
      void vscode.window.showInformationMessage(
        `Collection restore finished: ${result.job.restoredDocuments ?? 0} documents restored onto ${target}. Connect to ${target} to check them.`,
      );
    else
      void vscode.window.showErrorMessage(
        `Collection restore job ${entry.id} ended ${projection.state}${result.job.errorMessage ? `: ${result.job.errorMessage}` : ''}; ${target} may hold partial data.`,
      );
    return { ...result, projection };
  }
}
