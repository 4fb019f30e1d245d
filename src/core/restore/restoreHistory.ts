// The restore history: every restore the extension started, with its plan, when it was sent (Atlas keeps no start
// time for a snapshot restore job, so this is the only place a duration comes from), how it ended, and whether it
// was a drill. One JSON file per Atlas origin, beside the schedule history and through the same storage interface
// (the extension writes it atomically in globalStorage; tests use memoryHistoryStorage). vscode-free.
import type { HistoryStorage } from '../schedule/history';
import type { CollectionRestorePlan } from './collectionRestorePlan';
import type { DrillReport } from './drillReport';
import type { RestorePlan } from './restorePlan';
import type { RestoreJobState } from './restoreJob';

/** The job's state once known; `unknown` when the start may or may not have reached Atlas. */
export type RestoreHistoryOutcome = RestoreJobState | 'refused' | 'unknown';

export interface RestoreHistoryEntry {
  /** The restore job's id (unique within an origin); `unsent-<at>` for a start whose answer never came. */
  id: string;
  /** ISO time the start was sent. */
  at: string;
  origin: string;
  /** Which signed-in account started it (never a secret); absent with a single account. */
  accountId?: string;
  groupId: string;
  clusterName: string;
  /** `collection`: a collection or database restore (its plan a CollectionRestorePlan); else a snapshot's. */
  kind: RestorePlan['kind'] | 'collection';
  /** A Flex cluster's restore (its jobs are read through the Flex API); absent for a dedicated cluster's. */
  flex?: boolean;
  drill: boolean;
  plan: RestorePlan | CollectionRestorePlan;
  outcome: RestoreHistoryOutcome;
  /** When it ended (Atlas's finishedAt, else when the watch saw it end). */
  finishedAt?: string;
  /** Download links as last seen, and when they expire. */
  deliveryUrl?: string[];
  expiresAt?: string;
  /** A drill's report, once it ended. */
  report?: DrillReport;
}

const SAFE = /[^A-Za-z0-9._-]/g;

/** `<host>/restores.json`: beside the schedule history's `<host>/<groupId>/…` (a group id never reads `restores.json`). */
export function restoreHistoryKey(origin: string): string {
  let host = origin;
  try {
    host = new URL(origin).host;
  } catch {
    /* keep as given */
  }
  return `${host.replace(SAFE, '_')}/restores.json`;
}

export class RestoreHistory {
  private readonly queue = new Map<string, Promise<unknown>>();
  private readonly max: number;

  constructor(
    private readonly storage: HistoryStorage,
    opts: { max?: number; onKeptAside?: (key: string, where: string) => void } = {},
  ) {
    this.max = opts.max ?? 200;
    this.onKeptAside = opts.onKeptAside;
  }

  private readonly onKeptAside?: (key: string, where: string) => void;

  /** Newest first; a missing or unreadable file is an empty history (an unreadable one is kept aside on the next write). */
  async list(origin: string): Promise<RestoreHistoryEntry[]> {
    return parse(await this.storage.read(restoreHistoryKey(origin))).entries;
  }

  /** Entries whose restore was still running when last seen: the ones to pick up again after a restart. */
  async running(origin: string): Promise<RestoreHistoryEntry[]> {
    return (await this.list(origin)).filter((e) => e.outcome === 'in-progress');
  }

  /** The start time we recorded for a job, if this extension started it. */
  async startedAt(origin: string, jobId: string): Promise<string | undefined> {
    return (await this.list(origin)).find((e) => e.id === jobId)?.at;
  }

  /** Keeps a restore that was just sent (or whose start may have reached Atlas). */
  record(entry: RestoreHistoryEntry): Promise<RestoreHistoryEntry> {
    const key = restoreHistoryKey(entry.origin);
    return this.serial(key, async () => {
      const existing = (await this.loadForWrite(key)).filter((e) => e.id !== entry.id);
      const copy = JSON.parse(JSON.stringify(entry)) as RestoreHistoryEntry;
      await this.save(key, [copy, ...existing].slice(0, this.max));
      return copy;
    });
  }

  /** Records what became of a restore; an entry no longer in the history is left alone. */
  update(
    origin: string,
    id: string,
    patch: Partial<Pick<RestoreHistoryEntry, 'outcome' | 'finishedAt' | 'deliveryUrl' | 'expiresAt' | 'report'>>,
  ): Promise<void> {
    const key = restoreHistoryKey(origin);
    return this.serial(key, async () => {
      const existing = await this.loadForWrite(key);
      const found = existing.find((e) => e.id === id);
      if (!found) return;
      const before = JSON.stringify(found);
      Object.assign(found, JSON.parse(JSON.stringify(patch)) as typeof patch);
      if (JSON.stringify(found) !== before) await this.save(key, existing);
    });
  }

  private async loadForWrite(key: string): Promise<RestoreHistoryEntry[]> {
    const r = parse(await this.storage.read(key));
    if (!r.corrupt) return r.entries;
    if (!this.storage.keepAside) throw new Error(`The restore history ${key} cannot be read; it is left as it is.`);
    const where = await this.storage.keepAside(key);
    this.onKeptAside?.(key, where);
    return [];
  }

  private async save(key: string, entries: RestoreHistoryEntry[]): Promise<void> {
    await this.storage.write(key, `${JSON.stringify({ version: 1, entries: sort(entries) }, null, 2)}\n`);
  }

  private serial<T>(key: string, run: () => Promise<T>): Promise<T> {
    const prev = this.queue.get(key) ?? Promise.resolve();
    const next = prev.then(run, run);
    this.queue.set(
      key,
      next.catch(() => undefined),
    );
    return next;
  }
}

function sort(entries: RestoreHistoryEntry[]): RestoreHistoryEntry[] {
  return entries.sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id));
}

function parse(text: string | undefined): { entries: RestoreHistoryEntry[]; corrupt: boolean } {
  if (!text) return { entries: [], corrupt: false };
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return { entries: [], corrupt: true };
  }
  const list = typeof v === 'object' && v !== null ? (v as { entries?: unknown }).entries : undefined;
  if (!Array.isArray(list)) return { entries: [], corrupt: true };
  const entries = (list as RestoreHistoryEntry[]).filter(
    (e) => e && typeof e.id === 'string' && typeof e.at === 'string' && typeof e.origin === 'string' && !!e.plan,
  );
  return { entries: sort(entries), corrupt: false };
}

/**
 * The duration of a restore we timed, in seconds; null when it has not ended or was never sent. The start counts in
 * whole seconds, as Atlas's `finishedAt` and the job's projection (`isoUtc`) do: the Restores row, the notification
 * and this history then say the same duration (from 10:00:00.789 to 10:00:03, 3s everywhere, not 2s here).
 */
export function restoreDurationSeconds(e: Pick<RestoreHistoryEntry, 'at' | 'finishedAt'>): number | null {
  if (!e.finishedAt) return null;
  const d = Date.parse(e.finishedAt) - Math.floor(Date.parse(e.at) / 1000) * 1000;
  return Number.isFinite(d) ? Math.max(0, Math.round(d / 1000)) : null;
}
