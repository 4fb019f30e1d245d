// The Atlas Backup explorer as plain data: which rows exist under which parent, and how each loads.
// No vscode import: the tree provider only maps these nodes and their Presentation to TreeItems, so
// loading, empty, error and retry behaviour is tested in plain Node against the simulator.
import { AtlasApiError, AtlasAuthError, describeCluster, isCancelled } from '../atlas';
import type { ClusterDescription, Group } from '../atlas';
import { Commands, ContextValues } from '../platform/ids';

/** What the explorer needs from the Atlas client (AtlasClient satisfies it). */
export interface ExplorerSource {
  listProjects(opts?: { signal?: AbortSignal }): AsyncIterable<Group>;
  listClusters(groupId: string, opts?: { signal?: AbortSignal }): AsyncIterable<ClusterDescription>;
}

export type ClusterInfo = ReturnType<typeof describeCluster>;

export type ExplorerNode =
  | { kind: 'project'; id: string; project: Group }
  | { kind: 'cluster'; id: string; groupId: string; cluster: ClusterDescription; info: ClusterInfo }
  | { kind: 'loading'; id: string; parentId: string }
  | { kind: 'error'; id: string; parentId: string; what: string; error: unknown }
  | { kind: 'empty'; id: string; parentId: string; message: string };

/** Everything a row shows, independent of the UI toolkit. */
export interface Presentation {
  label: string;
  description?: string;
  /** Markdown. */
  tooltip?: string;
  contextValue: string;
  collapsible: boolean;
  /** A codicon id. */
  icon: string;
  command?: { id: string; title: string; args: unknown[] };
}

type LoadState =
  | { status: 'loading'; abort: AbortController }
  | { status: 'loaded'; children: ExplorerNode[] }
  | { status: 'failed'; error: unknown };

const ROOT = 'root';

export class ExplorerModel {
  private readonly states = new Map<string, LoadState>();
  private readonly listeners = new Set<(parent: ExplorerNode | undefined) => void>();
  private readonly nodesById = new Map<string, ExplorerNode>();
  private generation = 0;

  constructor(private source: ExplorerSource | undefined) {}

