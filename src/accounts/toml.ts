// The subset of TOML that the Atlas CLI's config.toml uses: `[table]` headers (bare or quoted names, dotted keys
// read as one name), `key = value` with basic "..." and literal '...' strings, integers, floats, booleans, and
// comments. Arrays, inline tables and multi-line strings are skipped (the CLI writes none in a profile), never
// guessed at. Our own ~80 lines rather than a dependency: a full TOML library would be most of the bundle's
// growth for the six string keys we read. No vscode import.

export type TomlValue = string | number | boolean;
export interface TomlTables {
  [table: string]: Record<string, TomlValue>;
}

export class TomlError extends Error {
  override name = 'TomlError';
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

/** Top-level keys land in the table named "" (empty string). */
export function parseTomlTables(text: string): TomlTables {
  const tables: TomlTables = { '': {} };
  let current = tables[''];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let skipUntil: RegExp | undefined; // inside a multi-line array or string, which we do not read
  lines.forEach((raw, i) => {
    const n = i + 1;
    const line = raw.trim();
    if (skipUntil) {
      if (skipUntil.test(line)) skipUntil = undefined;
      return;
    }
    if (!line || line.startsWith('#')) return;
    const header = /^\[\s*([^[\]]+?)\s*\]\s*(#.*)?$/.exec(line);
    if (header) {
      const name = keyName(header[1], n);
      current = tables[name] ??= {};
      return;
    }
    if (/^\[\[/.test(line)) {
      current = {};
      return;
    } // arrays of tables: not used by profiles
    const eq = findEquals(line);
    if (eq < 0) throw new TomlError(n, 'expected "key = value"');
    const key = keyName(line.slice(0, eq).trim(), n);
    const rest = line.slice(eq + 1).trim();
    const v = value(rest, n);
    if (v === SKIP_ARRAY) {
      skipUntil = /\]\s*(#.*)?$/;
      return;
    }
    if (v === SKIP_BASIC) {
      skipUntil = /"""/;
      return;
    }
    if (v === SKIP_LITERAL) {
      skipUntil = /'''/;
      return;
    }
    if (v !== undefined) current[key] = v;
  });
  return tables;
}

const SKIP_ARRAY = Symbol('array'),
  SKIP_BASIC = Symbol('basic'),
  SKIP_LITERAL = Symbol('literal');
type Skip = typeof SKIP_ARRAY | typeof SKIP_BASIC | typeof SKIP_LITERAL;

function keyName(k: string, n: number): string {
  const t = k.trim();
  if (/^"(?:[^"\\]|\\.)*"$/.test(t)) return unescapeBasic(t.slice(1, -1), n);
  if (/^'[^']*'$/.test(t)) return t.slice(1, -1);
  if (/^[A-Za-z0-9_.\- ]+$/.test(t))
    return t
      .split('.')
      .map((p) => p.trim())
      .join('.');
  throw new TomlError(n, `bad key ${JSON.stringify(t)}`);
}

function findEquals(line: string): number {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '=') return i;
  }
  return -1;
}

function value(rest: string, n: number): TomlValue | undefined | Skip {
  if (rest.startsWith('"""') || rest.startsWith("'''")) {
    if (rest.slice(3).includes(rest.slice(0, 3))) return undefined;
    return rest.startsWith('"') ? SKIP_BASIC : SKIP_LITERAL;
  }
  let m = /^"((?:[^"\\]|\\.)*)"\s*(#.*)?$/.exec(rest);
  if (m) return unescapeBasic(m[1], n);
  m = /^'([^']*)'\s*(#.*)?$/.exec(rest);
  if (m) return m[1];
  const bare = rest.replace(/\s+#.*$/, '').trim();
  if (bare === 'true') return true;
  if (bare === 'false') return false;
  if (/^[+-]?\d[\d_]*$/.test(bare)) return Number(bare.replace(/_/g, ''));
  if (/^[+-]?\d[\d_]*(\.\d+)?([eE][+-]?\d+)?$/.test(bare)) return Number(bare.replace(/_/g, ''));
  if (bare.startsWith('[')) return /\]$/.test(bare) ? undefined : SKIP_ARRAY; // arrays: not read
  if (bare.startsWith('{')) return undefined; // inline tables: not read
  if (/^\d{4}-\d{2}-\d{2}/.test(bare)) return bare; // dates: kept as text
  throw new TomlError(n, `unsupported value ${JSON.stringify(bare.slice(0, 40))}`);
}

function unescapeBasic(s: string, n: number): string {
  return s.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_, e: string) => {
    switch (e[0]) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case '"':
        return '"';
      case '\\':
        return '\\';
      case 'u':
      case 'U':
        return String.fromCodePoint(parseInt(e.slice(1), 16));
      default:
        throw new TomlError(n, `bad escape \\${e}`);
    }
  });
}
