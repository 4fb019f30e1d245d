// Local schedule history: before every push or delete the schedule Atlas had is kept, per cluster, with the time,
// what was done and which sign-in did it, so that "Show schedule history" can list it and "Restore" can open an old
// version as a draft. Stored as one JSON file per cluster through a small storage interface (the extension gives
// it globalStorage through vscode.workspace.fs; tests give it a Map). vscode-free, no Node built-ins.
import type { BackupSchedule } from '../atlas/types';
import { brandClass } from '../common/crossBundle';

export interface HistoryStorage {
  /** The text stored under `key`, or undefined when there is none. */
  read(key: string): Promise<string | undefined>;
  write(key: string, text: string): Promise<void>;
  /**
   * Moves what is stored under `key` aside (the extension: to `<file>.corrupt-<time>`) and resolves to where it went.
   * Called before a write would replace a file that cannot be parsed; without it such a file is never replaced.
   */
  keepAside?(key: string): Promise<string>;
}

/** A history file that cannot be parsed and could not be kept aside: nothing is written over it. */
export class HistoryUnreadableError extends Error {
  override name = 'HistoryUnreadableError';
}
brandClass(HistoryUnreadableError, 'HistoryUnreadableError');

export interface HistoryEntry {
  /** Unique within the cluster's history: `<at>-<n>`. */
  id: string;
  /** ISO 8601 time the change was made (just before it was sent). */
  at: string;
  /** push and delete keep Atlas's schedule before them; replaced-draft keeps a draft's text before "Start over from Atlas". */
  action: 'push' | 'delete' | 'replaced-draft';
  /** The Atlas origin, e.g. `https://cloud.mongodb.com`. */
  origin: string;
  groupId: string;
  clusterName: string;
  projectName?: string;
  /** Which sign-in made the change: its label (never a secret) and, when known, its account id. */
  signIn: { label: string; accountId?: string };
  /** The schedule Atlas had before the change. */
  schedule: BackupSchedule;
  /**
   * What came of the change, once known: Atlas took it, Atlas refused it (nothing changed), or no answer came (it may
   * have changed). Absent while it is being sent, and on entries that never had an outcome (replaced-draft).
   */
  outcome?: HistoryOutcome;
}

export type HistoryOutcome = 'applied' | 'refused' | 'unknown';

export interface HistoryOptions {
  /** Entries kept per cluster (oldest dropped first). Default 50. */
  maxPerCluster?: number;
  now?: () => Date;
  /** Told when an unparseable history file was kept aside (to say so to the person); `where` is its new name. */
  onKeptAside?: (key: string, where: string) => void;
}

const SAFE = /[^A-Za-z0-9._-]/g;

/** The storage key of a cluster's history: `<host>/<groupId>/<clusterName>.json` (path-safe). */
export function historyKey(origin: string, groupId: string, clusterName: string): string {
  let host = origin;
  try {
    host = new URL(origin).host;
  } catch {
    /* keep as given */
  }
  return `${host.replace(SAFE, '_')}/${groupId.replace(SAFE, '_')}/${clusterName.replace(SAFE, '_')}.json`;
}

export class ScheduleHistory {
  private readonly max: number;
  private readonly now: () => Date;
  private readonly onKeptAside?: (key: string, where: string) => void;
  /** Writes to one key are serialised so two quick pushes cannot drop each other's entry. */
  private readonly queue = new Map<string, Promise<unknown>>();

  constructor(
    private readonly storage: HistoryStorage,
    opts: HistoryOptions = {},
  ) {
    this.max = opts.maxPerCluster ?? 50;
    this.now = opts.now ?? (() => new Date());
    this.onKeptAside = opts.onKeptAside;
  }

  /**
   * Newest first. A missing file is an empty history; a file that cannot be parsed is an empty history too, and is
   * kept aside (never overwritten) the next time an entry is written.
   */
  async list(origin: string, groupId: string, clusterName: string): Promise<HistoryEntry[]> {
    const r = parseHistory(await this.storage.read(historyKey(origin, groupId, clusterName)));
    return r.entries;
  }

