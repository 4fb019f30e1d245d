// `atlas-backup export --format terraform|atlas-cli|curl [--out FILE] SCHEDULE_FILE`: the schedule file as code.
// Reads the file only (no request to Atlas). The target cluster comes from the file's `atlas` block. A file with lint
// errors (schema or rules) is refused with exit 1: what is exported becomes code someone runs.
import { writeOutFile } from './outFile';
import {
  atlasCliCommand,
  ExportError,
  NotExportableError,
  readExportable,
  toAtlasCliFile,
  toCurl,
  toTerraform,
  type CodeExport,
} from '../core/fleet/codeExport';
import { lintSchedule } from '../core/schedule/lintSchedule';
import { EXIT, flagValue, InputError, parseArgs, RefusedError, UsageError, type Command } from './args';
import { baseUrlFrom, readScheduleFile } from './atlas';
import { COMMAND_HELP } from './help';

const FORMATS = ['terraform', 'atlas-cli', 'curl'] as const;

export const exportCommand: Command = {
  ...COMMAND_HELP.export,
  async run(args, io) {
    const p = parseArgs(args, { values: ['--format', '--out', '--base-url'] });
    const format = flagValue(p, '--format');
    if (!format) throw new UsageError('--format is needed: terraform, atlas-cli or curl');
    if (!(FORMATS as readonly string[]).includes(format))
      throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${format}"`);
    if (p.positionals.length !== 1) throw new UsageError('export takes one schedule file');
    const f = readScheduleFile(p.positionals[0]);
    const out = flagValue(p, '--out');
    let result: CodeExport;
    let target: { groupId: string; clusterName: string };
    try {
      const checked = await readExportable(f.text, lintSchedule);
      target = checked.target;
      result =
        format === 'terraform'
          ? toTerraform(checked.schedule, target)
          : format === 'curl'
            ? toCurl(checked.schedule, target, baseUrlFrom(p, io))
            : toAtlasCliFile(checked.schedule);
    } catch (e) {
      if (e instanceof NotExportableError)
        throw new RefusedError(
          `${f.file} is not exported: it has errors (run atlas-backup lint ${f.file}):\n  ${e.problems.join('\n  ')}`,
        );
      if (e instanceof ExportError) throw new InputError(`${f.file} cannot be exported as ${format}: ${e.message}`);
      throw e;
    }
    for (const w of result.warnings) io.err(`atlas-backup: warning: ${w}\n`);
    if (out) {
      const created = writeOutFile(out, result.text, { mode: format === 'curl' ? 0o755 : 0o644 });
      if (created) io.err(`Created the folder ${created}.\n`);
      if (format === 'atlas-cli') io.out(`${atlasCliCommand(target, out)}\n`);
      else io.out(`Wrote ${out}\n`);
    } else {
      io.out(result.text);
      if (format === 'atlas-cli') {
        const name = `${target.clusterName}.atlas-cli.json`;
        io.err(`Save this JSON as ${name} (or pass --out), then run:\n  ${atlasCliCommand(target, name)}\n`);
      }
    }
    return EXIT.ok;
  },
};
