// `atlas-backup schema [DIR]`: the JSON schema of schedule files, printed or written to DIR.
import { scheduleSchema } from '../schedule/schema';
import { writeSchemaFile } from '../schedule/writeSchemaFile';
import { EXIT, parseArgs, UsageError, type Command } from './args';

export const schemaCommand: Command = {
  name: 'schema',
  synopsis: 'atlas-backup schema [DIR]',
  help: `schema   Prints the JSON schema, or writes DIR/backup-schedule.schema.json.`,
  async run(args, ctx) {
    const { positionals } = parseArgs(args, {});
    if (positionals.length > 1) throw new UsageError('schema takes at most one directory');
    if (positionals[0]) ctx.out(`${writeSchemaFile(positionals[0])}\n`); else ctx.out(`${JSON.stringify(scheduleSchema, null, 2)}\n`);
    return EXIT.ok;
  },
};
