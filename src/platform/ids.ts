// Manifest as code: every id the extension shares with package.json lives here, and
// test/unit/manifest.test.ts keeps the two in step. No vscode import, so plain Node can check it.
export const EXTENSION_ID = 'atlas-backup.atlas-backup';

export const Commands = {
  signIn: 'atlasBackup.signIn',
  signOut: 'atlasBackup.signOut',
  refresh: 'atlasBackup.refresh',
  retry: 'atlasBackup.retry',
  showLog: 'atlasBackup.showLog',
  editSchedule: 'atlasBackup.editSchedule',
  discardDraft: 'atlasBackup.discardDraft',
  pullSchedule: 'atlasBackup.pullSchedule',
  openScheduleAsJson: 'atlasBackup.openScheduleAsJson',
  openScheduleEditor: 'atlasBackup.openScheduleEditor',
  pushSchedule: 'atlasBackup.pushSchedule',
  deleteSchedules: 'atlasBackup.deleteSchedules',
  showScheduleHistory: 'atlasBackup.showScheduleHistory',
} as const;
export type CommandId = (typeof Commands)[keyof typeof Commands];

/** Commands that act on a tree row; hidden from the command palette. */
export const TreeOnlyCommands: readonly CommandId[] = [Commands.retry];

/** The schedule editor (a custom text editor on *.schedule.json, offered through Open With). */
export const CustomEditors = { schedule: 'atlasBackup.scheduleEditor' } as const;

export const Views = {
  container: 'atlasBackup',
  projects: 'atlasBackup.projects',
} as const;

export const ContextValues = {
  project: 'project',
  cluster: 'cluster',
  loading: 'loading',
  error: 'error',
  empty: 'empty',
} as const;

/** Context keys the extension sets for when-clauses. */
export const ContextKeys = {
  signedIn: 'atlasBackup.signedIn',
} as const;

export const Settings = {
  section: 'atlasBackup',
  baseUrl: 'baseUrl',
  requestTimeoutSeconds: 'requestTimeoutSeconds',
  /** Push: always ask for the typed cluster name, not only for the projects listed below. */
  alwaysTypeClusterName: 'confirmations.alwaysTypeClusterName',
  /** Push: projects (ids or names) whose pushes need the typed cluster name. Delete always needs it. */
  typeClusterNameForProjects: 'confirmations.typeClusterNameForProjects',
} as const;

/** Read-only documents the push flow opens in vscode.diff (Atlas's version, the draft, a merge), normalised. */
export const PUSH_DOCUMENT_SCHEME = 'atlas-backup-push';

export const DEFAULT_BASE_URL = 'https://cloud.mongodb.com';
