// Escaping for text that comes from Atlas or from files (names, error details, profile names) wherever it is
// rendered as Markdown (tooltips, hovers, MarkdownStrings, the posture report's table) or HTML (webviews,
// reports): the one place these rules live. No vscode import (it is compiled with the core, tsconfig.core.json),
// so the tree, the editor, the fleet exports and the CLI all use it and it is unit-tested in plain Node.

/**
 * Makes `text` render as itself in Markdown: every character Markdown (or the HTML it allows) could act on is
 * backslash-escaped or turned into an entity, and line breaks become spaces so one value cannot start a new block.
 * `$(icon)` syntax is neutralised too, since VS Code renders it in MarkdownStrings that support theme icons.
 */
export function escapeMarkdown(text: string): string {
  return String(text)
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/[\\`*_{}[\]()#+\-.!|~>$:]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * Escapes text for one Markdown table cell of a file people also read raw (the posture report): backslash before
 * every character that could start emphasis, code, a link or image, HTML or an entity, strikethrough, or end the
 * cell (`|`); line breaks become spaces and other control characters are dropped. Block-level syntax (`#`, `-`,
 * `1.`) does not apply inside a table cell, so times and names stay readable (escapeMarkdown would escape them).
 */
export function markdownCell(text: string): string {
  return (
    text
      .replace(/[\\`*_[\]<>|~&!]/g, (c) => `\\${c}`)
      .replace(/\r\n|\r|\n/g, ' ')
      // eslint-disable-next-line no-control-regex -- the control characters are what this drops
      .replace(/[\u0000-\u001f\u007f]/g, '')
  );
}

/** Text inside an inline code span: backticks cannot close it early (the span uses a longer fence). */
export function markdownCode(text: string): string {
  const t = String(text).replace(/[\r\n\u2028\u2029]+/g, ' ');
  const longest = Math.max(0, ...(t.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  const pad = t.startsWith('`') || t.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${t}${pad}${fence}`;
}

/** For HTML text and attribute values. */
export function escapeHtml(text: string): string {
  return String(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * For a quick-pick label, description or detail (and a quick pick's title) built from Atlas or file text: VS Code
 * renders `$(name)` there as an icon, so a cluster or profile named `$(warning) prod` would show a warning icon that is
 * not ours. A backslash before `$(` is VS Code's own escape: the text shows as typed. Line breaks become spaces.
 */
export function escapeIcons(text: string): string {
  return String(text)
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/\$\(/g, '\\$(');
}
