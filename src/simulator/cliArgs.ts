// Arguments of the simulator CLI (main.ts), apart so tests can check them without starting it.
import { parseArgs as parseNodeArgs } from 'node:util';

const USAGE =
  'usage: simulator [--port N] [--json] [--seed demo|scale] [--now ISO-8601|EPOCH_MS] [--https | --cert FILE --key FILE]';

export interface Args {
  port: number;
  json: boolean;
  seed: 'demo' | 'scale';
  https: boolean;
  cert?: string;
  key?: string;
  /** `--now`: the simulator's clock starts here (epoch ms) instead of at the machine's time. */
  now?: number;
}

/** The arguments, or the message to print (with exit 2): a usage error, or the usage itself for --help. */
export function parseArgs(argv: string[]): Args | string {
  const out: Args = { port: 0, json: false, seed: 'demo', https: false };
  // Not strict, and the tokens checked here: every message stays ours, and a repeated value (which util.parseArgs
  // would keep the last of silently) is refused.
  const { tokens } = parseNodeArgs({
    args: argv,
    options: {
      json: { type: 'boolean' },
      https: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      seed: { type: 'string' },
      port: { type: 'string' },
      cert: { type: 'string' },
      key: { type: 'string' },
      now: { type: 'string' },
    },
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const seen = new Set<string>();
  for (const t of tokens) {
    if (t.kind === 'option-terminator') continue;
    const a = argv[t.index];
    if (
      t.kind === 'positional' ||
      !['--json', '--https', '--help', '-h', '--seed', '--port', '--now', '--cert', '--key'].includes(t.rawName)
    )
      return `unknown argument ${a}\n${USAGE}`;
    const name = t.rawName,
      v = t.value;
    if (name === '--help' || name === '-h') return USAGE;
    if (name === '--json' || name === '--https') {
      if (v !== undefined) return `unknown argument ${a}\n${USAGE}`;
      out[name === '--json' ? 'json' : 'https'] = true;
      continue;
    }
    if (seen.has(name)) return `${name} given more than once\n${USAGE}`;
    seen.add(name);
    if (name === '--seed') {
      if (v !== 'demo' && v !== 'scale') return `--seed must be demo or scale, got ${v ?? 'nothing'}`;
      out.seed = v;
    } else if (name === '--port') {
      if (v === undefined || !/^\d+$/.test(v) || Number(v) > 65535)
        return `--port needs a number 0-65535, got ${v ?? 'nothing'}`;
      out.port = Number(v);
    } else if (name === '--now') {
      const ms = parseInstant(v);
      if (typeof ms === 'string') return `--now ${ms}`;
      out.now = ms;
    } else {
      if (!v) return `${name} needs a file path`;
      out[name === '--cert' ? 'cert' : 'key'] = v;
    }
  }
  if ((out.cert === undefined) !== (out.key === undefined)) return `--cert and --key go together\n${USAGE}`;
  if (out.cert) out.https = true;
  return out;
}

const ISO = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,3}))?)?(Z|[+-]\d\d:\d\d)$/;

/**
 * An instant as epoch ms, or why not: an ISO-8601 date-time with `Z` or an offset (a time without one would
 * depend on the machine's time zone), or whole milliseconds since 1970. Dates are checked against the calendar:
 * JavaScript's own parser turns 2026-02-30 into March 2nd.
 */
export function parseInstant(v: string | undefined): number | string {
  if (v === undefined || v === '') return 'needs an instant: an ISO-8601 date-time with Z or an offset, or epoch ms';
  if (/^\d+$/.test(v)) {
    const ms = Number(v);
    return Number.isSafeInteger(ms) && ms <= 8.64e15 ? ms : `epoch ms ${v} is out of range`;
  }
  const m = ISO.exec(v);
  if (!m)
    return `must be an ISO-8601 date-time with Z or an offset (e.g. 2026-12-05T23:30:00Z) or epoch ms, got ${JSON.stringify(v)}`;
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((k) => Number(m[k] ?? 0));
  const ms = Number((m[7] ?? '').padEnd(3, '0'));
  if (y < 1970) return `${JSON.stringify(v)} is before 1970`;
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (mo < 1 || mo > 12 || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d)
    return `${JSON.stringify(v)} is not a calendar date`;
  if (h > 23 || mi > 59 || s > 59) return `${JSON.stringify(v)} is not a time of day (00:00:00-23:59:59)`;
  const zone = m[8];
  const offsetMin =
    zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  if (Math.abs(offsetMin) > 18 * 60) return `${JSON.stringify(v)} has an offset beyond ±18:00`;
  return Date.UTC(y, mo - 1, d, h, mi, s, ms) - offsetMin * 60_000;
}

/**
 * The clock of a simulator started with `--now`: it reads `startMs` at start and then advances with the machine's
 * monotonic clock, so tokens expire and snapshots complete as usual, and a step of the wall clock (NTP) does not
 * jump it.
 */
export function clockFrom(startMs: number, elapsedMs: () => number = () => performance.now()): () => number {
  const t0 = elapsedMs();
  return () => startMs + Math.floor(elapsedMs() - t0);
}
