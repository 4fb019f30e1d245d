// `atlas-backup delete <clusterName> --projectId <id> --confirm <clusterName>`: removes every policy item of the
// cluster's backup schedule (DELETE …/backup/schedule). --confirm must repeat the name; a Backup Compliance Policy
// that forbids it is found before any write.
import { describeNamedItem } from '../core/schedule/describeSchedule';
import { checkDelete } from '../core/push/pushCore';
import { AtlasError, describeWriteFailure } from '../core/atlas/errors';
import { AtlasFailure, EXIT, flagValue, parseArgs, RefusedError, UsageError, type Command } from './args';
import { checkClusterName, CONNECTION_FLAGS, projectIdFrom, withAtlas } from './atlas';
import { COMMAND_HELP } from './help';

export const deleteCommand: Command = {
  ...COMMAND_HELP.delete,
  async run(args, ctx) {
    const p = parseArgs(args, { values: [...CONNECTION_FLAGS, '--confirm'] });
    if (p.positionals.length > 1) throw new UsageError('delete takes one cluster name');
    const clusterName = checkClusterName(p.positionals[0]);
    const groupId = projectIdFrom(p, ctx);
    const confirm = flagValue(p, '--confirm');
    if (confirm === undefined)
      throw new UsageError(`delete needs --confirm ${clusterName}: repeat the cluster name to say you mean it`);
    if (confirm !== clusterName)
      throw new UsageError(`--confirm "${confirm}" does not repeat the cluster name "${clusterName}"`);
    return withAtlas(p, ctx, async ({ client }) => {
      const check = await checkDelete(client, groupId);
      if (check.refusal) throw new RefusedError(check.refusal);
      if (check.unknown)
        ctx.err(
          "Note: the project's Backup Compliance Policy could not be read (it needs Project Owner); Atlas refuses the delete if one forbids it.\n",
        );
      const before = await client.getBackupSchedule(groupId, clusterName);
      const removed = before.policies?.[0]?.policyItems ?? [];
      // Printed before anything is sent, so what is removed stays on record whatever comes of the DELETE.
      ctx.out(
        removed.length
          ? `Removing every policy item of ${clusterName} (project ${groupId}):\n${removed.map((it) => `  - ${describeNamedItem(it)}\n`).join('')}`
          : `${clusterName} (project ${groupId}) has no policy items; removing its schedule anyway.\n`,
      );
      let answer;
      try {
        answer = await client.deleteBackupSchedules(groupId, clusterName);
      } catch (e) {
        if (!(e instanceof AtlasError)) throw e;
        throw new AtlasFailure(
          describeWriteFailure(e, {
            what: `the delete of ${clusterName}'s backup schedule (project ${groupId})`,
            look: `run atlas-backup pull ${clusterName} --projectId ${groupId}`,
          }).message,
        );
      }
      ctx.out(`Removed: ${clusterName} takes no scheduled snapshots now.\n`);
      ctx.out('Existing snapshots stay until they expire.');
      if (answer.restoreWindowDays !== undefined)
        ctx.out(
          ` The schedule keeps its restore window for continuous backup (restoreWindowDays ${answer.restoreWindowDays}).`,
        );
      ctx.out('\n');
      return EXIT.ok;
    });
  },
};
