// What a snapshot holds (2025-03-12): database and collection names only, as Atlas answers them (`name` and
// `links`, no sizes or counts). The names are derived from the cluster and the snapshot's time, so they need no
// storage and are the same on every run; a collection created a few days ago is missing from older snapshots.
import { Errors, SimApiError } from './apiError';
import type { Cluster, Snapshot } from './model';
import { page, pageParams } from './paging';
import { snapshotStatus } from './render';
import { findCluster, type RequestContext, type Route } from './routes';

const DAY_MS = 86_400_000;
const V2025 = ['2025-03-12'];
const BASE = '/groups/{groupId}/clusters/{clusterName}/backup/snapshots/{snapshotId}/databases';

interface CollectionSeed {
  name: string;
  /** Created this many days before the clock at seed time: absent from snapshots taken earlier. */
  createdDaysAgo?: number;
}

/** Seeded clusters hold these; any other cluster (sandboxes, clusters added at run time) holds `app.items`. */
const CONTENTS: Record<string, Record<string, CollectionSeed[]>> = {
  'orders-rs': {
    shop: [{ name: 'orders' }, { name: 'customers' }, { name: 'invoices' }, { name: 'returns', createdDaysAgo: 5 }],
    reporting: [{ name: 'daily_totals' }, { name: 'orders.archive' }],
  },
  'analytics-nvme': { events: [{ name: 'clicks' }, { name: 'sessions' }] },
  'catalog-sharded': { catalog: [{ name: 'products' }, { name: 'prices' }, { name: 'inventory' }] },
  'global-users': { accounts: [{ name: 'users' }, { name: 'preferences' }] },
  'ledger-pit': { ledger: [{ name: 'entries' }, { name: 'balances' }], audit: [{ name: 'log' }] },
  'legacy-app': { legacy: [{ name: 'records' }] },
};
const DEFAULT_CONTENTS: Record<string, CollectionSeed[]> = { app: [{ name: 'items' }] };

/** The databases (sorted by name) of a snapshot, each with its collections (sorted), as they were when it was taken. */
export function contentsOf(c: Cluster, s: Snapshot): Map<string, string[]> {
  return contentsAt(c, s.createdAtMs);
}

/** The databases and collections a cluster held at `atMs` (a snapshot's time, or now for what it holds today). */
export function contentsAt(c: Cluster, atMs: number): Map<string, string[]> {
  const seed = CONTENTS[c.name] ?? DEFAULT_CONTENTS;
  const out = new Map<string, string[]>();
  for (const db of Object.keys(seed).sort()) {
    const names = seed[db]
      .filter(
        (col) =>
          col.createdDaysAgo === undefined ||
          c.seededAtMs === undefined ||
          atMs >= c.seededAtMs - col.createdDaysAgo * DAY_MS,
      )
      .map((col) => col.name)
      .sort();
    if (names.length) out.set(db, names);
  }
  return out;
}

function snapshotOf(ctx: RequestContext): { c: Cluster; s: Snapshot; contents: Map<string, string[]> } {
  const c = findCluster(ctx);
  const s = c.snapshots.find((x) => x.id === ctx.params.snapshotId && x.expiresAtMs > ctx.nowMs);
  if (!s) throw Errors.snapshotNotFound(ctx.params.snapshotId, c.name);
  if (snapshotStatus(s, ctx.nowMs) !== 'completed') {
    throw new SimApiError(
      400,
      'VALIDATION_ERROR',
      `Snapshot ${s.id} is not completed yet; its databases and collections can be listed once it is.`,
      { parameters: ['snapshotId'], fields: [{ field: 'snapshotId', description: 'must be a completed snapshot' }] },
    );
  }
  return { c, s, contents: contentsOf(c, s) };
}

const link = (ctx: RequestContext, ...segments: string[]) => [
  {
    href: `${ctx.base}/api/atlas/v2/groups/${ctx.params.groupId}/clusters/${ctx.params.clusterName}/backup/snapshots/${
      ctx.params.snapshotId
    }/databases/${segments.map(encodeURIComponent).join('/collections/')}`,
    rel: 'self',
  },
];

function databaseOf(ctx: RequestContext): { names: string[] } {
  const { contents } = snapshotOf(ctx);
  const names = contents.get(ctx.params.databaseName);
  if (!names) throw Errors.resourceNotFound(ctx.url.pathname);
  return { names };
}

export const snapshotContentRoutes: Route[] = [
  {
    method: 'GET',
    pattern: BASE,
    versions: V2025,
    permission: 'restoreRead',
    handler: (ctx) => {
      const { contents } = snapshotOf(ctx);
      const body = page([...contents.keys()], pageParams(ctx.query), ctx.url, (db) => ({
        links: link(ctx, db),
        name: db,
      }));
      return { status: 200, body };
    },
  },
  {
    method: 'GET',
    pattern: `${BASE}/{databaseName}`,
    versions: V2025,
    permission: 'restoreRead',
    handler: (ctx) => {
      databaseOf(ctx);
      return { status: 200, body: { links: link(ctx, ctx.params.databaseName), name: ctx.params.databaseName } };
    },
  },
  {
    method: 'GET',
    pattern: `${BASE}/{databaseName}/collections`,
    versions: V2025,
    permission: 'restoreRead',
    handler: (ctx) => {
      const { names } = databaseOf(ctx);
      const db = ctx.params.databaseName;
      const body = page(names, pageParams(ctx.query), ctx.url, (name) => ({ links: link(ctx, db, name), name }));
      return { status: 200, body };
    },
  },
  {
    method: 'GET',
    pattern: `${BASE}/{databaseName}/collections/{collectionName}`,
    versions: V2025,
    permission: 'restoreRead',
    handler: (ctx) => {
      const { names } = databaseOf(ctx);
      const { databaseName, collectionName } = ctx.params;
      if (!names.includes(collectionName)) throw Errors.resourceNotFound(ctx.url.pathname);
      return { status: 200, body: { links: link(ctx, databaseName, collectionName), name: collectionName } };
    },
  },
];
