// `atlas-backup diff [--exit-code] FILE`: what pushing FILE would change in Atlas, as a person reads it.
import { diffSchedules, formatChanges } from '../core/schedule/diff';
import { scheduleFingerprint } from '../core/schedule/scheduleFile';
import { EXIT, parseArgs, plural, UsageError, type Command } from './args';
import { formatTime } from '../core/time/formatTime';
import { describeDrift } from './pulledBase';
import { checkOrigin, CONNECTION_FLAGS, readScheduleFile, withAtlas } from './atlas';
import { COMMAND_HELP } from './help';

export const diffCommand: Command = {
  ...COMMAND_HELP.diff,
  async run(args, ctx) {
    const p = parseArgs(args, { booleans: ['--exit-code'], values: [CONNECTION_FLAGS[0]] });
    if (p.positionals.length !== 1) throw new UsageError('diff takes one schedule file');
    const f = readScheduleFile(p.positionals[0]);
    return withAtlas(p, ctx, async ({ client, origin }) => {
      checkOrigin(f, origin);
      const { groupId, clusterName, pulled } = f.target;
      const remote = await client.getBackupSchedule(groupId, clusterName);
      if (pulled && scheduleFingerprint(remote) !== pulled.fingerprint) {
        const sides = describeDrift(remote, f.schedule, pulled, f.file);
        ctx.err(
          sides
            ? `Note: Atlas's schedule of ${clusterName} changed since ${f.file} was pulled. Which side changed what:\n${sides}\n`
            : `Note: Atlas's schedule of ${clusterName} changed since ${f.file} was pulled (${formatTime(pulled.at, { local: true })}); the list below includes those changes, which a push would undo.\n`,
        );
      }
      const changes = diffSchedules(remote, f.schedule);
      if (!changes.length) {
        ctx.out(
          `No differences: ${f.file} matches the backup schedule of ${clusterName} (project ${groupId}) in Atlas.\n`,
        );
        return EXIT.ok;
      }
      ctx.out(
        `Pushing ${f.file} would make ${plural(changes.length, 'change')} to ${clusterName} (project ${groupId}):\n${formatChanges(changes)}\n`,
      );
      return p.flags.has('--exit-code') ? EXIT.refused : EXIT.ok;
    });
  },
};
