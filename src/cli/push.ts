// `atlas-backup push [--yes] [--force] FILE`: lint (refuse on errors, naming the rules), compare with Atlas now
// (refuse when Atlas changed since the file was pulled, unless --force), show the changes, ask on a terminal
// (without one, refuse unless --yes), PATCH once, and record in the file what Atlas has now.
import { AtlasError, describeWriteFailure } from '../core/atlas/errors';
import { AtomicWriteError, writeFileAtomic } from '../core/common/atomicWrite';
import { fetchScheduleContext } from '../core/schedule/scheduleContextSource';
import { lintSchedule } from '../core/schedule/lintSchedule';
import { formatChanges } from '../core/schedule/diff';
import { recordPulled } from '../core/schedule/scheduleFile';
import type { Problem, ScheduleContext } from '../core/schedule/types';
import { formatTime } from '../core/time/formatTime';
import { describeDrift } from './pulledBase';
import {
  answerDiffers,
  describeAnswerDiffers,
  planPush,
  recheckRemote,
  RemoteMovedError,
  sendPush,
} from '../core/push/pushCore';
import {
  AtlasFailure,
  EXIT,
  InputError,
  parseArgs,
  plural,
  RefusedError,
  UsageError,
  type CliContext,
  type Command,
} from './args';
import { checkOrigin, CONNECTION_FLAGS, readScheduleFile, withAtlas, type ScheduleFile } from './atlas';
import { formatProblem, readText } from './lint';
import { isPushToMany, pushToMany } from './pushTo';
import { COMMAND_HELP } from './help';

async function refuseOnErrors(
  f: Pick<ScheduleFile, 'file' | 'text'>,
  ctx: ScheduleContext,
  io: CliContext,
): Promise<void> {
  const errors = (await lintSchedule(f.text, ctx)).filter((p: Problem) => p.severity === 'error');
  if (!errors.length) return;
  for (const e of errors) io.err(`${formatProblem(f.file, f.text, e)}\n`);
  const rules = [...new Set(errors.map((e) => e.ruleId))];
  throw new RefusedError(
    `refusing to push ${f.file}: ${plural(errors.length, 'error')} (${rules.join(', ')}); nothing was sent. Fix them (atlas-backup lint ${f.file}) and push again.`,
  );
}

export const pushCommand: Command = {
  ...COMMAND_HELP.push,
  async run(args, io) {
    // One schedule to many clusters (the fleet's apply-to-many): its own checks, in pushTo.ts.
    if (isPushToMany(args)) return pushToMany(args, io);
    const p = parseArgs(args, { booleans: ['--yes', '--force'], values: [CONNECTION_FLAGS[0]] });
    if (p.positionals.length !== 1) throw new UsageError('push takes one schedule file');
    // Lint before anything else (a file that is not even JSON is refused as a json-syntax error, exit 1) and before
    // any request: a file with errors never reaches Atlas.
    const file = p.positionals[0];
    await refuseOnErrors({ file, text: readText(file) }, {}, io);
    const f = readScheduleFile(file);
    const { groupId, clusterName, pulled } = f.target;
    return withAtlas(p, io, async ({ client, origin }) => {
      checkOrigin(f, origin);
      // Again with what Atlas says about the cluster (NVMe, continuous backup, zones, compliance policy).
      await refuseOnErrors(f, await fetchScheduleContext(client, groupId, clusterName), io);
      const plan = await planPush(
        client,
        { groupId, clusterName },
        f.schedule,
        pulled ? { fingerprint: pulled.fingerprint } : undefined,
      );
      const target = `${clusterName} (project ${groupId})`;
      if (plan.nothingToChange) {
        io.out(`Nothing to change: ${f.file} matches the backup schedule of ${target} in Atlas. Nothing was sent.\n`);
        return EXIT.ok;
      }
      if (!p.flags.has('--force')) {
        if (!pulled) {
          throw new RefusedError(
            `${f.file} has no "atlas.pulled" fingerprint, so a change made in Atlas since it was written cannot be detected; nothing was sent. Pull it (atlas-backup pull ${clusterName} --projectId ${groupId} --out ${f.file}) and re-apply your edits, or push with --force.`,
          );
        }
        if (plan.remoteChanged) {
          const sides = describeDrift(plan.remote, f.schedule, pulled, f.file);
          throw new RefusedError(
            sides
              ? `Atlas's backup schedule of ${target} changed since ${f.file} was pulled; nothing was sent.\n${sides}\n` +
                  `Pull again and re-apply your edits, or push with --force to overwrite Atlas's changes.`
              : `Atlas's backup schedule of ${target} changed since ${f.file} was pulled (${formatTime(pulled.at, { local: true })}); nothing was sent. ` +
                  `Atlas now differs from the file in:\n${formatChanges(plan.pushChanges)}\n` +
                  `Some of these are changes made in Atlas since; pushing would undo them. Pull again and re-apply your edits, or push with --force to overwrite.`,
          );
        }
      }
      io.out(
        `Pushing ${f.file} makes ${plural(plan.pushChanges.length, 'change')} to ${target}:\n${formatChanges(plan.pushChanges)}\n`,
      );
      if (!p.flags.has('--yes')) {
        if (!io.interactive)
          throw new RefusedError(
            'not asking without a terminal: pass --yes to push without confirmation; nothing was sent.',
          );
        const answer = (await io.ask(`Push these changes to ${clusterName} in project ${groupId}? [y/N] `))
          ?.trim()
          .toLowerCase();
        if (answer !== 'y' && answer !== 'yes') throw new RefusedError('declined; nothing was sent.');
      }
      // Atlas has no ETag: look again now, after the confirmation, and send nothing if it moved meanwhile.
      let current;
      try {
        current = await recheckRemote(client, { groupId, clusterName }, plan.remote, { what: target });
      } catch (e) {
        if (e instanceof AtlasError)
          throw new AtlasFailure(`cannot read ${target} again before pushing: ${e.message} Nothing was sent.`);
        if (!(e instanceof RemoteMovedError)) throw e;
        throw new RefusedError(
          `${e.message}\nPushing now would undo that change. Pull again (atlas-backup pull ${clusterName} --projectId ${groupId} --out ${f.file}) and re-apply your edits.`,
        );
      }
      let answer;
      try {
        answer = await sendPush(client, { groupId, clusterName }, f.schedule, current);
      } catch (e) {
        if (!(e instanceof AtlasError)) throw e;
        throw new AtlasFailure(
          describeWriteFailure(e, { what: `the push to ${target}`, look: `run atlas-backup diff ${f.file}` }).message,
        );
      }
      const differs = describeAnswerDiffers(answerDiffers(f.schedule, answer), target);
      if (differs)
        io.err(
          `Note: ${differs}\n${f.file} keeps what was sent; pull it again to see Atlas's version (atlas-backup pull ${clusterName} --projectId ${groupId} --out ${f.file}).\n`,
        );
      // The file now describes what Atlas has: the next push from it compares with this.
      try {
        writeFileAtomic(f.file, recordPulled(f.text, answer, { at: new Date().toISOString(), from: origin }));
      } catch (e) {
        if (!(e instanceof AtomicWriteError)) throw e;
        throw new InputError(
          `Pushed: ${target} has the new schedule, but ${e.message}. Pull it again before the next push (atlas-backup pull ${clusterName} --projectId ${groupId} --out ${f.file}).`,
        );
      }
      io.out(`Pushed: ${target} has the new schedule.\n`);
      return EXIT.ok;
    });
  },
};
