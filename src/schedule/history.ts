// Local schedule history: before every push or delete the schedule Atlas had is kept, per cluster, with the time,
// what was done and which sign-in did it, so that "Show schedule history" can list it and "Restore" can open an old
// version as a draft. Stored as one JSON file per cluster through a small storage interface (the extension gives
// it globalStorage through vscode.workspace.fs; tests give it a Map). vscode-free, no Node built-ins.
import type { BackupSchedule } from '../atlas/types';

export interface HistoryStorage {
  /** The text stored under `key`, or undefined when there is none. */
  read(key: string): Promise<string | undefined>;
  write(key: string, text: string): Promise<void>;
}

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
  /** Writes to one key are serialised so two quick pushes cannot drop each other's entry. */
  private readonly queue = new Map<string, Promise<unknown>>();

  constructor(
    private readonly storage: HistoryStorage,
    opts: HistoryOptions = {},
  ) {
    this.max = opts.maxPerCluster ?? 50;
    this.now = opts.now ?? (() => new Date());
  }

  /** Newest first. A missing or unreadable file is an empty history (never throws for bad content). */
  async list(origin: string, groupId: string, clusterName: string): Promise<HistoryEntry[]> {
    const text = await this.storage.read(historyKey(origin, groupId, clusterName));
    if (!text) return [];
    try {
      const v = JSON.parse(text) as { entries?: unknown };
      const entries = Array.isArray(v.entries) ? (v.entries as HistoryEntry[]) : [];
      return entries
        .filter(
          (e) =>
            e && typeof e.id === 'string' && typeof e.at === 'string' && e.schedule && typeof e.schedule === 'object',
        )
        .sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id));
    } catch {
      return [];
    }
  }

  async get(origin: string, groupId: string, clusterName: string, id: string): Promise<HistoryEntry | undefined> {
    return (await this.list(origin, groupId, clusterName)).find((e) => e.id === id);
  }

  /** Keeps the schedule Atlas had before `action`. Resolves to the stored entry. */
  record(e: Omit<HistoryEntry, 'id' | 'at' | 'outcome'>): Promise<HistoryEntry> {
    const key = historyKey(e.origin, e.groupId, e.clusterName);
    return this.serial(key, async (): Promise<HistoryEntry> => {
      const existing = await this.list(e.origin, e.groupId, e.clusterName);
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
      const existing = await this.list(entry.origin, entry.groupId, entry.clusterName);
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

/** A storage in memory (tests, and a fallback when no folder is writable). */
export function memoryHistoryStorage(): HistoryStorage & { files: Map<string, string> } {
  const files = new Map<string, string>();
  return {
    files,
    read: (k) => Promise.resolve(files.get(k)),
    write: (k, t) => {
      files.set(k, t);
      return Promise.resolve();
    },
  };
}
