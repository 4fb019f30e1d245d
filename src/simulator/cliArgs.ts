// Arguments of the simulator CLI (main.ts), apart so tests can check them without starting it.

const USAGE = 'usage: simulator [--port N] [--json] [--seed demo|scale] [--https | --cert FILE --key FILE]';

export interface Args {
  port: number;
  json: boolean;
  seed: 'demo' | 'scale';
  https: boolean;
  cert?: string;
  key?: string;
}

export function parseArgs(argv: string[]): Args | string {
  const out: Args = { port: 0, json: false, seed: 'demo', https: false };
  const value = (a: string, i: number): [string | undefined, number] =>
    a.includes('=') ? [a.slice(a.indexOf('=') + 1), i] : [argv[i + 1], i + 1];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const name = a.split('=')[0];
    if (a === '--json') out.json = true;
    else if (a === '--https') out.https = true;
    else if (name === '--seed') {
      const [v, j] = value(a, i);
      i = j;
      if (v !== 'demo' && v !== 'scale') return `--seed must be demo or scale, got ${v ?? 'nothing'}`;
      out.seed = v;
    } else if (name === '--port') {
      const [v, j] = value(a, i);
      i = j;
      if (v === undefined || !/^\d+$/.test(v) || Number(v) > 65535)
        return `--port needs a number 0-65535, got ${v ?? 'nothing'}`;
      out.port = Number(v);
    } else if (name === '--cert' || name === '--key') {
      const [v, j] = value(a, i);
      i = j;
      if (!v) return `${name} needs a file path`;
      out[name === '--cert' ? 'cert' : 'key'] = v;
    } else if (a === '--help' || a === '-h') return USAGE;
    else return `unknown argument ${a}\n${USAGE}`;
  }
  if ((out.cert === undefined) !== (out.key === undefined)) return `--cert and --key go together\n${USAGE}`;
  if (out.cert) out.https = true;
  return out;
}
