// The Atlas Backup explorer as plain data: which rows exist under which parent, and how each loads.
// No vscode import: the tree provider only maps these nodes and their Presentation to TreeItems, so
// loading, paging, filtering, cancelling, caching, empty, error and retry behaviour is tested in plain Node
// against the simulator.
//
// Loading rules: nothing is fetched for a row nobody opened, but for the one thing a row itself shows: a project row reads
// its Backup Compliance Policy (its lock), one request a project. Opening a project fetches its clusters; opening a cluster fetches, side by side, its schedule, its first page of snapshots
// and whether it has legacy snapshots — the rows it shows summarise those, and opening them then costs nothing.
// Every load is keyed by the id of the row that shows it; ids are hierarchical (account/project/cluster/…), so
// refreshing or collapsing a row reaches exactly its own loads and those below it. How a load is reused, refreshed,
// cancelled and forgotten is loadStates.ts's one rule. The model holds structure only: a row of words carries its
// data (a Detail), and explorerPresent.ts gives every row its label, icon and tooltip.
import { AtlasApiError, describeCluster, MAX_ITEMS_PER_PAGE } from '../atlas';
import type { BackupSchedule, ClusterDescription, CompliancePolicy, RestoreJob } from '../atlas';
import { scheduleItems, sortItems } from '../schedule/describeSchedule';
import type {
  AccountNode,
  AnySnapshot,
  Cell,
  ClusterMarks,
  ClusterNode,
  FlexClusterNode,
  ComplianceNode,
  Detail,
  DetailNode,
  ExplorerAccount,
  ExplorerNode,
  ExplorerSource,
  ExportListNode,
  LegacySnapshotNode,
  LegacySnapshotsNode,
  ProjectNode,
  ScheduleNode,
  SnapshotFilter,
  SnapshotList,
  SnapshotNode,
  SnapshotsNode,
} from './explorerNodes';
import { LoadStates } from './loadStates';
import { exportListKey, fetchExportRows } from './exportRows';
import { listRestoreJobRows, restoreJobRow, restoreLinkRows } from './restoreRows';
import type { ListRestoreJobsPage, RestoreStarts, RestoresNode } from './restoreRows';
import {
  flexClusterRows,
  flexClustersKey,
  CONTENTS_ROWS_WITH_LOADS,
  contentsRowsChildren,
  contentsRowsListKey,
  snapshotContentsRows,
  type ContentsRowsHost,
} from './contentsRows';
import { HostLimiter } from '../atlas/hostLimiter';
import type { RecoveryOptions } from '../recovery/recoveryFindings';
import type { SnapshotSpan } from '../restore/restorableWindow';
import { needsOldest, readOldestSpan, RESTORE_JOB_PAGE } from './clusterRecovery';
import type { KnownRestoreLookup } from '../recovery/knownRestores';

export * from './explorerNodes';
export { present } from './explorerPresent';

export interface ExplorerModelOptions {
  /** How long a loaded list or fetch is reused before it is fetched again when next shown (default 60 s). */
  ttlMs?: number;
  /** Snapshots a page; Atlas's maximum, 500, by default. */
  pageSize?: number;
  /** Time zone for "local" times in tooltips (default: the runtime's). */
  timeZone?: string;
  now?: () => number;
}

/** The account id `setSource` uses for its single account. */
export const DEFAULT_ACCOUNT_ID = 'default';
const ROOT = '';

export class ExplorerModel {
  private accounts: ExplorerAccount[] = [];
  /** setSource's single account is shown without an account row (projects at the root). */
  private flat = true;
  /** Every fetch's state (a row's children, a schedule or policy, the snapshot pages) under one rule. */
  private readonly states: LoadStates;
  private readonly listeners = new Set<(parent: ExplorerNode | undefined) => void>();
  /** Hear every settled load, including reloads that changed nothing (and so told the tree nothing). */
  private readonly settledListeners = new Set<() => void>();
  private readonly nodesById = new Map<string, ExplorerNode>();
  private marks: ClusterMarks | undefined;
  private restoreStarts: RestoreStarts | undefined;
  private readonly ttlMs: number;
  private pageSize: number;
  private readonly timeZone: string | undefined;
  private readonly now: () => number;
  /** Policies read for project rows, one at a time; those still waiting their turn, by key. */
  private readonly background = new HostLimiter(1);
  private readonly queued = new Map<string, AbortSignal>();
  /** The recovery findings' thresholds (the settings) and our restore history's lookup, for the cluster rows. */
  private recoveryOptions: RecoveryOptions = {};
  private knownRestore: KnownRestoreLookup | undefined;

  constructor(source: ExplorerSource | undefined, opts: ExplorerModelOptions = {}) {
    this.ttlMs = opts.ttlMs ?? 60_000;
    this.pageSize = MAX_ITEMS_PER_PAGE;
    if (opts.pageSize !== undefined) this.setPageSize(opts.pageSize);
    this.timeZone = opts.timeZone;
    this.now = opts.now ?? Date.now;
    this.states = new LoadStates(this.ttlMs, this.now);
    if (source) this.accounts = [{ id: DEFAULT_ACCOUNT_ID, label: 'Atlas', source }];
  }

