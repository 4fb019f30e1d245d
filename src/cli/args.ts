// Shared pieces of every `atlas-backup` command: the exit codes, the errors that map to them, the I/O a command
// gets, and one flag parser so that every command spells `--flag value`, `--flag=value`, `--` and unknown flags
// the same way. vscode-free.
import { parseArgs as parseNodeArgs } from 'node:util';

/** Exit codes, the same for every command (README "Command line"). */
export const EXIT = {
  /** Done, or nothing to do. */
  ok: 0,
  /** Refused: lint errors, a conflict, the compliance policy, declined, no `--yes` without a terminal. */
  refused: 1,
  /** Usage: missing or wrong flags, an invalid cluster name or project id, an unreadable file. */
  usage: 2,
  /** Atlas or the network: wrong credentials, an unreachable host, an error answer. */
  atlas: 3,
} as const;

/** Bad arguments: exit 2 with the usage text. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** An input file that cannot be read or is not what it should be: exit 2 with a message naming the file. */
export class InputError extends Error {
  override name = 'InputError';
}

/** A refusal the person can act on (exit 1); the message says why and what to do. */
export class RefusedError extends Error {
  override name = 'RefusedError';
}

/** Atlas or the network failed (exit 3); the message is already safe to show (no credential). */
export class AtlasFailure extends Error {
  override name = 'AtlasFailure';
}

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

/** What a command may use besides its arguments. Everything is injectable so the commands are testable. */
export interface CliContext extends Io {
  env: Record<string, string | undefined>;
  /** Whether a person can answer a question (stdin and stderr are terminals). */
  interactive: boolean;
  /** Asks a question on the terminal; resolves to the answer (undefined at end of input). */
  ask(question: string): Promise<string | undefined>;
  /** Waits between polls of a watch; tests pass one that moves the simulator's clock instead. */
  sleep?: (ms: number) => Promise<void>;
}

export interface Command {
  name: string;
  /** One or more `atlas-backup …` synopsis lines. */
  synopsis: string;
  /** Indented help lines shown under the synopsis block. */
  help: string;
  /** Resolves to the exit status; a command with nothing to wait for returns it directly. */
  run(args: string[], ctx: CliContext): number | Promise<number>;
}

export interface FlagSpec {
  /** Flags without a value, e.g. `--yes`. */
  booleans?: readonly string[];
  /** Flags with a value, given at most once, e.g. `--out FILE` or `--out=FILE`. */
  values?: readonly string[];
  /** Flags with a value that may be given several times, e.g. `--projectId ID --projectId ID`. */
  repeatable?: readonly string[];
}

export interface ParsedArgs {
  flags: Map<string, string | true>;
  /** The values of each repeatable flag given, in order. */
  lists: Map<string, string[]>;
  positionals: string[];
}

/**
 * Parses `args` against `spec` with Node's util.parseArgs: `--flag value`, `--flag=value`, booleans, `--` ends the
 * flags, `-` is a positional. Unknown flags, a value flag without a value or given twice, and a value given to a
 * boolean are usage errors naming the flag.
 */
export function parseArgs(args: readonly string[], spec: FlagSpec): ParsedArgs {
  const booleans = new Set(spec.booleans ?? []),
    values = new Set(spec.values ?? []),
    repeatable = new Set(spec.repeatable ?? []);
  const options: Record<string, { type: 'string' | 'boolean' }> = {};
  for (const f of booleans) options[f.slice(2)] = { type: 'boolean' };
  for (const f of [...values, ...repeatable]) options[f.slice(2)] = { type: 'string' };
  // Not strict, and the tokens checked here: Node's own errors would replace our usage messages, and it keeps the
  // last of a repeated option silently, where `--projectId A --projectId B` must be refused, not half obeyed.
  const { tokens } = parseNodeArgs({ args: [...args], options, strict: false, allowPositionals: true, tokens: true });
  const flags = new Map<string, string | true>();
  const lists = new Map<string, string[]>();
  const positionals: string[] = [];
  for (const t of tokens) {
    if (t.kind === 'positional') positionals.push(t.value);
    if (t.kind !== 'option') continue;
    const flag = t.rawName;
    if (booleans.has(flag)) {
      if (t.value !== undefined) throw new UsageError(`${flag} takes no value`);
      flags.set(flag, true);
    } else if (values.has(flag) || repeatable.has(flag)) {
      const v = t.value;
      // A repeatable flag followed by another flag has lost its value (`--projectId --format json`).
      if (v === undefined || v === '' || (repeatable.has(flag) && !t.inlineValue && v.startsWith('--')))
        throw new UsageError(`${flag} needs a value`);
      if (repeatable.has(flag)) lists.set(flag, [...(lists.get(flag) ?? []), v]);
      else if (flags.has(flag)) throw new UsageError(`${flag} given more than once`);
      else flags.set(flag, v);
    } else {
      throw new UsageError(`unknown option ${args[t.index]}`);
    }
  }
  return { flags, lists, positionals };
}

/** The value of a value flag, if given. */
export function flagValue(p: ParsedArgs, flag: string): string | undefined {
  const v = p.flags.get(flag);
  return typeof v === 'string' ? v : undefined;
}

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
