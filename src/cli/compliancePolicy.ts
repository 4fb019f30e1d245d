// `atlas-backup compliance-policy <show|plan|apply>`: the project's Backup Compliance Policy, the dry run of a new
// or changed one, and the PUT itself. A policy cannot be turned off without MongoDB Support, so `apply` asks for the
// project's name and an explicit choice about the schedules, and refuses before sending anything whenever the dry
// run says Atlas would refuse (a loosening, a schedule below the policy with --keep-schedules, a malformed policy).
import { AtlasError, describeWriteFailure } from '../core/atlas/errors';
import type { AtlasClient } from '../core/atlas/AtlasClient';
import type { CompliancePolicy } from '../core/atlas/types';
import { describeComplianceItems } from '../core/schedule/describeSchedule';
import { getNodeValue, parseTree, type ParseError } from '../core/schedule/jsonc';
import { dryRun, formatDryRun, loadProjectBackupState, validatePolicy, type DryRun } from '../core/compliance';
import { watchPolicy } from '../core/compliance/watchPolicy';
import {
  AtlasFailure,
  EXIT,
  flagValue,
  InputError,
  parseArgs,
  RefusedError,
  UsageError,
  type CliContext,
  type Command,
  type ParsedArgs,
} from './args';
import { COMMAND_HELP } from './help';
import { CONNECTION_FLAGS, projectIdFrom, withAtlas } from './atlas';
import { readText } from './lint';

const FORMATS = ['text', 'json'] as const;
type Format = (typeof FORMATS)[number];
const ACTIONS = ['show', 'plan', 'apply'] as const;

/** How often and how long `--watch` asks for the policy's state (Atlas settles a policy within minutes). */
export const WATCH = { intervalMs: 5_000, maxPolls: 360 };

const NO_DISABLE =
  'A Backup Compliance Policy cannot be turned off without MongoDB Support: the authorised user has to ask them.';

function readPolicyFile(file: string | undefined): CompliancePolicy {
  if (!file) throw new UsageError('plan and apply need --file POLICY.json: the Backup Compliance Policy to set');
  const text = readText(file);
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const value: unknown = root && !errors.length ? getNodeValue(root) : undefined;
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new InputError(`${file} is not a Backup Compliance Policy: expected a JSON object`);
  return value as CompliancePolicy;
}

async function projectName(client: AtlasClient, groupId: string): Promise<string> {
  for await (const g of client.listProjects()) if (g.id === groupId) return g.name;
  throw new RefusedError(`project ${groupId} is not among the projects these credentials can see`);
}

function planJson(d: DryRun): unknown {
  return {
    overwriteBackupPolicies: d.overwriteBackupPolicies,
    accepted: d.accepted,
    problems: d.problems,
    loosening: d.loosening,
    refusingClusters: d.refusingClusters,
    extraSnapshots: d.extraSnapshots,
    forbidden: d.forbidden,
    clusters: d.clusters.map((c) => ({
      name: c.name,
      backedUp: c.backedUp,
      shortfalls: c.shortfalls,
      turnsOnPointInTime: c.turnsOnPointInTime,
      changes: c.changes.map((x) => ({ kind: x.kind, summary: x.summary, consequence: x.consequence })),
      extraSnapshots: c.extraSnapshots,
      after: c.after,
    })),
  };
}

function describePolicy(p: CompliancePolicy): string {
  const lines = [
    `Backup Compliance Policy (${p.state ?? 'state unknown'}), authorised by ${p.authorizedUserFirstName ?? ''} ${p.authorizedUserLastName ?? ''} <${p.authorizedEmail}>`,
    ...describeComplianceItems(p).map((s) => `  - ${s}`),
    `  point-in-time restore: ${p.pitEnabled ? `required${p.restoreWindowDays ? `, restore window at least ${p.restoreWindowDays} days` : ''}` : 'not required'}`,
    `  copy protection: ${p.copyProtectionEnabled ? 'on' : 'off'}; encryption at rest: ${p.encryptionAtRestEnabled ? 'required' : 'not required'}`,
    `  ${p.deletable ? 'MongoDB Support has marked it deletable.' : NO_DISABLE}`,
  ];
  return `${lines.join('\n')}\n`;
}

function scheduleChoice(p: ParsedArgs): boolean | undefined {
  const over = p.flags.has('--overwrite-schedules'),
    keep = p.flags.has('--keep-schedules');
  if (over && keep) throw new UsageError('give either --overwrite-schedules or --keep-schedules, not both');
  return over ? true : keep ? false : undefined;
}

/** `--watch`: the core's watch (the one the form uses), each state read on stderr; a failed read ends it as an error. */
async function watch(client: AtlasClient, groupId: string, ctx: CliContext, from: string | undefined) {
  // Nothing cancels the wait but Ctrl-C, which ends the process: the policy settles in Atlas either way.
  const never = new AbortController().signal;
  const r = await watchPolicy(client, groupId, from, {
    ...WATCH,
    signal: never,
    sleep: (ms) => ctx.sleep(ms, never),
    onState: (state) => ctx.err(`  policy ${state ?? '(none)'}\n`),
  });
  // A read Atlas or the network refused is an Atlas failure like any other (exit 3), as the command's other reads.
  if (r.ended === 'read-failed') throw r.error;
  return r.state;
}

