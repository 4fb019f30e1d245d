// A parsed schedule document: the jsonc-parser tree plus typed views of the parts rules look at. Built once per
// check so every rule reads the same tree; nothing here throws on any input.
import { findNodeAtLocation, parseTree, modify, type Node, type ParseError, type FormattingOptions } from './jsonc';
import type { JsonPath, TextEdit } from './types';

export interface Range {
  offset: number;
  length: number;
}

/** A policy item with each field's node (when present) and its value (when it has the expected JSON type). */
export interface ItemView {
  node: Node;
  path: JsonPath;
  index: number;
  frequencyType?: string;
  frequencyInterval?: number;
  retentionUnit?: string;
  retentionValue?: number;
  id?: string;
}

export class ScheduleDocument {
  readonly root: Node | undefined;
  readonly parseErrors: ParseError[] = [];
  private formatting: FormattingOptions | undefined;
  private itemViews: ItemView[] | undefined;

  readonly text: string;

  constructor(text: string) {
    // A byte-order mark is not JSON; a space in its place keeps every offset valid for the original text.
    this.text = withoutBom(text);
    this.root = parseTree(this.text, this.parseErrors, {
      allowTrailingComma: true,
      disallowComments: false,
      allowEmptyContent: true,
    });
  }

  /** The root when it is an object (rules other than `json-syntax` need nothing else). */
  get object(): Node | undefined {
    return this.root?.type === 'object' ? this.root : undefined;
  }

  /** `policies[0]` when policies is an array whose first element is an object. */
  get policy(): Node | undefined {
    const p = prop(this.object, 'policies');
    const first = p?.type === 'array' ? p.children?.[0] : undefined;
    return first?.type === 'object' ? first : undefined;
  }

  /** `policies[0].policyItems` when it is an array. */
  get itemsNode(): Node | undefined {
    const n = prop(this.policy, 'policyItems');
    return n?.type === 'array' ? n : undefined;
  }

  /** Every object element of `policies[0].policyItems`. */
  get items(): ItemView[] {
    if (this.itemViews) return this.itemViews;
    const views: ItemView[] = [];
    const arr = this.itemsNode;
    (arr?.children ?? []).forEach((node, index) => {
      if (node.type !== 'object') return;
      views.push({
        node,
        index,
        path: ['policies', 0, 'policyItems', index],
        frequencyType: str(prop(node, 'frequencyType')),
        frequencyInterval: int(prop(node, 'frequencyInterval')),
        retentionUnit: str(prop(node, 'retentionUnit')),
        retentionValue: int(prop(node, 'retentionValue')),
        id: str(prop(node, 'id')),
      });
    });
    return (this.itemViews = views);
  }

  /** Object elements of a top-level array property, with their paths. */
  elements(key: string): { node: Node; path: JsonPath }[] {
    const arr = prop(this.object, key);
    if (arr?.type !== 'array') return [];
    return (arr.children ?? []).flatMap((node, i) =>
      node.type === 'object' ? [{ node, path: [key, i] as JsonPath }] : [],
    );
  }

  /** Minimal edit setting `path` to `value` (or removing it when undefined), keeping comments and layout. */
  edit(path: JsonPath, value: unknown, isArrayInsertion = false): TextEdit[] {
    // jsonc-parser's modify re-parses the whole text; replacing or removing an existing member is done here
    // directly (the same edits modify makes), so a document with thousands of problems stays linear.
    const direct = isArrayInsertion ? undefined : this.directEdit(path, value);
    if (direct) return direct;
    try {
      return modify(this.text, path, value, { formattingOptions: this.format(), isArrayInsertion });
    } catch {
      return []; // jsonc-parser refuses some paths in broken documents; no fix is better than a crash
    }
  }

  /**
   * Inserts `"key": value` as a new member just before the property whose value is `sibling`, on its own line with
   * the sibling's indentation. Used when a fix also edits inside a later member, where modify's re-formatting of
   * the surrounding lines would overlap the other edit.
   */
  insertBefore(sibling: Node, key: string, value: unknown): TextEdit[] {
    const member = sibling.parent?.type === 'property' ? sibling.parent : undefined;
    if (!member) return [];
    const sep = this.separatorBefore(member.offset);
    return [{ offset: member.offset, length: 0, content: `${JSON.stringify(key)}: ${JSON.stringify(value)},${sep}` }];
  }

  /**
   * Inserts `"key": value` as a new member right after the property whose value is `sibling`, on its own line with
   * the sibling's indentation (so a field that belongs with another lands next to it, not at the end).
   */
  insertAfter(sibling: Node, key: string, value: unknown): TextEdit[] {
    const member = sibling.parent?.type === 'property' ? sibling.parent : undefined;
    if (!member) return [];
    const sep = this.separatorBefore(member.offset);
    return [
      {
        offset: member.offset + member.length,
        length: 0,
        content: `,${sep}${JSON.stringify(key)}: ${JSON.stringify(value)}`,
      },
    ];
  }

  /**
   * What goes between a new member and the one at `offset`: a line break and the same indentation when that member
   * starts its line, else a space. Looks back only over the indentation, so many fixes in a one-line file stay linear.
   */
  private separatorBefore(offset: number): string {
    let i = offset - 1;
    while (i >= 0 && (this.text[i] === ' ' || this.text[i] === '\t')) i--;
    return i < 0 || this.text[i] === '\n' ? `${this.format().eol}${this.text.slice(i + 1, offset)}` : ' ';
  }

