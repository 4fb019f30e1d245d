// The tree asks what the restore history knows of a job while it draws a row, so it needs an answer at once; the
// history is a file read (and, in the extension, a bundle loaded) on first use. This keeps the history's answers in
// memory: read on the first question, read again after each write to the history, and the tree told when a read
// learns something new so its rows are drawn again. Pure (the reads are handed in).
import type { KnownRestoreLookup } from './knownRestores';
import type { KnownRestore } from './recoveryPosture';

/** One restore the history kept: its job id, when it was sent, whether a drill. */
export interface KnownRestoreEntry {
  id: string;
  at: string;
  drill: boolean;
}

export class KnownRestoreCache {
  private known = new Map<string, KnownRestore>();
  private read_: Promise<void> | undefined;
  private reading = false;
  private again = false;

  /**
   * @param read every entry of the histories (all signed-in origins); [] when there is none.
   * @param changed called when a read learned of a job the lookup did not know (the tree re-draws its rows).
   */
  constructor(
    private readonly read: () => Promise<readonly KnownRestoreEntry[]>,
    private readonly changed: () => void,
  ) {}

  /** The synchronous lookup the tree and the posture use; the first question starts the first read. */
  readonly lookup: KnownRestoreLookup = (id) => {
    if (!this.read_) void this.refresh();
    return this.known.get(id) ?? null;
  };

  /** The history was written: read it again (only once it has been read at all; until then nobody asked). */
  invalidate(): void {
    if (this.read_) void this.refresh();
  }

  /**
   * Reads now, one read at a time: asked during a read, it reads once more after it. Resolves once a read that began
   * after this call has ended.
   */
  refresh(): Promise<void> {
    if (this.reading && this.read_) {
      this.again = true;
      return this.read_;
    }
    this.reading = true;
    this.read_ = this.readAll();
    return this.read_;
  }

  private async readAll(): Promise<void> {
    let learned = false;
    try {
      do {
        this.again = false;
        let entries: readonly KnownRestoreEntry[] = [];
        try {
          entries = await this.read();
        } catch {
          // An unreadable history knows nothing: durations and drills stay unknown, nothing fails.
        }
        const next = new Map<string, KnownRestore>();
        for (const e of entries) {
          next.set(e.id, { startedAt: e.at, drill: e.drill });
          const before = this.known.get(e.id);
          if (!before || before.startedAt !== e.at || before.drill !== e.drill) learned = true;
        }
        this.known = next;
      } while (this.again);
    } finally {
      this.reading = false;
    }
    if (learned) this.changed();
  }

  /** Everything known now, by job id (the posture report takes it whole). */
  snapshot(): ReadonlyMap<string, KnownRestore> {
    return new Map(this.known);
  }
}
