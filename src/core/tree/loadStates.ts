// The load state of everything the explorer fetches, in one place and under one rule. No vscode import.
//
// Two shapes: a cell holds one fetched value (a row's children from one listing, a schedule, a policy, a count) and a
// paged list holds items fetched page by page (snapshots). Both are keyed by the id of the row that shows them, and
// nodes hold them by reference, so a reset in place reaches the rows VS Code still holds.
//
// The rule, the same for both shapes:
// - One fetch at a time per key; every fetch in flight has its AbortController in one map, so "busy" is "in that map".
// - A value is reused while younger than the time-to-live, then fetched again in the background while it stays shown.
// - A failure stays (an error row) until the row is retried, refreshed or forgotten: no retry loop.
// - stale(key) (refresh): what has a value keeps showing it and is fetched again when next shown; what has none is
//   forgotten. Anything in flight is cancelled.
// - cancel(key) (collapse): what is in flight is cancelled; a value already shown stays as it was (stale or not),
//   and without one the key goes back to idle, so it loads when next shown.
// - forget(key) (retry, sign-out, a removed account): cancelled and back to idle.
// A fetch that was cancelled or replaced changes nothing when it settles.
import { isCancelled } from '../atlas/errors';

export type CellState<T> =
  | { status: 'idle' }
  | { status: 'loading' }
  /** `at` is when it loaded; -Infinity once refreshed (fetched again when next shown, shown meanwhile). */
  | { status: 'loaded'; value: T; at: number }
  | { status: 'failed'; error: unknown };

/** One fetched value. Stable per key: its state is replaced in place. */
export interface Cell<T> {
  readonly key: string;
  state: CellState<T>;
}

/** Items fetched page by page. Stable per key, like a cell. */
export interface PagedList<T> {
  readonly key: string;
  items: T[];
  total?: number;
  /** Pages fetched so far. */
  pages: number;
  hasNext: boolean;
  status: 'idle' | 'loading' | 'loaded' | 'failed';
  error?: unknown;
  /** Refreshed: the next fetch starts again from the first page, showing these items until it arrives. */
  stale?: boolean;
}

export interface PageOf<T> {
  results: T[];
  hasNext: boolean;
  totalCount?: number;
}

export interface CellFetch<T> {
  fetch: (signal: AbortSignal) => Promise<T>;
  /** After a reload: whether the new value shows the same as the old (then `settled` hears `changed: false`). */
  same?: (before: T, after: T) => boolean;
  /** After a reload that loaded, before `settled`: what the old value had that the new one lacks can be let go. */
  replaced?: (before: T, after: T) => void;
  settled: (changed: boolean) => void;
}

export interface PageFetch<T> {
  fetch: (pageNum: number, signal: AbortSignal) => Promise<PageOf<T>>;
  /** Two items are one when they have the same id: a page that overlaps the last one adds nothing twice. */
  idOf: (item: T) => string | undefined;
  /** The order items are shown in, applied to each page as it arrives. */
  order?: (items: T[]) => T[];
  /** The first page replaced whatever was shown (a start or a restart). */
  restarted?: () => void;
  settled: () => void;
}

export class LoadStates {
  private readonly cells = new Map<string, Cell<unknown>>();
  private readonly lists = new Map<string, PagedList<unknown>>();
  private readonly aborts = new Map<string, AbortController>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  /** The cell of that key, made idle the first time. */
  cell<T>(key: string): Cell<T> {
    let c = this.cells.get(key);
    if (!c) {
      c = { key, state: { status: 'idle' } };
      this.cells.set(key, c);
    }
    return c as Cell<T>;
  }

  /** The paged list of that key, made idle the first time with `extra` fields of its own. */
  list<L extends PagedList<unknown>>(key: string, extra: Omit<L, keyof PagedList<unknown>>): L {
    let l = this.lists.get(key);
    if (!l) {
      const fresh: PagedList<unknown> = { key, items: [], pages: 0, hasNext: true, status: 'idle', ...extra };
      l = fresh;
      this.lists.set(key, l);
    }
    return l as L;
  }

  /** The list of that key if one was made. */
  existingList(key: string): PagedList<unknown> | undefined {
    return this.lists.get(key);
  }

  /** Whether a fetch for that key is in flight. */
  busy(key: string): boolean {
    return this.aborts.has(key);
  }

  /** Every key with a state. */
  keys(): string[] {
    return [...new Set([...this.cells.keys(), ...this.lists.keys()])];
  }

