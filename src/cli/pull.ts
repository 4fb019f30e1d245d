// `atlas-backup pull <clusterName> --projectId <id> [--out FILE]`: the cluster's schedule as a schedule file, with
// the `atlas` block naming project and cluster and recording what it was pulled from (time, origin, fingerprint), so
// that a later push from the file alone can tell whether Atlas changed since.
import { toScheduleFile } from '../core/schedule/scheduleFile';
import { formatTime } from '../core/time/formatTime';
import { EXIT, flagValue, parseArgs, UsageError, type Command } from './args';
import { writeOutFile } from './outFile';
import { checkClusterName, CONNECTION_FLAGS, projectIdFrom, withAtlas } from './atlas';
import { refuseNonRegularTarget } from './lint';
import { COMMAND_HELP } from './help';

export const pullCommand: Command = {
  ...COMMAND_HELP.pull,
  async run(args, ctx) {
    const p = parseArgs(args, { values: [...CONNECTION_FLAGS, '--out'] });
    if (p.positionals.length > 1) throw new UsageError('pull takes one cluster name');
    const clusterName = checkClusterName(p.positionals[0]);
    const groupId = projectIdFrom(p, ctx);
    const out = flagValue(p, '--out');
    if (out !== undefined) refuseNonRegularTarget(out, '--out'); // before anything is sent
    return withAtlas(p, ctx, async ({ client, origin }) => {
      const pulledAt = new Date().toISOString();
      const schedule = await client.getBackupSchedule(groupId, clusterName);
      const text = toScheduleFile(schedule, { groupId, clusterName, pulledAt, origin });
      if (out === undefined) ctx.out(text);
      else {
        const created = writeOutFile(out, text);
        if (created) ctx.err(`Created the folder ${created}.\n`);
        ctx.err(
          `Wrote ${out}: the backup schedule of ${clusterName} (project ${groupId}) as of ${formatTime(pulledAt)}.\n`,
        );
      }
      const items = schedule.policies?.[0]?.policyItems;
      if (Array.isArray(items) && items.length === 0)
        ctx.err(`Note: ${clusterName} takes no scheduled snapshots (its policy has no items).\n`);
      return EXIT.ok;
    });
  },
};
