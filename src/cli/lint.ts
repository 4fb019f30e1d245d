// `atlas-backup lint`: lint Atlas backup schedule files (`*.schedule.json`) in CI, with the same rules and schema
// as the editor. Exit 0 no errors, 1 at least one error-severity problem, 2 usage error or unreadable input.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintSchedule } from '../core/schedule/lintSchedule';
import { lineIndexOf } from '../core/schedule/lineIndex';
import { parseTree, getNodeValue, type ParseError } from '../core/schedule/jsonc';
import type { CompliancePolicy, Problem, ScheduleContext } from '../core/schedule/types';
import { version } from '../../package.json';
import { codePointOrder, rules } from '../core/schedule/checkSchedule';
import { toSarif } from '../core/fleet/sarif';
import { EXIT, flagValue, InputError, parseArgs, plural, UsageError, type Command } from './args';
import { oneLine } from './terminal';
import { COMMAND_HELP } from './help';

/** Reads a compliance policy file; anything but a policy-shaped JSON object is a usage error naming the file. */
export function readCompliance(file: string): CompliancePolicy {
  let text: string;
  try {
    text = readRegularFile(file);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(
      `cannot read compliance policy ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  const errors: ParseError[] = [];
  const root = parseTree(text.replace(/^\uFEFF/, ''), errors, { allowTrailingComma: true });
  const value: unknown = root && !errors.length ? getNodeValue(root) : undefined;
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new InputError(`${file} is not a Backup Compliance Policy: expected a JSON object`);
  const v = value as Record<string, unknown>;
  const bad = (why: string): never => {
    throw new InputError(`${file} is not a valid Backup Compliance Policy: ${why}`);
  };
  if (v.scheduledPolicyItems !== undefined) {
    if (!Array.isArray(v.scheduledPolicyItems)) bad('scheduledPolicyItems must be an array');
    (v.scheduledPolicyItems as unknown[]).forEach((it, i) => {
      const item = it as Record<string, unknown> | null;
      if (!item || typeof item !== 'object') bad(`scheduledPolicyItems[${i}] must be an object`);
      else if (
        typeof item.frequencyType !== 'string' ||
        typeof item.retentionUnit !== 'string' ||
        typeof item.retentionValue !== 'number'
      )
        bad(`scheduledPolicyItems[${i}] needs frequencyType, retentionUnit and retentionValue`);
    });
  }
  if (v.restoreWindowDays !== undefined && typeof v.restoreWindowDays !== 'number')
    bad('restoreWindowDays must be a number');
  if (v.pitEnabled !== undefined && typeof v.pitEnabled !== 'boolean') bad('pitEnabled must be true or false');
  if (v.state !== undefined && typeof v.state !== 'string') bad('state must be a string');
  return v;
}

/** Expands directory arguments into their `*.schedule.json` files (recursively, skipping dot-folders and node_modules). */
function expandInputs(inputs: string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => codePointOrder(a.name, b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!e.name.startsWith('.') && e.name !== 'node_modules') walk(p);
      } else if (e.name.endsWith('.schedule.json')) files.push(p);
    }
  };
  for (const input of inputs) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(input);
    } catch (e) {
      throw new InputError(
        `cannot read ${input}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message}`,
      );
    }
    if (stat.isDirectory()) walk(input);
    else files.push(input);
  }
  return files;
}

/** What a path is when it is not a regular file, in words; undefined for a regular file. */
function notRegular(stat: fs.Stats): string | undefined {
  if (stat.isFile()) return undefined;
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isDirectory()) return 'a directory';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Reads a file that must be a regular file. It is opened without blocking and checked on the open descriptor, so a
 * named pipe (which would wait for a writer forever), a device (endless) or a directory is refused at once, and
 * nothing can be swapped in between the check and the read.
 */
function readRegularFile(file: string): string {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  try {
    const what = notRegular(fs.fstatSync(fd));
    if (what) throw new InputError(`cannot read ${file}: it is ${what}, not a regular file`);
    return fs.readFileSync(fd, 'utf8');
  } finally {
    fs.closeSync(fd);
  }
}

/** Refuses a path to be written that exists and is not a regular file (a FIFO would block the write forever). */
export function refuseNonRegularTarget(file: string, flag: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return; // absent (or unreadable): the write itself says so
  }
  const what = notRegular(stat);
  if (what) throw new InputError(`cannot write ${flag} ${file}: it is ${what}, not a regular file`);
}

/** Reads a text file (BOM dropped); an unreadable file, or one that is not a regular file, is an InputError naming it. */
export function readText(file: string): string {
  try {
    return readRegularFile(file).replace(/^\uFEFF/, '');
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(
      `cannot read ${file}: ${code === 'ENOENT' ? 'no such file or directory' : (code ?? (e as Error).message)}`,
    );
  }
}

/** 1-based line and column (in UTF-16 code units, as editors count) of each offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  return lineIndexOf(text).at(offset);
}

/** One problem as the text format prints it: `file:line:column  severity  message  rule-id`. */
export function formatProblem(file: string, text: string, p: Problem): string {
  const { line, column } = lineColumn(text, p.offset);
  return `${oneLine(file)}:${line}:${column}  ${p.severity}  ${oneLine(p.message)}  ${p.ruleId}`;
}

export const lintCommand: Command = {
  ...COMMAND_HELP.lint,
  async run(args, io) {
    const p = parseArgs(args, { booleans: ['--nvme', '--pit', '--no-pit'], values: ['--compliance', '--format'] });
    const ctx: ScheduleContext = {};
    if (p.flags.has('--nvme')) ctx.nvme = true;
    if (p.flags.has('--pit') && p.flags.has('--no-pit'))
      throw new UsageError('--pit and --no-pit contradict each other');
    if (p.flags.has('--pit')) ctx.pitEnabled = true;
    if (p.flags.has('--no-pit')) ctx.pitEnabled = false;
    const format = flagValue(p, '--format') ?? 'text';
    if (format !== 'text' && format !== 'json' && format !== 'sarif')
      throw new UsageError(`--format must be text, json or sarif, not "${format}"`);
    if (!p.positionals.length) throw new UsageError('no files to lint');
    const compliance = flagValue(p, '--compliance');
    if (compliance !== undefined) ctx.compliance = readCompliance(compliance);

    const files = expandInputs(p.positionals);
    const results: { file: string; text: string; problems: Problem[] }[] = [];
    for (const file of files) {
      const text = readText(file);
      results.push({ file, text, problems: await lintSchedule(text, ctx) });
    }
    let errors = 0,
      warnings = 0;
    const rows = results.flatMap(({ file, text, problems }) =>
      problems.map((pr) => {
        if (pr.severity === 'error') errors++;
        else if (pr.severity === 'warning') warnings++;
        return {
          file,
          ruleId: pr.ruleId,
          severity: pr.severity,
          message: pr.message,
          ...lineColumn(text, pr.offset),
          path: pr.path,
        };
      }),
    );
    if (format === 'sarif') {
      const inputs = results.flatMap(({ file, text, problems }) =>
        problems.map((pr) => {
          const start = lineColumn(text, pr.offset),
            end = lineColumn(text, pr.offset + Math.max(pr.length, 0));
          return {
            ruleId: pr.ruleId,
            severity: pr.severity,
            message: pr.message,
            path: path.relative(process.cwd(), path.resolve(file)).split(path.sep).join('/'),
            region: {
              startLine: start.line,
              startColumn: start.column,
              endLine: end.line,
              endColumn: end.line === start.line && end.column === start.column ? start.column + 1 : end.column,
            },
          };
        }),
      );
      io.out(`${JSON.stringify(toSarif(inputs, { rules, version }), null, 2)}\n`);
    } else if (format === 'json') {
      io.out(`${JSON.stringify(rows, null, 2)}\n`);
    } else {
      // A key name in a message comes from the file: one line, whatever it holds.
      for (const r of rows)
        io.out(`${oneLine(r.file)}:${r.line}:${r.column}  ${r.severity}  ${oneLine(r.message)}  ${r.ruleId}\n`);
      io.out(`${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(files.length, 'file')}\n`);
    }
    return errors > 0 ? EXIT.refused : EXIT.ok;
  },
};