  /** Fetches the cell's value unless it is in flight, failed or fresh. A reload keeps the old value shown. */
  ensure<T>(cell: Cell<T>, how: CellFetch<T>): void {
    const s = cell.state;
    if (this.busy(cell.key) || s.status === 'failed') return;
    if (s.status === 'loaded' && this.now() - s.at <= this.ttlMs) return;
    const abort = this.begin(cell.key);
    const before = s.status === 'loaded' ? s.value : undefined;
    const reloading = s.status === 'loaded';
    if (!reloading) cell.state = { status: 'loading' };
    void (async () => {
      let next: CellState<T>;
      try {
        next = { status: 'loaded', value: await how.fetch(abort.signal), at: this.now() };
      } catch (error) {
        if (isCancelled(error) || abort.signal.aborted) return;
        next = { status: 'failed', error };
      }
      if (!this.end(cell.key, abort)) return;
      let changed = true;
      if (reloading && next.status === 'loaded') {
        how.replaced?.(before as T, next.value);
        changed = !(how.same?.(before as T, next.value) ?? false);
      }
      cell.state = next;
      how.settled(changed);
    })();
  }

  /** Fetches the list's next page, or its first again when it is stale or has none. */
  fetchPage<T>(list: PagedList<T>, how: PageFetch<T>): void {
    const abort = this.begin(list.key);
    const restart = !!list.stale || list.pages === 0;
    const pageNum = restart ? 1 : list.pages + 1;
    list.status = 'loading';
    list.error = undefined;
    void (async () => {
      try {
        const page = await how.fetch(pageNum, abort.signal);
        if (this.aborts.get(list.key) !== abort) return;
        if (restart) how.restarted?.();
        const order = how.order ?? ((xs: T[]) => xs);
        const seen = new Set(restart ? [] : list.items.map(how.idOf));
        const fresh = order(page.results.filter((s) => !seen.has(how.idOf(s))));
        list.items = restart ? fresh : [...list.items, ...fresh];
        list.total = page.totalCount ?? (page.hasNext ? undefined : list.items.length);
        list.pages = pageNum;
        list.hasNext = page.hasNext;
        list.status = 'loaded';
        list.stale = false;
      } catch (error) {
        if (isCancelled(error) || abort.signal.aborted || this.aborts.get(list.key) !== abort) return;
        list.status = 'failed';
        list.error = error;
        list.stale = false; // shown with an error row and retried by hand, not fetched again on every look
      }
      this.end(list.key, abort);
      how.settled();
    })();
  }

  /**
   * A value another feature has just read from Atlas (a push's comparison): shown at once and as fresh as a fetch made
   * now; a fetch in flight for it is cancelled, since its answer would be no newer.
   */
  put<T>(cell: Cell<T>, value: T): void {
    this.abort(cell.key);
    cell.state = { status: 'loaded', value, at: this.now() };
  }

  /** Refresh: a value stays shown and is fetched again when next shown; without one, forgotten. */
  stale(key: string): void {
    this.stop(key, (cell, list) => {
      if (cell?.state.status === 'loaded') cell.state = { ...cell.state, at: Number.NEGATIVE_INFINITY };
      if (list) list.stale = true;
    });
  }

  /** Collapse: what is in flight is cancelled; a value shown stays as it was, without one back to idle. */
  cancel(key: string): void {
    if (this.busy(key)) this.stop(key, () => {});
  }

  /** Cancelled and back to idle. */
  forget(key: string): void {
    this.abort(key);
    const cell = this.cells.get(key);
    if (cell) cell.state = { status: 'idle' };
    const list = this.lists.get(key);
    if (list) {
      list.items = [];
      list.pages = 0;
      list.hasNext = true;
      list.status = 'idle';
      list.error = undefined;
      list.total = undefined;
      list.stale = false;
    }
  }

  /** The keys at or below a row id (ids are hierarchical: account/project/cluster/…). */
  keysUnder(id: string): string[] {
    return this.keys().filter((k) => k === id || k.startsWith(`${id}/`));
  }

  /** Cancels everything and forgets every key. */
  clear(): void {
    for (const a of this.aborts.values()) a.abort();
    this.aborts.clear();
    this.cells.clear();
    this.lists.clear();
  }

  /** Cancels the key's fetch; a value shown stays (and `mark` may mark it), a key without one is forgotten. */
  private stop(
    key: string,
    mark: (cell: Cell<unknown> | undefined, list: PagedList<unknown> | undefined) => void,
  ): void {
    const cell = this.cells.get(key);
    const list = this.lists.get(key);
    if (cell?.state.status !== 'loaded' && !list?.items.length) {
      this.forget(key);
      return;
    }
    this.abort(key);
    if (list) list.status = 'loaded';
    mark(cell, list);
  }

  private begin(key: string): AbortController {
    this.abort(key);
    const abort = new AbortController();
    this.aborts.set(key, abort);
    return abort;
  }

  /** True when `abort` was still the key's current fetch (then it is no longer in flight). */
  private end(key: string, abort: AbortController): boolean {
    if (this.aborts.get(key) !== abort) return false;
    this.aborts.delete(key);
    return true;
  }

  private abort(key: string): void {
    const a = this.aborts.get(key);
    if (a) {
      a.abort();
      this.aborts.delete(key);
    }
  }
}