  /** The entries under `key` for a write: an unparseable file is moved aside first, or the write is refused. */
  private async loadForWrite(key: string): Promise<HistoryEntry[]> {
    const r = parseHistory(await this.storage.read(key));
    if (!r.corrupt) return r.entries;
    if (!this.storage.keepAside)
      throw new HistoryUnreadableError(`The schedule history ${key} cannot be read; it is left as it is.`);
    const where = await this.storage.keepAside(key);
    this.onKeptAside?.(key, where);
    return [];
  }

  async get(origin: string, groupId: string, clusterName: string, id: string): Promise<HistoryEntry | undefined> {
    return (await this.list(origin, groupId, clusterName)).find((e) => e.id === id);
  }

  /** Keeps the schedule Atlas had before `action`. Resolves to the stored entry. */
  record(e: Omit<HistoryEntry, 'id' | 'at' | 'outcome'>): Promise<HistoryEntry> {
    const key = historyKey(e.origin, e.groupId, e.clusterName);
    return this.serial(key, async (): Promise<HistoryEntry> => {
      const existing = sortEntries(await this.loadForWrite(key));
      const at = this.now().toISOString();
      const n = existing
        .filter((x) => x.at === at)
        .reduce((max, x) => Math.max(max, Number(x.id.slice(at.length + 1)) + 1), 0);
      const entry: HistoryEntry = {
        id: `${at}-${n}`,
        at,
        action: e.action,
        origin: e.origin,
        groupId: e.groupId,
        clusterName: e.clusterName,
        ...(e.projectName ? { projectName: e.projectName } : {}),
        signIn: { ...e.signIn },
        schedule: JSON.parse(JSON.stringify(e.schedule)) as BackupSchedule,
      };
      await this.save(key, [entry, ...existing].slice(0, this.max));
      return entry;
    });
  }

  /** Records what came of the change `entry` was kept before. An entry no longer in the history is left alone. */
  settle(entry: HistoryEntry, outcome: HistoryOutcome): Promise<void> {
    const key = historyKey(entry.origin, entry.groupId, entry.clusterName);
    return this.serial(key, async () => {
      const existing = await this.loadForWrite(key);
      const found = existing.find((x) => x.id === entry.id);
      if (!found) return;
      found.outcome = outcome;
      await this.save(key, existing);
    });
  }

  private async save(key: string, entries: HistoryEntry[]): Promise<void> {
    await this.storage.write(key, `${JSON.stringify({ version: 1, entries }, null, 2)}\n`);
  }

  /** Writes to one key one after another, so two quick pushes cannot drop each other's entry. */
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

function sortEntries(entries: HistoryEntry[]): HistoryEntry[] {
  return entries.sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id));
}

/** A history file's entries; `corrupt` when there is text that is not a history (truncated, not JSON, no list). */
function parseHistory(text: string | undefined): { entries: HistoryEntry[]; corrupt: boolean } {
  if (!text) return { entries: [], corrupt: false };
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return { entries: [], corrupt: true };
  }
  const list = typeof v === 'object' && v !== null ? (v as { entries?: unknown }).entries : undefined;
  if (!Array.isArray(list)) return { entries: [], corrupt: true };
  const entries = (list as HistoryEntry[]).filter(
    (e) => e && typeof e.id === 'string' && typeof e.at === 'string' && e.schedule && typeof e.schedule === 'object',
  );
  return { entries: sortEntries(entries), corrupt: false };
}

/** A storage in memory (tests, and a fallback when no folder is writable). */
export function memoryHistoryStorage(): HistoryStorage & {
  files: Map<string, string>;
  keepAside(key: string): Promise<string>;
} {
  const files = new Map<string, string>();
  return {
    files,
    read: (k) => Promise.resolve(files.get(k)),
    write: (k, t) => {
      files.set(k, t);
      return Promise.resolve();
    },
    keepAside: (k) => {
      const aside = `${k}.corrupt-${files.size}`;
      files.set(aside, files.get(k) ?? '');
      files.delete(k);
      return Promise.resolve(aside);
    },
  };
}
