// The restore feature's part of the composition root. Its commands are registered here; what they run (plans,
// checks, flows, watcher, history: restoreBundle.ts) is loaded from dist/restore.js on first use, so activation does
// not pay for it. The Restores rows learn start times from the restore history the same way, when one is opened.
import * as vscode from 'vscode';
import { originOf } from '../../core/accounts';
import { AtlasApiError, describeWriteFailure } from '../../core/atlas';
import { Commands } from '../../core/ids';
import { KnownRestoreCache, type KnownRestoreEntry } from '../../core/recovery/knownRestoreCache';
import type { KnownRestore } from '../../core/recovery/recoveryPosture';
import { restoreHistoryKey } from '../../core/restore/restoreHistory';
import type { ExplorerModel, ExplorerNode } from '../../core/tree/explorerModel';
import { registerCommand } from '../common/commands';
import type { Logger } from '../common/logger';
import { globalStorageHistory } from '../history/historyStorage';
import type { GetClient } from '../tree/nodeCommands';
import type { RestoreFeature } from './restoreBundle';

export type { RestoreFeature } from './restoreBundle';

export interface RestoreFeatureDeps {
  context: vscode.ExtensionContext;
  explorer: ExplorerModel;
  view: vscode.TreeView<ExplorerNode>;
  getClient: GetClient;
  logger: Logger;
  accounts(): readonly { id: string; baseUrl: string }[];
  revealCluster(groupId: string, clusterName: string, accountId?: string): Promise<boolean>;
}

export interface RestoreRegistration {
  disposables: vscode.Disposable[];
  /** The feature, loading dist/restore.js the first time. */
  load(): RestoreFeature;
  /** Picks up running restores this extension started, loading the feature only when there are any. */
  resume(): Promise<void>;
  /** What the restore history knows of its jobs (start, drill), by job id, read now: for the posture report. */
  knownRestores(): Promise<ReadonlyMap<string, KnownRestore>>;
}

type Options = { firstDelayMs?: number; text?: string };

const isFlexSnapshot = (node: unknown): node is Extract<ExplorerNode, { kind: 'flexSnapshot' }> =>
  !!node && typeof node === 'object' && (node as { kind?: unknown }).kind === 'flexSnapshot';

export function registerRestore(d: RestoreFeatureDeps): RestoreRegistration {
  const files = globalStorageHistory(d.context.globalStorageUri);
  // The tree's cluster tooltips and the posture report mark a drill and its duration from the history: read when a
  // tooltip first asks, and again after each write to it (a restore or drill just started, or ended).
  const known = new KnownRestoreCache(
    () => readKnown(),
    () => d.explorer.setKnownRestores(known.lookup),
  );
  const storage: typeof files = {
    ...files,
    write: async (key, text) => {
      await files.write(key, text);
      if (key.endsWith('/restores.json')) known.invalidate();
    },
  };
  let feature: RestoreFeature | undefined;
  const disposables: vscode.Disposable[] = [
    {
      dispose: () => {
        for (const x of feature?.disposables ?? []) x.dispose();
      },
    },
  ];
  const load = (): RestoreFeature => {
    if (feature) return feature;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const bundle = require(`${__dirname}/restore.js`) as typeof import('./restoreBundle');
    feature = bundle.createRestoreFeature({
      ...d,
      storage,
      describeWriteFailure,
      statusOf: (e) => (e instanceof AtlasApiError ? e.status : undefined),
    });
    return feature;
  };
  // Atlas keeps no start time for a restore job: the rows take it from the history of restores started here.
  d.explorer.setRestoreStarts(async (accountId, groupId, clusterName) => {
    const c = d.getClient(accountId);
    const origin = c && originOf(c.baseUrl);
    if (!origin || !(await storage.read(restoreHistoryKey(origin)).catch(() => undefined))) return undefined;
    const entries = await load().history.list(origin);
    return new Map(
      entries.filter((e) => e.groupId === groupId && e.clusterName === clusterName).map((e) => [e.id, e.at]),
    );
  });
  // Loads the feature only when some account has a history file (as the rows' start times do).
  const readKnown = async (): Promise<KnownRestoreEntry[]> => {
    const out: KnownRestoreEntry[] = [];
    for (const a of d.accounts()) {
      const origin = originOf(a.baseUrl);
      if (!origin || !(await storage.read(restoreHistoryKey(origin)).catch(() => undefined))) continue;
      for (const e of await load().history.list(origin))
        if (!e.id.startsWith('unsent-')) out.push({ id: e.id, at: e.at, drill: e.drill });
    }
    return out;
  };
  d.explorer.setKnownRestores(known.lookup);
  const c = () => load().commands;
  disposables.push(
    // A Flex cluster's snapshot row hands over to the Flex restores (flexRestoreCommands.ts).
    registerCommand(d.logger, Commands.restoreSnapshot, 'Restore', (node?: unknown, o?: Options): Promise<unknown> =>
      isFlexSnapshot(node) ? load().flex.restoreSnapshot(node, o) : c().restoreSnapshot(node, o),
    ),
    registerCommand(
      d.logger,
      Commands.downloadSnapshot,
      'Download snapshot',
      (node?: unknown, o?: Options): Promise<unknown> =>
        isFlexSnapshot(node) ? load().flex.downloadSnapshot(node, o) : c().downloadSnapshot(node, o),
    ),
    registerCommand(
      d.logger,
      Commands.restorePointInTime,
      'Restore to a point in time',
      (node?: unknown, o?: Options) => c().restorePointInTime(node, o),
    ),
    registerCommand(d.logger, Commands.cancelRestore, 'Cancel restore', (node?: ExplorerNode) =>
      c().cancelRestore(node),
    ),
    registerCommand(d.logger, Commands.copyRestoreLink, 'Copy link', (node?: ExplorerNode) => c().copyLink(node)),
    registerCommand(d.logger, Commands.showRestoreHistory, 'Show restore history', () => c().showHistory()),
    registerCommand(d.logger, Commands.restoreCollection, 'Restore collection', (node?: unknown, o?: Options) =>
      load().collections.restoreCollection(node, o),
    ),
    registerCommand(d.logger, Commands.restoreDatabase, 'Restore database', (node?: unknown, o?: Options) =>
      load().collections.restoreDatabase(node, o),
    ),
    registerCommand(d.logger, Commands.runRestoreDrill, 'Restore drill', (arg?: unknown, o?: Options) =>
      c().runDrill(arg, o),
    ),
  );
  return {
    disposables,
    load,
    resume: async () => {
      // Only a history that holds a running restore is worth loading the feature for.
      for (const a of d.accounts()) {
        const origin = originOf(a.baseUrl);
        const text = origin && (await storage.read(restoreHistoryKey(origin)).catch(() => undefined));
        if (text && text.includes('"in-progress"')) return load().resume();
      }
    },
    knownRestores: async () => {
      await known.refresh();
      return known.snapshot();
    },
  };
}