  /** Called with the parent whose children changed (undefined: the root). */
  onDidChange(listener: (parent: ExplorerNode | undefined) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Swap the client (sign-in, sign-out, settings change): everything in flight is cancelled. */
  setSource(source: ExplorerSource | undefined): void {
    this.source = source;
    this.refresh();
  }

  get signedIn(): boolean {
    return this.source !== undefined;
  }

  /**
   * The rows under `parent` right now. A parent seen for the first time starts loading and shows a
   * loading row; when the load settles, listeners hear about that parent and the next call returns
   * the children, an empty row or an error row.
   */
  getChildren(parent?: ExplorerNode): ExplorerNode[] {
    if (!this.source) return [];
    if (parent && parent.kind !== 'project') return [];
    const key = parent ? parent.id : ROOT;
    let state = this.states.get(key);
    if (!state) state = this.startLoad(key, parent);
    switch (state.status) {
      case 'loading':
        return [this.remember({ kind: 'loading', id: `loading:${key}`, parentId: key })];
      case 'failed':
        return [this.remember({ kind: 'error', id: `error:${key}`, parentId: key, what: parent ? 'clusters' : 'projects', error: state.error })];
      case 'loaded':
        if (state.children.length > 0) return state.children;
        return [this.remember({ kind: 'empty', id: `empty:${key}`, parentId: key, message: parent ? 'No clusters in this project' : 'No projects for these credentials' })];
    }
  }

  /** Resolves once `parent`'s children have settled (loaded or failed). For tests and commands. */
  async whenSettled(parent?: ExplorerNode): Promise<ExplorerNode[]> {
    const key = parent ? parent.id : ROOT;
    for (;;) {
      const children = this.getChildren(parent);
      if (!this.source || this.states.get(key)?.status !== 'loading') return children;
      await new Promise<void>((resolve) => {
        const sub = this.onDidChange(() => {
          if (this.states.get(key)?.status !== 'loading') {
            sub.dispose();
            resolve();
          }
        });
      });
    }
  }

  /** Forget `node`'s parent's failed load and try again (the error row's action). */
  retry(node: ExplorerNode): void {
    const key = node.kind === 'error' || node.kind === 'empty' || node.kind === 'loading' ? node.parentId : node.id;
    this.forget(key);
    this.emit(key === ROOT ? undefined : this.nodesById.get(key));
  }

  /** Drop every cached load and cancel everything in flight; node ids stay stable so expansion survives. */
  refresh(): void {
    this.generation++;
    for (const s of this.states.values()) if (s.status === 'loading') s.abort.abort();
    this.states.clear();
    this.nodesById.clear(); // rows are registered again as they reload; old ones must not pile up
    this.emit(undefined);
  }

  dispose(): void {
    this.refresh();
    this.listeners.clear();
  }

  private forget(key: string): void {
    const s = this.states.get(key);
    if (s?.status === 'loading') s.abort.abort();
    this.states.delete(key);
  }

  private startLoad(key: string, parent: ExplorerNode | undefined): LoadState {
    const abort = new AbortController();
    const state: LoadState = { status: 'loading', abort };
    this.states.set(key, state);
    const generation = this.generation;
    const source = this.source!;
    void (async () => {
      let next: LoadState;
      try {
        const children = parent?.kind === 'project'
          ? await this.loadClusters(source, parent.project, abort.signal)
          : await this.loadProjects(source, abort.signal);
        next = { status: 'loaded', children };
      } catch (error) {
        if (isCancelled(error) || abort.signal.aborted) return; // a refresh or retry replaced this load
        next = { status: 'failed', error };
      }
      if (generation !== this.generation || this.states.get(key) !== state) return;
      this.states.set(key, next);
      this.emit(parent);
    })();
    return state;
  }

  private async loadProjects(source: ExplorerSource, signal: AbortSignal): Promise<ExplorerNode[]> {
    const out: ExplorerNode[] = [];
    for await (const project of source.listProjects({ signal })) {
      if (!project.id) continue;
      out.push(this.remember({ kind: 'project', id: `project:${project.id}`, project }));
    }
    return out.sort((a, b) => label(a).localeCompare(label(b)));
  }

  private async loadClusters(source: ExplorerSource, project: Group, signal: AbortSignal): Promise<ExplorerNode[]> {
    const out: ExplorerNode[] = [];
    for await (const cluster of source.listClusters(project.id!, { signal })) {
      out.push(this.remember({
        kind: 'cluster', id: `cluster:${project.id}/${cluster.name}`, groupId: project.id!, cluster, info: describeCluster(cluster),
      }));
    }
    return out.sort((a, b) => label(a).localeCompare(label(b)));
  }

  private remember<T extends ExplorerNode>(node: T): T {
    this.nodesById.set(node.id, node);
    return node;
  }

  private emit(parent: ExplorerNode | undefined): void {
    for (const l of [...this.listeners]) l(parent);
  }
}

function label(node: ExplorerNode): string {
  return present(node).label;
}

/** How a node looks. Pure, so the tree's text is unit-tested. */
export function present(node: ExplorerNode): Presentation {
  switch (node.kind) {
    case 'project': {
      const n = node.project.clusterCount;
      return {
        label: node.project.name ?? node.project.id ?? 'Project',
        description: n === undefined ? undefined : `${n} ${n === 1 ? 'cluster' : 'clusters'}`,
        tooltip: [`**${md(node.project.name ?? '')}**`, '', `Project id: \`${node.project.id}\``,
          node.project.created ? `Created: ${node.project.created}` : ''].filter(Boolean).join('  \n'),
        contextValue: ContextValues.project,
        collapsible: true,
        icon: 'project',
      };
    }
    case 'cluster': {
      const i = node.info;
      const backup = !i.backupEnabled ? 'backup off' : i.pitEnabled ? 'continuous backup' : 'backup on';
      const parts = [i.instanceSize, i.providers.join('/'), backup].filter(Boolean);
      const zones = i.zones.map((z) => `- ${md(z.zoneName ?? 'zone')}: ${z.providers.join('/')} ${z.regions.join(', ')}${z.zoneId ? ` (zone \`${z.zoneId}\`)` : ''}`);
      return {
        label: i.name,
        description: parts.join(' · '),
        tooltip: [
          `**${md(i.name)}**`, '',
          `Type: ${clusterTypeLabel(i.clusterType)}`,
          `Tier: ${i.instanceSize ?? 'unknown'}${i.nvme ? ' (NVMe: hourly snapshots only every 12 hours)' : ''}`,
          `Cloud backup: ${i.backupEnabled ? 'on' : 'off'}`,
          `Continuous backup (point in time): ${i.pitEnabled ? 'on' : 'off'}`,
          i.stateName ? `State: ${i.stateName}${i.paused ? ' (paused)' : ''}` : '',
          zones.length ? `Zones:\n${zones.join('\n')}` : '',
        ].filter(Boolean).join('  \n'),
        contextValue: ContextValues.cluster,
        collapsible: false,
        icon: !i.backupEnabled ? 'circle-slash' : i.pitEnabled ? 'history' : 'database',
      };
    }
    case 'loading':
      return { label: 'Loading…', contextValue: ContextValues.loading, collapsible: false, icon: 'loading~spin' };
    case 'empty':
      return { label: node.message, contextValue: ContextValues.empty, collapsible: false, icon: 'info' };
    case 'error': {
      const e = node.error;
      const auth = e instanceof AtlasAuthError;
      const short = e instanceof AtlasApiError ? (e.detail ?? e.reason ?? e.message) : e instanceof Error ? e.message : String(e);
      const full = e instanceof Error ? e.message : String(e);
      const hint = e instanceof AtlasApiError && e.hint ? e.hint : undefined;
      return {
        label: `Couldn't load ${node.what}`,
        description: short,
        tooltip: [md(full), hint && hint !== full ? md(hint) : '', auth ? '_Click to sign in again._' : '_Click to retry._'].filter(Boolean).join('\n\n'),
        contextValue: ContextValues.error,
        collapsible: false,
        icon: 'error',
        command: auth
          ? { id: Commands.signIn, title: 'Sign In', args: [] }
          : { id: Commands.retry, title: 'Retry', args: [node] },
      };
    }
  }
}

function clusterTypeLabel(t: string | undefined): string {
  switch (t) {
    case 'REPLICASET': return 'replica set';
    case 'SHARDED': return 'sharded cluster';
    case 'GEOSHARDED': return 'global cluster';
    default: return t ?? 'unknown';
  }
}

/** Escapes text for a Markdown tooltip so names cannot inject links or formatting. */
function md(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
}
