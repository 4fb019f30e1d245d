// A document title that becomes a file name (the restore plans', drills' and history's read-only documents): VS Code
// shows the file name as the tab's title, so it must read as the title did. A title's "Restore plan: orders-rs onto x"
// keeps its meaning as "Restore plan — orders-rs onto x" instead of the "_" a colon used to become. Pure.

/** The file name (without extension) for a document titled `title`: at most 120 characters, never empty. */
export function documentFileName(title: string, fallback = 'document'): string {
  return (
    title
      .replace(/\s*:\s+/g, ' — ')
      .replace(/[^\w. —-]+/g, '_')
      .slice(0, 120)
      .trim() || fallback
  );
}
