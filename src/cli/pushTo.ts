// `atlas-backup push FILE --to <projectId>/<clusterName>... [--yes] [--force]`: one schedule applied to many
// clusters with the checks of a single push: FILE is linted first (errors: nothing is sent); each target is read and
// linted with its own context (NVMe, continuous backup, zones, its project's compliance policy); a refused or
// unreadable target stops everything unless --force, which pushes the others (a refused one never gets anything);
// every cluster that will change is listed and, on a terminal, asked about once (without one, --yes); pushes run one
// at a time and each cluster gets its result. Exit 0 all pushed (or nothing to do), 1 refused, 2 usage, 3 a push failed.
import { lintSchedule } from '../core/schedule/lintSchedule';
import { getNodeValue, parseTree, type ParseError } from '../core/schedule/jsonc';
import type { BackupSchedule } from '../core/atlas/types';
import { applyPlans, planApply, type ApplyTarget } from '../core/fleet/applyToMany';
import { formatPlans, formatResults, targetName } from '../core/fleet/applyReport';
import { EXIT, parseArgs, plural, RefusedError, UsageError, type CliContext } from './args';
import { checkClusterName, checkProjectId, withAtlas } from './atlas';
import { formatProblem, readText } from './lint';

/** Takes every `--to X` / `--to=X` out of args. */
function takeTargets(args: readonly string[]): { to: string[]; rest: string[] } {
  const to: string[] = [],
    rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--to') {
      const v = args[++i];
      if (!v || v.startsWith('--')) throw new UsageError('--to needs <projectId>/<clusterName>');
      to.push(v);
    } else if (a.startsWith('--to=')) to.push(a.slice(5));
    else rest.push(a);
  }
  return { to, rest };
}

export function isPushToMany(args: readonly string[]): boolean {
  return args.some((a) => a === '--to' || a.startsWith('--to='));
}

export function parseTarget(v: string): ApplyTarget {
  const slash = v.indexOf('/');
  if (slash < 0) throw new UsageError(`--to "${v}" is not <projectId>/<clusterName>`);
  return {
    groupId: checkProjectId(v.slice(0, slash), `--to "${v}": the project id`),
    clusterName: checkClusterName(v.slice(slash + 1), `--to "${v}": the cluster name`),
  };
}

export async function pushToMany(args: string[], io: CliContext): Promise<number> {
  const { to, rest } = takeTargets(args);
  const p = parseArgs(rest, { booleans: ['--yes', '--force'], values: ['--base-url'] });
  if (p.positionals.length !== 1) throw new UsageError('push --to takes one schedule file');
  const targets = to.map(parseTarget);
  const seen = new Set<string>();
  for (const t of targets) {
    const k = `${t.groupId}/${t.clusterName}`;
    if (seen.has(k)) throw new UsageError(`--to ${k} is given twice`);
    seen.add(k);
  }
  const file = p.positionals[0];
  const text = readText(file);
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const source = (root && !errors.length ? getNodeValue(root) : undefined) as BackupSchedule | undefined;
  // Lint before any request: a file with errors never reaches Atlas.
  const problems = (await lintSchedule(text)).filter((x) => x.severity === 'error');
  if (problems.length || !source || typeof source !== 'object') {
    for (const e of problems) io.err(`${formatProblem(file, text, e)}\n`);
    throw new RefusedError(
      `refusing to push ${file}: ${plural(problems.length, 'error')} (${[...new Set(problems.map((e) => e.ruleId))].join(', ')}); nothing was sent.`,
    );
  }
  return withAtlas(p, io, async ({ client, origin }) => {
    const names = new Map<string, string>();
    try {
      for (const g of (await client.listProjectsPage({ itemsPerPage: 500 })).results) if (g.id) names.set(g.id, g.name);
    } catch {
      /* ids will do */
    }
    for (const t of targets) t.projectName = names.get(t.groupId);
    const plans = await planApply(client, source, targets);
    io.out(`${formatPlans(plans)}\n\n`);
    const ready = plans.filter((x) => x.status === 'ready');
    const blocked = plans.filter((x) => x.status === 'refused' || x.status === 'unreadable');
    if (blocked.length && !p.flags.has('--force')) {
      throw new RefusedError(
        `${plural(blocked.length, 'target')} refused or not read (${blocked.map(targetName).join(', ')}); nothing was sent. Fix them, leave them out, or pass --force to push the ${plural(ready.length, 'other')} anyway.`,
      );
    }
    if (!ready.length) {
      io.out('Nothing to push: no target would change. Nothing was sent.\n');
      return blocked.length ? EXIT.refused : EXIT.ok;
    }
    io.out(
      `Pushing ${file} changes ${plural(ready.length, 'cluster')}:\n${ready.map((x) => `  ${targetName(x)} (${plural(x.changes.length, 'change')})`).join('\n')}\n`,
    );
    if (!p.flags.has('--yes')) {
      if (!io.interactive)
        throw new RefusedError(
          'not asking without a terminal: pass --yes to push without confirmation; nothing was sent.',
        );
      const answer = (await io.ask(`Push to these ${plural(ready.length, 'cluster')}? [y/N] `))?.trim().toLowerCase();
      if (answer !== 'y' && answer !== 'yes') throw new RefusedError('declined; nothing was sent.');
    }
    const results = await applyPlans(client, plans, {
      origin,
      signIn: { label: 'atlas-backup CLI' },
      onStart: (x, i, n) => io.err(`[${i + 1}/${n}] ${targetName(x)}…\n`),
    });
    io.out(`${formatResults(results)}\n`);
    const failed = results.filter((r) => r.outcome === 'failed').length;
    const moved = results.filter((r) => r.outcome === 'moved').length;
    io.out(
      `${plural(results.filter((r) => r.outcome === 'pushed').length, 'cluster')} pushed, ${failed} failed${moved ? `, ${moved} changed in Atlas meanwhile (not pushed)` : ''}${blocked.length ? `, ${blocked.length} refused` : ''}.\n`,
    );
    return failed ? EXIT.atlas : blocked.length || moved ? EXIT.refused : EXIT.ok;
  });
}