  /** Called with the row whose children or looks changed (undefined: the root). */
  onDidChange(listener: (parent: ExplorerNode | undefined) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** One account, shown without an account row (sign-in, sign-out, settings change): everything in flight is cancelled. */
  setSource(source: ExplorerSource | undefined): void {
    const wasFlat = this.flat;
    this.accounts = source ? [{ id: DEFAULT_ACCOUNT_ID, label: 'Atlas', source }] : [];
    this.flat = true;
    if (!source || !wasFlat) this.clear();
    this.refresh();
  }

  /** Every account as a root row, expanded by default, its projects under it. */
  setAccounts(accounts: ExplorerAccount[]): void {
    const ids = new Set<string>();
    for (const a of accounts) {
      if (!a.id || /[/]/.test(a.id))
        throw new Error(`An account id must be non-empty and contain no "/", not ${JSON.stringify(a.id)}.`);
      if (ids.has(a.id)) throw new Error(`Two accounts have the id ${a.id}.`);
      ids.add(a.id);
    }
    const wasFlat = this.flat;
    this.accounts = [...accounts];
    this.flat = false;
    if (wasFlat) this.clear();
    else for (const key of this.states.keys()) if (!ids.has(key.split('/')[0])) this.states.forget(key);
    this.refresh();
  }

  /** Snapshots a page (1..500); lists already shown keep theirs until refreshed. */
  setPageSize(n: number): void {
    this.pageSize = Number.isInteger(n) && n >= 1 && n <= MAX_ITEMS_PER_PAGE ? n : MAX_ITEMS_PER_PAGE;
  }

  /** The thresholds of the recovery findings (`atlasBackup.restoreAgeDays`, `rpoTargetSeconds`); rows re-render. */
  setRecoveryOptions(options: RecoveryOptions): void {
    this.recoveryOptions = { ...options };
    for (const node of [...this.nodesById.values()]) if (node.kind === 'cluster' && node.recovery) this.emit(node);
  }

  /** What our own restore history knows of a restore job (its start, whether a drill), by id; null when nothing. */
  setKnownRestores(lookup: KnownRestoreLookup | undefined): void {
    this.knownRestore = lookup;
    for (const node of [...this.nodesById.values()])
      if (node.kind === 'cluster' && node.recovery) {
        node.recovery.knownRestore = lookup;
        this.emit(node);
      }
  }

  setClusterMarks(marks: ClusterMarks | undefined): void {
    this.marks = marks;
    this.refreshMarks();
  }

  /** Re-reads the marks of every cluster row shown; tells the tree about the rows whose mark changed. */
  refreshMarks(): void {
    for (const node of [...this.nodesById.values()]) {
      if (node.kind !== 'cluster' && node.kind !== 'schedule') continue;
      const draft = this.hasDraft(node.groupId, node.clusterName);
      if (draft !== node.draft) {
        node.draft = draft;
        this.emit(node);
      }
    }
  }

  get signedIn(): boolean {
    return this.accounts.length > 0;
  }

  sourceFor(accountId: string): ExplorerSource | undefined {
    return this.accounts.find((a) => a.id === accountId)?.source;
  }

  /** The row with that id, if it has been shown. */
  node(id: string): ExplorerNode | undefined {
    return this.nodesById.get(id);
  }

  parentOf(node: ExplorerNode): ExplorerNode | undefined {
    return node.parentId ? this.nodesById.get(node.parentId) : undefined;
  }

  /**
   * The rows under `parent` right now. A parent seen for the first time starts loading and shows a
   * loading row; when the load settles, listeners hear about that parent and the next call returns
   * the children, an empty row or an error row.
   */
  getChildren(parent?: ExplorerNode): ExplorerNode[] {
    if (!this.accounts.length) return [];
    if (!parent) {
      if (this.flat) return this.projectRows(this.accounts[0], ROOT);
      return this.accounts.map((account) =>
        this.remember<AccountNode>({ kind: 'account', id: account.id, parentId: ROOT, accountId: account.id, account }),
      );
    }
    switch (parent.kind) {
      case 'account':
        return this.projectRows(parent.account, parent.id);
      case 'project':
        return this.projectChildren(parent);
      case 'compliance':
        return this.complianceChildren(parent);
      case 'cluster':
        return this.clusterChildren(parent);
      case 'schedule':
        return this.scheduleChildren(parent);
      case 'snapshots':
        return this.snapshotRows(parent);
      case 'legacySnapshots':
        return this.legacyChildren(parent);
      case 'legacySnapshot':
        return this.legacyParts(parent);
      case 'exportList':
        return this.exportRows(parent);
      case 'snapshot':
        return [...this.shardMembers(parent), ...snapshotContentsRows(parent, this.contentsRowsHost)];
      case 'restores':
        return this.restoreRows(parent);
      case 'restoreJob':
        return restoreLinkRows(parent).map((r) => this.remember(r));
      case 'restoreLink':
        return [];
      case 'snapshotDatabases':
      case 'snapshotDatabase':
        return contentsRowsChildren(parent, this.contentsRowsHost);
      case 'flexCluster':
        return [...contentsRowsChildren(parent, this.contentsRowsHost), ...this.flexRestoresRow(parent)];
      case 'snapshotCollection':
      case 'flexSnapshot':
      case 'detail':
      case 'empty':
      case 'error':
      case 'loading':
      case 'loadMore':
        return [];
    }
  }

  /** Resolves once everything `parent`'s children need has settled (loaded or failed). For tests, commands, benchmarks. */
  async whenSettled(parent?: ExplorerNode): Promise<ExplorerNode[]> {
    for (;;) {
      const children = this.getChildren(parent);
      if (!this.accounts.length || !this.isBusy(parent)) return children;
      await new Promise<void>((resolve) => {
        const check = () => {
          if (!this.isBusy(parent)) {
            this.settledListeners.delete(check);
            resolve();
          }
        };
        this.settledListeners.add(check);
      });
    }
  }

  /** Whether the rows under `parent` are still waiting on a load (children not yet known). */
  isBusy(parent?: ExplorerNode): boolean {
    const key = parent ? parent.id : this.flat && this.accounts[0] ? this.accounts[0].id : ROOT;
    if (!parent && !this.flat) return false;
    if (!parent || parent.kind === 'account') return this.states.busy(`${key}/projects`);
    switch (parent.kind) {
      case 'project':
        return this.states.busy(`${parent.id}/clusters`) || this.states.busy(flexClustersKey(parent));
      case 'compliance':
        return this.states.busy(parent.policy.key);
      case 'schedule':
        return this.states.busy(parent.schedule.key);
      case 'snapshots':
        return this.states.busy(parent.list.key) || this.states.busy(`${parent.list.key}/oldest`);
      case 'legacySnapshots':
        return this.states.busy(legacyListKey(parent.id));
      case 'cluster':
        return this.states.busy(`${parent.id}/legacy`);
      case 'exportList':
        return this.states.busy(exportListKey(parent.id));
      case 'restores':
        return this.states.busy(`${parent.id}/list`);
      case 'restoreJob':
      case 'restoreLink':
        return false;
      case 'snapshotDatabases':
      case 'snapshotDatabase':
      case 'flexCluster':
        return this.states.busy(contentsRowsListKey(parent));
      case 'snapshotCollection':
      case 'flexSnapshot':
      case 'detail':
      case 'empty':
      case 'error':
      case 'legacySnapshot':
      case 'loading':
      case 'loadMore':
      case 'snapshot':
        return false;
    }
  }

  /** Forget the failed load behind an error row (or a row's own loads) and try again. */
  retry(node: ExplorerNode): void {
    if (node.kind === 'error') {
      const key = node.retryKey;
      if (this.states.existingList(key)?.items.length) {
        this.loadMore(this.nodesById.get(key));
        return;
      }
      this.states.forget(key);
      const owner = this.nodesById.get(key) ?? this.nodesById.get(node.parentId);
      this.emit(owner && owner.id !== ROOT ? owner : undefined);
      if (owner) this.emitDependents(owner);
      return;
    }
    this.refreshNode(node);
  }

  /**
   * Refresh the whole tree: everything in flight is cancelled and everything shown is fetched again, and meanwhile the
   * rows stay as they were (not a Loading… row), so VS Code keeps what is expanded: node ids are stable.
   */
  refresh(): void {
    for (const key of this.states.keys()) this.states.stale(key);
    this.emit(undefined);
  }

  /** Forget everything, rows included (sign-out, a different set of accounts). */
  private clear(): void {
    this.states.clear();
    this.nodesById.clear();
  }

  /**
   * Refresh one row: its own loads and everything below it are dropped (in-flight ones cancelled) and fetched again
   * when shown; the rest of the tree keeps its rows and state. A row without loads of its own refreshes its parent.
   */
  refreshNode(node: ExplorerNode | undefined): void {
    if (!node) {
      this.refresh();
      return;
    }
    const target = this.ownsLoads(node) ? node : this.parentOf(node);
    if (!target) {
      this.refresh();
      return;
    }
    for (const key of this.states.keysUnder(target.id)) this.states.stale(key);
    this.emit(target);
    this.emitDependents(target);
  }

  /** The row was collapsed: cancel what is in flight at or below it (it restarts when opened again); keep what loaded. */
  collapsed(node: ExplorerNode): void {
    for (const key of this.states.keysUnder(node.id)) this.states.cancel(key);
  }

  /** Show a snapshots row's next page ("Load more"). */
  loadMore(node: SnapshotsNode | ExplorerNode | undefined): void {
    const snapshots = node?.kind === 'loadMore' ? this.nodesById.get(node.parentId) : node;
    if (!snapshots || snapshots.kind !== 'snapshots') return;
    const list = snapshots.list;
    if (list.status === 'loading' || !list.hasNext) return;
    this.fetchPage(snapshots, list);
    this.emit(snapshots);
  }

  /** Which snapshots a snapshots row shows; applies to the pages loaded so far. */
  setSnapshotFilter(node: ExplorerNode, filter: SnapshotFilter): void {
    if (node.kind !== 'snapshots') return;
    node.list.filter = filter;
    this.emit(node);
  }

  /** The project's policy as far as known, fetching it if nobody has yet. Undefined: the project has none. */
  async compliancePolicy(
    accountId: string,
    groupId: string,
    signal?: AbortSignal,
  ): Promise<CompliancePolicy | undefined> {
    const cell = this.states.cell<CompliancePolicy | undefined>(`${this.projectId(accountId, groupId)}/compliance`);
    if (cell.state.status === 'loaded') return cell.state.value;
    const source = this.sourceFor(accountId);
    if (!source) return undefined;
    return source.getCompliancePolicy(groupId, { signal });
  }

  /**
   * Atlas's schedule of a cluster as another feature has just read it (a push that found it changed in Atlas): the
   * tree shows it at once instead of what it fetched earlier, without fetching it again. The accounts are the one named
   * and every account on that Atlas (`origin`, its API base URL: the same cluster there has the same schedule).
   */
  scheduleSeen(
    at: { accountId?: string; origin?: string; groupId: string; clusterName: string },
    schedule: BackupSchedule,
  ): void {
    for (const account of this.accounts) {
      if (!this.flat && account.id !== at.accountId && (!at.origin || account.source.baseUrl !== at.origin)) continue;
      const key = `${this.clusterId(account.id, at.groupId, at.clusterName)}/schedule`;
      const cell = this.states.cell<BackupSchedule>(key);
      const before = cell.state.status === 'loaded' ? JSON.stringify(cell.state.value) : undefined;
      this.states.put(cell, schedule);
      const row = this.nodesById.get(key);
      if (row && before !== JSON.stringify(schedule)) this.emit(row);
    }
  }

  /** Id of the project row of that account. */
  projectId(accountId: string, groupId: string): string {
    return `${accountId}/p:${groupId}`;
  }

  clusterId(accountId: string, groupId: string, clusterName: string): string {
    return `${this.projectId(accountId, groupId)}/c:${clusterName}`;
  }

  /** The snapshots row of a cluster, if shown; commands refresh it after a change. */
  snapshotsNodeOf(accountId: string, groupId: string, clusterName: string): SnapshotsNode | undefined {
    const n = this.nodesById.get(`${this.clusterId(accountId, groupId, clusterName)}/snapshots`);
    return n?.kind === 'snapshots' ? n : undefined;
  }

  dispose(): void {
    this.clear();
    this.listeners.clear();
    this.settledListeners.clear();
  }

  /** Where the Restores rows learn when this extension started a job (the restore history). */
  setRestoreStarts(starts: RestoreStarts | undefined): void {
    this.restoreStarts = starts;
  }

  /** The Restores row of a cluster, if shown. */
  restoresNodeOf(accountId: string, groupId: string, clusterName: string): RestoresNode | undefined {
    const n = this.nodesById.get(`${this.clusterId(accountId, groupId, clusterName)}/restores`);
    return n?.kind === 'restores' ? n : undefined;
  }

  /**
   * A watched job was seen again: its row (if shown) takes the new state without a request; a job the row does not
   * list yet (just started) reloads the row once.
   */
  restoreJobSeen(accountId: string, groupId: string, clusterName: string, job: RestoreJob, startedAt?: string): void {
    if (job.finishedAt) this.lastRestoreMayHaveChanged(accountId, groupId, clusterName, job);
    const restores = this.restoresNodeOf(accountId, groupId, clusterName);
    if (!restores) return;
    const row = this.nodesById.get(`${restores.id}/j:${job.id ?? ''}`);
    if (row?.kind !== 'restoreJob') {
      this.refreshNode(restores);
      return;
    }
    if (JSON.stringify(row.job) === JSON.stringify(job)) return;
    Object.assign(row, restoreJobRow(restores, job, startedAt ?? row.startedAt));
    this.emit(row);
  }

  /** A restore that ended may be the cluster's last restore now: its tooltip reads the restore jobs again. */
  private lastRestoreMayHaveChanged(accountId: string, groupId: string, clusterName: string, job: RestoreJob): void {
    const cluster = this.nodesById.get(this.clusterId(accountId, groupId, clusterName));
    if (cluster?.kind !== 'cluster' || !cluster.recovery) return;
    const cell = cluster.recovery.restoreJobs;
    if (
      cell.state.status === 'loaded' &&
      cell.state.value.some((j) => j.id === job.id && j.finishedAt === job.finishedAt)
    )
      return;
    this.states.stale(cell.key);
    this.emit(cluster);
  }

  // ---- children of each kind ----

  private projectRows(account: ExplorerAccount, parentId: string): ExplorerNode[] {
    const key = `${account.id}/projects`;
    const rows = this.listed(
      key,
      parentId,
      account.id,
      'projects',
      'No projects for these credentials',
      async (signal) => {
        const out: ProjectNode[] = [];
        for await (const project of account.source.listProjects({ signal, itemsPerPage: MAX_ITEMS_PER_PAGE })) {
          // 500 a page: fewest round trips
          if (!project.id) continue;
          const id = `${account.id}/p:${project.id}`;
          out.push({
            kind: 'project',
            id,
            parentId,
            accountId: account.id,
            groupId: project.id,
            project,
            policy: this.states.cell(`${id}/compliance`),
          });
        }
        return out.sort((a, b) => byName(a.project.name, b.project.name));
      },
    );
    // Each project's policy loads with its row (one request a project, reused like any cell), so the lock shows on a
    // project nobody has opened, also after the tree was rebuilt for a second account.
    for (const row of rows) if (row.kind === 'project') this.ensurePolicy(row);
    return rows;
  }

  /**
   * The project's policy. Read for its row one at a time, in list order: the client's other slots stay free for what
   * a person opens (a cluster's three reads), however long the list. Read at once when the project is `opened`, a read
   * still waiting its turn then jumping the queue.
   */
  private ensurePolicy(project: ProjectNode, opened = false): void {
    const source = this.sourceFor(project.accountId);
    if (!source) return;
    const key = project.policy.key;
    if (opened && this.queued.has(key)) this.states.cancel(key);
    const read = (signal: AbortSignal) => source.getCompliancePolicy(project.groupId, { signal });
    this.ensureCell(
      project.policy,
      opened
        ? read
        : (signal) => {
            this.queued.set(key, signal);
            const done = () => this.queued.get(key) === signal && this.queued.delete(key);
            return this.background
              .run(() => {
                done();
                return read(signal);
              }, signal)
              .finally(done);
          },
      [project.id, `${project.id}/compliance`],
    );
  }

  private projectChildren(project: ProjectNode): ExplorerNode[] {
    const source = this.sourceFor(project.accountId);
    if (!source) return [];
    // The policy and the clusters load side by side: neither row waits on the other.
    this.ensurePolicy(project, true);
    const compliance = this.remember<ComplianceNode>({
      kind: 'compliance',
      id: `${project.id}/compliance`,
      parentId: project.id,
      accountId: project.accountId,
      groupId: project.groupId,
      projectName: project.project.name ?? project.groupId,
      policy: project.policy,
    });
    const clusters = this.listed(
      `${project.id}/clusters`,
      project.id,
      project.accountId,
      'clusters',
      'No clusters in this project',
      async (signal) => {
        const out: ClusterNode[] = [];
        for await (const cluster of source.listClusters(project.groupId, {
          signal,
          itemsPerPage: MAX_ITEMS_PER_PAGE,
        })) {
          if (!cluster.name) continue;
          out.push(this.clusterNode(project, cluster));
        }
        return out.sort((a, b) => byName(a.clusterName, b.clusterName));
      },
      { groupId: project.groupId },
    );
    const exportBuckets = this.remember<ExportListNode>({
      kind: 'exportList',
      id: `${project.id}/exportBuckets`,
      parentId: project.id,
      accountId: project.accountId,
      groupId: project.groupId,
      list: 'buckets',
    });
    return [compliance, exportBuckets, ...clusters, ...flexClusterRows(project, this.contentsRowsHost)];
  }

  private clusterNode(project: ProjectNode, cluster: ClusterDescription): ClusterNode {
    const name = cluster.name!;
    return {
      kind: 'cluster',
      id: `${project.id}/c:${name}`,
      parentId: project.id,
      accountId: project.accountId,
      groupId: project.groupId,
      clusterName: name,
      cluster,
      info: describeCluster(cluster),
      draft: this.hasDraft(project.groupId, name),
    };
  }

  private complianceChildren(node: ComplianceNode): ExplorerNode[] {
    const scope = { parentId: node.id, accountId: node.accountId, groupId: node.groupId };
    const source = this.sourceFor(node.accountId);
    if (source)
      this.ensureCell(node.policy, (signal) => source.getCompliancePolicy(node.groupId, { signal }), [
        node.parentId,
        node.id,
      ]);
    const s = node.policy.state;
    if (s.status === 'idle' || s.status === 'loading') {
      return [this.remember({ kind: 'loading', id: `${node.id}/~loading`, ...scope })];
    }
    if (s.status === 'failed') {
      if (isForbidden(s.error)) {
        return [
          this.remember<DetailNode>({
            kind: 'detail',
            id: `${node.id}/denied`,
            ...scope,
            role: 'denied',
            detail: { fact: 'policyDenied', error: s.error },
          }),
        ];
      }
      return [
        this.remember({
          kind: 'error',
          id: `${node.id}/~error`,
          ...scope,
          what: 'the Backup Compliance Policy',
          error: s.error,
          retryKey: node.id,
        }),
      ];
    }
    const p = s.value;
    if (!p)
      return [
        this.remember({ kind: 'empty', id: `${node.id}/~empty`, ...scope, message: 'No Backup Compliance Policy' }),
      ];
    const rows: DetailNode[] = [];
    const add = (key: string, detail: Detail, json?: unknown, copyId?: string) =>
      rows.push(
        this.remember<DetailNode>({
          kind: 'detail',
          id: `${node.id}/${key}`,
          ...scope,
          role: 'complianceItem',
          detail,
          json,
          copyId,
        }),
      );
    add('state', { fact: 'policyState', policy: p });
    add('authorized', { fact: 'policyAuthorized', policy: p });
    sortItems(p.scheduledPolicyItems ?? []).forEach((item, i) =>
      add(`item:${item.id ?? i}`, { fact: 'policyItem', item }, item, item.id),
    );
    if (p.onDemandPolicyItem)
      add(
        'item:ondemand',
        { fact: 'policyOnDemand', item: p.onDemandPolicyItem },
        p.onDemandPolicyItem,
        p.onDemandPolicyItem.id,
      );
    if (p.restoreWindowDays !== undefined)
      add('restoreWindow', { fact: 'policyRestoreWindow', days: p.restoreWindowDays });
    add('pit', { fact: 'policyFlag', flag: 'pit', on: p.pitEnabled });
    add('copyProtection', { fact: 'policyFlag', flag: 'copyProtection', on: p.copyProtectionEnabled });
    add('encryption', { fact: 'policyFlag', flag: 'encryption', on: p.encryptionAtRestEnabled });
    add('deletable', { fact: 'policyDeletable', deletable: p.deletable });
    return rows;
  }

  private clusterChildren(cluster: ClusterNode): ExplorerNode[] {
    const source = this.sourceFor(cluster.accountId);
    if (!source) return [];
    const scope = {
      parentId: cluster.id,
      accountId: cluster.accountId,
      groupId: cluster.groupId,
      clusterName: cluster.clusterName,
    };
    const rows: ExplorerNode[] = [];
    if (cluster.info.backupEnabled) {
      const schedule = this.remember<ScheduleNode>({
        kind: 'schedule',
        id: `${cluster.id}/schedule`,
        ...scope,
        schedule: this.states.cell(`${cluster.id}/schedule`),
        timeZone: this.timeZone,
        draft: cluster.draft,
      });
      this.ensureCell(
        schedule.schedule,
        (signal) => source.getBackupSchedule(cluster.groupId, cluster.clusterName, { signal }),
        [schedule.id, cluster.id],
      );
      rows.push(schedule);
    } else {
      rows.push(
        this.remember<DetailNode>({
          kind: 'detail',
          id: `${cluster.id}/backupOff`,
          ...scope,
          role: 'info',
          detail: { fact: 'backupOff' },
        }),
      );
    }
    const sharded = cluster.info.clusterType === 'SHARDED' || cluster.info.clusterType === 'GEOSHARDED';
    const snapshots = this.remember<SnapshotsNode>({
      kind: 'snapshots',
      id: `${cluster.id}/snapshots`,
      ...scope,
      list: this.states.list<SnapshotList>(`${cluster.id}/snapshots`, { sharded, filter: 'all' }),
    });
    if (this.wantsPage(snapshots.list)) this.fetchPage(snapshots, snapshots.list);
    rows.push(snapshots);
    if (cluster.info.backupEnabled && source.listRestoreJobsPage)
      rows.push(this.remember<RestoresNode>({ kind: 'restores', id: `${cluster.id}/restores`, ...scope }));
    if (cluster.info.backupEnabled)
      rows.push(
        this.remember<ExportListNode>({ kind: 'exportList', id: `${cluster.id}/exports`, ...scope, list: 'jobs' }),
      );
    if (cluster.info.backupEnabled && rows[0].kind === 'schedule') this.loadRecovery(cluster, rows[0], snapshots);
    // Legacy snapshots only where the cluster has them: one small request tells.
    const legacy = this.states.cell<number>(`${cluster.id}/legacy`);
    this.ensureCell(
      legacy,
      async (signal) => {
        const page = await source.listLegacySnapshotsPage(cluster.groupId, cluster.clusterName, {
          itemsPerPage: 1,
          completed: 'all',
          signal,
        });
        return page.totalCount ?? page.results.length;
      },
      [cluster.id],
    );
    if (legacy.state.status === 'loaded' && legacy.state.value > 0) {
      rows.push(
        this.remember<LegacySnapshotsNode>({
          kind: 'legacySnapshots',
          id: `${cluster.id}/legacy`,
          ...scope,
          count: legacy.state.value,
        }),
      );
    }
    return rows;
  }

  private scheduleChildren(node: ScheduleNode): ExplorerNode[] {
    const scope = {
      parentId: node.id,
      accountId: node.accountId,
      groupId: node.groupId,
      clusterName: node.clusterName,
    };
    const source = this.sourceFor(node.accountId);
    if (source)
      this.ensureCell(node.schedule, (signal) => source.getBackupSchedule(node.groupId, node.clusterName, { signal }), [
        node.id,
      ]);
    const s = node.schedule.state;
    if (s.status === 'idle' || s.status === 'loading') {
      return [this.remember({ kind: 'loading', id: `${node.id}/~loading`, ...scope })];
    }
    if (s.status === 'failed')
      return [
        this.remember({
          kind: 'error',
          id: `${node.id}/~error`,
          ...scope,
          what: 'the backup schedule',
          error: s.error,
          retryKey: node.id,
        }),
      ];
    return scheduleRows(node, s.value).map((r) => this.remember(r));
  }

  private snapshotRows(node: SnapshotsNode): ExplorerNode[] {
    const list = node.list;
    const scope = {
      parentId: node.id,
      accountId: node.accountId,
      groupId: node.groupId,
      clusterName: node.clusterName,
    };
    if (this.wantsPage(list)) this.fetchPage(node, list);
    if (!list.items.length) {
      if (list.status === 'loading' || list.status === 'idle')
        return [this.remember({ kind: 'loading', id: `${node.id}/~loading`, ...scope })];
      if (list.status === 'failed')
        return [
          this.remember({
            kind: 'error',
            id: `${node.id}/~error`,
            ...scope,
            what: 'snapshots',
            error: list.error,
            retryKey: node.id,
          }),
        ];
      return [this.remember({ kind: 'empty', id: `${node.id}/~empty`, ...scope, message: 'No snapshots' })];
    }
    const rows: ExplorerNode[] = [];
    for (const snapshot of list.items) {
      if (!matches(snapshot, list.filter)) continue;
      rows.push(
        this.remember<SnapshotNode>({
          kind: 'snapshot',
          id: `${node.id}/s:${snapshot.id}`,
          ...scope,
          snapshot,
          sharded: list.sharded,
          timeZone: this.timeZone,
        }),
      );
    }
    if (!rows.length && !list.hasNext)
      rows.push(
        this.remember({
          kind: 'empty',
          id: `${node.id}/~empty`,
          ...scope,
          message: `No ${filterWord(list.filter)} snapshots`,
        }),
      );
    if (list.status === 'loading') rows.push(this.remember({ kind: 'loading', id: `${node.id}/~loading`, ...scope }));
    else if (list.status === 'failed')
      rows.push(
        this.remember({
          kind: 'error',
          id: `${node.id}/~error`,
          ...scope,
          what: 'more snapshots',
          error: list.error,
          retryKey: node.id,
        }),
      );
    else if (list.hasNext) rows.push(this.remember({ kind: 'loadMore', id: `${node.id}/~more`, ...scope, list }));
    return rows;
  }

  /** The buckets of an Export Buckets row or the jobs of an Exports row (exportRows.ts builds them). */
  private exportRows(node: ExportListNode): ExplorerNode[] {
    const source = this.sourceFor(node.accountId);
    if (!source) return [];
    const what = node.list === 'buckets' ? 'export buckets' : 'exports';
    const empty = node.list === 'buckets' ? 'No export buckets' : 'No snapshot exports';
    // A job's snapshot time comes from the cluster's snapshots when they are already loaded: no read per job.
    const snapshots = `${node.parentId}/snapshots`;
    const snapshotTime = (id: string) =>
      (this.states.existingList(snapshots)?.items as AnySnapshot[] | undefined)?.find((s) => s.id === id)?.createdAt;
    return this.listed(
      exportListKey(node.id),
      node.id,
      node.accountId,
      what,
      empty,
      (signal) => fetchExportRows(source, node, signal, snapshotTime),
      { groupId: node.groupId, ...(node.clusterName ? { clusterName: node.clusterName } : {}) },
    );
  }

  /** A Flex cluster's Restores row (after its snapshots), when the source lists Flex restore jobs. */
  private flexRestoresRow(parent: FlexClusterNode): ExplorerNode[] {
    if (!this.sourceFor(parent.accountId)?.listFlexRestoreJobs) return [];
    const { accountId, groupId, clusterName } = parent;
    const id = `${parent.id}/restores`;
    return [
      this.remember<RestoresNode>({
        kind: 'restores',
        id,
        parentId: parent.id,
        accountId,
        groupId,
        clusterName,
        flex: true,
      }),
    ];
  }

  private restoreRows(node: RestoresNode): ExplorerNode[] {
    const source = this.sourceFor(node.accountId);
    if (!source?.listRestoreJobsPage && !node.flex) return [];
    const list: ListRestoreJobsPage = (g, c, o) => source!.listRestoreJobsPage!(g, c, o);
    const others = {
      listCollectionRestoreJobs: source?.listCollectionRestoreJobs?.bind(source),
      listFlexRestoreJobs: source?.listFlexRestoreJobs?.bind(source),
    };
    return this.listed(
      `${node.id}/list`,
      node.id,
      node.accountId,
      'restores',
      'No restores of this cluster yet',
      (signal) => listRestoreJobRows(node, list, this.restoreStarts, signal, others),
      { groupId: node.groupId, clusterName: node.clusterName },
    );
  }

  private legacyChildren(node: LegacySnapshotsNode): ExplorerNode[] {
    const source = this.sourceFor(node.accountId);
    if (!source) return [];
    const scope = { groupId: node.groupId, clusterName: node.clusterName };
    // Keyed apart from the cluster's `${cluster}/legacy` count, which shares this row's id.
    return this.listed(
      legacyListKey(node.id),
      node.id,
      node.accountId,
      'legacy snapshots',
      'No legacy snapshots',
      async (signal) => {
        const out: LegacySnapshotNode[] = [];
        for (let pageNum = 1; ; pageNum++) {
          const page = await source.listLegacySnapshotsPage(node.groupId, node.clusterName, {
            pageNum,
            itemsPerPage: this.pageSize,
            completed: 'all',
            signal,
          });
          for (const snapshot of page.results) {
            out.push({
              kind: 'legacySnapshot',
              id: `${node.id}/s:${snapshot.id}`,
              parentId: node.id,
              accountId: node.accountId,
              ...scope,
              snapshot,
              timeZone: this.timeZone,
            });
          }
          if (!page.hasNext) break;
        }
        return out.sort((a, b) => (b.snapshot.created?.date ?? '').localeCompare(a.snapshot.created?.date ?? ''));
      },
      scope,
    );
  }

  /** A sharded snapshot's members: one snapshot per shard and the config server, as Atlas lists them (no fetch). */
  private shardMembers(node: SnapshotNode): ExplorerNode[] {
    const members = 'members' in node.snapshot ? (node.snapshot.members ?? []) : [];
    const scope = {
      parentId: node.id,
      accountId: node.accountId,
      groupId: node.groupId,
      clusterName: node.clusterName,
    };
    return members.map((member, index) =>
      this.remember<DetailNode>({
        kind: 'detail',
        id: `${node.id}/member:${member.id ?? index}`,
        ...scope,
        role: 'shardMember',
        detail: { fact: 'shardMember', member, index },
        json: member,
        ...(member.id ? { copyId: member.id } : {}),
      }),
    );
  }

  private legacyParts(node: LegacySnapshotNode): ExplorerNode[] {
    const parts = node.snapshot.parts ?? [];
    const scope = {
      parentId: node.id,
      accountId: node.accountId,
      groupId: node.groupId,
      clusterName: node.clusterName,
    };
    if (!parts.length)
      return [this.remember({ kind: 'empty', id: `${node.id}/~empty`, ...scope, message: 'No parts' })];
    return parts.map((part, index) =>
      this.remember<DetailNode>({
        kind: 'detail',
        id: `${node.id}/part:${index}`,
        ...scope,
        role: 'legacyPart',
        detail: { fact: 'legacyPart', part, index },
        json: part,
      }),
    );
  }

  // ---- loading machinery ----

  /** Children that come from one list request: loading row, then rows, an empty row or an error row. */
  private listed<T extends ExplorerNode>(
    key: string,
    parentId: string,
    accountId: string,
    what: string,
    emptyMessage: string,
    fetch: (signal: AbortSignal) => Promise<T[]>,
    scope: { groupId?: string; clusterName?: string } = {},
  ): ExplorerNode[] {
    const cell = this.states.cell<ExplorerNode[]>(key);
    this.states.ensure(cell, {
      fetch,
      same: (before, after) => fingerprint(before) === fingerprint(after),
      replaced: (before, after) => {
        const keep = new Set(after.map((c) => c.id));
        for (const old of before) if (!keep.has(old.id)) this.dropRowsUnder(old.id, true);
      },
      settled: (changed) => {
        if (changed) this.emit(parentId ? this.nodesById.get(parentId) : undefined);
        this.settled();
      },
    });
    const base = { parentId, accountId, ...scope };
    const idBase = parentId || accountId;
    const state = cell.state;
    switch (state.status) {
      case 'idle':
      case 'loading':
        return [this.remember({ kind: 'loading', id: `${idBase}/~loading:${what}`, ...base })];
      case 'failed':
        return [
          this.remember({
            kind: 'error',
            id: `${idBase}/~error:${what}`,
            ...base,
            what,
            error: state.error,
            retryKey: key,
          }),
        ];
      case 'loaded':
        // The rows VS Code already holds (by identity), also while they reload.
        if (state.value.length > 0) return (state.value = state.value.map((c) => this.remember(c)));
        return [this.remember({ kind: 'empty', id: `${idBase}/~empty:${what}`, ...base, message: emptyMessage })];
    }
  }

  /** Starts the fetch behind a cell unless it is loading, failed or fresh; tells `notify` rows when it settles. */
  private ensureCell<T>(cell: Cell<T>, fetch: (signal: AbortSignal) => Promise<T>, notify: string[]): void {
    this.states.ensure(cell, {
      fetch,
      same: (before, after) => JSON.stringify(before) === JSON.stringify(after),
      settled: (changed) => {
        // A reload that brought back the same answer changes no row: telling the tree would only re-render it.
        if (changed)
          for (const id of notify) {
            const n = this.nodesById.get(id);
            if (n) this.emit(n);
          }
        this.settled();
      },
    });
  }

  /** A list nobody fetched yet, or one refreshed and not already fetching again. */
  private wantsPage(list: SnapshotList): boolean {
    return list.status === 'idle' || (!!list.stale && !this.states.busy(list.key));
  }

  /** Fetches the list's next page (the first if none yet, or again once refreshed); the snapshots row hears when it lands. */
  private fetchPage(node: SnapshotsNode, list: SnapshotList): void {
    const source = this.sourceFor(node.accountId);
    if (!source) return;
    const first = list.pages === 0;
    this.states.fetchPage<AnySnapshot>(list, {
      fetch: (pageNum, signal) =>
        list.sharded
          ? source.listShardedSnapshots(node.groupId, node.clusterName, { signal })
          : source.listSnapshotsPage(node.groupId, node.clusterName, { pageNum, itemsPerPage: this.pageSize, signal }),
      idOf: (s) => s.id,
      order: sortNewestFirst,
      restarted: () => this.dropRowsUnder(list.key), // rows of the pages now gone must not pile up
      settled: () => {
        // Only a first load tells the cluster row: telling it on every reload (a refresh) kept VS Code's tree busy
        // enough that a reveal never finished; a reload that changes the posture tells it through its own cells.
        this.afterSnapshotsPage(node, first);
        this.emit(this.nodesById.get(node.id) ?? node);
      },
    });
  }

  /**
   * The cluster's recovery posture loads beside its schedule and snapshots: its restore jobs (one request), and the
   * oldest snapshot once the first page says there are more (clusterRecovery.ts). The cluster row hears each.
   */
  private loadRecovery(cluster: ClusterNode, schedule: ScheduleNode, snapshots: SnapshotsNode): void {
    const source = this.sourceFor(cluster.accountId);
    const listRestoreJobs = source?.listRestoreJobsPage?.bind(source);
    if (!listRestoreJobs) return;
    const restoreJobs = this.states.cell<RestoreJob[]>(`${cluster.id}/restoreJobs`);
    cluster.recovery = {
      schedule: schedule.schedule,
      snapshots: snapshots.list,
      restoreJobs,
      // Below the list's key: refreshing the Snapshots row reads the end again with its first page.
      oldest: this.states.cell<SnapshotSpan | null>(`${snapshots.list.key}/oldest`),
      options: () => this.recoveryOptions,
      knownRestore: this.knownRestore,
      now: this.now,
    };
    this.ensureCell(
      restoreJobs,
      async (signal) =>
        (
          await listRestoreJobs(cluster.groupId, cluster.clusterName, {
            itemsPerPage: RESTORE_JOB_PAGE,
            signal,
          })
        ).results,
      [cluster.id],
    );
    this.afterSnapshotsPage(snapshots, false);
  }

  /** Once a cluster's first page of snapshots is in: read the end of a longer list for the oldest snapshot. */
  private afterSnapshotsPage(node: SnapshotsNode, emit = true): void {
    const cluster = this.nodesById.get(node.parentId);
    if (cluster?.kind !== 'cluster' || !cluster.recovery) return;
    const list = node.list;
    const source = this.sourceFor(node.accountId);
    if (source && needsOldest(list) && list.status !== 'loading') {
      const seen = [...list.items];
      const total = list.total!;
      this.ensureCell(
        cluster.recovery.oldest,
        (signal) =>
          readOldestSpan(seen, total, (pageNum, itemsPerPage) =>
            source.listSnapshotsPage(node.groupId, node.clusterName, { pageNum, itemsPerPage, signal }),
          ),
        [cluster.id],
      );
    }
    if (emit) this.emit(cluster);
  }

  private ownsLoads(node: ExplorerNode): boolean {
    return [
      'account',
      'project',
      'compliance',
      'cluster',
      'schedule',
      'snapshots',
      'legacySnapshots',
      'restores',
      'exportList',
      ...CONTENTS_ROWS_WITH_LOADS,
    ].includes(node.kind);
  }

  /** The loading machinery the rows of contentsRows.ts borrow. */
  private readonly contentsRowsHost: ContentsRowsHost = {
    sourceFor: (accountId) => this.sourceFor(accountId),
    listed: (key, parentId, accountId, what, emptyMessage, fetch, scope) =>
      this.listed(key, parentId, accountId, what, emptyMessage, fetch, scope),
    remember: (node) => this.remember(node),
    cell: (key) => this.states.cell(key),
    ensureCell: (cell, fetch, notify) => this.ensureCell(cell, fetch, notify),
    timeZone: () => this.timeZone,
  };

  /** Rows whose looks depend on a refreshed row's loads (the project's lock badge on its policy). */
  private emitDependents(node: ExplorerNode): void {
    if (node.kind === 'compliance') {
      const p = this.nodesById.get(node.parentId);
      if (p) this.emit(p);
    }
  }

  /** Forgets the rows registered below `id` (and `id` itself when asked). */
  private dropRowsUnder(id: string, self = false): void {
    for (const nid of [...this.nodesById.keys()])
      if ((self && nid === id) || nid.startsWith(`${id}/`)) this.nodesById.delete(nid);
  }

  private hasDraft(groupId: string, clusterName: string): boolean {
    try {
      return this.marks?.hasDraft(groupId, clusterName) ?? false;
    } catch {
      return false;
    }
  }

  /**
   * One object per row id for as long as the row exists: VS Code knows rows by object identity, so a change event
   * about a new object with an old id would be ignored (and a refreshed project would never hear its clusters load).
   * A row built again is merged into the object VS Code already holds.
   */
  private remember<T extends ExplorerNode>(node: T): T {
    const known = this.nodesById.get(node.id);
    if (known && known.kind === node.kind) {
      if (known !== node) Object.assign(known, node);
      return known as T;
    }
    this.nodesById.set(node.id, node);
    return node;
  }

  private emit(parent: ExplorerNode | undefined): void {
    for (const l of [...this.listeners]) l(parent);
    this.settled();
  }

  private settled(): void {
    for (const l of [...this.settledListeners]) l();
  }
}

// ---- pure helpers ----

/** The key of a legacy snapshots row's listing (below the row, so refreshing the row reaches it). */
const legacyListKey = (rowId: string): string => `${rowId}/list`;

/** What a list of rows shows, to tell whether a reload changed anything. */
function fingerprint(rows: ExplorerNode[]): string {
  return JSON.stringify(
    rows.map((r) => {
      switch (r.kind) {
        case 'project':
          return [r.id, r.project];
        case 'cluster':
          return [r.id, r.cluster];
        case 'legacySnapshot':
          return [r.id, r.snapshot];
        case 'detail':
          return [r.id, r.detail];
        case 'restoreJob':
          return [r.id, r.job, r.startedAt];
        case 'restores':
        case 'restoreLink':
        case 'account':
        case 'compliance':
        case 'empty':
        case 'error':
        case 'exportList':
        case 'legacySnapshots':
        case 'loading':
        case 'loadMore':
        case 'schedule':
        case 'snapshot':
        case 'snapshots':
        case 'snapshotDatabases':
        case 'snapshotDatabase':
        case 'snapshotCollection':
          return [r.id];
        case 'flexCluster':
          return [r.id, r.flex];
        case 'flexSnapshot':
          return [r.id, r.snapshot];
      }
    }),
  );
}

function byName(a: string | undefined, b: string | undefined): number {
  return (a ?? '').localeCompare(b ?? '');
}

function sortNewestFirst(items: AnySnapshot[]): AnySnapshot[] {
  return [...items].sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''));
}

