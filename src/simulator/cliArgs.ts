// Arguments of the simulator CLI (main.ts), apart so tests can check them without starting it.
import { parseArgs as parseNodeArgs } from 'node:util';

const USAGE = 'usage: simulator [--port N] [--json] [--seed demo|scale] [--https | --cert FILE --key FILE]';

export interface Args {
  port: number;
  json: boolean;
  seed: 'demo' | 'scale';
  https: boolean;
  cert?: string;
  key?: string;
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
      !['--json', '--https', '--help', '-h', '--seed', '--port', '--cert', '--key'].includes(t.rawName)
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
    } else {
      if (!v) return `${name} needs a file path`;
      out[name === '--cert' ? 'cert' : 'key'] = v;
    }
  }
  if ((out.cert === undefined) !== (out.key === undefined)) return `--cert and --key go together\n${USAGE}`;
  if (out.cert) out.https = true;
  return out;
}
