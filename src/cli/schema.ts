// `atlas-backup schema [DIR]`: the JSON schema of schedule files, printed or written to DIR.
import { editorSchema } from '../core/schedule/editorSchema';
import { scheduleSchema } from '../core/schedule/schema';
import { writeSchemaFile } from '../core/schedule/writeSchemaFile';
import { EXIT, parseArgs, UsageError, type Command } from './args';
import { COMMAND_HELP } from './help';

export const schemaCommand: Command = {
  ...COMMAND_HELP.schema,
  run(args, ctx) {
    // --editor (used by the build): the variant VS Code validates with, without the required lists the rules report.
    const { positionals, flags } = parseArgs(args, { booleans: ['--editor'] });
    if (positionals.length > 1) throw new UsageError('schema takes at most one directory');
    const schema = flags.has('--editor') ? editorSchema() : scheduleSchema;
    if (positionals[0]) ctx.out(`${writeSchemaFile(positionals[0], schema)}\n`);
    else ctx.out(`${JSON.stringify(schema, null, 2)}\n`);
    return EXIT.ok;
  },
};
