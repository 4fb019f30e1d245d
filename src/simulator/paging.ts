// Atlas's list shape: `results`, `totalCount` (omitted with includeCount=false), and RFC 5988
// `links` with absolute hrefs (`self`, plus `previous`/`next` when those pages exist).
import { Errors } from './apiError';
import type { Link } from './render';

export interface PageParams {
  itemsPerPage: number;
  pageNum: number;
  includeCount: boolean;
}

function intParam(q: URLSearchParams, name: string, def: number, min: number, max: number): number {
  const raw = q.get(name);
  if (raw === null) return def;
  if (!/^-?\d+$/.test(raw.trim())) throw Errors.invalidQueryParameter(name, 'must be an integer');
  const n = Number(raw);
  if (n < min || n > max)
    throw Errors.invalidQueryParameter(
      name,
      max === Number.MAX_SAFE_INTEGER ? `must be at least ${min}` : `must be between ${min} and ${max}`,
    );
  return n;
}

export function boolParam(q: URLSearchParams, name: string, def: boolean): boolean {
  const raw = q.get(name);
  if (raw === null) return def;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw Errors.invalidQueryParameter(name, 'must be true or false');
}

export function pageParams(q: URLSearchParams): PageParams {
  return {
    itemsPerPage: intParam(q, 'itemsPerPage', 100, 1, 500),
    pageNum: intParam(q, 'pageNum', 1, 1, Number.MAX_SAFE_INTEGER),
    includeCount: boolParam(q, 'includeCount', true),
  };
}

export function page<T>(
  all: readonly T[],
  p: PageParams,
  selfUrl: URL,
  render: (t: T) => unknown,
): Record<string, unknown> {
  const start = (p.pageNum - 1) * p.itemsPerPage;
  const results = all.slice(start, start + p.itemsPerPage).map(render);
  const link = (pageNum: number, rel: string): Link => {
    const u = new URL(selfUrl.href);
    u.searchParams.set('pageNum', String(pageNum));
    u.searchParams.set('itemsPerPage', String(p.itemsPerPage));
    return { href: u.href, rel };
  };
  const links: Link[] = [];
  if (p.pageNum > 1) links.push(link(p.pageNum - 1, 'previous'));
  links.push(link(p.pageNum, 'self'));
  if (start + p.itemsPerPage < all.length) links.push(link(p.pageNum + 1, 'next'));
  const out: Record<string, unknown> = { links, results };
  if (p.includeCount) out.totalCount = all.length;
  return out;
}
