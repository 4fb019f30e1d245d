// Each command's name, synopsis and help, apart from the commands themselves: `atlas-backup --help` and a usage error
// print them without loading any command (main.ts loads a command only to run it, so start-up stays small).
// dist/cli/help.cjs (helpEntry.ts) answers --help and --version from this file alone, before any ESM loads.
// vscode-free, no imports.

export interface CommandHelp {
  name: string;
  /** One or more `atlas-backup …` synopsis lines. */
  synopsis: string;
  /** Indented help lines shown under the synopsis block. */
  help: string;
}

export const COMMAND_HELP = {
  lint: {
    name: 'lint',
    synopsis:
      'atlas-backup lint [--nvme] [--pit|--no-pit] [--compliance POLICY.json] [--format text|json|sarif] FILE|DIR...',
    help: `lint     Checks Atlas backup schedule files (API version 2024-08-05, JSON or JSONC) against the
         schedule schema and rules (docs/rules.md). A directory lints the *.schedule.json files in it.
  --nvme               the cluster is NVMe (hourly items only every 12 hours)
  --pit                the cluster has continuous backup (point-in-time restore)
  --no-pit             the cluster has no continuous backup (checks PIT-only settings)
  --compliance FILE    the project's Backup Compliance Policy, as GET /backupCompliancePolicy returns it
  --format text|json   text (default): "file:line:column  severity  message  rule-id" and a summary;
                       json: an array of { file, ruleId, severity, message, line, column, path };
                       sarif: SARIF 2.1.0 for GitHub code scanning (paths relative to the current folder)`,
  },
  schema: {
    name: 'schema',
    synopsis: 'atlas-backup schema [DIR]',
    help: `schema   Prints the JSON schema, or writes DIR/backup-schedule.schema.json.`,
  },
  pull: {
    name: 'pull',
    synopsis: 'atlas-backup pull <clusterName> [--projectId ID] [--out FILE] [--base-url URL]',
    help: `pull     Writes the cluster's backup schedule as a schedule file (stdout without --out).`,
  },
  diff: {
    name: 'diff',
    synopsis: 'atlas-backup diff [--exit-code] [--base-url URL] FILE',
    help: `diff     Lists what pushing FILE would change in Atlas now (items, retention, intervals, reference time,
         restore window, export, copy regions) with the consequences.
  --exit-code          exit 1 when there are differences (as git diff --exit-code)`,
  },
  push: {
    name: 'push',
    synopsis:
      'atlas-backup push [--yes] [--force] [--base-url URL] FILE\natlas-backup push [--yes] [--force] [--base-url URL] FILE --to <projectId>/<clusterName>...',
    help: `push     Pushes FILE to the cluster it names: lints it (refuses on errors), compares it with Atlas now,
         shows the changes and asks on a terminal; sends nothing when there is nothing to change.
  --yes                do not ask (needed without a terminal, as in CI)
  --force              push even though Atlas changed since FILE was pulled (overwrites that change)
  --to P/C             apply FILE to cluster C of project P instead (repeatable): each target keeps its
                       own item ids and copy settings and is linted with its own context; a refused or
                       unreadable target stops all unless --force (then only the others are pushed)`,
  },
  delete: {
    name: 'delete',
    synopsis: 'atlas-backup delete <clusterName> [--projectId ID] --confirm <clusterName> [--base-url URL]',
    help: `delete   Removes every policy item of the cluster's backup schedule: it takes no more scheduled snapshots;
         existing snapshots stay until they expire. --confirm must repeat the cluster name. Refused, before
         anything is sent, when the project's Backup Compliance Policy forbids it.`,
  },
  audit: {
    name: 'audit',
    synopsis:
      'atlas-backup audit [--projectId ID]... [--restore-age-days N] [--rpo-target SECONDS] [--format text|json|markdown|sarif] [--base-url URL]',
    help: `audit    Every cluster's backup posture (all projects the credentials see, or the --projectId ones):
         backup state, schedule, the rules with the cluster's own context (NVMe, continuous backup,
         zones, the project's compliance policy), compliance, newest snapshot against the schedule,
         and the recovery posture: RPO (60 s with continuous backup, else the most frequent item's
         interval or the newest snapshot's age when larger), the restorable window and restore
         points, the last successful restore (Atlas's list of the cluster's restore jobs).
         Exit 1 when any cluster has an error (a rule error, an overdue snapshot, backup on with no
         scheduled snapshots, backup off under an enforced compliance policy) or part of the fleet
         could not be read (each unread cluster
         or project is a finding); 3 when nothing could be read. A 403 (a role that cannot read,
         say, compliance policies) is reported and does not fail the run. Credentials as the Atlas
         CLI names them.
  --projectId ID       only this project (repeatable); without it every project the credentials
                       see is audited (MONGODB_ATLAS_PROJECT_ID does not narrow an audit)
  --restore-age-days N a warning when a cluster has no successful restore in N days (default
                       90; 1 to 3650)
  --rpo-target SECONDS a warning when a cluster's RPO is above SECONDS (or unbounded); no target
                       without it
  --format FORMAT      text (default), json (the report), markdown (a table), sarif (SARIF 2.1.0)`,
  },
  export: {
    name: 'export',
    synopsis: 'atlas-backup export --format terraform|atlas-cli|curl [--out FILE] [--base-url URL] SCHEDULE_FILE',
    help: `export   Writes a schedule file as code: a Terraform mongodbatlas_cloud_backup_schedule resource, the
         --file JSON of "atlas backups schedule update" (its command line on stderr, or on stdout
         with --out), or a curl PATCH with HTTP Digest reading the key from MONGODB_ATLAS_*_API_KEY.
  --out FILE           write to FILE instead of stdout`,
  },
  restore: {
    name: 'restore',
    synopsis: [
      'atlas-backup restore <clusterName> [--projectId ID] --snapshot ID --to <projectId>/<cluster> --confirm <cluster> [--overwrite-source] [--watch] [--format text|json]',
      'atlas-backup restore <clusterName> [--projectId ID] --point-in-time <ISO-8601|epoch-seconds|ts:inc> --to <projectId>/<cluster> --confirm <cluster> [--overwrite-source] [--watch] [--format text|json]',
      'atlas-backup restore <clusterName> [--projectId ID] --snapshot ID --download [--watch] [--format text|json]',
      'atlas-backup restore <clusterName> [--projectId ID] (--snapshot ID | --point-in-time T) (--collection DB.COLL[=DB2.COLL2]... | --database DB[=DB2]...)',
      '                    [--collection-suffix S] [--database-suffix S] --to <projectId>/<cluster> [--write-strategy create-new|overwrite]',
      '                    [--index-strategy all|none|all-except-ttl] [--confirm <cluster>] [--overwrite-source] [--watch] [--format text|json]',
    ].join('\n'),
    help: `restore  Restores the cluster's backup: a snapshot (--snapshot) or a point in time (--point-in-time, needs
         continuous backup) onto the cluster --to names, whose databases are all deleted and replaced; or a
         snapshot as files to download (--download); or only some collections or databases (--collection,
         --database) onto the target, the rest of it untouched. Shows the plan and its checks first (to stderr
         with --format json) and refuses, sending nothing, when a check fails (exit 1). The start is sent once
         and never retried. Exit 0 started (with --watch: finished); 2 usage; 3 Atlas, or a watched restore
         that failed, was cancelled or expired.
         A Flex cluster is restored the same way (--snapshot onto a cluster, or --download: one archive whose
         link works four hours); it has no point in time. The name is looked up as a dedicated cluster first
         and, when Atlas has none of that name, as a Flex cluster.
  --to P/C             the target: cluster C of project P
  --confirm C          repeat the target cluster's name (required onto a cluster, and for --write-strategy
                       overwrite; a create-new collection restore asks nothing, but a --confirm given is checked)
  --overwrite-source   allow the target to be the source cluster itself
  --point-in-time T    2026-11-20T10:00:00Z (Z or an offset required), epoch seconds, or an oplog ts:inc
  --collection NS      DB.COLL, split at the first dot (collection names may hold dots); =DB2.COLL2 writes it
                       under another name (repeatable, at most 100; not with --database)
  --database DB        a whole database; =DB2 writes it under another name (repeatable)
  --database-suffix S, --collection-suffix S
                       appended to the target's database and collection names
  --write-strategy W   create-new (default): new collections, existing ones untouched; overwrite: replaces
                       collections of the same name on the target
  --index-strategy I   all (default), none (only _id), all-except-ttl
  --watch              wait until the restore ends, with progress on a terminal (documents restored of
                       total for a collection restore); Ctrl-C stops watching (exit 130), the restore goes on
  --format json        stdout: the job ({ id, kind, deliveryType, state, …, plan })`,
  },
  restores: {
    name: 'restores',
    synopsis: [
      'atlas-backup restores <clusterName> [--projectId ID] [--format text|json]',
      'atlas-backup restores <clusterName> [--projectId ID] --watch JOB_ID | --cancel JOB_ID [--yes] [--format text|json]',
    ].join('\n'),
    help: `restores Lists the cluster's restore jobs in Atlas's order, snapshot restore jobs first, then collection
         restore jobs (kind collection), with their state, target and download links; a Flex cluster's own jobs
         (kind flex). --format json prints them as one array.
  --watch JOB_ID       wait until the job ends (exit 0 finished, 3 failed, cancelled or expired; Ctrl-C 130); the
                       id is looked for among snapshot restore jobs, then collection restore jobs
  --cancel JOB_ID      cancel a running restore or invalidate a download's links: asks on a terminal (--yes
                       without one); refused (exit 1), sending nothing, when the job cannot be cancelled
                       (collection and Flex restore jobs never can)`,
  },
  drill: {
    name: 'drill',
    synopsis:
      'atlas-backup drill <clusterName> [--projectId ID] --to <projectId>/<scratchCluster> --confirm <scratchCluster>\n' +
      '                   [--point-in-time T] [--format text|json|markdown] [--out REPORT] [--base-url URL]',
    help: `drill    A restore drill: restores the cluster's newest completed snapshot (or --point-in-time) onto a
         scratch cluster, through the restore plan and its checks (never onto the source itself), watches it to
         its end and prints a report (stdout; the plan and progress go to stderr). A refused or failed drill
         still prints its report and writes --out. The start is sent once and never retried. Exit 0 the restore
         completed, 1 refused by a check, 2 usage, 3 the restore failed or Atlas/the network failed, 130 Ctrl-C
         (the restore goes on).
  --to P/C             the scratch cluster: cluster C of project P; all its databases are replaced
  --confirm C          repeat the scratch cluster's name (required)
  --point-in-time T    restore this moment instead of the newest snapshot (needs continuous backup)
  --format F           text (default), json ({ state, snapshotId, pointInTimeUtc, source, target, startedAt,
                       finishedAt, durationSeconds, checks, restoreJobId, error }) or markdown
  --out REPORT         also write the report to this file (its folder is created)`,
  },
  'export-snapshot': {
    name: 'export-snapshot',
    synopsis:
      'atlas-backup export-snapshot <clusterName> [--projectId ID] --snapshot ID --bucket <bucketId|bucketName> [--custom-data k=v]... [--watch] [--format text|json] [--base-url URL]',
    help: `export-snapshot  Exports one snapshot of the cluster to one of the project's export buckets (S3, Azure Blob
         Storage or Google Cloud Storage). Sent once, never repeated: if the answer is lost, look with
         atlas-backup exports before trying again. A failed export is not retried by Atlas and may leave
         partial data in the bucket under its prefix.
  --snapshot ID        the snapshot (24 hexadecimal characters)
  --bucket B           the export bucket's id, or its name when only one bucket has it
  --custom-data k=v    a key and value for the metadata file Atlas writes at the end (repeatable)
  --watch              wait for the end, showing collections exported of total, then the prefix`,
  },
  exports: {
    name: 'exports',
    synopsis: 'atlas-backup exports <clusterName> [--projectId ID] [--format text|json] [--base-url URL]',
    help: `exports  Lists the cluster's snapshot exports to buckets: state, collections exported of total, bucket,
         prefix, and why a failed one failed.`,
  },
  'compliance-policy': {
    name: 'compliance-policy',
    synopsis:
      'atlas-backup compliance-policy <show|plan|apply> [--projectId ID] [--file POLICY.json] [--overwrite-schedules|--keep-schedules]\n' +
      '                               [--confirm <projectName>] [--watch] [--format text|json] [--base-url URL]',
    help: `compliance-policy
         show: the project's Backup Compliance Policy. plan: what setting the policy in --file would do to every
         cluster's schedule (with --overwrite-schedules Atlas raises them; with --keep-schedules it refuses the
         whole request if one falls short; with neither, both), what it forbids afterwards, and what of an edit
         Atlas refuses; sends nothing. apply: the same, then the PUT; needs --confirm with the project's name and
         one of the two schedule flags; refused before sending when the plan says Atlas would refuse. --watch
         waits until the policy is ACTIVE. The policy cannot be turned off without MongoDB Support.`,
  },
} satisfies Record<string, CommandHelp>;

