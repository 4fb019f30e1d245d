// The CLI's dispatch, apart from the command table so that a bundle can carry only some commands: dist/cli/lint.cjs
// (lintBin.ts: lint and schema) and dist/cli/main.cjs (bin.ts: every command, the table in main.ts) share it.
// Exit codes are the same for every command (EXIT in args.ts): 0 done or nothing to do, 1 refused, 2 usage, 3 Atlas
// or network error.
import { describeUnexpected, exitQuietlyOnClosedPipe } from './io';
import { version } from '../../package.json';
import { AtlasError } from '../core/atlas/errors';
import {
  AtlasFailure,
  EXIT,
  InputError,
  RefusedError,
  UsageError,
  type CliContext,
  type Command,
  type Io,
} from './args';
import { terminalText } from './terminal';
import { helpAsked, usage, type CommandHelp } from './help';
import { cliAtlasMessage, inCommandLineWords } from './words';

/** A command's help and how to load it (see COMMANDS in main.ts). */
export type CommandEntry = CommandHelp & { load(): Promise<Command> };

/** What a usage error shows: the synopsis of the command it is about (every command's when none), not the whole help. */
export function shortUsage(commands: readonly CommandHelp[], command?: CommandHelp): string {
  const lines = (command ? [command] : commands).map((c) => `  ${c.synopsis.split('\n').join('\n  ')}`);
  return [
    'Usage:',
    ...lines,
    `Run "atlas-backup ${command ? `${command.name} ` : ''}--help" for the options and exit codes.`,
  ].join('\n');
}

/**
 * Every command writes through this context, so this is where text from files and servers is made safe for a
 * terminal (terminal.ts): no command can forget it, and JSON outputs keep their meaning.
 */
function defaultContext(io: Io & Partial<CliContext>): CliContext {
  const ask = io.ask ?? (() => Promise.resolve(undefined));
  return {
    out: (s) => io.out(terminalText(s)),
    err: (s) => io.err(terminalText(s)),
    env: io.env ?? {},
    interactive: io.interactive ?? false,
    ask: (question) => ask(terminalText(question)),
    now: io.now ?? Date.now,
    sleep: io.sleep ?? sleepFor,
    onInterrupt: io.onInterrupt ?? (() => () => undefined),
  };
}

/** Resolves after `ms`, or at once when `signal` aborts. */
function sleepFor(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}

/** Runs `args` (without node and the script) with one of `commands`; resolves to the exit status. */
export async function dispatch(
  commands: readonly CommandEntry[],
  args: string[],
  io: Io & Partial<CliContext>,
): Promise<number> {
  const ctx = defaultContext(io);
  const [name, ...rest] = args;
  const command = commands.find((c) => c.name === name);
  try {
    const asked = helpAsked(args);
    if (asked) {
      ctx.out(asked === 'version' ? `${version}\n` : `${usage()}\n`);
      return EXIT.ok;
    }
    if (!command) throw new UsageError(name === undefined ? 'no command given' : `unknown command "${name}"`);
    return await (await command.load()).run(rest, ctx);
  } catch (e) {
    if (e instanceof UsageError) {
      ctx.err(`atlas-backup: ${e.message}\n\n${shortUsage(commands, command)}\n`);
      return EXIT.usage;
    }
    if (e instanceof InputError) {
      ctx.err(`atlas-backup: ${e.message}\n`);
      return EXIT.usage;
    }
    if (e instanceof RefusedError) {
      ctx.err(`atlas-backup: ${e.message}\n`);
      return EXIT.refused;
    }
    // AtlasError messages are built to be shown (redacted, no credential): the sentence and its hint.
    if (e instanceof AtlasFailure) {
      ctx.err(`atlas-backup: ${inCommandLineWords(e.message)}\n`);
      return EXIT.atlas;
    }
    if (e instanceof AtlasError) {
      ctx.err(`atlas-backup: ${cliAtlasMessage(e)}\n`);
      return EXIT.atlas;
    }
    ctx.err(describeUnexpected(e, process.env));
    return EXIT.usage;
  }
}

function processContext(): Io & Partial<CliContext> {
  return {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    env: process.env,
    interactive: !!process.stdin.isTTY && !!process.stderr.isTTY,
    ask: async (question) => {
      // Loaded only when a question is asked: most runs (CI) never need readline.
      const readline = await import('node:readline');
      return new Promise((resolve) => {
        const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
        let answered = false;
        rl.question(question, (a) => {
          answered = true;
          rl.close();
          resolve(a);
        });
        rl.on('close', () => {
          if (!answered) resolve(undefined);
        });
      });
    },
    onInterrupt: (handler) => {
      process.on('SIGINT', handler);
      return () => {
        process.off('SIGINT', handler);
      };
    },
  };
}

/** Runs `commands` on this process's arguments and streams (bin.ts and lintBin.ts, the bundles' entries, call it). */
export function runProcess(commands: readonly CommandEntry[]): Promise<void> {
  exitQuietlyOnClosedPipe(
    process.stdout,
    (code) => process.exit(code),
    (line) => process.stderr.write(line),
  );
  return dispatch(commands, process.argv.slice(2), processContext()).then((code) => {
    process.exitCode = code;
  });
}
