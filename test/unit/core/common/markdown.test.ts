// Names from Atlas and from files render as themselves wherever they become Markdown or HTML.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  escapeHtml,
  escapeIcons,
  escapeMarkdown,
  markdownCell,
  markdownCode,
} from '../../../../src/core/common/markdown';

const HOSTILE = [
  '[click me](command:atlasBackup.signOut)',
  '![x](https://evil.example/pixel.png)',
  '<img src=x onerror=alert(1)>',
  '<a href="javascript:alert(1)">x</a>',
  '**bold** _it_ `code` ~~s~~',
  '# heading\n- list\n> quote',
  '$(alert) $(sync~spin)',
  'https://evil.example/login',
  'www.evil.example',
  '&lt;script&gt;',
  'a\\](command:x)',
  '| a | b |',
];

/** What a CommonMark renderer would turn into markup: an unescaped construct. */
function activeMarkup(md: string): string[] {
  const found: string[] = [];
  if (/(^|[^\\])\[[^\]]*(^|[^\\])\]\(/.test(md)) found.push('link');
  if (/<[a-z!/]/i.test(md)) found.push('html');
  if (/(^|[^\\])(\*\*|__|`|~~)/.test(md)) found.push('emphasis/code');
  if (/(^|[^\\])\$\(/.test(md)) found.push('theme icon');
  if (/(^|\n)\s*(#|-|>|\d+\.)\s/.test(md)) found.push('block');
  if (/https?:\/\//.test(md) || /(^|[^\\])www\./.test(md)) found.push('autolink');
  if (/[\r\n]/.test(md)) found.push('line break');
  return found;
}

test('escapeMarkdown leaves no link, image, HTML, emphasis, icon, block or autolink in hostile names', () => {
  for (const name of HOSTILE) {
    const out = escapeMarkdown(name);
    assert.deepEqual(activeMarkup(out), [], `${JSON.stringify(name)} → ${JSON.stringify(out)}`);
  }
});

test('escaped text still reads as the original once rendered (backslash escapes and entities only)', () => {
  const rendered = (md: string) =>
    md
      .replace(/\\(.)/g, '$1')
      .replace(/&lt;/g, '<')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
  for (const name of ['orders-rs', 'Prod (EU) #1', 'a_b*c', 'x < y & "z"', "it's"])
    assert.equal(rendered(escapeMarkdown(name)), name);
  assert.equal(escapeMarkdown('line1\nline2'), 'line1 line2');
});

test('markdownCode cannot be closed early by backticks in the text', () => {
  assert.equal(markdownCode('a`b'), '``a`b``');
  assert.equal(markdownCode('`x`'), '`` `x` ``');
  assert.equal(markdownCode('plain'), '`plain`');
});

test('escapeHtml escapes text and attribute values', () => {
  assert.equal(
    escapeHtml(`<b title="x" onclick='y'>&</b>`),
    '&lt;b title=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/b&gt;',
  );
});

// Issue #16: quick-pick labels built from Atlas or file text let `$(icon)` through (a cluster or profile named
// "$(warning) prod" showed a warning icon that was not ours).
test("escapeIcons: `$(name)` shows as typed in a quick pick (VS Code's own backslash escape); line breaks are spaces", () => {
  assert.equal(escapeIcons('$(warning) prod'), '\\$(warning) prod');
  assert.equal(escapeIcons('a $(x) b $(y~spin)'), 'a \\$(x) b \\$(y~spin)');
  assert.equal(escapeIcons('price $5 (net)'), 'price $5 (net)');
  assert.equal(escapeIcons('two\nlines'), 'two lines');
});

test('markdownCell keeps a value in its table cell: pipes escaped, line breaks one space, control characters gone', () => {
  assert.equal(markdownCell('a | b\r\nc\nd\re'), 'a \\| b c d e');
  assert.equal(markdownCell('x\u0007\u001by'), 'xy');
  assert.equal(markdownCell('# 1. - 12:00'), '# 1. - 12:00', 'block syntax does not apply in a cell: left readable');
});
