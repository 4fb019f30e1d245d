// Faults injected on demand: an error status for the next N matching requests, extra latency,
// dropped connections, rate-limit bursts. Never applied to the control plane (`/__sim/*`).

export interface FaultSpec {
  /** Matches the request path without the query, by prefix. Absent: every API request. */
  pathPrefix?: string;
  method?: string;
  /** How many matching requests the rule applies to (default 1). */
  count?: number;
  status?: number;
  errorCode?: string;
  detail?: string;
  latencyMs?: number;
  /** Destroy the socket without answering (before the request takes effect). */
  drop?: boolean;
  /**
   * Handle the request normally (a write takes effect) and then `drop` the connection without the answer, or send
   * the answer's status with a `malformed` (truncated, not JSON) body.
   */
  after?: 'drop' | 'malformed';
  retryAfterSeconds?: number;
}

export interface ActiveFault extends FaultSpec {
  remaining: number;
}

export function parseFaultSpec(v: unknown): FaultSpec | string {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'body must be a JSON object';
  const o = v as Record<string, unknown>;
  const out: FaultSpec = {};
  const str = (k: 'pathPrefix' | 'method' | 'errorCode' | 'detail') => {
    if (o[k] === undefined) return undefined;
    if (typeof o[k] !== 'string') return `${k} must be a string`;
    out[k] = o[k];
    return undefined;
  };
  const num = (k: 'count' | 'status' | 'latencyMs' | 'retryAfterSeconds', min: number, max: number) => {
    if (o[k] === undefined) return undefined;
    const n = o[k];
    if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max)
      return `${k} must be an integer in ${min}..${max}`;
    out[k] = n;
    return undefined;
  };
  const problem =
    str('pathPrefix') ??
    str('method') ??
    str('errorCode') ??
    str('detail') ??
    num('count', 1, 1_000_000) ??
    num('status', 100, 599) ??
    num('latencyMs', 0, 600_000) ??
    num('retryAfterSeconds', 0, 86_400);
  if (problem) return problem;
  if (o.after !== undefined) {
    if (o.after !== 'drop' && o.after !== 'malformed') return 'after must be "drop" or "malformed"';
    out.after = o.after;
  }
  if (o.drop !== undefined) {
    if (typeof o.drop !== 'boolean') return 'drop must be a boolean';
    out.drop = o.drop;
  }
  const known = new Set([
    'pathPrefix',
    'method',
    'count',
    'status',
    'errorCode',
    'detail',
    'latencyMs',
    'drop',
    'retryAfterSeconds',
    'after',
  ]);
  const unknown = Object.keys(o).find((k) => !known.has(k));
  if (unknown) return `unknown field ${unknown}`;
  if (
    out.status === undefined &&
    out.latencyMs === undefined &&
    !out.drop &&
    out.retryAfterSeconds === undefined &&
    out.after === undefined
  ) {
    return 'a fault needs status, latencyMs, drop, after or retryAfterSeconds';
  }
  return out;
}

export class FaultSet {
  private rules: ActiveFault[] = [];

  /** Adds a rule; throws TypeError on a malformed spec. */
  add(spec: FaultSpec): void {
    const parsed = parseFaultSpec(spec);
    if (typeof parsed === 'string') throw new TypeError(`Invalid fault: ${parsed}`);
    this.rules.push({ ...parsed, remaining: parsed.count ?? 1 });
  }

  clear(): void {
    this.rules = [];
  }

  list(): ActiveFault[] {
    return this.rules.map((r) => ({ ...r }));
  }

  /** Consumes one use of the first rule matching this request. */
  take(method: string, path: string): FaultSpec | undefined {
    const i = this.rules.findIndex(
      (r) =>
        r.remaining > 0 &&
        (!r.method || r.method.toUpperCase() === method.toUpperCase()) &&
        (!r.pathPrefix || path.startsWith(r.pathPrefix)),
    );
    if (i < 0) return undefined;
    const r = this.rules[i];
    r.remaining -= 1;
    if (r.remaining <= 0) this.rules.splice(i, 1);
    return r;
  }
}
