// `atlas-backup`: lint Atlas backup schedule files (`*.schedule.json`) in CI, with the same rules and schema as the
// editor. Exit codes: 0 no errors, 1 at least one error-severity problem, 2 usage error or unreadable input.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { version } from '../package.json';
import { lintSchedule } from './schedule/lintSchedule';
import { scheduleSchema } from './schedule/schema';
import { parseTree, getNodeValue, type ParseError } from './schedule/jsonc';
import { writeSchemaFile } from './schedule/writeSchemaFile';
import type { CompliancePolicy, Problem, ScheduleContext } from './schedule/types';

const USAGE = `Usage:
  atlas-backup lint [--nvme] [--pit|--no-pit] [--compliance POLICY.json] [--format text|json] FILE|DIR...
  atlas-backup schema [DIR]
  atlas-backup --help | --version

lint     Checks Atlas backup schedule files (API version 2024-08-05, JSON or JSONC) against the
         schedule schema and rules (docs/rules.md). A directory lints the *.schedule.json files in it.
  --nvme               the cluster is NVMe (hourly items only every 12 hours)
  --pit                the cluster has continuous backup (point-in-time restore)
  --no-pit             the cluster has no continuous backup (checks PIT-only settings)
  --compliance FILE    the project's Backup Compliance Policy, as GET /backupCompliancePolicy returns it
  --format text|json   text (default): "file:line:column  severity  message  rule-id" and a summary;
                       json: an array of { file, ruleId, severity, message, line, column, path }
schema   Prints the JSON schema, or writes DIR/backup-schedule.schema.json.

Exit status: 0 no errors, 1 errors found, 2 usage error or unreadable file.`;

/** Bad arguments: exit 2 with the usage text. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** An input file that cannot be read or is not what it should be: exit 2 with a message naming the file. */
export class InputError extends Error {
  override name = 'InputError';
}

export interface Io { out(s: string): void; err(s: string): void }

interface LintOptions { ctx: ScheduleContext; format: 'text' | 'json'; inputs: string[] }

function parseLintArgs(args: string[]): LintOptions {
  const ctx: ScheduleContext = {};
  let format: 'text' | 'json' = 'text';
  let compliance: string | undefined;
  const inputs: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--nvme') ctx.nvme = true;
    else if (flag === '--pit') ctx.pitEnabled = true;
    else if (flag === '--no-pit') ctx.pitEnabled = false;
    else if (flag === '--compliance') compliance = value();
    else if (flag === '--format') {
      const f = value();
      if (f !== 'text' && f !== 'json') throw new UsageError(`--format must be text or json, not "${f}"`);
      format = f;
    } else if (flag === '--') inputs.push(...args.slice(i + 1)), (i = args.length);
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
    else inputs.push(a);
  }
  if (!inputs.length) throw new UsageError('no files to lint');
  if (compliance !== undefined) ctx.compliance = readCompliance(compliance);
  return { ctx, format, inputs };
}

/** Reads a compliance policy file; anything but a policy-shaped JSON object is a usage error naming the file. */
export function readCompliance(file: string): CompliancePolicy {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read compliance policy ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const errors: ParseError[] = [];
  const root = parseTree(text.replace(/^\uFEFF/, ''), errors, { allowTrailingComma: true });
  const value: unknown = root && !errors.length ? getNodeValue(root) : undefined;
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new InputError(`${file} is not a Backup Compliance Policy: expected a JSON object`);
  const v = value as Record<string, unknown>;
  const bad = (why: string): never => { throw new InputError(`${file} is not a valid Backup Compliance Policy: ${why}`); };
  if (v.scheduledPolicyItems !== undefined) {
    if (!Array.isArray(v.scheduledPolicyItems)) bad('scheduledPolicyItems must be an array');
    (v.scheduledPolicyItems as unknown[]).forEach((it, i) => {
      const item = it as Record<string, unknown> | null;
      if (!item || typeof item !== 'object') bad(`scheduledPolicyItems[${i}] must be an object`);
      else if (typeof item.frequencyType !== 'string' || typeof item.retentionUnit !== 'string' || typeof item.retentionValue !== 'number') bad(`scheduledPolicyItems[${i}] needs frequencyType, retentionUnit and retentionValue`);
    });
  }
  if (v.restoreWindowDays !== undefined && typeof v.restoreWindowDays !== 'number') bad('restoreWindowDays must be a number');
  if (v.pitEnabled !== undefined && typeof v.pitEnabled !== 'boolean') bad('pitEnabled must be true or false');
  if (v.state !== undefined && typeof v.state !== 'string') bad('state must be a string');
  return v as CompliancePolicy;
}

/** Expands directory arguments into their `*.schedule.json` files (recursively, skipping dot-folders and node_modules). */
function expandInputs(inputs: string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) { if (!e.name.startsWith('.') && e.name !== 'node_modules') walk(p); } else if (e.name.endsWith('.schedule.json')) files.push(p);
    }
  };
  for (const input of inputs) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(input);
    } catch (e) {
      throw new InputError(`cannot read ${input}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message}`);
    }
    if (stat.isDirectory()) walk(input); else files.push(input);
  }
  return files;
}

/** 1-based line and column (in UTF-16 code units, as editors count) of each offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1, start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) { line++; start = i + 1; }
  return { line, column: offset - start + 1 };
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

async function lint(args: string[], io: Io): Promise<number> {
  const opts = parseLintArgs(args);
  const files = expandInputs(opts.inputs);
  const results: { file: string; text: string; problems: Problem[] }[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    } catch (e) {
      throw new InputError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    results.push({ file, text, problems: await lintSchedule(text, opts.ctx) });
  }
  let errors = 0, warnings = 0;
  const rows = results.flatMap(({ file, text, problems }) => problems.map((p) => {
    if (p.severity === 'error') errors++; else if (p.severity === 'warning') warnings++;
    return { file, ruleId: p.ruleId, severity: p.severity, message: p.message, ...lineColumn(text, p.offset), path: p.path };
  }));
  if (opts.format === 'json') {
    io.out(`${JSON.stringify(rows, null, 2)}\n`);
  } else {
    for (const r of rows) io.out(`${r.file}:${r.line}:${r.column}  ${r.severity}  ${r.message}  ${r.ruleId}\n`);
    io.out(`${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(files.length, 'file')}\n`);
  }
  return errors > 0 ? 1 : 0;
}

/** Runs the CLI with `args` (without node and the script); resolves to the exit status. */
export async function main(args: string[], io: Io): Promise<number> {
  try {
    const [command, ...rest] = args;
    if (command === '--help' || command === '-h' || command === 'help') { io.out(`${USAGE}\n`); return 0; }
    if (command === '--version' || command === '-v') { io.out(`${version}\n`); return 0; }
    if (command === 'lint') {
      if (rest.includes('--help') || rest.includes('-h')) { io.out(`${USAGE}\n`); return 0; }
      return await lint(rest, io);
    }
    if (command === 'schema') {
      if (rest.length > 1) throw new UsageError('schema takes at most one directory');
      if (rest[0]) io.out(`${writeSchemaFile(rest[0])}\n`); else io.out(`${JSON.stringify(scheduleSchema, null, 2)}\n`);
      return 0;
    }
    throw new UsageError(command === undefined ? 'no command given' : `unknown command "${command}"`);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`atlas-backup: ${e.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (e instanceof InputError) {
      io.err(`atlas-backup: ${e.message}\n`);
      return 2;
    }
    io.err(`atlas-backup: unexpected error: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    return 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2), { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) })
    .then((code) => { process.exitCode = code; });
}