export function matches(s: AnySnapshot, filter: SnapshotFilter): boolean {
  if (filter === 'all') return true;
  if (filter === 'onDemand') return s.snapshotType === 'onDemand';
  return s.frequencyType === filter && s.snapshotType !== 'onDemand';
}

export function filterWord(filter: SnapshotFilter): string {
  return filter === 'all' ? '' : filter === 'onDemand' ? 'on-demand' : filter;
}

function isForbidden(e: unknown): boolean {
  return e instanceof AtlasApiError && e.status === 403;
}

/** The schedule's rows: its items, restore window, copy regions, export. */
function scheduleRows(node: ScheduleNode, s: BackupSchedule): DetailNode[] {
  const scope = { parentId: node.id, accountId: node.accountId, groupId: node.groupId, clusterName: node.clusterName };
  const rows: DetailNode[] = scheduleItems(s).map((item, i) => ({
    kind: 'detail',
    id: `${node.id}/item:${item.id ?? i}`,
    ...scope,
    role: 'scheduleItem',
    detail: { fact: 'scheduleItem', item },
    json: item,
    copyId: item.id,
  }));
  if (!rows.length)
    rows.push({ kind: 'detail', id: `${node.id}/noItems`, ...scope, role: 'info', detail: { fact: 'noItems' } });
  if (s.restoreWindowDays !== undefined)
    rows.push({
      kind: 'detail',
      id: `${node.id}/restoreWindow`,
      ...scope,
      role: 'info',
      detail: { fact: 'restoreWindow', days: s.restoreWindowDays },
      json: { restoreWindowDays: s.restoreWindowDays },
    });
  (s.copySettings ?? []).forEach((copy, i) =>
    rows.push({
      kind: 'detail',
      id: `${node.id}/copy:${copy.zoneId ?? ''}:${copy.cloudProvider ?? ''}:${copy.regionName ?? i}`,
      ...scope,
      role: 'copySetting',
      detail: { fact: 'copySetting', copy },
      json: copy,
    }),
  );
  if (s.autoExportEnabled)
    rows.push({
      kind: 'detail',
      id: `${node.id}/export`,
      ...scope,
      role: 'export',
      detail: { fact: 'export', schedule: s },
      json: { autoExportEnabled: s.autoExportEnabled, export: s.export },
    });
  return rows;
}
