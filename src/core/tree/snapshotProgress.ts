// A snapshot being taken is shown twice: as a row in the tree and in the notification that follows it. Both say its
// state with the row's word ("queued", "in progress"), and the row is re-read whenever the state moves on, so the
// two never name different states for the same snapshot.
import type { AnySnapshot } from './explorerNodes';
import { snapshotStatusWord } from './explorerPresent';

/**
 * Returns what to call with each status read while following a snapshot: it reports the row's word for the status
 * (`…` while Atlas has not said) and calls `moved` when the status differs from the one before (not for the first).
 */
export function followSnapshotStatus(
  report: (word: string) => void,
  moved: () => void,
): (status: AnySnapshot['status']) => void {
  let last: AnySnapshot['status'] | null = null;
  return (status) => {
    report(status === undefined ? '…' : snapshotStatusWord(status));
    if (last !== null && status !== last) moved();
    last = status;
  };
}