const ALL: readonly CommandHelp[] = Object.values(COMMAND_HELP);

/**
 * The commands dist/cli.js runs from dist/cli/lint.cjs rather than main.cjs (the entries of LINT_COMMANDS in
 * lintCommands.ts; a unit test keeps them equal). Named here because the launcher asks help.cjs, which must not carry
 * the commands themselves.
 */
export const LINT_BUNDLE: readonly (keyof typeof COMMAND_HELP)[] = ['lint', 'schema'];

/** What was asked for, when the arguments ask for the help or the version rather than to run a command. */
export function helpAsked(args: readonly string[]): 'help' | 'version' | undefined {
  const [name, ...rest] = args;
  if (name === '--help' || name === '-h' || name === 'help') return 'help';
  if (name === '--version' || name === '-v') return 'version';
  if (ALL.some((c) => c.name === name) && (rest.includes('--help') || rest.includes('-h'))) return 'help';
  return undefined;
}

export function usage(): string {
  return [
    'Usage:',
    ...ALL.map((c) => `  ${c.synopsis.split('\n').join('\n  ')}`),
    '  atlas-backup --help | --version',
    '',
    ...ALL.map((c) => c.help),
    '',
    'Exit status: 0 done (no errors, nothing to do; a watched restore or export succeeded), 1 refused (errors found,',
    'conflict, compliance, declined, a failed restore check), 2 usage error or unreadable file, 3 Atlas or network',
    'error (and a watched restore or export that failed, was cancelled or expired), 130 stopped watching with Ctrl-C',
    '(the restore goes on).',
  ].join('\n');
}
