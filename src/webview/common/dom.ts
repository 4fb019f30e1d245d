// The DOM helpers both webviews build their views with (browser code, not an entry of its own). Text is always a
// text node and attributes are set one by one, so nothing from the document or from Atlas is ever parsed as HTML.

export type Attrs = Record<string, string | number | boolean | undefined>;

/** Sets each attribute; `true` is a present boolean attribute, `false` and undefined leave it out. */
export function setAttrs(el: Element, attrs: Attrs): void {
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? '' : String(v));
  }
}

/** An HTML element with attributes and children (strings become text nodes; undefined and false are skipped). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Node | string | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  for (const c of children)
    if (c !== undefined && c !== false) el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return el;
}

const SVG = 'http://www.w3.org/2000/svg';

/** An SVG element with attributes and, optionally, its text. */
export function s(tag: string, attrs: Attrs = {}, text?: string): SVGElement {
  const el = document.createElementNS(SVG, tag);
  setAttrs(el, attrs);
  if (text !== undefined) el.textContent = text;
  return el;
}