  private directEdit(path: JsonPath, value: unknown): TextEdit[] | undefined {
    const node = this.root && path.length ? findNodeAtLocation(this.root, path) : undefined;
    if (!node) return undefined;
    if (value !== undefined) {
      if (value !== null && typeof value === 'object') return undefined;
      return [{ offset: node.offset, length: node.length, content: JSON.stringify(value) }];
    }
    const member = node.parent?.type === 'property' ? node.parent : node;
    const siblings = member.parent?.children ?? [];
    const i = siblings.indexOf(member);
    if (i < 0) return undefined;
    const prev = siblings[i - 1],
      next = siblings[i + 1];
    const start = prev ? prev.offset + prev.length : member.offset;
    const end = prev || !next ? member.offset + member.length : next.offset;
    return [{ offset: start, length: end - start, content: '' }];
  }

  private format(): FormattingOptions {
    if (this.formatting) return this.formatting;
    const eol = this.text.includes('\r\n') ? '\r\n' : '\n';
    const indent = /\n([ \t]+)\S/.exec(this.text)?.[1] ?? '  ';
    const insertSpaces = !indent.startsWith('\t');
    return (this.formatting = {
      eol,
      insertSpaces,
      tabSize: insertSpaces ? Math.max(1, Math.min(8, indent.length)) : 4,
    });
  }
}

/** `text` with a leading byte-order mark replaced by a space (same length, so offsets still match `text`). */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
}

/** The value node of property `key` of an object node. */
export function prop(obj: Node | undefined, key: string): Node | undefined {
  if (obj?.type !== 'object') return undefined;
  for (const p of obj.children ?? []) {
    const [k, v] = p.children ?? [];
    if (k?.value === key) return v;
  }
  return undefined;
}

/** The key node of property `key` of an object node (present even when the value is missing in broken JSON). */
export function propKey(obj: Node | undefined, key: string): Node | undefined {
  if (obj?.type !== 'object') return undefined;
  return (obj.children ?? []).find((p) => p.children?.[0]?.value === key)?.children?.[0];
}

export function has(obj: Node | undefined, key: string): boolean {
  if (obj?.type !== 'object') return false;
  return (obj.children ?? []).some((p) => p.children?.[0]?.value === key);
}

export function str(n: Node | undefined): string | undefined {
  return n?.type === 'string' && typeof n.value === 'string' ? n.value : undefined;
}

export function num(n: Node | undefined): number | undefined {
  return n?.type === 'number' && typeof n.value === 'number' && Number.isFinite(n.value) ? n.value : undefined;
}

export function int(n: Node | undefined): number | undefined {
  const v = num(n);
  return v !== undefined && Number.isInteger(v) ? v : undefined;
}

export function bool(n: Node | undefined): boolean | undefined {
  return n?.type === 'boolean' && typeof n.value === 'boolean' ? n.value : undefined;
}

export function range(n: Node): Range {
  return { offset: n.offset, length: n.length };
}

/** The key of the property whose value is `n` (falls back to the node itself). */
export function keyRange(n: Node): Range {
  const key = n.parent?.type === 'property' ? n.parent.children?.[0] : undefined;
  return key ? range(key) : range(n);
}

/**
 * Where to report a field missing from object `obj`: the key naming the object, else its opening brace. This is
 * also where vscode-json-languageservice reports "Missing property", so lintSchedule can de-duplicate.
 */
export function missingRange(obj: Node): Range {
  const key = obj.parent?.type === 'property' ? obj.parent.children?.[0] : undefined;
  return key ? range(key) : { offset: obj.offset, length: 1 };
}

/** `policies[0].policyItems[1].frequencyInterval` */
export function pathText(path: JsonPath): string {
  let s = '';
  for (const seg of path) s += typeof seg === 'number' ? `[${seg}]` : s ? `.${seg}` : seg;
  return s || '(document)';
}

/** A JSON value rendered for a message, kept short. */
export function show(n: Node | undefined): string {
  if (!n) return 'missing';
  switch (n.type) {
    case 'string':
      return JSON.stringify(String(n.value).length > 40 ? `${String(n.value).slice(0, 40)}…` : n.value);
    case 'number':
    case 'boolean':
      return String(n.value);
    case 'null':
      return 'null';
    case 'array':
      return 'an array';
    case 'object':
      return 'an object';
    case 'property':
      return 'a value';
  }
}

/** Deeper than any schedule (about 6 levels) by far, and well below where the recursive parsers run out of stack. */
export const MAX_NESTING = 256;

/**
 * Offset of the bracket that first nests deeper than `max`, or undefined. A linear scan that skips strings and
 * comments, so a pathological document is rejected before jsonc-parser and the language service recurse into it.
 */
export function excessiveNesting(text: string, max = MAX_NESTING): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22 && text.charCodeAt(i) !== 0x0a; i++)
        if (text.charCodeAt(i) === 0x5c) i++;
    } else if (c === 0x2f /* / */ && text.charCodeAt(i + 1) === 0x2f) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return i;
    } else if (c === 0x5d || c === 0x7d) {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}
