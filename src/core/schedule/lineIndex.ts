// Offsets to 1-based line and column, for the edges that print positions (the CLI's text, JSON and SARIF). The line
// starts are found in one pass and each offset by binary search, so placing every problem of a file with 100,000
// of them costs no more than reading it once; scanning from the start for each one made lint quadratic.

export interface LineColumn {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units, as editors count. */
  column: number;
}

export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  /** Line and column of `offset`; the same as counting the newlines before it. */
  at(offset: number): LineColumn {
    let lo = 0,
      hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo] + 1 };
  }
}

let last: LineIndex | undefined;

/** The index of `text`, reused while callers keep asking about the same text (one problem after another). */
export function lineIndexOf(text: string): LineIndex {
  if (last?.text !== text) last = new LineIndex(text);
  return last;
}