export const compliancePolicyCommand: Command = {
  ...COMMAND_HELP['compliance-policy'],
  async run(args, ctx) {
    const p = parseArgs(args, {
      values: [...CONNECTION_FLAGS, '--file', '--confirm', '--format'],
      booleans: ['--overwrite-schedules', '--keep-schedules', '--watch'],
    });
    const action = p.positionals[0];
    if (!action || !(ACTIONS as readonly string[]).includes(action))
      throw new UsageError(`compliance-policy needs one of ${ACTIONS.join(', ')}${action ? `, not "${action}"` : ''}`);
    if (p.positionals.length > 1) throw new UsageError(`compliance-policy ${action} takes no other argument`);
    const format = (flagValue(p, '--format') ?? 'text') as Format;
    if (!FORMATS.includes(format)) throw new UsageError(`--format must be text or json, not "${format}"`);
    const groupId = projectIdFrom(p, ctx);
    const choice = scheduleChoice(p);
    const confirm = flagValue(p, '--confirm');
    if (action !== 'apply') {
      if (confirm !== undefined) throw new UsageError(`--confirm is for apply; ${action} sends nothing`);
      if (p.flags.has('--watch')) throw new UsageError(`--watch is for apply; ${action} sends nothing`);
    }
    if (action === 'show' && (p.flags.has('--file') || choice !== undefined))
      throw new UsageError('show takes no --file or schedule flag; use plan to see what a policy file would do');
    // Everything that can be checked without Atlas is checked before connecting.
    const policy = action === 'show' ? undefined : readPolicyFile(flagValue(p, '--file'));
    if (action === 'apply') {
      if (choice === undefined)
        throw new UsageError(
          'apply needs --overwrite-schedules (Atlas raises every schedule below the policy) or --keep-schedules (Atlas refuses if one is below it); run plan to see both',
        );
      if (confirm === undefined)
        throw new UsageError("apply needs --confirm <projectName>: type the project's name to say you mean it");
    }

    return withAtlas(p, ctx, async ({ client }) => {
      if (!policy) {
        const current = await client.getCompliancePolicy(groupId);
        if (format === 'json') ctx.out(`${JSON.stringify(current ?? null, null, 2)}\n`);
        else ctx.out(current ? describePolicy(current) : `Project ${groupId} has no Backup Compliance Policy.\n`);
        return EXIT.ok;
      }
      const problems = validatePolicy(policy);
      if (problems.length) {
        if (format === 'json') ctx.out(`${JSON.stringify({ problems }, null, 2)}\n`);
        throw new RefusedError(
          `the policy in ${flagValue(p, '--file')} has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}; nothing was sent:\n${problems.map((x) => `  ${x.message}`).join('\n')}`,
        );
      }
      const name = await projectName(client, groupId);
      if (action === 'apply' && confirm !== name)
        throw new UsageError(`--confirm "${confirm}" is not the project's name "${name}"; nothing was sent`);
      const state = await loadProjectBackupState(client, groupId);
      const now = Date.now();
      const runs = (choice === undefined ? [true, false] : [choice]).map((overwrite) =>
        dryRun({ policy, ...state, overwriteBackupPolicies: overwrite, now }),
      );
      if (action === 'plan') {
        if (format === 'json') ctx.out(`${JSON.stringify(runs.map(planJson), null, 2)}\n`);
        else ctx.out(`${runs.map((d) => formatDryRun(d, name)).join('\n\n')}\n`);
        return runs.some((d) => d.accepted) ? EXIT.ok : EXIT.refused;
      }
      const d = runs[0];
      if (format === 'text') ctx.out(`${formatDryRun(d, name)}\n`);
      if (!d.accepted) {
        if (format === 'json') ctx.out(`${JSON.stringify(planJson(d), null, 2)}\n`);
        throw new RefusedError(
          d.loosening.length
            ? 'Atlas refuses an edit that loosens the policy in force; nothing was sent'
            : `Atlas would refuse the policy while ${d.refusingClusters.join(', ')} falls short of it (--keep-schedules); raise those schedules or choose --overwrite-schedules. Nothing was sent`,
        );
      }
      ctx.err(`${NO_DISABLE}\nSetting the policy on ${name} (${groupId})…\n`);
      let answer: CompliancePolicy;
      try {
        answer = await client.putCompliancePolicy(groupId, policy, {
          overwriteBackupPolicies: d.overwriteBackupPolicies,
        });
      } catch (e) {
        if (!(e instanceof AtlasError)) throw e;
        throw new AtlasFailure(
          describeWriteFailure(e, {
            what: `setting the Backup Compliance Policy of ${name} (${groupId})`,
            look: `run atlas-backup compliance-policy show --projectId ${groupId}`,
          }).message,
        );
      }
      let final: string | undefined = answer.state;
      if (p.flags.has('--watch') && final !== 'ACTIVE') final = await watch(client, groupId, ctx, final);
      if (format === 'json')
        ctx.out(`${JSON.stringify({ policy: { ...answer, state: final }, plan: planJson(d) }, null, 2)}\n`);
      else ctx.out(`The policy is ${final ?? 'set'} on ${name}.\n`);
      if (p.flags.has('--watch') && final !== 'ACTIVE') {
        ctx.err(
          `The policy was still ${final ?? 'unknown'} when the watch ended; check with compliance-policy show.\n`,
        );
        return EXIT.atlas;
      }
      return EXIT.ok;
    });
  },
};
